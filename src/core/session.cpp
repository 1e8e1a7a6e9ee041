#include "core/session.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <unordered_set>

namespace gridstar
{
using nlohmann::json;

namespace
{
const char* kViewNames[kViewCount] = {"overview", "map", "timeline", "ranking", "data"};
const char* kOriginNames[] = {"none", "sample", "restored", "loaded"};
} // namespace

const char* ViewName(ViewId v)
{
    return kViewNames[int(v)];
}

bool ViewFromName(std::string_view name, ViewId* out)
{
    for (int i = 0; i < kViewCount; ++i)
        if (name == kViewNames[i])
        {
            *out = ViewId(i);
            return true;
        }
    return false;
}

Session::Session() = default;

const LoadResult& Session::LoadJson(std::string_view text, DatasetOrigin origin)
{
    return TakeLoadResult(LoadDatasetJson(text), origin);
}

const LoadResult& Session::TakeLoadResult(LoadResult r, DatasetOrigin origin)
{
    last_load_ = std::move(r);
    has_load_result_ = true;
    ++load_count_;
    if (last_load_.ok)
        Adopt(std::move(last_load_.dataset), origin);
    return last_load_;
}

void Session::Adopt(std::unique_ptr<Dataset> ds, DatasetOrigin origin)
{
    dataset_ = std::move(ds);
    counts_ = dataset_ ? ComputeCounts(*dataset_) : Counts{};
    origin_ = origin;
    ++generation_;
}

void Session::StoreScenesInDataset()
{
    if (dataset_)
        dataset_->scenes = presentation.scenes;
}

bool Session::AddRuleSet(RuleSet set)
{
    if (!dataset_)
        return false;
    std::vector<RuleSet>& sets = dataset_->competition.rule_sets;
    for (RuleSet& s : sets)
        if (s.name == set.name)
        {
            s = std::move(set);
            return true;
        }
    sets.push_back(std::move(set));
    return true;
}

bool Session::RemoveRuleSet(const std::string& name)
{
    if (!dataset_)
        return false;
    std::vector<RuleSet>& sets = dataset_->competition.rule_sets;
    const size_t before = sets.size();
    sets.erase(std::remove_if(sets.begin(), sets.end(), [&](const RuleSet& s) { return s.name == name; }), sets.end());
    return sets.size() != before;
}

json Session::LoadResultJson(const LoadResult& r) const
{
    json errors = json::array();
    json warnings = json::array();
    for (const Fault& f : r.faults)
    {
        json o{{"path", f.path}, {"message", FaultMessage(f, language)}};
        if (f.line > 0)
        {
            o["line"] = f.line;
            o["column"] = f.column;
        }
        (f.severity == Severity::Error ? errors : warnings).push_back(std::move(o));
    }
    return json{{"ok", r.ok},
                {"errors", std::move(errors)},
                {"warnings", std::move(warnings)},
                {"error_count", r.error_count},
                {"warning_count", r.warning_count},
                {"parse_ms", r.parse_ms},
                {"validate_ms", r.validate_ms}};
}

json Session::StateJson() const
{
    json s;
    s["view"] = ViewName(view);
    s["language"] = language;
    json d;
    if (dataset_)
    {
        const Counts& c = counts_;
        d["name"] = dataset_->info.name;
        d["as_of"] = dataset_->info.as_of;
        d["district"] = dataset_->district.name;
        d["synthetic"] = dataset_->info.synthetic;
        d["origin"] = kOriginNames[int(origin_)];
        d["counts"] = json{{"streets", c.streets},
                           {"communities", c.communities},
                           {"grids", c.grids},
                           {"micro_grids", c.micro_grids},
                           {"grid_workers", c.grid_workers},
                           {"volunteers", c.volunteers},
                           {"teams", c.teams},
                           {"activities", c.activities},
                           {"service_hours", c.service_hours},
                           {"households", c.households},
                           {"population", c.population},
                           {"events", c.events},
                           {"events_closed", c.events_closed}};
    }
    else
    {
        d = nullptr;
    }
    s["dataset"] = std::move(d);
    s["generation"] = generation_;
    s["storage"] = json{{"available", storage.available},
                        {"persisted", storage.persisted},
                        {"bytes_used", storage.bytes_used},
                        {"quota", storage.quota},
                        {"dataset_name", storage.stored_name},
                        {"message", storage.message},
                        {"restore_read_ms", storage.restore_read_ms},
                        {"restore_decode_ms", storage.restore_decode_ms}};
    if (has_load_result_)
        s["last_load"] = json{{"ok", last_load_.ok},
                              {"error_count", last_load_.error_count},
                              {"warning_count", last_load_.warning_count}};
    s["presentation"] = json{{"on", presentation.on},
                             {"scene", presentation.index()},
                             {"scene_count", presentation.scenes.size()},
                             {"scene_title", presentation.scenes.empty() ? std::string()
                                                 : presentation.scenes[size_t(presentation.index())].title},
                             {"masking", presentation.on ? presentation.masking : mask_personal},
                             {"auto_advance", presentation.auto_advance},
                             {"loop", presentation.loop}};
    for (auto it = extra_state.begin(); it != extra_state.end(); ++it)
        s[it.key()] = it.value();
    return s;
}

namespace
{
// Calls f(cp) for each code point of at least 0x80 in the UTF-8 text; invalid bytes are skipped, one at a time.
template <typename F>
void ForEachNonAsciiCodepoint(std::string_view s, F f)
{
    const size_t n = s.size();
    size_t i = 0;
    while (i < n)
    {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) // most of a name's bytes may be ASCII: nothing to keep
        {
            ++i;
            continue;
        }
        uint32_t cp = 0;
        int len = 0;
        if ((c & 0xE0) == 0xC0)
        {
            cp = c & 0x1F;
            len = 2;
        }
        else if ((c & 0xF0) == 0xE0)
        {
            cp = c & 0x0F;
            len = 3;
        }
        else if ((c & 0xF8) == 0xF0)
        {
            cp = c & 0x07;
            len = 4;
        }
        else
        {
            ++i;
            continue;
        }
        if (i + size_t(len) > n)
            break;
        bool ok = true;
        for (int k = 1; k < len; ++k)
        {
            const unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cc & 0xC0) != 0x80)
            {
                ok = false;
                break;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok)
        {
            ++i;
            continue;
        }
        if (cp >= 0x80)
            f(cp);
        i += size_t(len);
    }
}

// The distinct code points of many strings, a bit each over the 21 bits a UTF-8 sequence can give, set as the text
// is decoded: no list of every character of every string to sort afterwards.
class CodepointBits
{
public:
    static constexpr uint32_t kRange = 1u << 21;
    void Set(uint32_t cp) { bits_[cp >> 6] |= uint64_t(1) << (cp & 63); } // cp < kRange
    void Add(std::string_view s)
    {
        ForEachNonAsciiCodepoint(s, [this](uint32_t cp) { Set(cp); });
    }
    // Appends the set's code points in ascending order.
    void AppendSorted(std::vector<uint32_t>* out) const
    {
        for (uint32_t w = 0; w < kWords; ++w)
            for (uint64_t b = bits_[w]; b != 0; b &= b - 1)
                out->push_back(w * 64 + uint32_t(__builtin_ctzll(b)));
    }
    std::vector<uint32_t> Sorted() const
    {
        std::vector<uint32_t> out;
        AppendSorted(&out);
        return out;
    }

private:
    static constexpr uint32_t kWords = kRange / 64;
    std::vector<uint64_t> bits_ = std::vector<uint64_t>(kWords, 0);
};
} // namespace

void AppendCodepoints(std::string_view s, std::vector<uint32_t>* out)
{
    ForEachNonAsciiCodepoint(s, [out](uint32_t cp) { out->push_back(cp); });
}

namespace
{
// The names a view may put in a heading: the dataset's, every unit's at every level, teams, periods, classes,
// indicators, scenes.
template <typename Add>
void AddHeadingNames(const Dataset& ds, Add add)
{
    add(ds.info.name);
    add(ds.district.name);
    for (const Street& s : ds.streets)
        add(s.name);
    for (const Community& c : ds.communities)
        add(c.name);
    for (const Grid& g : ds.grids)
        add(g.name);
    for (const MicroGrid& m : ds.micro_grids)
        add(m.name);
    for (const Team& t : ds.teams)
        add(t.name);
    for (const Period& p : ds.competition.periods)
        add(p.name);
    for (const CompetitionClass& k : ds.competition.classes)
        add(k.name);
    for (const Indicator& i : ds.competition.indicators)
        add(i.name);
    for (const Scene& s : ds.scenes)
        add(s.title);
}

// Strings that repeat across the activities (titles, beneficiaries): each distinct one decoded once (a hash set:
// linear, no sort of a million strings). A run of equal strings skips even the hash.
template <typename Field, typename Add>
void AddDistinct(const std::vector<Activity>& activities, Field field, Add add)
{
    std::unordered_set<std::string_view> seen;
    const std::string* prev = nullptr;
    for (const Activity& a : activities)
    {
        const std::string& s = a.*field;
        if (s.empty() || (prev && *prev == s))
            continue;
        prev = &s;
        if (seen.insert(std::string_view(s)).second)
            add(s);
    }
}
} // namespace

std::vector<uint32_t> CollectCodepoints(const Dataset& ds)
{
    CodepointBits cps;
    auto add = [&](const std::string& s) { cps.Add(s); };
    AddHeadingNames(ds, add);
    add(ds.info.source);
    for (const Community& c : ds.communities)
        add(c.secretary);
    for (const Grid& g : ds.grids)
    {
        add(g.category);
        add(g.party_branch);
        add(g.worker.name);
    }
    for (const MicroGrid& m : ds.micro_grids)
        add(m.leader);
    for (const Team& t : ds.teams)
        add(t.focus);
    for (const std::string& c : ds.categories)
        add(c);
    AddDistinct(ds.activities, &Activity::title, add);
    AddDistinct(ds.activities, &Activity::beneficiary, add); // shown in the timeline's details
    for (const MarkedDate& m : ds.marked_dates)
        add(m.label);
    for (const Period& p : ds.competition.periods)
        add(p.id); // the ranking's charts label periods by a short form of the id
    for (const RuleSet& r : ds.competition.rule_sets)
        add(r.name);
    add(ds.competition.rules.top_title.name);
    for (const ScoreEntry& e : ds.competition.scores)
    {
        for (const PointItem& p : e.bonus)
            add(p.reason);
        for (const PointItem& p : e.deductions)
            add(p.reason);
        add(e.note);
    }
    for (const Event& e : ds.events)
        add(e.type);
    for (const Scene& s : ds.scenes)
        add(s.settings); // a view's settings bring back text typed into it (the timeline's title filter)
    return cps.Sorted();
}

std::vector<uint32_t> CollectOverviewCodepoints(const Dataset& ds)
{
    CodepointBits cps;
    for (const std::string* text : {&ds.info.name, &ds.district.name, &ds.info.as_of, &ds.info.source})
        cps.Add(*text);
    return cps.Sorted();
}

std::vector<uint32_t> CollectHeadingCodepoints(const Dataset& ds)
{
    CodepointBits cps;
    AddHeadingNames(ds, [&](const std::string& s) { cps.Add(s); });
    return cps.Sorted();
}

void SortUniqueCodepoints(std::vector<uint32_t>* cps)
{
    auto plain = [](std::vector<uint32_t>* v) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
    };
    if (cps->size() < 256) // a bitmap's 256 KB is not worth it
        return plain(cps);
    CodepointBits bits;
    std::vector<uint32_t> wide; // AppendCodepoints decodes at most 21 bits; wider ones take the plain sort
    for (uint32_t cp : *cps)
    {
        if (cp < CodepointBits::kRange)
            bits.Set(cp);
        else
            wide.push_back(cp);
    }
    cps->clear();
    bits.AppendSorted(cps);
    plain(&wide);
    cps->insert(cps->end(), wide.begin(), wide.end());
}

} // namespace gridstar
