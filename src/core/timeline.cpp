#include "core/timeline.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "core/time_util.h"

namespace gridstar
{

namespace
{

constexpr TimeSec kTimeMin = std::numeric_limits<TimeSec>::min();

// Upper bounds of the duration classes (seconds); the last class is unbounded. Within a class, the activities
// that start before a window but cannot reach it are at most about a class's worth of the shortest of them.
constexpr TimeSec kDurationClasses[] = {4 * 3600, 86400, 8 * 86400};
constexpr int kClassCount = 4;

uint8_t DurationClassOf(TimeSec duration)
{
    uint8_t c = 0;
    while (c < kClassCount - 1 && duration > kDurationClasses[c])
    {
        ++c;
    }
    return c;
}

std::string FoldAscii(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
    {
        if (c >= 'A' && c <= 'Z')
        {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string_view TrimAsciiSpace(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    {
        text.remove_suffix(1);
    }
    return text;
}

// Lane id of an entity index: itself when valid, else the trailing "unassigned" lane.
int32_t LaneOf(int32_t index, size_t entity_count)
{
    return (index >= 0 && static_cast<size_t>(index) < entity_count) ? index : static_cast<int32_t>(entity_count);
}

// Marks the listed indices; an empty list allows everything (including the unassigned slot).
std::vector<uint8_t> AllowTable(const std::vector<int32_t>& list, int32_t entity_count)
{
    std::vector<uint8_t> ok(static_cast<size_t>(entity_count) + 1, list.empty() ? 1 : 0);
    for (int32_t v : list)
    {
        if (v >= 0 && v < entity_count)
        {
            ok[static_cast<size_t>(v)] = 1;
        }
    }
    return ok;
}

// First position in [lo, hi) with a[pos] >= target, searching outward from lo: cheap when the answer is near lo,
// which is the case for successive column edges.
int32_t GallopLowerBound(const TimeSec* a, int32_t lo, int32_t hi, TimeSec target)
{
    if (lo >= hi || a[lo] >= target)
    {
        return lo;
    }
    int32_t step = 1;
    int32_t prev = lo; // a[prev] < target
    while (true)
    {
        int64_t probe = static_cast<int64_t>(prev) + step;
        if (probe >= hi)
        {
            break;
        }
        if (a[probe] >= target)
        {
            hi = static_cast<int32_t>(probe);
            break;
        }
        prev = static_cast<int32_t>(probe);
        step *= 2;
    }
    return static_cast<int32_t>(std::lower_bound(a + prev + 1, a + hi, target) - a);
}

} // namespace

int64_t HoursToMicro(double hours)
{
    if (!(hours > 0))
    {
        return 0; // negative, zero or NaN
    }
    // 1e12 hours is far beyond any real figure; the cap keeps the sum of millions of them inside int64.
    if (hours > 1e12)
    {
        hours = 1e12;
    }
    return static_cast<int64_t>(std::llround(hours * static_cast<double>(kMicroHoursPerHour)));
}

void TimelineIndex::Build(const Dataset& ds)
{
    const std::vector<Activity>& acts = ds.activities;
    n_ = static_cast<int64_t>(acts.size());
    const size_t n = acts.size();

    street_of_community_.assign(ds.communities.size(), 0);
    for (size_t c = 0; c < ds.communities.size(); ++c)
    {
        street_of_community_[c] = LaneOf(ds.communities[c].street, ds.streets.size());
    }
    lane_count_[static_cast<int>(LaneGrouping::Team)] = static_cast<int32_t>(ds.teams.size()) + 1;
    lane_count_[static_cast<int>(LaneGrouping::Category)] = static_cast<int32_t>(ds.categories.size()) + 1;
    lane_count_[static_cast<int>(LaneGrouping::Street)] = static_cast<int32_t>(ds.streets.size()) + 1;
    lane_count_[static_cast<int>(LaneGrouping::Community)] = static_cast<int32_t>(ds.communities.size()) + 1;

    // Pass 1 reads the activities in dataset order (sequential memory, strings allocated in that order) into
    // compact per-activity arrays; pass 2 permutes those into start order. Reading the activities themselves in
    // start order would miss the cache on nearly every one.
    struct Key
    {
        TimeSec start;
        int32_t index;
    };
    struct Compact
    {
        TimeSec end;
        int64_t hours_micro;
        int32_t participants;
        int32_t team;
        int32_t category;
        int32_t community;
        int32_t title;
    };
    std::vector<Key> keys(n);
    std::vector<Compact> compact(n);
    titles_folded_.clear();
    // Titles repeat a lot in practice (the same service every week), so the text filter tests each distinct
    // title once. Keys view the dataset's strings, which outlive this function.
    std::unordered_map<std::string_view, int32_t> title_ids;
    title_ids.reserve(1024);
    for (size_t i = 0; i < n; ++i)
    {
        const Activity& a = acts[i];
        keys[i] = Key{a.start, static_cast<int32_t>(i)};
        Compact& c = compact[i];
        c.end = std::max(a.end, a.start);
        c.hours_micro = HoursToMicro(a.hours);
        c.participants = std::max(a.participants, 0);
        c.team = LaneOf(a.team, ds.teams.size());
        c.category = LaneOf(a.category, ds.categories.size());
        c.community = LaneOf(a.community, ds.communities.size());
        auto inserted = title_ids.emplace(std::string_view(a.title), static_cast<int32_t>(titles_folded_.size()));
        if (inserted.second)
        {
            titles_folded_.push_back(FoldAscii(a.title));
        }
        c.title = inserted.first->second;
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b)
              { return a.start != b.start ? a.start < b.start : a.index < b.index; });

    start_.resize(n);
    end_.resize(n);
    activity_.resize(n);
    hours_micro_.resize(n);
    participants_.resize(n);
    team_.resize(n);
    category_.resize(n);
    street_.resize(n);
    community_.resize(n);
    title_id_.resize(n);
    duration_class_.resize(n);
    day_value_.clear();
    day_first_rank_.clear();
    data_end_ = kTimeMin;
    const int32_t street_unassigned = static_cast<int32_t>(ds.streets.size());
    const int32_t community_unassigned = static_cast<int32_t>(ds.communities.size());
    for (size_t k = 0; k < n; ++k)
    {
        const Compact& c = compact[static_cast<size_t>(keys[k].index)];
        start_[k] = keys[k].start;
        end_[k] = c.end;
        activity_[k] = keys[k].index;
        hours_micro_[k] = c.hours_micro;
        participants_[k] = c.participants;
        team_[k] = c.team;
        category_[k] = c.category;
        community_[k] = c.community;
        street_[k] = c.community < community_unassigned ? street_of_community_[static_cast<size_t>(c.community)]
                                                        : street_unassigned;
        title_id_[k] = c.title;
        duration_class_[k] = DurationClassOf(std::max<TimeSec>(c.end - keys[k].start, 1));
        data_end_ = std::max(data_end_, std::max(c.end, keys[k].start + 1));

        const int64_t day = CstDayOf(keys[k].start);
        if (day_value_.empty() || day_value_.back() != day)
        {
            day_value_.push_back(day);
            day_first_rank_.push_back(static_cast<int32_t>(k));
        }
    }
    day_first_rank_.push_back(static_cast<int32_t>(n));

    grouping_ = LaneGrouping::Team;
    SetFilter(TimelineFilter{});
}

void TimelineIndex::SetGrouping(LaneGrouping grouping)
{
    if (static_cast<int>(grouping) >= kLaneGroupingCount)
    {
        return;
    }
    grouping_ = grouping;
    RebuildLanes();
}

const std::vector<int32_t>& TimelineIndex::LaneIdsOf(LaneGrouping grouping) const
{
    switch (grouping)
    {
    case LaneGrouping::Category:
        return category_;
    case LaneGrouping::Street:
        return street_;
    case LaneGrouping::Community:
        return community_;
    case LaneGrouping::Team:
    default:
        return team_;
    }
}

void TimelineIndex::SetFilter(const TimelineFilter& filter)
{
    filter_ = filter;
    const size_t n = static_cast<size_t>(n_);
    const int32_t team_count = lane_count_[static_cast<int>(LaneGrouping::Team)] - 1;
    const int32_t category_count = lane_count_[static_cast<int>(LaneGrouping::Category)] - 1;
    const int32_t street_count = lane_count_[static_cast<int>(LaneGrouping::Street)] - 1;
    const int32_t community_count = lane_count_[static_cast<int>(LaneGrouping::Community)] - 1;

    const std::vector<uint8_t> team_ok = AllowTable(filter.teams, team_count);
    const std::vector<uint8_t> category_ok = AllowTable(filter.categories, category_count);
    // Streets are reached through communities, so both conditions fold into one table per community.
    std::vector<uint8_t> community_ok = AllowTable(filter.communities, community_count);
    const std::vector<uint8_t> street_ok = AllowTable(filter.streets, street_count);
    for (int32_t c = 0; c < community_count; ++c)
    {
        community_ok[static_cast<size_t>(c)] &= street_ok[static_cast<size_t>(street_of_community_[c])];
    }
    community_ok[static_cast<size_t>(community_count)] &= street_ok[static_cast<size_t>(street_count)];

    std::vector<uint8_t> title_ok(titles_folded_.size(), 1);
    const std::string needle = FoldAscii(TrimAsciiSpace(filter.text));
    if (!needle.empty())
    {
        for (size_t t = 0; t < titles_folded_.size(); ++t)
        {
            title_ok[t] = titles_folded_[t].find(needle) != std::string::npos ? 1 : 0;
        }
    }

    pass_.resize(n);
    prefix_count_.resize(n + 1);
    prefix_hours_.resize(n + 1);
    prefix_participants_.resize(n + 1);
    prefix_count_[0] = 0;
    prefix_hours_[0] = 0;
    prefix_participants_[0] = 0;
    team_offsets_.assign(static_cast<size_t>(team_count) + 2, 0);
    int32_t count = 0;
    int64_t hours = 0;
    int64_t participants = 0;
    for (size_t k = 0; k < n; ++k)
    {
        const uint8_t p = team_ok[static_cast<size_t>(team_[k])] & category_ok[static_cast<size_t>(category_[k])] &
                          community_ok[static_cast<size_t>(community_[k])] &
                          title_ok[static_cast<size_t>(title_id_[k])];
        pass_[k] = p;
        // Branch-free accumulation: the pass pattern is unpredictable under a text filter.
        const int64_t mask = -static_cast<int64_t>(p);
        count += p;
        team_offsets_[static_cast<size_t>(team_[k]) + 1] += p;
        hours += hours_micro_[k] & mask;
        participants += participants_[k] & mask;
        prefix_count_[k + 1] = count;
        prefix_hours_[k + 1] = hours;
        prefix_participants_[k + 1] = participants;
    }
    pass_total_ = count;

    // Passing starts grouped by team, for distinct-team counts of any window (counted in the loop above).
    for (size_t t = 1; t < team_offsets_.size(); ++t)
    {
        team_offsets_[t] += team_offsets_[t - 1];
    }
    team_starts_.resize(static_cast<size_t>(count));
    {
        std::vector<int32_t> cursor(team_offsets_.begin(), team_offsets_.end() - 1);
        for (size_t k = 0; k < n; ++k)
        {
            if (pass_[k])
            {
                team_starts_[static_cast<size_t>(cursor[static_cast<size_t>(team_[k])]++)] = start_[k];
            }
        }
    }
    team_first_sorted_.clear();
    for (int32_t t = 0; t < team_count; ++t)
    {
        if (team_offsets_[static_cast<size_t>(t) + 1] > team_offsets_[static_cast<size_t>(t)])
        {
            team_first_sorted_.push_back(team_starts_[static_cast<size_t>(team_offsets_[static_cast<size_t>(t)])]);
        }
    }
    std::sort(team_first_sorted_.begin(), team_first_sorted_.end());

    RebuildLanes();
}

void TimelineIndex::RebuildLanes()
{
    const size_t n = static_cast<size_t>(n_);
    const std::vector<int32_t>& lane_of = LaneIdsOf(grouping_);
    const size_t segment_count = static_cast<size_t>(lane_count_[static_cast<int>(grouping_)]) * kClassCount;

    // Counting sort by segment over the start-ordered ranks: stable, so every segment stays start-sorted.
    segment_offsets_.assign(segment_count + 1, 0);
    for (size_t k = 0; k < n; ++k)
    {
        segment_offsets_[static_cast<size_t>(lane_of[k]) * kClassCount + duration_class_[k] + 1] += pass_[k];
    }
    for (size_t sgm = 1; sgm <= segment_count; ++sgm)
    {
        segment_offsets_[sgm] += segment_offsets_[sgm - 1];
    }
    const size_t m = static_cast<size_t>(pass_total_);
    lane_start_.resize(m);
    lane_end_.resize(m);
    lane_activity_.resize(m);
    lane_max_end_.resize(m);
    lane_prefix_hours_.resize(m + 1);
    std::vector<int32_t> cursor(segment_offsets_.begin(), segment_offsets_.end() - 1);
    for (size_t k = 0; k < n; ++k)
    {
        if (pass_[k])
        {
            const size_t sgm = static_cast<size_t>(lane_of[k]) * kClassCount + duration_class_[k];
            const size_t pos = static_cast<size_t>(cursor[sgm]++);
            lane_start_[pos] = start_[k];
            lane_end_[pos] = end_[k];
            lane_activity_[pos] = activity_[k];
            lane_prefix_hours_[pos + 1] = hours_micro_[k]; // turned into a prefix sum below
        }
    }
    lane_prefix_hours_[0] = 0;
    for (size_t pos = 0; pos < m; ++pos)
    {
        lane_prefix_hours_[pos + 1] += lane_prefix_hours_[pos];
    }
    for (size_t sgm = 0; sgm < segment_count; ++sgm)
    {
        // A zero-length activity still occupies its start instant, hence start + 1.
        TimeSec running = kTimeMin;
        for (int32_t pos = segment_offsets_[sgm]; pos < segment_offsets_[sgm + 1]; ++pos)
        {
            const TimeSec st = lane_start_[static_cast<size_t>(pos)];
            running = std::max(running, std::max(lane_end_[static_cast<size_t>(pos)], st + 1));
            lane_max_end_[static_cast<size_t>(pos)] = running;
        }
    }
}

int64_t TimelineIndex::LaneActivityCount(int32_t lane) const
{
    if (lane < 0 || lane >= LaneCount())
    {
        return 0;
    }
    const size_t first = static_cast<size_t>(lane) * kClassCount;
    return segment_offsets_[first + kClassCount] - segment_offsets_[first];
}

std::vector<int32_t> TimelineIndex::NonEmptyLanes() const
{
    std::vector<int32_t> out;
    for (int32_t l = 0; l < LaneCount(); ++l)
    {
        if (LaneActivityCount(l) > 0)
        {
            out.push_back(l);
        }
    }
    return out;
}

bool TimelineIndex::DataRange(TimeSec* t0, TimeSec* t1) const
{
    if (n_ == 0)
    {
        return false;
    }
    *t0 = start_.front();
    *t1 = data_end_;
    return true;
}

bool TimelineIndex::FilteredRange(TimeSec* t0, TimeSec* t1) const
{
    if (pass_total_ == 0)
    {
        return false;
    }
    // The first passing rank is where the prefix count first becomes 1.
    const size_t first = static_cast<size_t>(
        std::lower_bound(prefix_count_.begin(), prefix_count_.end(), 1) - prefix_count_.begin() - 1);
    *t0 = start_[first];
    TimeSec last = kTimeMin;
    for (size_t sgm = 0; sgm + 1 < segment_offsets_.size(); ++sgm)
    {
        const int32_t b = segment_offsets_[sgm + 1];
        if (b > segment_offsets_[sgm])
        {
            last = std::max(last, lane_max_end_[static_cast<size_t>(b) - 1]);
        }
    }
    *t1 = last;
    return true;
}

TimelineTotals TimelineIndex::Totals(TimeSec t0, TimeSec t1, int top_k) const
{
    TimelineTotals out;
    if (t1 <= t0 || n_ == 0)
    {
        return out;
    }
    const size_t k0 = static_cast<size_t>(std::lower_bound(start_.begin(), start_.end(), t0) - start_.begin());
    const size_t k1 = static_cast<size_t>(std::lower_bound(start_.begin(), start_.end(), t1) - start_.begin());
    out.activities = prefix_count_[k1] - prefix_count_[k0];
    out.hours_micro = prefix_hours_[k1] - prefix_hours_[k0];
    out.hours = static_cast<double>(out.hours_micro) / kMicroHoursPerHour;
    out.participants = prefix_participants_[k1] - prefix_participants_[k0];
    if (out.activities == 0)
    {
        return out;
    }

    const size_t team_count = team_offsets_.size() - 2; // the last group is the unassigned team
    for (size_t t = 0; t < team_count; ++t)
    {
        const TimeSec* a = team_starts_.data() + team_offsets_[t];
        const TimeSec* b = team_starts_.data() + team_offsets_[t + 1];
        if (a == b || *a >= t1 || *(b - 1) < t0)
        {
            continue;
        }
        const TimeSec* p = std::lower_bound(a, b, t0);
        out.distinct_teams += (p != b && *p < t1) ? 1 : 0;
    }

    if (top_k > 0)
    {
        // Days are contiguous runs of ranks; the first and last day may be cut by the window.
        const size_t d0 = static_cast<size_t>(
            std::upper_bound(day_first_rank_.begin(), day_first_rank_.end(), static_cast<int32_t>(k0)) -
            day_first_rank_.begin() - 1);
        const size_t d1 = static_cast<size_t>(
            std::upper_bound(day_first_rank_.begin(), day_first_rank_.end(), static_cast<int32_t>(k1 - 1)) -
            day_first_rank_.begin() - 1);
        std::vector<DayCount> days;
        days.reserve(d1 - d0 + 1);
        for (size_t d = d0; d <= d1; ++d)
        {
            const size_t a = std::max(k0, static_cast<size_t>(day_first_rank_[d]));
            const size_t b = std::min(k1, static_cast<size_t>(day_first_rank_[d + 1]));
            const int64_t c = prefix_count_[b] - prefix_count_[a];
            if (c > 0)
            {
                days.push_back(DayCount{day_value_[d], c});
            }
        }
        const auto busier = [](const DayCount& x, const DayCount& y)
        { return x.count != y.count ? x.count > y.count : x.day < y.day; };
        const size_t keep = std::min(days.size(), static_cast<size_t>(top_k));
        std::partial_sort(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(keep), days.end(), busier);
        days.resize(keep);
        out.busiest_days = std::move(days);
    }
    return out;
}

TimelineTotals TimelineIndex::RunningTotals(TimeSec t) const
{
    TimelineTotals out;
    if (n_ == 0)
    {
        return out;
    }
    const size_t k = static_cast<size_t>(std::lower_bound(start_.begin(), start_.end(), t) - start_.begin());
    out.activities = prefix_count_[k];
    out.hours_micro = prefix_hours_[k];
    out.hours = static_cast<double>(out.hours_micro) / kMicroHoursPerHour;
    out.participants = prefix_participants_[k];
    out.distinct_teams =
        std::lower_bound(team_first_sorted_.begin(), team_first_sorted_.end(), t) - team_first_sorted_.begin();
    return out;
}

std::vector<int32_t> TimelineIndex::PassingActivities(TimeSec t0, TimeSec t1) const
{
    std::vector<int32_t> out;
    if (t1 <= t0 || n_ == 0)
    {
        return out;
    }
    const size_t k0 = static_cast<size_t>(std::lower_bound(start_.begin(), start_.end(), t0) - start_.begin());
    const size_t k1 = static_cast<size_t>(std::lower_bound(start_.begin(), start_.end(), t1) - start_.begin());
    out.reserve(static_cast<size_t>(prefix_count_[k1] - prefix_count_[k0]));
    for (size_t k = k0; k < k1; ++k)
    {
        if (pass_[k])
        {
            out.push_back(activity_[k]);
        }
    }
    return out;
}

void TimelineIndex::QueryView(const TimelineViewRequest& request, const int32_t* lanes, int lane_count,
                              TimelineView* out) const
{
    out->lanes.clear();
    out->bars.clear();
    out->columns.clear();
    out->column_edges.clear();
    out->max_column_count = 0;
    out->max_column_hours = 0;
    const TimeSec t0 = request.t0;
    const TimeSec t1 = request.t1;
    if (t1 <= t0 || lanes == nullptr || lane_count <= 0)
    {
        return;
    }
    const float width = std::min(std::max(request.width_px, 1.0f), 100000.0f);
    const int column_px = std::max(request.column_px, 1);
    const int32_t column_count = std::max(1, static_cast<int32_t>(std::ceil(width / static_cast<float>(column_px))));
    const float min_px = std::max(request.min_px_per_bar, 0.01f);
    const int64_t bar_limit =
        std::min<int64_t>(std::max(request.max_bars_per_lane, 0), static_cast<int64_t>(width / min_px));

    // Edges in double: t1 - t0 may not fit an int64 for absurd windows, and 2^53 s is far beyond any date.
    out->column_edges.resize(static_cast<size_t>(column_count) + 1);
    const double span = static_cast<double>(t1) - static_cast<double>(t0);
    for (int32_t c = 0; c <= column_count; ++c)
    {
        out->column_edges[static_cast<size_t>(c)] =
            c == column_count ? t1 : t0 + static_cast<TimeSec>(span * c / column_count);
    }

    out->lanes.reserve(static_cast<size_t>(lane_count));
    for (int i = 0; i < lane_count; ++i)
    {
        TimelineLaneView lv;
        lv.lane = lanes[i];
        if (lv.lane < 0 || lv.lane >= LaneCount())
        {
            lv.bar_begin = static_cast<int32_t>(out->bars.size());
            lv.column_begin = static_cast<int32_t>(out->columns.size());
            out->lanes.push_back(lv);
            continue;
        }
        const size_t first_segment = static_cast<size_t>(lv.lane) * kClassCount;
        const TimeSec* starts = lane_start_.data();
        // Per duration class: [lo, hi) holds every activity that can overlap the window; lane_max_end_ is
        // non-decreasing within a segment, so lo is found by bisection.
        int32_t seg_lo[kClassCount];
        int32_t seg_hi[kClassCount];
        int64_t candidates = 0;
        for (int c = 0; c < kClassCount; ++c)
        {
            const int32_t a = segment_offsets_[first_segment + static_cast<size_t>(c)];
            const int32_t b = segment_offsets_[first_segment + static_cast<size_t>(c) + 1];
            seg_hi[c] = static_cast<int32_t>(std::lower_bound(starts + a, starts + b, t1) - starts);
            seg_lo[c] = static_cast<int32_t>(
                std::upper_bound(lane_max_end_.data() + a, lane_max_end_.data() + seg_hi[c], t0) -
                lane_max_end_.data());
            candidates += seg_hi[c] - seg_lo[c];
        }
        lv.bar_begin = static_cast<int32_t>(out->bars.size());
        lv.column_begin = static_cast<int32_t>(out->columns.size());

        if (candidates <= bar_limit)
        {
            for (int c = 0; c < kClassCount; ++c)
            {
                for (int32_t pos = seg_lo[c]; pos < seg_hi[c]; ++pos)
                {
                    const TimeSec st = lane_start_[static_cast<size_t>(pos)];
                    const TimeSec en = lane_end_[static_cast<size_t>(pos)];
                    if (std::max(en, st + 1) > t0)
                    {
                        out->bars.push_back(TimelineBar{st, en, lane_activity_[static_cast<size_t>(pos)]});
                    }
                }
            }
            lv.bar_count = static_cast<int32_t>(out->bars.size()) - lv.bar_begin;
            lv.in_view = lv.bar_count;
            // Merge the duration classes back into start order (a few hundred bars at most).
            std::sort(out->bars.begin() + lv.bar_begin, out->bars.end(), [](const TimelineBar& x, const TimelineBar& y)
                      { return x.start != y.start ? x.start < y.start : x.activity < y.activity; });
        }
        else
        {
            lv.density = true;
            lv.column_count = column_count;
            out->columns.resize(out->columns.size() + static_cast<size_t>(column_count));
            TimelineColumn* cols = out->columns.data() + lv.column_begin;
            for (int c = 0; c < kClassCount; ++c)
            {
                const int32_t a = segment_offsets_[first_segment + static_cast<size_t>(c)];
                const int32_t hi = seg_hi[c];
                int32_t pos = static_cast<int32_t>(std::lower_bound(starts + a, starts + hi, t0) - starts);
                if (pos == hi)
                {
                    continue; // nothing of this class starts in the window
                }
                lv.in_view += hi - pos;
                for (int32_t col = 0; col < column_count && pos < hi; ++col)
                {
                    const int32_t next =
                        col + 1 == column_count
                            ? hi
                            : GallopLowerBound(starts, pos, hi, out->column_edges[static_cast<size_t>(col) + 1]);
                    if (next > pos)
                    {
                        cols[col].count += next - pos;
                        cols[col].hours += static_cast<float>(
                            static_cast<double>(lane_prefix_hours_[static_cast<size_t>(next)] -
                                                lane_prefix_hours_[static_cast<size_t>(pos)]) /
                            kMicroHoursPerHour);
                    }
                    pos = next;
                }
            }
            for (int32_t col = 0; col < column_count; ++col)
            {
                out->max_column_count = std::max(out->max_column_count, cols[col].count);
                out->max_column_hours = std::max(out->max_column_hours, cols[col].hours);
            }
        }
        out->lanes.push_back(lv);
    }
}

size_t TimelineIndex::MemoryBytes() const
{
    size_t bytes = sizeof(*this);
    const auto add = [&bytes](const auto& v) { bytes += v.capacity() * sizeof(v[0]); };
    add(start_);
    add(end_);
    add(activity_);
    add(hours_micro_);
    add(participants_);
    add(team_);
    add(category_);
    add(street_);
    add(community_);
    add(title_id_);
    add(duration_class_);
    add(street_of_community_);
    add(day_value_);
    add(day_first_rank_);
    for (const std::string& t : titles_folded_)
    {
        bytes += sizeof(t) + t.capacity();
    }
    add(pass_);
    add(prefix_count_);
    add(prefix_hours_);
    add(prefix_participants_);
    add(team_offsets_);
    add(team_starts_);
    add(team_first_sorted_);
    add(segment_offsets_);
    add(lane_start_);
    add(lane_end_);
    add(lane_max_end_);
    add(lane_activity_);
    add(lane_prefix_hours_);
    return bytes;
}

std::string LaneLabel(const Dataset& ds, LaneGrouping grouping, int32_t lane)
{
    if (lane >= 0)
    {
        const size_t l = static_cast<size_t>(lane);
        switch (grouping)
        {
        case LaneGrouping::Team:
            if (l < ds.teams.size())
            {
                return ds.teams[l].name;
            }
            break;
        case LaneGrouping::Category:
            if (l < ds.categories.size())
            {
                return ds.categories[l];
            }
            break;
        case LaneGrouping::Street:
            if (l < ds.streets.size())
            {
                return ds.streets[l].name;
            }
            break;
        case LaneGrouping::Community:
            if (l < ds.communities.size())
            {
                return ds.communities[l].name;
            }
            break;
        }
    }
    return "未指定";
}

} // namespace gridstar
