#include <catch2/catch.hpp>

#include "test_support.h"

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "core/time_util.h"
#include "core/timeline.h"

using namespace gridstar;
using gridstar::test::At;

namespace
{

// A small random dataset with the awkward cases: unassigned teams/communities, a community without a street,
// zero-length, midnight-spanning and multi-day activities, and many equal start times.
Dataset RandomDataset(uint32_t seed, int activity_count)
{
    std::mt19937 rng(seed);
    Dataset ds;
    for (int s = 0; s < 3; ++s)
    {
        Street st;
        st.id = "S" + std::to_string(s);
        st.name = "街道" + std::to_string(s);
        ds.streets.push_back(st);
    }
    for (int c = 0; c < 8; ++c)
    {
        Community cm;
        cm.id = "C" + std::to_string(c);
        cm.name = "社区" + std::to_string(c);
        cm.street = c == 7 ? -1 : c % 3;
        ds.communities.push_back(cm);
    }
    for (int t = 0; t < 7; ++t)
    {
        Team tm;
        tm.id = "T" + std::to_string(t);
        tm.name = "队伍" + std::to_string(t);
        tm.community = t % 8;
        ds.teams.push_back(tm);
    }
    ds.categories = {"一老", "一小", "环境整治", "文明实践"};
    const char* titles[] = {"敬老Visit", "环境整治", "Library 读书会", "关爱 Kids", "敬老院 VISIT", "读书", "kids读书会"};
    const TimeSec base = At("2024-02-20T00:00");
    std::uniform_int_distribution<int> pick(0, 1000);
    for (int i = 0; i < activity_count; ++i)
    {
        Activity a;
        a.id = "A" + std::to_string(i);
        a.title = titles[pick(rng) % 7];
        a.category = pick(rng) % 4;
        a.team = pick(rng) % 20 == 0 ? -1 : pick(rng) % 7;
        a.community = pick(rng) % 25 == 0 ? -1 : pick(rng) % 8;
        // Starts on a 30-minute grid so that many coincide.
        a.start = base + static_cast<TimeSec>(pick(rng) % (60 * 48)) * 1800;
        const int kind = pick(rng) % 10;
        TimeSec duration = static_cast<TimeSec>(1 + pick(rng) % 6) * 3600;
        if (kind == 0)
        {
            duration = 0;
        }
        else if (kind == 1)
        {
            duration = static_cast<TimeSec>(1 + pick(rng) % 5) * 86400;
        }
        a.end = a.start + duration;
        a.participants = pick(rng) % 30;
        a.hours = (pick(rng) % 200) * 0.25 + (pick(rng) % 3 == 0 ? 0.1 : 0.0);
        ds.activities.push_back(a);
    }
    return ds;
}

int32_t StreetOf(const Dataset& ds, const Activity& a)
{
    if (a.community < 0 || a.community >= static_cast<int32_t>(ds.communities.size()))
    {
        return -1;
    }
    return ds.communities[static_cast<size_t>(a.community)].street;
}

bool Contains(const std::vector<int32_t>& list, int32_t v)
{
    return std::find(list.begin(), list.end(), v) != list.end();
}

std::string Lower(std::string s)
{
    for (char& c : s)
    {
        if (c >= 'A' && c <= 'Z')
        {
            c = static_cast<char>(c + 32);
        }
    }
    return s;
}

bool BrutePasses(const Dataset& ds, const TimelineFilter& f, const Activity& a)
{
    if (!f.categories.empty() && !Contains(f.categories, a.category))
    {
        return false;
    }
    if (!f.teams.empty() && !Contains(f.teams, a.team))
    {
        return false;
    }
    if (!f.communities.empty() && !Contains(f.communities, a.community))
    {
        return false;
    }
    if (!f.streets.empty() && !Contains(f.streets, StreetOf(ds, a)))
    {
        return false;
    }
    std::string needle = f.text;
    while (!needle.empty() && needle.front() == ' ')
    {
        needle.erase(0, 1);
    }
    while (!needle.empty() && needle.back() == ' ')
    {
        needle.pop_back();
    }
    return Lower(a.title).find(Lower(needle)) != std::string::npos;
}

int32_t BruteLane(const Dataset& ds, LaneGrouping g, const Activity& a)
{
    int32_t v = -1;
    int32_t count = 0;
    switch (g)
    {
    case LaneGrouping::Team:
        v = a.team;
        count = static_cast<int32_t>(ds.teams.size());
        break;
    case LaneGrouping::Category:
        v = a.category;
        count = static_cast<int32_t>(ds.categories.size());
        break;
    case LaneGrouping::Street:
        v = StreetOf(ds, a);
        count = static_cast<int32_t>(ds.streets.size());
        break;
    case LaneGrouping::Community:
        v = a.community;
        count = static_cast<int32_t>(ds.communities.size());
        break;
    }
    return v < 0 ? count : v;
}

TimelineTotals BruteTotals(const Dataset& ds, const TimelineFilter& f, TimeSec t0, TimeSec t1, int top_k)
{
    TimelineTotals out;
    std::set<int32_t> teams;
    std::map<int64_t, int64_t> days;
    for (const Activity& a : ds.activities)
    {
        if (a.start < t0 || a.start >= t1 || !BrutePasses(ds, f, a))
        {
            continue;
        }
        out.activities += 1;
        out.hours_micro += HoursToMicro(a.hours);
        out.participants += a.participants;
        if (a.team >= 0)
        {
            teams.insert(a.team);
        }
        days[CstDayOf(a.start)] += 1;
    }
    out.distinct_teams = static_cast<int64_t>(teams.size());
    std::vector<DayCount> all;
    for (const auto& kv : days)
    {
        all.push_back(DayCount{kv.first, kv.second});
    }
    std::sort(all.begin(), all.end(), [](const DayCount& x, const DayCount& y)
              { return x.count != y.count ? x.count > y.count : x.day < y.day; });
    if (all.size() > static_cast<size_t>(top_k))
    {
        all.resize(static_cast<size_t>(top_k));
    }
    out.busiest_days = all;
    return out;
}

void RequireSameTotals(const TimelineTotals& got, const TimelineTotals& want)
{
    REQUIRE(got.activities == want.activities);
    REQUIRE(got.hours_micro == want.hours_micro);
    REQUIRE(got.participants == want.participants);
    REQUIRE(got.distinct_teams == want.distinct_teams);
    REQUIRE(got.busiest_days.size() == want.busiest_days.size());
    for (size_t i = 0; i < got.busiest_days.size(); ++i)
    {
        REQUIRE(got.busiest_days[i].day == want.busiest_days[i].day);
        REQUIRE(got.busiest_days[i].count == want.busiest_days[i].count);
    }
}

std::vector<int32_t> RandomSubset(std::mt19937& rng, int32_t count)
{
    std::vector<int32_t> out;
    if (rng() % 2 == 0)
    {
        return out; // no restriction
    }
    for (int32_t v = 0; v < count; ++v)
    {
        if (rng() % 2 == 0)
        {
            out.push_back(v);
        }
    }
    if (rng() % 4 == 0)
    {
        out.push_back(count + 5); // out of range: ignored
    }
    if (out.empty())
    {
        out.push_back(static_cast<int32_t>(rng() % static_cast<uint32_t>(count)));
    }
    return out;
}

TimelineFilter RandomFilter(std::mt19937& rng, const Dataset& ds)
{
    static const char* texts[] = {"", "", "", "老", "visit", "VISIT", " kids ", "读书", "zzz", "环境", "Library 读"};
    TimelineFilter f;
    f.categories = RandomSubset(rng, static_cast<int32_t>(ds.categories.size()));
    f.teams = RandomSubset(rng, static_cast<int32_t>(ds.teams.size()));
    if (rng() % 2 == 0)
    {
        f.streets = RandomSubset(rng, static_cast<int32_t>(ds.streets.size()));
    }
    else
    {
        f.communities = RandomSubset(rng, static_cast<int32_t>(ds.communities.size()));
    }
    f.text = texts[rng() % 11];
    return f;
}

TimeSec RandomInstant(std::mt19937& rng, const Dataset& ds)
{
    // Half the time an exact start (boundary cases), otherwise anywhere around the data.
    if (rng() % 2 == 0)
    {
        return ds.activities[rng() % ds.activities.size()].start;
    }
    const TimeSec base = At("2024-02-15T00:00");
    return base + static_cast<TimeSec>(rng() % (75u * 86400u));
}

} // namespace

TEST_CASE("Timeline totals equal a brute-force recount", "[timeline]")
{
    const Dataset ds = RandomDataset(1234, 3000);
    TimelineIndex index;
    index.Build(ds);
    REQUIRE(index.ActivityCount() == 3000);
    std::mt19937 rng(99);

    for (int round = 0; round < 60; ++round)
    {
        const TimelineFilter f = round == 0 ? TimelineFilter{} : RandomFilter(rng, ds);
        index.SetFilter(f);
        int64_t passing = 0;
        for (const Activity& a : ds.activities)
        {
            passing += BrutePasses(ds, f, a) ? 1 : 0;
        }
        REQUIRE(index.PassingCount() == passing);

        for (int q = 0; q < 40; ++q)
        {
            TimeSec t0 = RandomInstant(rng, ds);
            TimeSec t1 = RandomInstant(rng, ds);
            if (t1 < t0)
            {
                std::swap(t0, t1);
            }
            const int top_k = static_cast<int>(rng() % 8);
            RequireSameTotals(index.Totals(t0, t1, top_k), BruteTotals(ds, f, t0, t1, top_k));

            // The list behind a CSV export: exactly what Totals counts, in start order (ties by index).
            std::vector<int32_t> want_list;
            for (size_t i = 0; i < ds.activities.size(); ++i)
            {
                const Activity& a = ds.activities[i];
                if (a.start >= t0 && a.start < t1 && BrutePasses(ds, f, a))
                {
                    want_list.push_back(static_cast<int32_t>(i));
                }
            }
            std::stable_sort(want_list.begin(), want_list.end(), [&](int32_t x, int32_t y)
                             { return ds.activities[size_t(x)].start < ds.activities[size_t(y)].start; });
            REQUIRE(index.PassingActivities(t0, t1) == want_list);

            const TimelineTotals run = index.RunningTotals(t1);
            TimelineTotals want = BruteTotals(ds, f, std::numeric_limits<TimeSec>::min(), t1, 0);
            REQUIRE(run.activities == want.activities);
            REQUIRE(run.hours_micro == want.hours_micro);
            REQUIRE(run.participants == want.participants);
            REQUIRE(run.distinct_teams == want.distinct_teams);
        }
        // The whole range, and empty or inverted windows.
        RequireSameTotals(index.Totals(At("2000-01-01"), At("2100-01-01"), 5),
                          BruteTotals(ds, f, At("2000-01-01"), At("2100-01-01"), 5));
        CHECK(index.Totals(At("2024-03-01"), At("2024-03-01"), 5).activities == 0);
        CHECK(index.Totals(At("2024-03-02"), At("2024-03-01"), 5).activities == 0);
    }
}

TEST_CASE("Timeline lanes and view queries equal brute force for every grouping", "[timeline]")
{
    const Dataset ds = RandomDataset(777, 2500);
    TimelineIndex index;
    index.Build(ds);
    std::mt19937 rng(5);
    const LaneGrouping groupings[] = {LaneGrouping::Team, LaneGrouping::Category, LaneGrouping::Street,
                                      LaneGrouping::Community};

    for (int round = 0; round < 24; ++round)
    {
        const TimelineFilter f = round < 4 ? TimelineFilter{} : RandomFilter(rng, ds);
        const LaneGrouping g = groupings[round % 4];
        // Alternate the order of the two changes: the result must not depend on it.
        if (round % 2 == 0)
        {
            index.SetFilter(f);
            index.SetGrouping(g);
        }
        else
        {
            index.SetGrouping(g);
            index.SetFilter(f);
        }
        REQUIRE(index.Grouping() == g);

        std::vector<int64_t> lane_counts(static_cast<size_t>(index.LaneCount()), 0);
        for (const Activity& a : ds.activities)
        {
            if (BrutePasses(ds, f, a))
            {
                lane_counts[static_cast<size_t>(BruteLane(ds, g, a))] += 1;
            }
        }
        std::vector<int32_t> lanes;
        for (int32_t l = 0; l < index.LaneCount(); ++l)
        {
            REQUIRE(index.LaneActivityCount(l) == lane_counts[static_cast<size_t>(l)]);
            if (lane_counts[static_cast<size_t>(l)] > 0)
            {
                lanes.push_back(l);
            }
        }
        REQUIRE(index.NonEmptyLanes() == lanes);
        lanes.push_back(-1); // invalid ids give empty entries
        lanes.push_back(index.LaneCount());

        for (int q = 0; q < 10; ++q)
        {
            TimeSec t0 = RandomInstant(rng, ds);
            TimeSec t1 = RandomInstant(rng, ds);
            if (t1 < t0)
            {
                std::swap(t0, t1);
            }
            if (t1 == t0)
            {
                t1 += 3600;
            }
            TimelineViewRequest req;
            req.t0 = t0;
            req.t1 = t1;
            req.width_px = static_cast<float>(200 + rng() % 1400);

            // All bars: every passing activity of the lane that overlaps [t0, t1) (zero-length ones at their start).
            req.max_bars_per_lane = 1 << 30;
            req.min_px_per_bar = 1e-6f;
            TimelineView view;
            index.QueryView(req, lanes.data(), static_cast<int>(lanes.size()), &view);
            REQUIRE(view.lanes.size() == lanes.size());
            for (const TimelineLaneView& lv : view.lanes)
            {
                REQUIRE_FALSE(lv.density);
                std::vector<int32_t> got;
                for (int32_t i = lv.bar_begin; i < lv.bar_begin + lv.bar_count; ++i)
                {
                    const TimelineBar& bar = view.bars[static_cast<size_t>(i)];
                    const Activity& a = ds.activities[static_cast<size_t>(bar.activity)];
                    REQUIRE(bar.start == a.start);
                    REQUIRE(bar.end == a.end);
                    if (i > lv.bar_begin)
                    {
                        REQUIRE(view.bars[static_cast<size_t>(i) - 1].start <= bar.start);
                    }
                    got.push_back(bar.activity);
                }
                std::vector<int32_t> want;
                for (size_t i = 0; i < ds.activities.size(); ++i)
                {
                    const Activity& a = ds.activities[i];
                    if (lv.lane >= 0 && lv.lane < index.LaneCount() && BrutePasses(ds, f, a) &&
                        BruteLane(ds, g, a) == lv.lane && a.start < t1 && std::max(a.end, a.start + 1) > t0)
                    {
                        want.push_back(static_cast<int32_t>(i));
                    }
                }
                std::sort(got.begin(), got.end());
                REQUIRE(got == want);
                REQUIRE(lv.in_view == static_cast<int32_t>(want.size()));
            }

            // All density: per column, the passing activities of the lane starting in the column.
            req.max_bars_per_lane = 0;
            req.column_px = 1 + static_cast<int>(rng() % 4);
            index.QueryView(req, lanes.data(), static_cast<int>(lanes.size()), &view);
            const int32_t columns = static_cast<int32_t>(view.column_edges.size()) - 1;
            REQUIRE(columns >= 1);
            REQUIRE(view.column_edges.front() == t0);
            REQUIRE(view.column_edges.back() == t1);
            for (int32_t c = 0; c < columns; ++c)
            {
                REQUIRE(view.column_edges[static_cast<size_t>(c)] <= view.column_edges[static_cast<size_t>(c) + 1]);
            }
            for (const TimelineLaneView& lv : view.lanes)
            {
                if (!lv.density)
                {
                    // Only a lane with nothing to show (or an invalid id) stays in bar mode.
                    REQUIRE(lv.bar_count == 0);
                    continue;
                }
                REQUIRE(lv.column_count == columns);
                int64_t total = 0;
                for (int32_t c = 0; c < columns; ++c)
                {
                    const TimeSec e0 = view.column_edges[static_cast<size_t>(c)];
                    const TimeSec e1 = view.column_edges[static_cast<size_t>(c) + 1];
                    int32_t count = 0;
                    int64_t hours = 0;
                    for (const Activity& a : ds.activities)
                    {
                        if (a.start >= e0 && a.start < e1 && BrutePasses(ds, f, a) && BruteLane(ds, g, a) == lv.lane)
                        {
                            ++count;
                            hours += HoursToMicro(a.hours);
                        }
                    }
                    const TimelineColumn& col = view.columns[static_cast<size_t>(lv.column_begin + c)];
                    REQUIRE(col.count == count);
                    REQUIRE(col.hours == Approx(static_cast<double>(hours) / kMicroHoursPerHour).epsilon(1e-5));
                    REQUIRE(col.count <= view.max_column_count);
                    total += count;
                }
                REQUIRE(lv.in_view == total);
            }
        }
    }
}

TEST_CASE("Timeline chooses bars when few, density when many", "[timeline]")
{
    const Dataset ds = RandomDataset(4321, 4000);
    TimelineIndex index;
    index.Build(ds);
    const std::vector<int32_t> lanes = index.NonEmptyLanes();
    TimelineViewRequest req;
    req.width_px = 1600;
    req.max_bars_per_lane = 100;
    req.min_px_per_bar = 3;
    TimelineView view;

    req.t0 = At("2024-02-01");
    req.t1 = At("2024-05-01");
    index.QueryView(req, lanes.data(), static_cast<int>(lanes.size()), &view);
    for (const TimelineLaneView& lv : view.lanes)
    {
        CHECK(lv.density);
        CHECK(lv.column_count == 800);
    }
    CHECK(view.max_column_count > 0);

    req.t0 = At("2024-03-05T09:00");
    req.t1 = At("2024-03-05T10:00");
    index.QueryView(req, lanes.data(), static_cast<int>(lanes.size()), &view);
    for (const TimelineLaneView& lv : view.lanes)
    {
        CHECK_FALSE(lv.density);
        CHECK(lv.bar_count <= 100);
    }
}

TEST_CASE("Timeline counts in CST days, midnight-spanning activities once", "[timeline][time]")
{
    Dataset ds;
    ds.streets.resize(2);
    ds.streets[0].name = "东街道";
    ds.streets[1].name = "西街道";
    ds.communities.resize(2);
    ds.communities[0].name = "甲社区";
    ds.communities[0].street = 1;
    ds.communities[1].name = "乙社区";
    ds.communities[1].street = 0;
    ds.teams.resize(2);
    ds.teams[0].name = "红马甲";
    ds.teams[1].name = "银发";
    ds.categories = {"一老"};
    auto add = [&](const char* start, const char* end, int team, int community, double hours)
    {
        Activity a;
        a.title = "夜间巡逻";
        a.category = 0;
        a.team = team;
        a.community = community;
        a.start = At(start);
        a.end = At(end);
        a.hours = hours;
        a.participants = 2;
        ds.activities.push_back(a);
    };
    add("2024-03-05T23:30+08:00", "2024-03-06T01:30+08:00", 0, 0, 4); // spans midnight
    add("2024-03-05T16:00Z", "2024-03-05T18:00Z", 1, 1, 2);           // 3月6日 00:00 CST
    add("2024-03-05T08:00", "2024-03-05T09:00", 0, 1, 1);

    TimelineIndex index;
    index.Build(ds);
    const int64_t mar5 = DaysFromCivil(CivilDate{2024, 3, 5});
    const int64_t mar6 = DaysFromCivil(CivilDate{2024, 3, 6});

    TimelineTotals all = index.Totals(At("2024-03-01"), At("2024-03-10"), 5);
    CHECK(all.activities == 3);
    CHECK(all.hours == Approx(7.0));
    CHECK(all.participants == 6);
    CHECK(all.distinct_teams == 2);
    REQUIRE(all.busiest_days.size() == 2);
    CHECK(all.busiest_days[0].day == mar5);
    CHECK(all.busiest_days[0].count == 2);
    CHECK(all.busiest_days[1].day == mar6);
    CHECK(all.busiest_days[1].count == 1);

    // 3月6日 CST: only the activity that starts at its midnight counts; the one spanning midnight is drawn.
    TimelineTotals day6 = index.Totals(At("2024-03-06"), At("2024-03-07"), 5);
    CHECK(day6.activities == 1);
    CHECK(day6.distinct_teams == 1);
    TimelineViewRequest req;
    req.t0 = At("2024-03-06");
    req.t1 = At("2024-03-07");
    req.width_px = 800;
    const std::vector<int32_t> lanes = {0, 1, 2};
    TimelineView view;
    index.QueryView(req, lanes.data(), 3, &view);
    REQUIRE(view.lanes.size() == 3);
    CHECK(view.lanes[0].bar_count == 1); // team 0: the midnight-spanning bar, one bar
    CHECK(view.lanes[1].bar_count == 1); // team 1: the 00:00 activity
    CHECK(view.lanes[2].bar_count == 0); // unassigned
    CHECK(index.IsUnassignedLane(2));

    // Street lanes: the midnight-spanning activity stays in one lane (its community's street).
    index.SetGrouping(LaneGrouping::Street);
    CHECK(index.LaneCount() == 3);
    CHECK(index.LaneActivityCount(1) == 1);
    CHECK(index.LaneActivityCount(0) == 2);
    index.QueryView(req, lanes.data(), 3, &view);
    CHECK(view.lanes[0].bar_count == 1);
    CHECK(view.lanes[1].bar_count == 1);
    CHECK(LaneLabel(ds, LaneGrouping::Street, 1) == "西街道");
    CHECK(LaneLabel(ds, LaneGrouping::Team, 0) == "红马甲");
    CHECK(LaneLabel(ds, LaneGrouping::Community, 1) == "乙社区");
    CHECK(LaneLabel(ds, LaneGrouping::Category, 0) == "一老");
    CHECK(LaneLabel(ds, LaneGrouping::Street, 2) == "未指定");

    // Playback: running totals grow at each start.
    CHECK(index.RunningTotals(At("2024-03-05T08:00")).activities == 0);
    CHECK(index.RunningTotals(At("2024-03-05T08:00") + 1).activities == 1);
    CHECK(index.RunningTotals(At("2024-03-05T23:59")).distinct_teams == 1);
    CHECK(index.RunningTotals(At("2024-03-06T00:00:01")).distinct_teams == 2);
    CHECK(index.RunningTotals(At("2024-03-07")).hours_micro == 7 * kMicroHoursPerHour);

    TimeSec r0 = 0;
    TimeSec r1 = 0;
    REQUIRE(index.DataRange(&r0, &r1));
    CHECK(r0 == At("2024-03-05T08:00"));
    CHECK(r1 == At("2024-03-06T02:00"));

    TimelineFilter f;
    f.teams = {1};
    index.SetFilter(f);
    REQUIRE(index.FilteredRange(&r0, &r1));
    CHECK(r0 == At("2024-03-06T00:00"));
    CHECK(r1 == At("2024-03-06T02:00"));
    f.text = "nothing";
    index.SetFilter(f);
    CHECK_FALSE(index.FilteredRange(&r0, &r1));
    CHECK(index.Totals(At("2024-03-01"), At("2024-03-10"), 5).activities == 0);
}

TEST_CASE("Timeline index of an empty dataset", "[timeline]")
{
    Dataset ds;
    TimelineIndex index;
    index.Build(ds);
    CHECK(index.ActivityCount() == 0);
    CHECK(index.LaneCount() == 1);
    CHECK(index.NonEmptyLanes().empty());
    CHECK(index.Totals(0, 1000000, 5).activities == 0);
    CHECK(index.RunningTotals(1000000).activities == 0);
    TimeSec r0 = 0;
    TimeSec r1 = 0;
    CHECK_FALSE(index.DataRange(&r0, &r1));
    TimelineViewRequest req;
    req.t0 = 0;
    req.t1 = 1000;
    const int32_t lane = 0;
    TimelineView view;
    index.QueryView(req, &lane, 1, &view);
    REQUIRE(view.lanes.size() == 1);
    CHECK(view.lanes[0].bar_count == 0);
}
