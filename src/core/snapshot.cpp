#include "core/snapshot.h"
#include "core/word_hash.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace gridstar
{
namespace
{

// Version 2's checksum: WordHash (core/word_hash.h), computed in steps when a snapshot is decoded in steps.

uint32_t Fnv1a(const uint8_t* p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; ++i)
    {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

class Writer
{
public:
    std::vector<uint8_t> buf;
    template <class T> void Pod(T v)
    {
        size_t at = buf.size();
        buf.resize(at + sizeof(T));
        std::memcpy(buf.data() + at, &v, sizeof(T)); // wasm and x86 are both little-endian
    }
    void Str(const std::string& s)
    {
        Pod<uint32_t>(uint32_t(s.size()));
        buf.insert(buf.end(), s.begin(), s.end());
    }
    void Geo(const MultiPolygon& mp)
    {
        Pod<uint32_t>(uint32_t(mp.size()));
        for (const Polygon& poly : mp)
        {
            Pod<uint32_t>(uint32_t(poly.size()));
            for (const Ring& ring : poly)
            {
                Pod<uint32_t>(uint32_t(ring.size()));
                size_t at = buf.size();
                buf.resize(at + ring.size() * sizeof(LonLat));
                std::memcpy(buf.data() + at, ring.data(), ring.size() * sizeof(LonLat));
            }
        }
    }
    void Bytes(const void* p, size_t n)
    {
        size_t at = buf.size();
        buf.resize(at + n);
        if (n)
            std::memcpy(buf.data() + at, p, n);
    }
    // An integer column: the minimum, then each value minus it in the narrowest of 1/2/4/8 bytes that fits all.
    void IntColumn(const std::vector<int64_t>& v)
    {
        int64_t lo = 0;
        uint64_t range = 0;
        if (!v.empty())
        {
            auto mm = std::minmax_element(v.begin(), v.end());
            lo = *mm.first;
            range = uint64_t(*mm.second) - uint64_t(lo);
        }
        const uint8_t width = range <= 0xFF ? 1 : range <= 0xFFFF ? 2 : range <= 0xFFFFFFFFull ? 4 : 8;
        Pod<int64_t>(lo);
        Pod<uint8_t>(width);
        size_t at = buf.size();
        buf.resize(at + v.size() * width);
        uint8_t* out = buf.data() + at;
        for (int64_t x : v)
        {
            const uint64_t d = uint64_t(x) - uint64_t(lo);
            std::memcpy(out, &d, width); // little-endian: the low bytes
            out += width;
        }
    }
    void Items(const std::vector<PointItem>& items)
    {
        Pod<uint32_t>(uint32_t(items.size()));
        for (const PointItem& it : items)
        {
            Pod<double>(it.points);
            Str(it.reason);
        }
    }
};

// Reads a payload in order; `ok` turns false (and stays) at the first read past the end.
class Reader
{
public:
    Reader(const uint8_t* p, size_t n) : p_(p), n_(n) {}
    bool ok = true;
    template <class T> T Pod()
    {
        T v{};
        if (!Need(sizeof(T)))
            return v;
        std::memcpy(&v, p_ + at_, sizeof(T));
        at_ += sizeof(T);
        return v;
    }
    std::string Str()
    {
        uint32_t n = Pod<uint32_t>();
        if (!Need(n))
            return {};
        std::string s(reinterpret_cast<const char*>(p_ + at_), n);
        at_ += n;
        return s;
    }
    // A count that must fit in what is left (each item takes at least `min_item` bytes): stops hostile sizes.
    uint32_t Count(size_t min_item)
    {
        uint32_t n = Pod<uint32_t>();
        if (ok && size_t(n) * min_item > n_ - at_)
            ok = false;
        return ok ? n : 0;
    }
    void Geo(MultiPolygon* mp)
    {
        uint32_t np = Count(4);
        mp->resize(np);
        for (Polygon& poly : *mp)
        {
            uint32_t nr = Count(4);
            poly.resize(nr);
            for (Ring& ring : poly)
            {
                uint32_t n = Count(sizeof(LonLat));
                if (!Need(size_t(n) * sizeof(LonLat)))
                    return;
                ring.resize(n);
                std::memcpy(ring.data(), p_ + at_, size_t(n) * sizeof(LonLat));
                at_ += size_t(n) * sizeof(LonLat);
            }
        }
    }
    void Items(std::vector<PointItem>* items)
    {
        items->resize(Count(12));
        for (PointItem& it : *items)
        {
            it.points = Pod<double>();
            it.reason = Str();
        }
    }
    bool AtEnd() const { return at_ == n_; }
    // An IntColumn of n values, read in place (no copy): Get(i) for i < n. Empty (and !ok) when it does not fit.
    struct Column
    {
        const uint8_t* p = nullptr;
        int64_t lo = 0;
        uint8_t width = 1;
        int64_t Get(size_t i) const
        {
            uint64_t d = 0;
            switch (width) // constant sizes: each memcpy is one load
            {
            case 1: d = p[i]; break;
            case 2: { uint16_t v; std::memcpy(&v, p + i * 2, 2); d = v; break; }
            case 4: { uint32_t v; std::memcpy(&v, p + i * 4, 4); d = v; break; }
            default: std::memcpy(&d, p + i * 8, 8); break;
            }
            return int64_t(uint64_t(lo) + d);
        }
    };
    Column IntColumn(size_t n)
    {
        Column c;
        c.lo = Pod<int64_t>();
        c.width = Pod<uint8_t>();
        if (c.width != 1 && c.width != 2 && c.width != 4 && c.width != 8)
            ok = false;
        if (!ok || !Need(n * c.width))
            return Column{};
        c.p = p_ + at_;
        at_ += n * c.width;
        return c;
    }
    void Raw(void* dst, size_t n)
    {
        if (Need(n))
        {
            std::memcpy(dst, p_ + at_, n);
            at_ += n;
        }
    }

private:
    bool Need(size_t k)
    {
        if (!ok || k > n_ - at_)
        {
            ok = false;
            return false;
        }
        return true;
    }
    const uint8_t* p_;
    size_t n_;
    size_t at_ = 0;
};


void WriteRules(Writer& w, const RatingRules& r)
{
    w.Pod<uint32_t>(uint32_t(r.stars.size()));
    for (const StarRule& s : r.stars)
    {
        w.Pod<int32_t>(s.stars);
        w.Pod<double>(s.min_each);
        w.Pod<double>(s.min_total);
    }
    w.Str(r.top_title.name);
    w.Pod<double>(r.top_title.min_each);
    w.Pod<double>(r.top_title.min_total);
    w.Pod<double>(r.top_title.quota_pct);
    w.Pod<uint32_t>(uint32_t(r.rewards.size()));
    for (const RewardBand& b : r.rewards)
    {
        w.Pod<int32_t>(b.rank_from);
        w.Pod<int32_t>(b.rank_to);
        w.Pod<double>(b.community);
        w.Pod<double>(b.secretary);
    }
    w.Pod<uint32_t>(uint32_t(r.star_rewards.size()));
    for (const StarReward& s : r.star_rewards)
    {
        w.Pod<int32_t>(s.stars);
        w.Pod<double>(s.community);
        w.Pod<double>(s.secretary);
    }
    w.Pod<double>(r.budget);
    w.Pod<uint8_t>(uint8_t(r.missing));
    w.Pod<uint8_t>(uint8_t(r.late));
    w.Pod<double>(r.late_penalty);
    w.Pod<uint32_t>(uint32_t(r.tie_break.size()));
    for (TieBreak t : r.tie_break)
        w.Pod<uint8_t>(uint8_t(t));
}

// Version 1 activities: one record each, strings inline.
void WriteActivitiesV1(Writer& w, const Dataset& ds)
{
    w.Pod<uint32_t>(uint32_t(ds.activities.size()));
    for (const Activity& a : ds.activities)
    {
        w.Str(a.id);
        w.Str(a.title);
        w.Pod<int32_t>(a.category);
        w.Pod<int32_t>(a.team);
        w.Pod<int32_t>(a.community);
        w.Pod<int32_t>(a.grid);
        w.Pod<int64_t>(a.start);
        w.Pod<int64_t>(a.end);
        w.Pod<int32_t>(a.participants);
        w.Pod<double>(a.hours);
        w.Str(a.beneficiary);
    }
}

// Hours are stored as integers when every value is a whole number (exactly representable, not -0).
bool AllWholeHours(const std::vector<Activity>& acts)
{
    for (const Activity& a : acts)
        if (!(a.hours == std::floor(a.hours) && a.hours >= 0 && a.hours < 9e15 && !std::signbit(a.hours)))
            return false;
    return true;
}

// Version 2 activities: columns. Titles and beneficiaries repeat heavily, so each is a table of distinct strings
// plus an index column; every integer column (indices + 1, start, end - start, participants) takes the narrowest
// width that fits it.
void WriteActivitiesV2(Writer& w, const Dataset& ds)
{
    const std::vector<Activity>& acts = ds.activities;
    const size_t n = acts.size();
    w.Pod<uint32_t>(uint32_t(n));
    for (const Activity& a : acts)
        w.Str(a.id);
    std::vector<int64_t> col(n);
    auto table = [&](std::string Activity::*field) {
        std::unordered_map<std::string_view, int64_t> ids;
        std::vector<const std::string*> strings;
        for (size_t i = 0; i < n; ++i)
        {
            const std::string& s = acts[i].*field;
            auto ins = ids.emplace(std::string_view(s), int64_t(strings.size()));
            if (ins.second)
                strings.push_back(&s);
            col[i] = ins.first->second;
        }
        w.Pod<uint32_t>(uint32_t(strings.size()));
        for (const std::string* s : strings)
            w.Str(*s);
        w.IntColumn(col);
    };
    table(&Activity::title);
    table(&Activity::beneficiary);
    auto column = [&](auto get) {
        for (size_t i = 0; i < n; ++i)
            col[i] = int64_t(get(acts[i]));
        w.IntColumn(col);
    };
    column([](const Activity& a) { return a.category; });
    column([](const Activity& a) { return a.team; });
    column([](const Activity& a) { return a.community; });
    column([](const Activity& a) { return a.grid; });
    column([](const Activity& a) { return a.start; });
    column([](const Activity& a) { return int64_t(uint64_t(a.end) - uint64_t(a.start)); });
    column([](const Activity& a) { return a.participants; });
    const bool whole = AllWholeHours(acts);
    w.Pod<uint8_t>(whole ? 1 : 0);
    if (whole)
        column([](const Activity& a) { return int64_t(a.hours); });
    else
        for (const Activity& a : acts)
            w.Pod<double>(a.hours);
}

void WritePayload(Writer& w, const Dataset& ds, uint32_t version)
{
    w.Str(ds.info.name);
    w.Str(ds.info.as_of);
    w.Str(ds.info.source);
    w.Pod<uint8_t>(ds.info.synthetic);
    w.Str(ds.info.language);
    w.Str(ds.district.id);
    w.Str(ds.district.name);
    w.Geo(ds.district.boundary);
    w.Pod<uint32_t>(uint32_t(ds.streets.size()));
    for (const Street& s : ds.streets)
    {
        w.Str(s.id);
        w.Str(s.name);
        w.Pod<uint8_t>(s.is_town);
        w.Geo(s.boundary);
    }
    w.Pod<uint32_t>(uint32_t(ds.communities.size()));
    for (const Community& c : ds.communities)
    {
        w.Str(c.id);
        w.Str(c.name);
        w.Pod<int32_t>(c.street);
        w.Pod<uint8_t>(uint8_t(c.kind));
        w.Pod<int64_t>(c.households);
        w.Pod<int64_t>(c.population);
        w.Str(c.secretary);
        w.Str(c.class_id);
        w.Geo(c.boundary);
    }
    w.Pod<uint32_t>(uint32_t(ds.grids.size()));
    for (const Grid& g : ds.grids)
    {
        w.Str(g.id);
        w.Str(g.name);
        w.Pod<int32_t>(g.community);
        w.Pod<uint8_t>(uint8_t(g.color));
        w.Str(g.category);
        w.Pod<int64_t>(g.households);
        w.Str(g.party_branch);
        w.Str(g.worker.name);
        w.Str(g.worker.phone);
        w.Geo(g.boundary);
    }
    w.Pod<uint32_t>(uint32_t(ds.micro_grids.size()));
    for (const MicroGrid& m : ds.micro_grids)
    {
        w.Str(m.id);
        w.Str(m.name);
        w.Pod<int32_t>(m.grid);
        w.Pod<int64_t>(m.households);
        w.Str(m.leader);
        w.Geo(m.boundary);
    }
    w.Pod<uint32_t>(uint32_t(ds.teams.size()));
    for (const Team& t : ds.teams)
    {
        w.Str(t.id);
        w.Str(t.name);
        w.Pod<int32_t>(t.community);
        w.Str(t.focus);
        w.Pod<int64_t>(t.members);
    }
    w.Pod<uint32_t>(uint32_t(ds.categories.size()));
    for (const std::string& c : ds.categories)
        w.Str(c);
    if (version == 1)
        WriteActivitiesV1(w, ds);
    else
        WriteActivitiesV2(w, ds);
    w.Pod<uint32_t>(uint32_t(ds.volunteers.size()));
    for (const Volunteer& v : ds.volunteers)
    {
        w.Str(v.id);
        w.Pod<int32_t>(v.team);
        w.Str(v.since);
        w.Pod<double>(v.hours);
    }
    w.Pod<uint32_t>(uint32_t(ds.marked_dates.size()));
    for (const MarkedDate& m : ds.marked_dates)
    {
        w.Pod<int32_t>(m.year);
        w.Pod<int32_t>(m.month);
        w.Pod<int32_t>(m.day);
        w.Str(m.label);
    }
    const Competition& c = ds.competition;
    w.Pod<uint8_t>(c.present);
    w.Pod<uint32_t>(uint32_t(c.periods.size()));
    for (const Period& p : c.periods)
    {
        w.Str(p.id);
        w.Str(p.name);
        w.Str(p.start);
        w.Str(p.end);
    }
    w.Pod<uint32_t>(uint32_t(c.classes.size()));
    for (const CompetitionClass& k : c.classes)
    {
        w.Str(k.id);
        w.Str(k.name);
        w.Pod<uint32_t>(uint32_t(k.kinds.size()));
        for (CommunityKind kind : k.kinds)
            w.Pod<uint8_t>(uint8_t(kind));
    }
    w.Pod<uint32_t>(uint32_t(c.indicators.size()));
    for (const Indicator& i : c.indicators)
    {
        w.Str(i.id);
        w.Str(i.name);
        w.Pod<double>(i.weight);
        w.Pod<double>(i.max);
    }
    WriteRules(w, c.rules);
    w.Pod<uint32_t>(uint32_t(c.scores.size()));
    for (const ScoreEntry& e : c.scores)
    {
        w.Pod<int32_t>(e.period);
        w.Pod<int32_t>(e.community);
        w.Pod<uint32_t>(uint32_t(e.values.size()));
        for (double v : e.values)
            w.Pod<double>(v);
        w.Items(e.bonus);
        w.Items(e.deductions);
        w.Pod<uint8_t>(e.late);
        w.Pod<uint8_t>(e.disqualified);
        w.Str(e.note);
    }
    w.Pod<uint32_t>(uint32_t(ds.events.size()));
    for (const Event& e : ds.events)
    {
        w.Str(e.id);
        w.Pod<int32_t>(e.grid);
        w.Str(e.type);
        w.Pod<uint8_t>(uint8_t(e.status));
        w.Pod<int64_t>(e.reported_at);
        w.Pod<int64_t>(e.closed_at);
        w.Pod<int32_t>(e.satisfaction);
    }
    w.Pod<uint32_t>(uint32_t(ds.scenes.size()));
    for (const Scene& s : ds.scenes)
    {
        w.Str(s.title);
        w.Str(s.view);
        w.Pod<double>(s.dwell_s);
        w.Str(s.settings);
    }
    // Saved rule sets: an optional tail (snapshots written before it existed end here and hold none).
    w.Pod<uint32_t>(uint32_t(c.rule_sets.size()));
    for (const RuleSet& set : c.rule_sets)
    {
        w.Str(set.name);
        w.Str(set.saved_at);
        w.Pod<uint32_t>(uint32_t(set.weights.size()));
        for (double x : set.weights)
            w.Pod<double>(x);
        WriteRules(w, set.rules);
    }
}

// Indices read from a snapshot are checked against the arrays they point into, so a corrupt snapshot
// cannot make later code index out of bounds.
bool InRange(int32_t i, size_t n, bool allow_none)
{
    return (allow_none && i == -1) || (i >= 0 && size_t(i) < n);
}

void ReadRules(Reader& rd, RatingRules* out)
{
    RatingRules& r = *out;
    r.stars.resize(rd.Count(20));
    for (StarRule& s : r.stars)
    {
        s.stars = rd.Pod<int32_t>();
        s.min_each = rd.Pod<double>();
        s.min_total = rd.Pod<double>();
    }
    r.top_title.name = rd.Str();
    r.top_title.min_each = rd.Pod<double>();
    r.top_title.min_total = rd.Pod<double>();
    r.top_title.quota_pct = rd.Pod<double>();
    r.rewards.resize(rd.Count(24));
    for (RewardBand& b : r.rewards)
    {
        b.rank_from = rd.Pod<int32_t>();
        b.rank_to = rd.Pod<int32_t>();
        b.community = rd.Pod<double>();
        b.secretary = rd.Pod<double>();
    }
    r.star_rewards.resize(rd.Count(20));
    for (StarReward& s : r.star_rewards)
    {
        s.stars = rd.Pod<int32_t>();
        s.community = rd.Pod<double>();
        s.secretary = rd.Pod<double>();
    }
    r.budget = rd.Pod<double>();
    r.missing = MissingRule(rd.Pod<uint8_t>() % 2);
    r.late = LateRule(rd.Pod<uint8_t>() % 3);
    r.late_penalty = rd.Pod<double>();
    r.tie_break.resize(rd.Count(1));
    for (TieBreak& t : r.tie_break)
        t = TieBreak(rd.Pod<uint8_t>() % 3);
}

bool ActivityRefsOk(const Activity& a, const Dataset& ds)
{
    return InRange(a.category, ds.categories.size(), false) && InRange(a.team, ds.teams.size(), false) &&
           InRange(a.community, ds.communities.size(), false) && InRange(a.grid, ds.grids.size(), true);
}

void ReadActivitiesV1(Reader& rd, Dataset& ds)
{
    ds.activities.resize(rd.Count(40));
    for (Activity& a : ds.activities)
    {
        a.id = rd.Str();
        a.title = rd.Str();
        a.category = rd.Pod<int32_t>();
        a.team = rd.Pod<int32_t>();
        a.community = rd.Pod<int32_t>();
        a.grid = rd.Pod<int32_t>();
        a.start = rd.Pod<int64_t>();
        a.end = rd.Pod<int64_t>();
        a.participants = rd.Pod<int32_t>();
        a.hours = rd.Pod<double>();
        a.beneficiary = rd.Str();
        rd.ok = rd.ok && ActivityRefsOk(a, ds);
    }
}

// The columnar activities (version 2), read in steps: the ids, then the string tables and columns (in place), then
// each activity from its columns. Step(budget) takes about `budget` activities a call (ids and rows alike).
struct ActivitiesV2
{
    enum class Stage
    {
        Ids,
        Columns,
        Rows,
        Done
    } stage = Stage::Ids;
    size_t n = 0, i = 0;
    std::vector<std::string> titles, beneficiaries;
    Reader::Column title, beneficiary, category, team, community, grid, start, duration, participants, hours_int;
    bool whole_hours = false;
    std::vector<double> hours;

    void Begin(Reader& rd, Dataset& ds)
    {
        n = rd.Count(4 + 10); // an id length + at least a byte in each of the ten columns
        // Room now, the activities themselves as their ids come: a million constructed at once took 70-80 ms.
        ds.activities.clear();
        ds.activities.reserve(n);
    }
    // True when finished (or failed: rd.ok says which).
    bool Step(Reader& rd, Dataset& ds, size_t budget)
    {
        if (stage == Stage::Ids)
        {
            const size_t to = n - i <= budget ? n : i + budget; // budget may be SIZE_MAX
            for (; i < to && rd.ok; ++i)
                ds.activities.emplace_back().id = rd.Str();
            if (i < n && rd.ok)
                return false;
            stage = Stage::Columns;
            i = 0;
            return !rd.ok;
        }
        if (stage == Stage::Columns)
        {
            auto table = [&](std::vector<std::string>* strings) {
                strings->resize(rd.Count(4));
                for (std::string& s : *strings)
                    s = rd.Str();
                return rd.IntColumn(n);
            };
            title = table(&titles);
            beneficiary = table(&beneficiaries);
            category = rd.IntColumn(n);
            team = rd.IntColumn(n);
            community = rd.IntColumn(n);
            grid = rd.IntColumn(n);
            start = rd.IntColumn(n);
            duration = rd.IntColumn(n);
            participants = rd.IntColumn(n);
            whole_hours = rd.Pod<uint8_t>() != 0;
            if (whole_hours)
                hours_int = rd.IntColumn(n);
            else if (rd.ok)
            {
                hours.resize(n);
                rd.Raw(hours.data(), n * sizeof(double));
            }
            stage = Stage::Rows;
            return !rd.ok;
        }
        if (stage == Stage::Rows)
        {
            // Every column read in place. Narrowing casts of hostile values give out-of-range indices, which
            // ActivityRefsOk refuses.
            const size_t to = n - i <= budget ? n : i + budget; // budget may be SIZE_MAX
            for (; i < to; ++i)
            {
                Activity& a = ds.activities[i];
                const int64_t t = title.Get(i), b = beneficiary.Get(i);
                if (t < 0 || uint64_t(t) >= titles.size() || b < 0 || uint64_t(b) >= beneficiaries.size())
                {
                    rd.ok = false;
                    return true;
                }
                a.title = titles[size_t(t)];
                a.beneficiary = beneficiaries[size_t(b)];
                a.category = int32_t(category.Get(i));
                a.team = int32_t(team.Get(i));
                a.community = int32_t(community.Get(i));
                a.grid = int32_t(grid.Get(i));
                a.start = start.Get(i);
                a.end = int64_t(uint64_t(a.start) + uint64_t(duration.Get(i)));
                a.participants = int32_t(participants.Get(i));
                a.hours = whole_hours ? double(hours_int.Get(i)) : hours[i];
                if (!ActivityRefsOk(a, ds))
                {
                    rd.ok = false;
                    return true;
                }
            }
            if (i < n)
                return false;
            stage = Stage::Done;
        }
        return true;
    }
};

// Where ReadHead is in the units before the activities.
struct HeadPart
{
    int section = 0;
    size_t i = 0;
    bool entered = false;
};
template <class T, class F>
bool ReadUnits(Reader& rd, std::vector<T>& items, size_t min_item, HeadPart& st, size_t budget, F read)
{
    if (!st.entered)
    {
        items.resize(rd.Count(min_item));
        st.entered = true;
        st.i = 0;
    }
    const size_t to = items.size() - st.i <= budget ? items.size() : st.i + budget; // budget may be SIZE_MAX
    for (; st.i < to && rd.ok; ++st.i)
        read(items[st.i]);
    if (st.i < items.size() && rd.ok)
        return false;
    ++st.section;
    st.entered = false;
    return true;
}
// Everything before the activities, in parts: the dataset's own fields and the district, then about `budget` units a
// call (streets, communities, grids, micro-grids with their boundaries, teams; the 10x file's 35,000 units took 90 ms
// natively in one go), then the categories. True when all are read (or the reader failed).
bool ReadHead(Reader& rd, Dataset& ds, HeadPart& st, size_t budget)
{
    switch (st.section)
    {
    case 0:
        ds.info.name = rd.Str();
        ds.info.as_of = rd.Str();
        ds.info.source = rd.Str();
        ds.info.synthetic = rd.Pod<uint8_t>() != 0;
        ds.info.language = rd.Str();
        ds.district.id = rd.Str();
        ds.district.name = rd.Str();
        rd.Geo(&ds.district.boundary);
        ++st.section;
        return !rd.ok;
    case 1:
        ReadUnits(rd, ds.streets, 9, st, budget, [&](Street& s) {
            s.id = rd.Str();
            s.name = rd.Str();
            s.is_town = rd.Pod<uint8_t>() != 0;
            rd.Geo(&s.boundary);
        });
        return !rd.ok;
    case 2:
        ReadUnits(rd, ds.communities, 16, st, budget, [&](Community& c) {
            c.id = rd.Str();
            c.name = rd.Str();
            c.street = rd.Pod<int32_t>();
            c.kind = CommunityKind(rd.Pod<uint8_t>() % kCommunityKindCount);
            c.households = rd.Pod<int64_t>();
            c.population = rd.Pod<int64_t>();
            c.secretary = rd.Str();
            c.class_id = rd.Str();
            rd.Geo(&c.boundary);
            rd.ok = rd.ok && InRange(c.street, ds.streets.size(), false);
        });
        return !rd.ok;
    case 3:
        ReadUnits(rd, ds.grids, 16, st, budget, [&](Grid& g) {
            g.id = rd.Str();
            g.name = rd.Str();
            g.community = rd.Pod<int32_t>();
            g.color = GridColor(rd.Pod<uint8_t>() % kGridColorCount);
            g.category = rd.Str();
            g.households = rd.Pod<int64_t>();
            g.party_branch = rd.Str();
            g.worker.name = rd.Str();
            g.worker.phone = rd.Str();
            rd.Geo(&g.boundary);
            rd.ok = rd.ok && InRange(g.community, ds.communities.size(), false);
        });
        return !rd.ok;
    case 4:
        ReadUnits(rd, ds.micro_grids, 16, st, budget, [&](MicroGrid& m) {
            m.id = rd.Str();
            m.name = rd.Str();
            m.grid = rd.Pod<int32_t>();
            m.households = rd.Pod<int64_t>();
            m.leader = rd.Str();
            rd.Geo(&m.boundary);
            rd.ok = rd.ok && InRange(m.grid, ds.grids.size(), false);
        });
        return !rd.ok;
    case 5:
        ReadUnits(rd, ds.teams, 16, st, budget, [&](Team& t) {
            t.id = rd.Str();
            t.name = rd.Str();
            t.community = rd.Pod<int32_t>();
            t.focus = rd.Str();
            t.members = rd.Pod<int64_t>();
            rd.ok = rd.ok && InRange(t.community, ds.communities.size(), true);
        });
        return !rd.ok;
    default:
        ds.categories.resize(rd.Count(4));
        for (std::string& c : ds.categories)
            c = rd.Str();
        return true;
    }
}

// Everything after the activities; true when the whole payload was read and made sense.
bool ReadTail(Reader& rd, Dataset& ds)
{
    ds.volunteers.resize(rd.Count(16));
    for (Volunteer& v : ds.volunteers)
    {
        v.id = rd.Str();
        v.team = rd.Pod<int32_t>();
        v.since = rd.Str();
        v.hours = rd.Pod<double>();
        rd.ok = rd.ok && InRange(v.team, ds.teams.size(), false);
    }
    ds.marked_dates.resize(rd.Count(16));
    for (MarkedDate& m : ds.marked_dates)
    {
        m.year = rd.Pod<int32_t>();
        m.month = rd.Pod<int32_t>();
        m.day = rd.Pod<int32_t>();
        m.label = rd.Str();
    }
    Competition& c = ds.competition;
    c.present = rd.Pod<uint8_t>() != 0;
    c.periods.resize(rd.Count(16));
    for (Period& p : c.periods)
    {
        p.id = rd.Str();
        p.name = rd.Str();
        p.start = rd.Str();
        p.end = rd.Str();
    }
    c.classes.resize(rd.Count(12));
    for (CompetitionClass& k : c.classes)
    {
        k.id = rd.Str();
        k.name = rd.Str();
        k.kinds.resize(rd.Count(1));
        for (CommunityKind& kind : k.kinds)
            kind = CommunityKind(rd.Pod<uint8_t>() % kCommunityKindCount);
    }
    c.indicators.resize(rd.Count(24));
    for (Indicator& i : c.indicators)
    {
        i.id = rd.Str();
        i.name = rd.Str();
        i.weight = rd.Pod<double>();
        i.max = rd.Pod<double>();
    }
    ReadRules(rd, &c.rules);
    c.scores.resize(rd.Count(20));
    for (ScoreEntry& e : c.scores)
    {
        e.period = rd.Pod<int32_t>();
        e.community = rd.Pod<int32_t>();
        e.values.resize(rd.Count(8));
        for (double& v : e.values)
            v = rd.Pod<double>();
        rd.Items(&e.bonus);
        rd.Items(&e.deductions);
        e.late = rd.Pod<uint8_t>() != 0;
        e.disqualified = rd.Pod<uint8_t>() != 0;
        e.note = rd.Str();
        rd.ok = rd.ok && InRange(e.period, c.periods.size(), false) &&
                InRange(e.community, ds.communities.size(), false) && e.values.size() == c.indicators.size();
    }
    ds.events.resize(rd.Count(24));
    for (Event& e : ds.events)
    {
        e.id = rd.Str();
        e.grid = rd.Pod<int32_t>();
        e.type = rd.Str();
        e.status = EventStatus(rd.Pod<uint8_t>() % 6);
        e.reported_at = rd.Pod<int64_t>();
        e.closed_at = rd.Pod<int64_t>();
        e.satisfaction = rd.Pod<int32_t>();
        rd.ok = rd.ok && InRange(e.grid, ds.grids.size(), false);
    }
    ds.scenes.resize(rd.Count(16));
    for (Scene& s : ds.scenes)
    {
        s.title = rd.Str();
        s.view = rd.Str();
        s.dwell_s = rd.Pod<double>();
        s.settings = rd.Str();
    }
    if (rd.ok && !rd.AtEnd())
    {
        c.rule_sets.resize(rd.Count(16));
        for (RuleSet& set : c.rule_sets)
        {
            set.name = rd.Str();
            set.saved_at = rd.Str();
            set.weights.resize(rd.Count(8));
            for (double& x : set.weights)
                x = rd.Pod<double>();
            ReadRules(rd, &set.rules);
            rd.ok = rd.ok && set.weights.size() == c.indicators.size();
        }
    }
    return rd.ok && rd.AtEnd();
}

constexpr size_t kHeaderBytes = 4 + 4 + 8 + 4;

} // namespace

uint32_t Checksum(uint32_t version, const uint8_t* p, size_t n)
{
    return version == 1 ? Fnv1a(p, n) : WordHash(p, n);
}

std::vector<uint8_t> EncodeSnapshotVersion(const Dataset& ds, uint32_t version)
{
    if (version != 1)
        version = kSnapshotVersion;
    Writer w;
    w.buf.reserve(size_t(1) << 16);
    w.buf.resize(kHeaderBytes);
    WritePayload(w, ds, version);
    uint64_t payload = w.buf.size() - kHeaderBytes;
    uint32_t sum = Checksum(version, w.buf.data() + kHeaderBytes, payload);
    std::memcpy(w.buf.data(), "GSNP", 4);
    std::memcpy(w.buf.data() + 4, &version, 4);
    std::memcpy(w.buf.data() + 8, &payload, 8);
    std::memcpy(w.buf.data() + 16, &sum, 4);
    return std::move(w.buf);
}

std::vector<uint8_t> EncodeSnapshot(const Dataset& ds)
{
    return EncodeSnapshotVersion(ds, kSnapshotVersion);
}

struct SnapshotDecoder::State
{
    enum class Stage
    {
        Header,
        Checksum,
        Head,
        Activities,
        Tail,
        Done
    };
    State(const uint8_t* d, size_t n) : data(d), size(n) {}
    const uint8_t* data;
    size_t size;
    Stage stage = Stage::Header;
    SnapshotStatus status = SnapshotStatus::Corrupt;
    uint32_t version = 0, sum = 0;
    WordHashState hash;
    std::optional<Reader> reader;
    HeadPart head;
    ActivitiesV2 acts;
    std::unique_ptr<Dataset> ds;

    bool Finish(SnapshotStatus st)
    {
        status = st;
        stage = Stage::Done;
        if (st != SnapshotStatus::Ok)
            ds.reset();
        return true;
    }
};

SnapshotDecoder::SnapshotDecoder(const uint8_t* data, size_t size) : s_(std::make_unique<State>(data, size)) {}
SnapshotDecoder::~SnapshotDecoder() = default;
SnapshotStatus SnapshotDecoder::status() const { return s_->status; }
uint32_t SnapshotDecoder::version() const { return s_->version; }
size_t SnapshotDecoder::activities() const { return s_->acts.n; }

bool SnapshotDecoder::Step(size_t budget)
{
    State& s = *s_;
    using Stage = State::Stage;
    if (budget == 0)
        budget = 1;
    switch (s.stage)
    {
    case Stage::Header:
    {
        if (s.size < kHeaderBytes || std::memcmp(s.data, "GSNP", 4) != 0)
            return s.Finish(SnapshotStatus::NotASnapshot);
        uint64_t payload = 0;
        std::memcpy(&s.version, s.data + 4, 4);
        std::memcpy(&payload, s.data + 8, 8);
        std::memcpy(&s.sum, s.data + 16, 4);
        // Version 1 differs only in its activities section and checksum: it is migrated (read as it was written).
        if (s.version != kSnapshotVersion && s.version != 1)
            return s.Finish(SnapshotStatus::OtherVersion);
        if (payload != s.size - kHeaderBytes)
            return s.Finish(SnapshotStatus::Corrupt);
        s.stage = Stage::Checksum;
        return false;
    }
    case Stage::Checksum:
    {
        // Version 2's checksum 4 MB (about 3 ms) a step; version 1's (old snapshots only) at once.
        const uint8_t* p = s.data + kHeaderBytes;
        const size_t n = s.size - kHeaderBytes;
        if (s.version == kSnapshotVersion && !WordHashBlocks(s.hash, p, n, s.hash.i + (size_t(4) << 20)))
            return false;
        if ((s.version == kSnapshotVersion ? WordHashFinish(s.hash, p, n) : Checksum(s.version, p, n)) != s.sum)
            return s.Finish(SnapshotStatus::Corrupt);
        s.reader.emplace(p, n);
        s.ds = std::make_unique<Dataset>();
        s.stage = Stage::Head;
        return false;
    }
    case Stage::Head:
        // Units are heavier than activities (strings and boundaries): a tenth of the budget.
        if (!ReadHead(*s.reader, *s.ds, s.head, std::max<size_t>(budget / 10, 1)))
            return false;
        if (!s.reader->ok)
            return s.Finish(SnapshotStatus::Corrupt);
        if (s.version == 1)
        {
            ReadActivitiesV1(*s.reader, *s.ds); // old snapshots: read in one go
            s.stage = Stage::Tail;
        }
        else
        {
            s.acts.Begin(*s.reader, *s.ds);
            s.stage = Stage::Activities;
        }
        return s.reader->ok ? false : s.Finish(SnapshotStatus::Corrupt);
    case Stage::Activities:
        if (!s.acts.Step(*s.reader, *s.ds, budget))
            return false;
        s.stage = Stage::Tail;
        return s.reader->ok ? false : s.Finish(SnapshotStatus::Corrupt);
    case Stage::Tail:
        return s.Finish(ReadTail(*s.reader, *s.ds) ? SnapshotStatus::Ok : SnapshotStatus::Corrupt);
    case Stage::Done:
        return true;
    }
    return true;
}

double SnapshotDecoder::progress() const
{
    const State& s = *s_;
    using Stage = State::Stage;
    switch (s.stage)
    {
    case Stage::Header: return 0.0;
    case Stage::Checksum: return s.size > kHeaderBytes ? 0.05 * double(s.hash.i) / double(s.size - kHeaderBytes) : 0.0;
    case Stage::Head: return 0.05;
    case Stage::Activities:
    {
        const double n = double(std::max<size_t>(s.acts.n, 1));
        const double done = s.acts.stage == ActivitiesV2::Stage::Ids ? double(s.acts.i)
                                                                     : n + (s.acts.stage == ActivitiesV2::Stage::Rows ? double(s.acts.i) : 0.0);
        return 0.05 + 0.9 * done / (2 * n);
    }
    case Stage::Tail: return 0.95;
    case Stage::Done: return 1.0;
    }
    return 1.0;
}

std::unique_ptr<Dataset> SnapshotDecoder::Take()
{
    return s_->status == SnapshotStatus::Ok ? std::move(s_->ds) : nullptr;
}

SnapshotStatus DecodeSnapshot(const uint8_t* data, size_t size, Dataset* out, uint32_t* version_out)
{
    SnapshotDecoder decoder(data, size);
    while (!decoder.Step(SIZE_MAX))
    {
    }
    if (version_out)
        *version_out = decoder.version();
    if (decoder.status() == SnapshotStatus::Ok)
        *out = std::move(*decoder.Take());
    return decoder.status();
}

} // namespace gridstar
