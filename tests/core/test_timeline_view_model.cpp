#include <catch2/catch.hpp>

#include "test_support.h"

#include <random>
#include <vector>

#include "core/color_scale.h"
#include "core/time_util.h"
#include "core/timeline_view_model.h"

using namespace gridstar;
using gridstar::test::At;

namespace
{

WindowLimits TwoYears()
{
    WindowLimits lim;
    lim.min_span = 3600;
    lim.bound_t0 = At("2023-01-01");
    lim.bound_t1 = At("2025-01-01");
    lim.max_span = lim.bound_t1 - lim.bound_t0;
    return lim;
}

} // namespace

TEST_CASE("Zoom keeps the instant under the cursor", "[timeline_view]")
{
    const WindowLimits lim = TwoYears();
    const TimeWindow all{lim.bound_t0, lim.bound_t1};
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> frac(0.0, 1.0);
    for (int i = 0; i < 200; ++i)
    {
        const double f = frac(rng);
        const TimeSec anchor = FracToTime(all, f);
        const TimeWindow z = ZoomAround(all, f, 4.0, lim);
        CHECK(z.Span() == Approx(all.Span() / 4.0).margin(1));
        // Inside the bounds the anchor stays put (to the second); near the edges the window is shifted back in.
        CHECK(z.t0 >= lim.bound_t0);
        CHECK(z.t1 <= lim.bound_t1);
        if (anchor - lim.bound_t0 > z.Span() && lim.bound_t1 - anchor > z.Span())
        {
            CHECK(std::abs(FracToTime(z, f) - anchor) <= 1);
        }
    }
    // Zooming in and out again returns the same window.
    TimeWindow w = ZoomAround(all, 0.5, 8.0, lim);
    w = ZoomAround(w, 0.5, 1.0 / 8.0, lim);
    CHECK(w.t0 == all.t0);
    CHECK(w.t1 == all.t1);
}

TEST_CASE("Zoom, pan and select respect the limits", "[timeline_view]")
{
    const WindowLimits lim = TwoYears();
    const TimeWindow all{lim.bound_t0, lim.bound_t1};
    TimeWindow w = all;
    for (int i = 0; i < 100; ++i)
    {
        w = ZoomAround(w, 0.3, 2.0, lim);
    }
    CHECK(w.Span() == lim.min_span);
    for (int i = 0; i < 100; ++i)
    {
        w = ZoomAround(w, 0.3, 0.5, lim);
    }
    CHECK(w.t0 == all.t0);
    CHECK(w.t1 == all.t1);

    // Panning a one-month window far to the left stops at the bound, the span unchanged.
    TimeWindow m{At("2024-03-01"), At("2024-04-01")};
    TimeWindow p = PanBy(m, -100.0, lim);
    CHECK(p.t0 == lim.bound_t0);
    CHECK(p.Span() == m.Span());
    p = PanBy(m, 0.5, lim);
    CHECK(p.t0 == m.t0 + m.Span() / 2);

    // Selecting in either order gives the same ordered window; a tiny selection widens to min_span.
    TimeWindow s1 = SelectRange(all, 0.25, 0.5, lim);
    TimeWindow s2 = SelectRange(all, 0.5, 0.25, lim);
    CHECK(s1.t0 == s2.t0);
    CHECK(s1.t1 == s2.t1);
    CHECK(s1.t0 == FracToTime(all, 0.25));
    TimeWindow tiny = SelectRange(all, 0.5, 0.5, lim);
    CHECK(tiny.Span() == lim.min_span);

    // A window wider than the bounds is centred on them.
    WindowLimits wide = lim;
    wide.max_span = 4 * (lim.bound_t1 - lim.bound_t0);
    TimeWindow c = ClampWindow(TimeWindow{lim.bound_t0 - 1000000, lim.bound_t1 + 5000000}, wide);
    CHECK(c.t0 + c.t1 == lim.bound_t0 + lim.bound_t1);
}

TEST_CASE("Presets are CST calendar periods", "[timeline_view]")
{
    const TimeSec anchor = At("2024-05-15T23:30"); // a Wednesday, late evening CST (15:30 UTC)
    const TimeSec d0 = At("2023-01-01T09:30");
    const TimeSec d1 = At("2024-12-31T17:00");
    auto check = [&](RangePreset p, const char* a, const char* b)
    {
        TimeWindow w = PresetWindow(p, anchor, d0, d1);
        INFO(RangePresetName(p));
        CHECK(w.t0 == At(a));
        CHECK(w.t1 == At(b));
    };
    check(RangePreset::All, "2023-01-01", "2025-01-01");
    check(RangePreset::Year, "2024-01-01", "2025-01-01");
    check(RangePreset::Quarter, "2024-04-01", "2024-07-01");
    check(RangePreset::Month, "2024-05-01", "2024-06-01");
    check(RangePreset::Week, "2024-05-13", "2024-05-20");
    check(RangePreset::Day, "2024-05-15", "2024-05-16");
    // A Sunday belongs to the week that began on the Monday before.
    CHECK(PresetWindow(RangePreset::Week, At("2024-05-19T12:00"), d0, d1).t0 == At("2024-05-13"));
    // Data ending exactly on a month boundary does not add an empty month.
    CHECK(PresetWindow(RangePreset::All, 0, At("2024-01-10"), At("2024-03-01")).t1 == At("2024-03-01"));

    for (int i = 0; i < kRangePresetCount; ++i)
    {
        RangePreset back;
        REQUIRE(RangePresetFromName(RangePresetName(RangePreset(i)), &back));
        CHECK(back == RangePreset(i));
    }
    RangePreset none;
    CHECK_FALSE(RangePresetFromName("decade", &none));
}

TEST_CASE("Calendar months in CST", "[timeline_view]")
{
    CHECK(AddCstMonths(At("2024-01-31T10:00"), 1) == At("2024-02-29T10:00"));
    CHECK(AddCstMonths(At("2023-01-31T10:00"), 1) == At("2023-02-28T10:00"));
    CHECK(AddCstMonths(At("2024-12-05"), 1) == At("2025-01-05"));
    CHECK(AddCstMonths(At("2024-01-05"), -1) == At("2023-12-05"));
    CHECK(AddCstMonths(At("2024-03-05"), -27) == At("2021-12-05"));
    // 00:30 CST is the previous day in UTC; the CST date is what moves.
    CHECK(AddCstMonths(At("2024-03-01T00:30"), 1) == At("2024-04-01T00:30"));
}

TEST_CASE("Playback advances, rests on the end and loops", "[timeline_view]")
{
    const TimeWindow w{At("2024-01-01"), At("2025-01-01")};
    PlaybackClock clock;
    CHECK_FALSE(clock.active);
    PlaybackToggle(&clock, w);
    CHECK(clock.playing);
    CHECK(clock.active);
    CHECK(clock.cursor == w.t0);

    // One second at a month per second moves by 365.25 / 12 days, however the second is split into frames.
    for (int i = 0; i < 60; ++i)
    {
        PlaybackAdvance(&clock, 1.0 / 60.0, w);
    }
    CHECK(double(clock.cursor - w.t0) == Approx(365.25 / 12 * 86400).margin(2));

    // A huge dt (hidden tab) is capped.
    const TimeSec before = clock.cursor;
    PlaybackAdvance(&clock, 100.0, w);
    CHECK(double(clock.cursor - before) == Approx(0.25 * 365.25 / 12 * 86400).margin(2));

    // Run to the end: the cursor stops at t1, holds, then wraps and counts a loop.
    int frames = 0;
    while (clock.cursor < w.t1 && frames < 10000)
    {
        PlaybackAdvance(&clock, 0.1, w);
        ++frames;
    }
    CHECK(clock.cursor == w.t1);
    CHECK(clock.loops == 0);
    PlaybackAdvance(&clock, 0.25, w);
    PlaybackAdvance(&clock, 0.25, w);
    PlaybackAdvance(&clock, 0.25, w);
    CHECK(clock.cursor == w.t1);
    PlaybackAdvance(&clock, 0.25, w); // the hold of kPlaybackEndHoldS = 1 s is over
    CHECK(clock.cursor == w.t0);
    CHECK(clock.loops == 1);

    // Pause keeps the cursor; a paused clock does not move.
    PlaybackAdvance(&clock, 0.2, w);
    PlaybackToggle(&clock, w);
    CHECK_FALSE(clock.playing);
    const TimeSec paused_at = clock.cursor;
    PlaybackAdvance(&clock, 0.2, w);
    CHECK(clock.cursor == paused_at);

    PlaybackStop(&clock);
    CHECK_FALSE(clock.active);
    CHECK(clock.loops == 0);
}

TEST_CASE("Playback steps by calendar units and speeds saturate", "[timeline_view]")
{
    const TimeWindow w{At("2024-01-01"), At("2025-01-01")};
    PlaybackClock clock;
    PlaybackStep(&clock, +1, w); // activates paused at t0, then one month
    CHECK(clock.active);
    CHECK_FALSE(clock.playing);
    CHECK(clock.cursor == At("2024-02-01"));
    clock.speed = PlaybackSpeed::WeekPerSecond;
    PlaybackStep(&clock, -1, w);
    CHECK(clock.cursor == At("2024-01-25"));
    PlaybackStep(&clock, -1, w);
    PlaybackStep(&clock, -1, w);
    PlaybackStep(&clock, -1, w);
    CHECK(clock.cursor == At("2024-01-04"));
    PlaybackStep(&clock, -1, w);
    CHECK(clock.cursor == w.t0); // clamped
    clock.speed = PlaybackSpeed::YearPerSecond;
    PlaybackStep(&clock, +1, w);
    PlaybackStep(&clock, +1, w);
    CHECK(clock.cursor == w.t1);

    // Playing from the end restarts at the beginning.
    PlaybackSetPlaying(&clock, true, w);
    CHECK(clock.cursor == w.t0);

    // A window change moves an outside cursor to the new start.
    const TimeWindow m{At("2024-06-01"), At("2024-07-01")};
    PlaybackFitWindow(&clock, m);
    CHECK(clock.cursor == m.t0);

    CHECK(PlaybackFaster(PlaybackSpeed::YearPerSecond) == PlaybackSpeed::YearPerSecond);
    CHECK(PlaybackSlower(PlaybackSpeed::DayPerSecond) == PlaybackSpeed::DayPerSecond);
    CHECK(PlaybackFaster(PlaybackSpeed::MonthPerSecond) == PlaybackSpeed::QuarterPerSecond);
    for (int i = 0; i < kPlaybackSpeedCount; ++i)
    {
        PlaybackSpeed back;
        REQUIRE(PlaybackSpeedFromName(PlaybackSpeedName(PlaybackSpeed(i)), &back));
        CHECK(back == PlaybackSpeed(i));
        if (i > 0)
        {
            CHECK(PlaybackSpeedSeconds(PlaybackSpeed(i)) > PlaybackSpeedSeconds(PlaybackSpeed(i - 1)));
        }
    }
}

TEST_CASE("Bars pack into sub-rows without overlap", "[timeline_view]")
{
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> pos(0.0f, 1000.0f);
    std::uniform_real_distribution<float> len(1.0f, 80.0f);
    for (int round = 0; round < 50; ++round)
    {
        const int n = 1 + int(rng() % 60);
        std::vector<float> x0(n), x1(n);
        for (int i = 0; i < n; ++i)
        {
            x0[i] = pos(rng);
        }
        std::sort(x0.begin(), x0.end());
        for (int i = 0; i < n; ++i)
        {
            x1[i] = x0[i] + len(rng);
        }
        std::vector<int8_t> row(n);
        const int max_rows = 1 + int(rng() % 4);
        const int used = PackBarRows(x0.data(), x1.data(), n, max_rows, 1.0f, row.data());
        REQUIRE(used >= 1);
        REQUIRE(used <= max_rows);
        // With enough rows nothing overlaps within a row.
        if (used < max_rows)
        {
            for (int i = 0; i < n; ++i)
            {
                for (int j = i + 1; j < n; ++j)
                {
                    if (row[i] == row[j])
                    {
                        CHECK((x1[i] + 1.0f <= x0[j] || x1[j] + 1.0f <= x0[i]));
                    }
                }
            }
        }
        for (int i = 0; i < n; ++i)
        {
            CHECK(row[i] >= 0);
            CHECK(row[i] < used);
        }
    }
    // Disjoint bars share one row.
    const float a0[] = {0, 10, 20}, a1[] = {5, 15, 25};
    int8_t r[3];
    CHECK(PackBarRows(a0, a1, 3, 3, 1.0f, r) == 1);
    CHECK(PackBarRows(a0, a1, 0, 3, 1.0f, r) == 0);
}

TEST_CASE("Category palette is distinct for normal and colour-blind vision", "[timeline_view]")
{
    for (int i = 0; i < kCategoryPaletteSize; ++i)
    {
        for (int j = i + 1; j < kCategoryPaletteSize; ++j)
        {
            INFO(i << " vs " << j);
            CHECK(LabDistance(RgbaToLab(CategoryRgba(i)), RgbaToLab(CategoryRgba(j))) > 20);
            CHECK(LabDistance(RgbaToLab(SimulateDeuteranopia(CategoryRgba(i))),
                              RgbaToLab(SimulateDeuteranopia(CategoryRgba(j)))) > 8);
            CHECK(LabDistance(RgbaToLab(SimulateProtanopia(CategoryRgba(i))),
                              RgbaToLab(SimulateProtanopia(CategoryRgba(j)))) > 8);
        }
        // Every colour stands out from the navy background.
        CHECK(RgbaToLab(CategoryRgba(i)).l > 45);
    }
    CHECK(CategoryRgba(kCategoryPaletteSize) == CategoryRgba(0));
    CHECK(CategoryRgba(-1) != CategoryRgba(0));
}
