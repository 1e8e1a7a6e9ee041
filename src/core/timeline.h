// The volunteer-activity timeline core: an index over Dataset::activities that answers, in time that depends on
// pixels and lanes rather than on the number of activities, (1) what to draw in a time window for each visible lane
// (individual bars when few, density columns when many) and (2) exact totals for a window under a filter.
//
// Counting rule: an activity counts in [t0, t1) when its START is in [t0, t1). Bars are drawn for every activity that
// overlaps the window, but totals, density columns, running totals and busiest days all count by start, so an
// activity that spans midnight (or several days) is counted once, on its start day, in the lane of its team /
// category / street / community.
//
// Costs for n activities (T teams, L lanes, D CST days with activities, C = 4 duration classes):
//   Build                 O(n log n), once at load.
//   SetFilter             O(n + unique-title bytes), no sort: a pass flag per activity, prefix sums over start order,
//                         passing starts per team, then the lanes of the current grouping are regrouped.
//   SetGrouping           O(n): a counting sort of the passing activities into (lane, duration class) segments;
//                         the global start order is kept, so each segment is already start-sorted.
//   Totals(t0, t1)        O(log n + T log n + D in the window).
//   RunningTotals(t)      O(log n + log T).
//   QueryView             O(rows x C x (log n + columns x gallop)) for density rows, O(rows x C x log n + bars) for
//                         bar rows: independent of how many activities the window holds.
// Bench (bench_timeline, 1M activities, 200 teams, 2 years, native -O3, shared 2-core machine): build ~0.6-0.8 s,
// filter change ~11 ms CPU (median), grouping change ~12-16 ms, frame (30 rows x 1600 px + totals + ticks)
// ~0.2 ms median / ~0.6 ms p95 CPU. Index memory ~113 MB for 1M activities (~115 bytes each).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace gridstar
{

enum class LaneGrouping : uint8_t
{
    Team = 0,
    Category = 1,
    Street = 2,    // the street of the activity's community
    Community = 3,
};
constexpr int kLaneGroupingCount = 4;

// Which activities are shown and counted. An empty list means "no restriction"; every non-empty condition must
// hold (categories AND teams AND streets AND communities AND text). Indices out of range are ignored.
struct TimelineFilter
{
    std::vector<int32_t> categories;  // indices into Dataset::categories
    std::vector<int32_t> teams;       // indices into Dataset::teams
    std::vector<int32_t> streets;     // indices into Dataset::streets (via the activity's community)
    std::vector<int32_t> communities; // indices into Dataset::communities
    // Byte substring of the title (on valid UTF-8 this is a code-point substring). ASCII letters match
    // case-insensitively; leading/trailing ASCII spaces of the needle are ignored. Empty = no restriction.
    std::string text;
};

// Hours are summed in fixed point (micro-hours) so that a range total is exactly a difference of prefix sums and
// equals a recount in any order. Negative or NaN hours count as 0.
constexpr int64_t kMicroHoursPerHour = 1000000;
int64_t HoursToMicro(double hours);

struct DayCount
{
    int64_t day = 0;   // CST calendar day, days since 1970-01-01 (see CivilFromDays)
    int64_t count = 0; // activities starting that day inside the window
};

struct TimelineTotals
{
    int64_t activities = 0;
    int64_t hours_micro = 0;
    double hours = 0; // hours_micro / kMicroHoursPerHour
    int64_t participants = 0;
    int64_t distinct_teams = 0;        // teams (index >= 0) with at least one counted activity
    std::vector<DayCount> busiest_days; // top-k by count desc, then day asc; days with 0 are never listed
};

struct TimelineBar
{
    TimeSec start = 0;
    TimeSec end = 0;       // >= start
    int32_t activity = -1; // index into Dataset::activities
};

struct TimelineColumn
{
    int32_t count = 0; // activities starting in the column
    float hours = 0;   // their service hours
};

struct TimelineLaneView
{
    int32_t lane = -1;
    bool density = false;    // false: bars[bar_begin, +bar_count); true: columns[column_begin, +column_count)
    int32_t bar_begin = 0;
    int32_t bar_count = 0;
    int32_t column_begin = 0;
    int32_t column_count = 0;
    int32_t in_view = 0;     // bars mode: activities overlapping the window; density mode: starting in it
};

struct TimelineViewRequest
{
    TimeSec t0 = 0;
    TimeSec t1 = 0;            // > t0
    float width_px = 1000;     // width of the plot area
    // A lane is drawn as bars when the activities overlapping the window are at most
    // min(max_bars_per_lane, width_px / min_px_per_bar); otherwise as density columns.
    int max_bars_per_lane = 256;
    float min_px_per_bar = 3;
    int column_px = 2;         // width of one density column
};

struct TimelineView
{
    std::vector<TimelineLaneView> lanes; // one per requested lane, in request order
    std::vector<TimelineBar> bars;       // start-sorted within a lane
    std::vector<TimelineColumn> columns;
    std::vector<TimeSec> column_edges;   // column c covers [column_edges[c], column_edges[c + 1])
    int32_t max_column_count = 0;        // over all density lanes, to normalise a colour scale
    float max_column_hours = 0;
};

class TimelineIndex
{
public:
    // Indexes ds.activities (nothing of ds is referenced afterwards). Resets to the empty filter and Team lanes.
    void Build(const Dataset& ds);

    void SetGrouping(LaneGrouping grouping);
    LaneGrouping Grouping() const { return grouping_; }
    void SetFilter(const TimelineFilter& filter);
    const TimelineFilter& Filter() const { return filter_; }

    int64_t ActivityCount() const { return n_; }   // all indexed activities
    int64_t PassingCount() const { return pass_total_; } // activities passing the filter

    // Lanes of the current grouping: one per team / category / street / community, plus a last "unassigned" lane
    // for activities without one (usually empty).
    int32_t LaneCount() const { return lane_count_[static_cast<int>(grouping_)]; }
    bool IsUnassignedLane(int32_t lane) const { return lane == LaneCount() - 1; }
    int64_t LaneActivityCount(int32_t lane) const; // passing activities in the lane
    std::vector<int32_t> NonEmptyLanes() const;    // lanes with a passing activity, in index order

    // [first start, last end) over all activities, and over the passing ones; a zero-length activity counts as
    // lasting one second so the range always contains it. False when there are none.
    bool DataRange(TimeSec* t0, TimeSec* t1) const;
    bool FilteredRange(TimeSec* t0, TimeSec* t1) const;

    // Totals of the passing activities whose start is in [t0, t1); top_k busiest CST days.
    TimelineTotals Totals(TimeSec t0, TimeSec t1, int top_k = 5) const;
    // The passing activities whose start is in [t0, t1) (the ones Totals counts), as indices into
    // Dataset::activities in start order (ties by index). O(log n + activities in the window).
    std::vector<int32_t> PassingActivities(TimeSec t0, TimeSec t1) const;
    // Playback: totals of the passing activities starting before t (no busiest days).
    TimelineTotals RunningTotals(TimeSec t) const;

    // What to draw for the given lanes (lane ids of the current grouping; invalid ids give empty entries).
    void QueryView(const TimelineViewRequest& request, const int32_t* lanes, int lane_count, TimelineView* out) const;

    // Bytes held by the index (for the wasm memory budget).
    size_t MemoryBytes() const;

private:
    void RebuildLanes();
    const std::vector<int32_t>& LaneIdsOf(LaneGrouping grouping) const;

    // ---- static, built once: activities in start order (ties by index) ----
    int64_t n_ = 0;
    std::vector<TimeSec> start_;
    std::vector<TimeSec> end_;             // max(end, start)
    std::vector<int32_t> activity_;        // index into Dataset::activities
    std::vector<int64_t> hours_micro_;
    std::vector<int32_t> participants_;
    std::vector<int32_t> team_;            // lane ids: [0, teams] with teams = unassigned; same for the others
    std::vector<int32_t> category_;
    std::vector<int32_t> street_;
    std::vector<int32_t> community_;
    std::vector<int32_t> title_id_;        // into unique titles
    std::vector<uint8_t> duration_class_;  // see kDurationClasses in timeline.cpp
    std::vector<std::string> titles_folded_; // unique titles, ASCII-lowercased
    std::vector<int32_t> street_of_community_;
    int32_t lane_count_[kLaneGroupingCount] = {1, 1, 1, 1};
    std::vector<int64_t> day_value_;       // distinct CST start days, ascending
    std::vector<int32_t> day_first_rank_;  // first rank of each day, plus n_ at the end
    TimeSec data_end_ = 0;

    // ---- filter-dependent ----
    TimelineFilter filter_;
    int64_t pass_total_ = 0;
    std::vector<uint8_t> pass_;            // per rank
    std::vector<int32_t> prefix_count_;    // per rank, n_ + 1
    std::vector<int64_t> prefix_hours_;
    std::vector<int64_t> prefix_participants_;
    std::vector<int32_t> team_offsets_;    // passing starts grouped by team (start-sorted within a team)
    std::vector<TimeSec> team_starts_;
    std::vector<TimeSec> team_first_sorted_; // first passing start of each assigned team, ascending

    // ---- grouping- and filter-dependent: passing activities grouped into segments by (lane, duration class),
    // start-sorted within a segment. Splitting by duration keeps a few long activities from forcing a scan of
    // every short one since they began when looking for the bars that overlap a window. ----
    LaneGrouping grouping_ = LaneGrouping::Team;
    std::vector<int32_t> segment_offsets_ = {0, 0, 0, 0, 0};
    std::vector<TimeSec> lane_start_;
    std::vector<TimeSec> lane_end_;
    std::vector<TimeSec> lane_max_end_;    // running max within the segment of max(end, start + 1)
    std::vector<int32_t> lane_activity_;
    std::vector<int64_t> lane_prefix_hours_; // over the concatenated segments, size + 1
};

// Display name of a lane (the team / category / street / community name), "未指定" for the unassigned lane.
std::string LaneLabel(const Dataset& ds, LaneGrouping grouping, int32_t lane);

} // namespace gridstar
