// Timeline core benchmark: 1,000,000 synthetic activities of 200 teams over two years (fixed seed).
//
// Scenario (what one Timeline frame costs):
//   - plot 1600 px wide, density columns 2 px, bars when <= 256 overlap a lane (and >= 3 px each on average);
//   - lanes grouped by team: 200 lanes, of which 30 rows are visible (the visible block scrolls with the sweep);
//   - 200 zoom steps, geometric from the whole two years down to one day, centred on 2024-03-05 12:00 CST;
//   - a frame = QueryView over the 30 rows + Totals of the window (top-5 days) + ComputeTicks + marked dates.
// Prints `name: value unit` lines. The synthetic data is deterministic per standard library (libstdc++ and libc++
// distributions differ), so counts match run to run on one platform, not across platforms.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <ctime>
#include <set>
#include <string>
#include <vector>

#include "core/time_ticks.h"
#include "core/time_util.h"
#include "core/timeline.h"

using namespace gridstar;

namespace
{

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Thread CPU time: the figures below are also given in it because a shared build machine preempts the bench.
double CpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Percentile(std::vector<double> v, double p)
{
    if (v.empty())
    {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1);
    return v[i];
}

TimeSec CstMidnightOf(int y, int m, int d)
{
    return DaysFromCivil(CivilDate{y, m, d}) * 86400 - kCstOffsetSec;
}

Dataset Synthesise(int activity_count, uint32_t seed)
{
    std::mt19937 rng(seed);
    Dataset ds;
    for (int s = 0; s < 8; ++s)
    {
        Street st;
        st.id = "S" + std::to_string(s);
        st.name = "第" + std::to_string(s + 1) + "街道";
        ds.streets.push_back(st);
    }
    for (int c = 0; c < 64; ++c)
    {
        Community cm;
        cm.id = "C" + std::to_string(c);
        cm.name = "社区" + std::to_string(c + 1);
        cm.street = c % 8;
        ds.communities.push_back(cm);
    }
    for (int t = 0; t < 200; ++t)
    {
        Team tm;
        tm.id = "T" + std::to_string(t);
        tm.name = "志愿队" + std::to_string(t + 1);
        tm.community = t % 64;
        ds.teams.push_back(tm);
    }
    ds.categories = {"一老", "一小", "一新", "环境整治", "文明实践", "邻里守望"};
    const char* templates[] = {"敬老院探访", "助老送餐", "四点半课堂", "暑期托管", "新就业群体服务", "垃圾分类宣传",
                               "楼道清理", "文明实践宣讲", "邻里守望巡逻", "义诊 Health Check", "读书会 Book Club",
                               "防范非法集资宣传", "Visit 空巢老人", "反诈宣传", "消防演练"};
    std::vector<std::string> titles;
    for (const Community& cm : ds.communities)
    {
        for (const char* t : templates)
        {
            titles.push_back(cm.name + t);
        }
    }

    const TimeSec begin = CstMidnightOf(2023, 1, 1);
    const int days = 731;
    std::uniform_int_distribution<int> day_pick(0, days - 1);
    std::uniform_int_distribution<int> minute_pick(7 * 60, 20 * 60);
    std::uniform_int_distribution<int> team_pick(0, 199);
    std::uniform_int_distribution<int> any(0, 999);
    ds.activities.resize(static_cast<size_t>(activity_count));
    for (int i = 0; i < activity_count; ++i)
    {
        Activity& a = ds.activities[static_cast<size_t>(i)];
        a.id = "A" + std::to_string(i);
        // Busy teams: the square skews activity counts towards low team numbers.
        const int t = std::min(199, static_cast<int>(std::pow(team_pick(rng) / 200.0, 1.5) * 200));
        a.team = t;
        a.community = any(rng) < 850 ? t % 64 : any(rng) % 64;
        a.category = (t + any(rng) % 3) % 6;
        a.title = titles[static_cast<size_t>(a.community) * 15 + static_cast<size_t>(any(rng) % 15)];
        a.start = begin + static_cast<TimeSec>(day_pick(rng)) * 86400 + static_cast<TimeSec>(minute_pick(rng)) * 60;
        const int kind = any(rng);
        TimeSec duration = static_cast<TimeSec>(30 + any(rng) % 210) * 60;
        if (kind < 20)
        {
            duration = static_cast<TimeSec>(6 + any(rng) % 12) * 3600; // overnight watch
        }
        else if (kind < 25)
        {
            duration = static_cast<TimeSec>(1 + any(rng) % 14) * 86400; // multi-day campaign
        }
        a.end = a.start + duration;
        a.participants = 1 + any(rng) % 40;
        a.hours = a.participants * (static_cast<double>(duration) / 3600.0) * 0.5;
    }
    return ds;
}

bool Contains(const std::vector<int32_t>& v, int32_t x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

bool BrutePasses(const Dataset& ds, const TimelineFilter& f, const Activity& a)
{
    if ((!f.categories.empty() && !Contains(f.categories, a.category)) ||
        (!f.teams.empty() && !Contains(f.teams, a.team)) ||
        (!f.communities.empty() && !Contains(f.communities, a.community)))
    {
        return false;
    }
    if (!f.streets.empty() &&
        !Contains(f.streets, a.community >= 0 ? ds.communities[static_cast<size_t>(a.community)].street : -1))
    {
        return false;
    }
    if (f.text.empty())
    {
        return true;
    }
    std::string title = a.title;
    std::string needle = f.text;
    for (std::string* s : {&title, &needle})
    {
        for (char& c : *s)
        {
            c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        }
    }
    return title.find(needle) != std::string::npos;
}

bool SameAsBruteForce(const Dataset& ds, const TimelineIndex& index, const TimelineFilter& f, TimeSec t0, TimeSec t1)
{
    int64_t count = 0;
    int64_t hours = 0;
    int64_t participants = 0;
    std::set<int32_t> teams;
    for (const Activity& a : ds.activities)
    {
        if (a.start >= t0 && a.start < t1 && BrutePasses(ds, f, a))
        {
            ++count;
            hours += HoursToMicro(a.hours);
            participants += a.participants;
            teams.insert(a.team);
        }
    }
    const TimelineTotals got = index.Totals(t0, t1, 5);
    return got.activities == count && got.hours_micro == hours && got.participants == participants &&
           got.distinct_teams == static_cast<int64_t>(teams.size());
}

} // namespace

int main()
{
    const int kActivities = 1000000;
    Clock::time_point t = Clock::now();
    const Dataset ds = Synthesise(kActivities, 20240305);
    std::printf("timeline_synthesise_ms: %.1f ms\n", MsSince(t));
    std::printf("timeline_activities: %d count\n", kActivities);

    // Build: median of 3.
    std::vector<double> builds;
    TimelineIndex index;
    for (int i = 0; i < 3; ++i)
    {
        t = Clock::now();
        index.Build(ds);
        builds.push_back(MsSince(t));
    }
    std::printf("timeline_index_build_ms: %.1f ms\n", Percentile(builds, 0.5));
    std::printf("timeline_index_memory_mb: %.1f MB\n", static_cast<double>(index.MemoryBytes()) / (1024.0 * 1024.0));

    // Zoom sweep.
    const std::vector<int32_t> lanes = index.NonEmptyLanes();
    const TimeSec all0 = CstMidnightOf(2023, 1, 1);
    const TimeSec all1 = CstMidnightOf(2025, 1, 1);
    const TimeSec centre = CstMidnightOf(2024, 3, 5) + 12 * 3600;
    const int kSteps = 200;
    const int kRows = 30;
    const std::vector<MarkedDate> marked = DefaultMarkedDates();
    TimelineView view;
    TimelineViewRequest req;
    req.width_px = 1600;
    req.column_px = 2;
    req.max_bars_per_lane = 256;
    req.min_px_per_bar = 3;
    TickOptions tick_options;
    std::vector<double> frames;
    std::vector<double> frames_cpu;
    int64_t bars_drawn = 0;
    int64_t density_lanes = 0;
    int64_t checksum = 0;
    for (int step = 0; step < kSteps; ++step)
    {
        const double f = static_cast<double>(step) / (kSteps - 1);
        const double span = static_cast<double>(all1 - all0) * std::pow(86400.0 / static_cast<double>(all1 - all0), f);
        // Slide from the whole range's centre to the target centre while zooming.
        const double mid = (static_cast<double>(all0 + all1) / 2) * (1 - f) + static_cast<double>(centre) * f;
        req.t0 = static_cast<TimeSec>(mid - span / 2);
        req.t1 = static_cast<TimeSec>(mid + span / 2);
        const size_t first_row = static_cast<size_t>(step * 7) % (lanes.size() - kRows);

        t = Clock::now();
        const double cpu0 = CpuMs();
        index.QueryView(req, lanes.data() + first_row, kRows, &view);
        const TimelineTotals totals = index.Totals(req.t0, req.t1, 5);
        const TickSet ticks = ComputeTicks(req.t0, req.t1, req.width_px, tick_options);
        const std::vector<MarkedInstant> marks = MarkedDatesInRange(marked, req.t0, req.t1);
        frames.push_back(MsSince(t));
        frames_cpu.push_back(CpuMs() - cpu0);

        bars_drawn += static_cast<int64_t>(view.bars.size());
        for (const TimelineLaneView& lv : view.lanes)
        {
            density_lanes += lv.density ? 1 : 0;
        }
        checksum += totals.activities + static_cast<int64_t>(ticks.minor.size() + marks.size());
    }
    std::printf("timeline_frame_median_ms: %.3f ms\n", Percentile(frames, 0.5));
    std::printf("timeline_frame_p95_ms: %.3f ms\n", Percentile(frames, 0.95));
    std::printf("timeline_frame_max_ms: %.3f ms\n", Percentile(frames, 1.0));
    // Some platforms (Emscripten) have no thread CPU clock: it stays at 0, so say nothing rather than 0.
    const bool have_cpu_clock = Percentile(frames_cpu, 1.0) > 0;
    if (have_cpu_clock)
    {
        std::printf("timeline_frame_cpu_median_ms: %.3f ms\n", Percentile(frames_cpu, 0.5));
        std::printf("timeline_frame_cpu_p95_ms: %.3f ms\n", Percentile(frames_cpu, 0.95));
    }
    std::printf("timeline_sweep_bars_per_frame: %.1f count\n", static_cast<double>(bars_drawn) / kSteps);
    std::printf("timeline_sweep_density_lane_share: %.3f ratio\n",
                static_cast<double>(density_lanes) / (kSteps * kRows));

    // Filter changes (each recomputes the pass flags, prefix sums, team lists and lanes).
    std::vector<TimelineFilter> filters(6);
    filters[0].categories = {0, 3};
    for (int i = 0; i < 50; ++i)
    {
        filters[1].teams.push_back(i * 4);
    }
    filters[2].text = "敬老";
    filters[3].streets = {1, 3};
    filters[3].text = "visit";
    filters[4].communities = {5, 6, 7, 8, 9, 10};
    filters[4].categories = {1, 2, 4};
    // filters[5] is empty: back to everything.
    std::vector<double> filter_ms;
    std::vector<double> filter_cpu;
    for (int round = 0; round < 3; ++round)
    {
        for (const TimelineFilter& f : filters)
        {
            t = Clock::now();
            const double cpu0 = CpuMs();
            index.SetFilter(f);
            filter_ms.push_back(MsSince(t));
            filter_cpu.push_back(CpuMs() - cpu0);
        }
    }
    std::printf("timeline_filter_recompute_ms: %.2f ms\n", Percentile(filter_ms, 0.5));
    std::printf("timeline_filter_recompute_max_ms: %.2f ms\n", Percentile(filter_ms, 1.0));
    if (have_cpu_clock)
    {
        std::printf("timeline_filter_recompute_cpu_ms: %.2f ms\n", Percentile(filter_cpu, 0.5));
        std::printf("timeline_filter_recompute_cpu_max_ms: %.2f ms\n", Percentile(filter_cpu, 1.0));
    }

    std::vector<double> grouping_ms;
    const LaneGrouping groupings[] = {LaneGrouping::Category, LaneGrouping::Street, LaneGrouping::Community,
                                      LaneGrouping::Team};
    for (int round = 0; round < 3; ++round)
    {
        for (LaneGrouping g : groupings)
        {
            t = Clock::now();
            index.SetGrouping(g);
            grouping_ms.push_back(MsSince(t));
        }
    }
    std::printf("timeline_grouping_change_ms: %.2f ms\n", Percentile(grouping_ms, 0.5));

    std::vector<double> running_us;
    for (int i = 0; i < 1000; ++i)
    {
        t = Clock::now();
        const TimelineTotals r = index.RunningTotals(all0 + (all1 - all0) / 1000 * i);
        running_us.push_back(MsSince(t) * 1000.0);
        checksum += r.activities;
    }
    std::printf("timeline_running_totals_us: %.2f us\n", Percentile(running_us, 0.5));

    // Totals against a brute-force recount: 8 windows under each of 4 filters (and the empty one).
    std::mt19937 rng(7);
    bool all_equal = true;
    int checks = 0;
    const int filter_ids[] = {5, 0, 2, 3, 1};
    for (int fi : filter_ids)
    {
        index.SetFilter(filters[static_cast<size_t>(fi)]);
        for (int q = 0; q < 8; ++q)
        {
            TimeSec a = all0 + static_cast<TimeSec>(rng() % static_cast<uint32_t>(all1 - all0));
            TimeSec b = all0 + static_cast<TimeSec>(rng() % static_cast<uint32_t>(all1 - all0));
            if (q == 0)
            {
                a = all0;
                b = all1;
            }
            if (b < a)
            {
                std::swap(a, b);
            }
            all_equal = all_equal && SameAsBruteForce(ds, index, filters[static_cast<size_t>(fi)], a, b);
            ++checks;
        }
    }
    std::printf("timeline_totals_bruteforce_checks: %d count\n", checks);
    std::printf("timeline_totals_equal_bruteforce: %d bool\n", all_equal ? 1 : 0);
    std::printf("timeline_checksum: %lld n\n", static_cast<long long>(checksum));
    return all_equal ? 0 : 1;
}
