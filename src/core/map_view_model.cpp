#include "core/map_view_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/ranking.h"

namespace gridstar
{

namespace
{
const std::string kEmpty;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* const kLevelKeys[kLevelCount] = {"district", "street", "community", "grid", "micro_grid"};
const char* const kMetricKeys[kMapMetricCount] = {"households",          "population",  "volunteer_hours",
                                                  "activities_per_1000", "open_issues", "star_score"};
const char* const kColorModeKeys[kMapColorModeCount] = {"grid_color", "community_kind", "metric"};

std::string AsciiLower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

int32_t ParentIndex(const Dataset& ds, UnitRef u)
{
    switch (u.level)
    {
    case Level::District: return -1;
    case Level::Street: return 0;
    case Level::Community: return ds.communities[size_t(u.index)].street;
    case Level::Grid: return ds.grids[size_t(u.index)].community;
    case Level::MicroGrid: return ds.micro_grids[size_t(u.index)].grid;
    }
    return -1;
}
} // namespace

const char* LevelKey(Level level)
{
    int i = static_cast<int>(level);
    return i >= 0 && i < kLevelCount ? kLevelKeys[i] : "";
}

bool LevelFromKey(std::string_view key, Level* out)
{
    for (int i = 0; i < kLevelCount; ++i)
        if (key == kLevelKeys[i])
        {
            *out = static_cast<Level>(i);
            return true;
        }
    return false;
}

const char* MapMetricKey(MapMetric m)
{
    int i = static_cast<int>(m);
    return i >= 0 && i < kMapMetricCount ? kMetricKeys[i] : "";
}

bool MapMetricFromKey(std::string_view key, MapMetric* out)
{
    for (int i = 0; i < kMapMetricCount; ++i)
        if (key == kMetricKeys[i])
        {
            *out = static_cast<MapMetric>(i);
            return true;
        }
    return false;
}

const char* MapColorModeKey(MapColorMode m)
{
    int i = static_cast<int>(m);
    return i >= 0 && i < kMapColorModeCount ? kColorModeKeys[i] : "";
}

bool MapColorModeFromKey(std::string_view key, MapColorMode* out)
{
    for (int i = 0; i < kMapColorModeCount; ++i)
        if (key == kColorModeKeys[i])
        {
            *out = static_cast<MapColorMode>(i);
            return true;
        }
    return false;
}

// ---- hierarchy -----------------------------------------------------------------------------
size_t UnitCount(const Dataset& ds, Level level)
{
    switch (level)
    {
    case Level::District: return 1;
    case Level::Street: return ds.streets.size();
    case Level::Community: return ds.communities.size();
    case Level::Grid: return ds.grids.size();
    case Level::MicroGrid: return ds.micro_grids.size();
    }
    return 0;
}

bool UnitExists(const Dataset& ds, UnitRef u)
{
    return u.index >= 0 && size_t(u.index) < UnitCount(ds, u.level);
}

const std::string& UnitName(const Dataset& ds, UnitRef u)
{
    if (!UnitExists(ds, u))
        return kEmpty;
    switch (u.level)
    {
    case Level::District: return ds.district.name;
    case Level::Street: return ds.streets[size_t(u.index)].name;
    case Level::Community: return ds.communities[size_t(u.index)].name;
    case Level::Grid: return ds.grids[size_t(u.index)].name;
    case Level::MicroGrid: return ds.micro_grids[size_t(u.index)].name;
    }
    return kEmpty;
}

const std::string& UnitId(const Dataset& ds, UnitRef u)
{
    if (!UnitExists(ds, u))
        return kEmpty;
    switch (u.level)
    {
    case Level::District: return ds.district.id;
    case Level::Street: return ds.streets[size_t(u.index)].id;
    case Level::Community: return ds.communities[size_t(u.index)].id;
    case Level::Grid: return ds.grids[size_t(u.index)].id;
    case Level::MicroGrid: return ds.micro_grids[size_t(u.index)].id;
    }
    return kEmpty;
}

UnitRef UnitParent(const Dataset& ds, UnitRef u)
{
    if (!UnitExists(ds, u) || u.level == Level::District)
        return UnitRef{};
    UnitRef p{static_cast<Level>(static_cast<int>(u.level) - 1), ParentIndex(ds, u)};
    return UnitExists(ds, p) ? p : UnitRef{};
}

UnitRef UnitAncestorAt(const Dataset& ds, UnitRef u, Level level)
{
    if (!UnitExists(ds, u) || static_cast<int>(level) > static_cast<int>(u.level))
        return UnitRef{};
    while (u.Valid() && u.level != level)
        u = UnitParent(ds, u);
    return u;
}

bool IsAncestorOrSelf(const Dataset& ds, UnitRef ancestor, UnitRef u)
{
    if (!UnitExists(ds, ancestor))
        return false;
    return UnitAncestorAt(ds, u, ancestor.level) == ancestor;
}

// ---- metrics -------------------------------------------------------------------------------
double MapMetrics::Get(UnitRef u, MapMetric m) const
{
    const std::vector<double>& v = Of(u.level, m);
    return u.index >= 0 && size_t(u.index) < v.size() ? v[size_t(u.index)] : kNaN;
}

void ComputeMapMetrics(const Dataset& ds, MapMetrics* out)
{
    const size_t n_street = ds.streets.size(), n_comm = ds.communities.size(), n_grid = ds.grids.size(),
                 n_micro = ds.micro_grids.size();
    const size_t counts[kLevelCount] = {1, n_street, n_comm, n_grid, n_micro};
    for (int l = 0; l < kLevelCount; ++l)
        for (int m = 0; m < kMapMetricCount; ++m)
            out->values[l][m].assign(counts[l], kNaN);
    auto at = [&](Level l, MapMetric m) -> std::vector<double>& {
        return out->values[static_cast<int>(l)][static_cast<int>(m)];
    };
    // Sums start at 0 for every unit that can have the figure; units below stay NaN where the data has no figure.
    for (Level l : {Level::District, Level::Street, Level::Community, Level::Grid})
    {
        at(l, MapMetric::VolunteerHours).assign(counts[static_cast<int>(l)], 0.0);
        at(l, MapMetric::OpenIssues).assign(counts[static_cast<int>(l)], 0.0);
    }
    std::vector<double> activity_count[kLevelCount];
    for (int l = 0; l < kLevelCount; ++l)
        activity_count[l].assign(counts[l], 0.0);
    for (Level l : {Level::District, Level::Street})
    {
        at(l, MapMetric::Households).assign(counts[static_cast<int>(l)], 0.0);
        at(l, MapMetric::Population).assign(counts[static_cast<int>(l)], 0.0);
    }

    auto street_of = [&](int32_t c) { return c >= 0 && size_t(c) < n_comm ? ds.communities[size_t(c)].street : -1; };
    auto in = [](int32_t i, size_t n) { return i >= 0 && size_t(i) < n; };

    // Households and population: as given, summed upwards from communities.
    for (size_t c = 0; c < n_comm; ++c)
    {
        const Community& cm = ds.communities[c];
        at(Level::Community, MapMetric::Households)[c] = double(cm.households);
        at(Level::Community, MapMetric::Population)[c] = double(cm.population);
        at(Level::District, MapMetric::Households)[0] += double(cm.households);
        at(Level::District, MapMetric::Population)[0] += double(cm.population);
        if (in(cm.street, n_street))
        {
            at(Level::Street, MapMetric::Households)[size_t(cm.street)] += double(cm.households);
            at(Level::Street, MapMetric::Population)[size_t(cm.street)] += double(cm.population);
        }
    }
    for (size_t g = 0; g < n_grid; ++g)
        at(Level::Grid, MapMetric::Households)[g] = double(ds.grids[g].households);
    for (size_t m = 0; m < n_micro; ++m)
        at(Level::MicroGrid, MapMetric::Households)[m] = double(ds.micro_grids[m].households);

    // Activities: counted and their hours summed where they were held.
    for (const Activity& a : ds.activities)
    {
        int32_t c = a.community;
        if (in(a.grid, n_grid))
        {
            at(Level::Grid, MapMetric::VolunteerHours)[size_t(a.grid)] += a.hours;
            activity_count[static_cast<int>(Level::Grid)][size_t(a.grid)] += 1;
            if (!in(c, n_comm))
                c = ds.grids[size_t(a.grid)].community;
        }
        at(Level::District, MapMetric::VolunteerHours)[0] += a.hours;
        activity_count[0][0] += 1;
        if (!in(c, n_comm))
            continue;
        at(Level::Community, MapMetric::VolunteerHours)[size_t(c)] += a.hours;
        activity_count[static_cast<int>(Level::Community)][size_t(c)] += 1;
        int32_t s = street_of(c);
        if (in(s, n_street))
        {
            at(Level::Street, MapMetric::VolunteerHours)[size_t(s)] += a.hours;
            activity_count[static_cast<int>(Level::Street)][size_t(s)] += 1;
        }
    }
    for (int l = 0; l <= static_cast<int>(Level::Grid); ++l)
    {
        const std::vector<double>& hh = out->values[l][static_cast<int>(MapMetric::Households)];
        std::vector<double>& rate = out->values[l][static_cast<int>(MapMetric::ActivitiesPer1000)];
        for (size_t i = 0; i < counts[l]; ++i)
            rate[i] = hh[i] > 0 ? activity_count[l][i] * 1000.0 / hh[i] : kNaN;
    }

    // Open grid issues, summed upwards.
    for (const Event& e : ds.events)
    {
        if (e.closed_at != 0 || !in(e.grid, n_grid))
            continue;
        at(Level::Grid, MapMetric::OpenIssues)[size_t(e.grid)] += 1;
        at(Level::District, MapMetric::OpenIssues)[0] += 1;
        int32_t c = ds.grids[size_t(e.grid)].community;
        if (!in(c, n_comm))
            continue;
        at(Level::Community, MapMetric::OpenIssues)[size_t(c)] += 1;
        int32_t s = street_of(c);
        if (in(s, n_street))
            at(Level::Street, MapMetric::OpenIssues)[size_t(s)] += 1;
    }

    // Star score: the published total of the latest period (in time order) that has any, averaged upwards.
    out->star_period = -1;
    if (ds.competition.present && !ds.competition.periods.empty() && n_comm > 0)
    {
        RankingResult rr;
        ComputeRanking(ds, &rr);
        std::vector<int32_t> order(size_t(rr.period_count));
        for (int32_t p = 0; p < rr.period_count; ++p)
            order[size_t(p)] = p;
        std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
            return ds.competition.periods[size_t(a)].start < ds.competition.periods[size_t(b)].start;
        });
        for (auto it = order.rbegin(); it != order.rend() && out->star_period < 0; ++it)
            for (int32_t u = 0; u < rr.unit_count; ++u)
                if (std::isfinite(rr.total[rr.Cell(*it, u)]))
                {
                    out->star_period = *it;
                    break;
                }
        if (out->star_period >= 0)
        {
            std::vector<double> sum_s(n_street, 0.0), cnt_s(n_street, 0.0);
            double sum_d = 0, cnt_d = 0;
            std::vector<double>& score = at(Level::Community, MapMetric::StarScore);
            for (int32_t u = 0; u < rr.unit_count && size_t(u) < n_comm; ++u)
            {
                double t = rr.total[rr.Cell(out->star_period, u)];
                if (!std::isfinite(t))
                    continue;
                score[size_t(u)] = t;
                sum_d += t;
                cnt_d += 1;
                int32_t s = street_of(u);
                if (in(s, n_street))
                {
                    sum_s[size_t(s)] += t;
                    cnt_s[size_t(s)] += 1;
                }
            }
            for (size_t s = 0; s < n_street; ++s)
                if (cnt_s[s] > 0)
                    at(Level::Street, MapMetric::StarScore)[s] = sum_s[s] / cnt_s[s];
            if (cnt_d > 0)
                at(Level::District, MapMetric::StarScore)[0] = sum_d / cnt_d;
        }
    }
}

// ---- navigator -----------------------------------------------------------------------------
void MapNavigator::Reset(const Dataset* ds)
{
    ds_ = ds;
    focus_ = UnitRef{Level::District, 0};
    selected_ = UnitRef{};
    for (int l = 0; l + 1 < kLevelCount; ++l)
    {
        children_[l].clear();
        if (ds)
            children_[l].resize(UnitCount(*ds, static_cast<Level>(l)));
    }
    if (!ds)
        return;
    for (int l = 1; l < kLevelCount; ++l)
    {
        Level level = static_cast<Level>(l);
        size_t n = UnitCount(*ds, level);
        for (size_t i = 0; i < n; ++i)
        {
            int32_t p = ParentIndex(*ds, UnitRef{level, int32_t(i)});
            if (p >= 0 && size_t(p) < children_[l - 1].size())
                children_[l - 1][size_t(p)].push_back(int32_t(i));
        }
    }
}

const std::vector<int32_t>& MapNavigator::ChildrenOf(UnitRef u) const
{
    int l = static_cast<int>(u.level);
    if (!ds_ || l >= kLevelCount - 1 || u.index < 0 || size_t(u.index) >= children_[l].size())
        return empty_;
    return children_[l][size_t(u.index)];
}

UnitRef MapNavigator::ShownParent() const
{
    if (!ds_ || HasChildren(focus_) || focus_.level == Level::District)
        return focus_;
    UnitRef p = UnitParent(*ds_, focus_);
    return p.Valid() ? p : focus_;
}

Level MapNavigator::ShownLevel() const
{
    UnitRef p = ShownParent();
    if (p.level == Level::MicroGrid)
        return Level::MicroGrid;
    return static_cast<Level>(static_cast<int>(p.level) + 1);
}

std::vector<UnitRef> MapNavigator::Breadcrumb() const
{
    std::vector<UnitRef> chain;
    if (!ds_)
        return chain;
    for (UnitRef u = focus_; u.Valid(); u = UnitParent(*ds_, u))
        chain.push_back(u);
    std::reverse(chain.begin(), chain.end());
    return chain;
}

bool MapNavigator::Focus(UnitRef u)
{
    if (!ds_ || !UnitExists(*ds_, u))
        return false;
    focus_ = u;
    selected_ = u.level == Level::District ? UnitRef{} : u;
    return true;
}

bool MapNavigator::Up()
{
    if (!ds_ || focus_.level == Level::District)
        return false;
    UnitRef p = UnitParent(*ds_, focus_);
    if (!p.Valid())
        p = UnitRef{Level::District, 0};
    return Focus(p);
}

// ---- search --------------------------------------------------------------------------------
void MapSearch::Build(const Dataset& ds)
{
    ds_ = &ds;
    entries_.clear();
    size_t base[kLevelCount + 1] = {};
    for (int l = 0; l < kLevelCount; ++l)
        base[l + 1] = base[l] + UnitCount(ds, static_cast<Level>(l));
    entries_.reserve(base[kLevelCount]);
    for (int l = 0; l < kLevelCount; ++l)
    {
        Level level = static_cast<Level>(l);
        for (size_t i = 0; i < UnitCount(ds, level); ++i)
        {
            UnitRef u{level, int32_t(i)};
            Entry e;
            e.unit = u;
            e.name = AsciiLower(UnitName(ds, u));
            e.id = AsciiLower(UnitId(ds, u));
            UnitRef p = UnitParent(ds, u);
            e.parent_entry = p.Valid() ? int32_t(base[static_cast<int>(p.level)] + size_t(p.index)) : -1;
            entries_.push_back(std::move(e));
        }
    }
}

std::vector<UnitRef> MapSearch::Find(std::string_view query, size_t limit) const
{
    std::vector<std::string> tokens;
    std::string q = AsciiLower(query);
    size_t pos = 0;
    while (pos < q.size())
    {
        size_t end = q.find(' ', pos);
        if (end == std::string::npos)
            end = q.size();
        if (end > pos)
            tokens.push_back(q.substr(pos, end - pos));
        pos = end + 1;
    }
    if (tokens.empty() || limit == 0)
        return {};
    struct Hit
    {
        int rank;
        size_t entry;
    };
    std::vector<Hit> hits;
    for (size_t k = 0; k < entries_.size(); ++k)
    {
        const Entry& e = entries_[k];
        bool own_any = false, all = true;
        int rank = 3;
        for (const std::string& t : tokens)
        {
            bool own = e.name.find(t) != std::string::npos || e.id == t ||
                       (t.size() >= 3 && e.id.find(t) != std::string::npos);
            if (own)
            {
                own_any = true;
                if (e.name == t || e.id == t)
                    rank = std::min(rank, 0);
                else if (e.name.compare(0, t.size(), t) == 0)
                    rank = std::min(rank, 1);
                else
                    rank = std::min(rank, 2);
                continue;
            }
            bool in_ancestor = false;
            for (int32_t p = e.parent_entry; p >= 0 && !in_ancestor; p = entries_[size_t(p)].parent_entry)
                in_ancestor = entries_[size_t(p)].name.find(t) != std::string::npos;
            if (!in_ancestor)
            {
                all = false;
                break;
            }
        }
        if (all && own_any)
            hits.push_back({rank, k});
    }
    // Entries are in level order already, so a stable sort by rank keeps higher levels first within a rank.
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.rank < b.rank; });
    std::vector<UnitRef> out;
    for (size_t i = 0; i < hits.size() && out.size() < limit; ++i)
        out.push_back(entries_[hits[i].entry].unit);
    return out;
}

UnitRef MapSearch::FindById(std::string_view id) const
{
    if (!ds_)
        return UnitRef{};
    for (const Entry& e : entries_)
        if (UnitId(*ds_, e.unit) == id)
            return e.unit;
    return UnitRef{};
}

// ---- side panel ----------------------------------------------------------------------------
std::vector<int32_t> TeamsOfUnit(const Dataset& ds, UnitRef u)
{
    std::vector<int32_t> out;
    if (!UnitExists(ds, u))
        return out;
    UnitRef scope = u.level > Level::Community ? UnitAncestorAt(ds, u, Level::Community) : u;
    for (size_t t = 0; t < ds.teams.size(); ++t)
    {
        const Team& team = ds.teams[t];
        bool hit = false;
        if (team.community < 0 || size_t(team.community) >= ds.communities.size())
            hit = u.level == Level::District;
        else
            hit = scope.Valid() && IsAncestorOrSelf(ds, scope, UnitRef{Level::Community, team.community});
        if (hit)
            out.push_back(int32_t(t));
    }
    return out;
}

std::vector<int32_t> RecentActivitiesOfUnit(const Dataset& ds, UnitRef u, size_t limit)
{
    std::vector<int32_t> out;
    if (!UnitExists(ds, u) || limit == 0)
        return out;
    if (u.level == Level::MicroGrid)
        u = UnitParent(ds, u);
    if (!u.Valid())
        return out;
    for (size_t i = 0; i < ds.activities.size(); ++i)
    {
        const Activity& a = ds.activities[i];
        bool hit;
        if (u.level == Level::Grid)
            hit = a.grid == u.index;
        else if (u.level == Level::District)
            hit = true;
        else
        {
            int32_t c = a.community;
            if ((c < 0 || size_t(c) >= ds.communities.size()) && a.grid >= 0 && size_t(a.grid) < ds.grids.size())
                c = ds.grids[size_t(a.grid)].community;
            hit = c >= 0 && size_t(c) < ds.communities.size() &&
                  IsAncestorOrSelf(ds, u, UnitRef{Level::Community, c});
        }
        if (hit)
            out.push_back(int32_t(i));
    }
    auto newer = [&](int32_t a, int32_t b) {
        const Activity &x = ds.activities[size_t(a)], &y = ds.activities[size_t(b)];
        return x.start != y.start ? x.start > y.start : a < b;
    };
    if (out.size() > limit)
    {
        std::partial_sort(out.begin(), out.begin() + std::ptrdiff_t(limit), out.end(), newer);
        out.resize(limit);
    }
    else
    {
        std::sort(out.begin(), out.end(), newer);
    }
    return out;
}

} // namespace gridstar
