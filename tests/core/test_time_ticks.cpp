#include <catch2/catch.hpp>

#include "test_support.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/time_ticks.h"
#include "core/time_util.h"

using namespace gridstar;
using gridstar::test::At;

namespace
{

const Tick* FindLabel(const std::vector<Tick>& ticks, const std::string& label)
{
    for (const Tick& t : ticks)
    {
        if (t.label == label)
        {
            return &t;
        }
    }
    return nullptr;
}

// Ascending positions inside the plot, labels that do not overlap under the same width estimate.
void RequireWellFormed(const std::vector<Tick>& ticks, TimeSec t0, TimeSec t1, float width, const TickOptions& opt)
{
    float right = -1e30f;
    for (size_t i = 0; i < ticks.size(); ++i)
    {
        const Tick& tk = ticks[i];
        REQUIRE(tk.t >= t0);
        REQUIRE(tk.t <= t1);
        REQUIRE(tk.x >= -0.01f);
        REQUIRE(tk.x <= width + 0.01f);
        if (i > 0)
        {
            REQUIRE(tk.t > ticks[i - 1].t);
            REQUIRE(tk.x >= ticks[i - 1].x);
        }
        if (!tk.label.empty())
        {
            REQUIRE(tk.x >= right);
            right = tk.x + EstimateTextWidthPx(tk.label, opt.px_per_char) + opt.min_gap_px;
        }
    }
}

} // namespace

TEST_CASE("Tick labels in Chinese and English", "[ticks]")
{
    const TimeSec t = At("2024-03-05T14:00");
    CHECK(FormatTickLabel(t, TickUnit::Year, TickLanguage::ZhHans) == "2024年");
    CHECK(FormatTickLabel(t, TickUnit::Month, TickLanguage::ZhHans) == "2024年3月");
    CHECK(FormatTickLabel(t, TickUnit::Day, TickLanguage::ZhHans) == "3月5日 周二");
    CHECK(FormatTickLabel(t, TickUnit::Day, TickLanguage::ZhHant) == "3月5日 週二");
    CHECK(FormatTickLabel(t, TickUnit::Week, TickLanguage::ZhHans) == "3月5日");
    CHECK(FormatTickLabel(t, TickUnit::Hour, TickLanguage::ZhHans) == "14:00");
    CHECK(FormatTickLabel(t + 300, TickUnit::Minute, TickLanguage::ZhHans) == "14:05");
    CHECK(FormatTickLabel(t, TickUnit::Year, TickLanguage::English) == "2024");
    CHECK(FormatTickLabel(t, TickUnit::Month, TickLanguage::English) == "Mar 2024");
    CHECK(FormatTickLabel(t, TickUnit::Day, TickLanguage::English) == "Tue 5 Mar");
    CHECK(FormatTickLabel(t, TickUnit::Week, TickLanguage::English) == "5 Mar");
    CHECK(FormatTickLabel(t, TickUnit::Hour, TickLanguage::English) == "14:00");
    // Labels are CST whatever the instant's notation.
    CHECK(FormatTickLabel(At("2024-03-05T16:00Z"), TickUnit::Day, TickLanguage::ZhHans) == "3月6日 周三");
    CHECK(FormatTickLabel(At("2024-03-05T16:00Z"), TickUnit::Hour, TickLanguage::ZhHans) == "00:00");
    CHECK(FormatTickLabel(At("2024-03-05T23:30+08:00"), TickUnit::Day, TickLanguage::ZhHans) == "3月5日 周二");

    CHECK(EstimateTextWidthPx("14:00", 7) == Approx(35));
    CHECK(EstimateTextWidthPx("2024年", 7) == Approx(42));
    CHECK(EstimateTextWidthPx("", 7) == Approx(0));
}

TEST_CASE("Ticks at every scale", "[ticks]")
{
    TickOptions zh;
    TickOptions en;
    en.language = TickLanguage::English;
    const float width = 1600;

    SECTION("years")
    {
        const TimeSec t0 = At("1990-06-01");
        const TimeSec t1 = At("2030-06-01");
        const TickSet ts = ComputeTicks(t0, t1, width, zh);
        CHECK(ts.unit == TickUnit::Year);
        RequireWellFormed(ts.minor, t0, t1, width, zh);
        REQUIRE(ts.minor.size() >= 4);
        const Tick* y2000 = FindLabel(ts.minor, "2000年");
        REQUIRE(y2000 != nullptr);
        CHECK(y2000->t == At("2000-01-01T00:00+08:00"));
        for (const Tick& tk : ts.minor)
        {
            const CivilDateTime c = CstFromUtc(tk.t);
            CHECK(c.date.month == 1);
            CHECK(c.date.day == 1);
            CHECK(c.hour == 0);
            CHECK(c.date.year % ts.step == 0);
        }
        CHECK(ts.major.empty());
        const TickSet te = ComputeTicks(t0, t1, width, en);
        CHECK(FindLabel(te.minor, "2000") != nullptr);
    }

    SECTION("months")
    {
        const TimeSec t0 = At("2023-11-20");
        const TimeSec t1 = At("2025-01-10");
        const TickSet ts = ComputeTicks(t0, t1, width, zh);
        CHECK(ts.unit == TickUnit::Month);
        CHECK(ts.step == 1);
        RequireWellFormed(ts.minor, t0, t1, width, zh);
        RequireWellFormed(ts.major, t0, t1, width, zh);
        const Tick* mar = FindLabel(ts.minor, "2024年3月");
        REQUIRE(mar != nullptr);
        CHECK(mar->t == At("2024-03-01T00:00+08:00"));
        CHECK(ts.minor.size() == 14);
        REQUIRE(ts.major.size() == 2);
        CHECK(ts.major[0].label == "2024年");
        CHECK(ts.major[1].label == "2025年");
        CHECK(ts.context_label == "2023年");
        CHECK(FindLabel(ComputeTicks(t0, t1, width, en).minor, "Mar 2024") != nullptr);
    }

    SECTION("weeks")
    {
        const TimeSec t0 = At("2024-02-01");
        const TimeSec t1 = At("2024-04-15");
        const TickSet ts = ComputeTicks(t0, t1, width, zh);
        CHECK(ts.unit == TickUnit::Week);
        RequireWellFormed(ts.minor, t0, t1, width, zh);
        RequireWellFormed(ts.major, t0, t1, width, zh);
        for (const Tick& tk : ts.minor)
        {
            CHECK(WeekdayFromDays(CstDayOf(tk.t)) == 1); // Monday
            CHECK(CstFromUtc(tk.t).hour == 0);
        }
        CHECK(FindLabel(ts.minor, "3月4日") != nullptr);
        CHECK(FindLabel(ts.major, "2024年3月") != nullptr);
        CHECK(ts.context_label == "2024年2月");
    }

    SECTION("days")
    {
        const TimeSec t0 = At("2024-03-01");
        const TimeSec t1 = At("2024-03-11");
        const TickSet ts = ComputeTicks(t0, t1, width, zh);
        CHECK(ts.unit == TickUnit::Day);
        RequireWellFormed(ts.minor, t0, t1, width, zh);
        CHECK(ts.minor.size() == 11);
        const Tick* d5 = FindLabel(ts.minor, "3月5日 周二");
        REQUIRE(d5 != nullptr);
        CHECK(d5->t == At("2024-03-05T00:00+08:00"));
        CHECK(d5->x == Approx(width * 4 / 10));
        CHECK(ts.context_label == "2024年3月");
        CHECK(FindLabel(ComputeTicks(t0, t1, width, en).minor, "Tue 5 Mar") != nullptr);
    }

    SECTION("hours")
    {
        const TimeSec t0 = At("2024-03-05T06:00");
        const TimeSec t1 = At("2024-03-06T06:00");
        const TickSet ts = ComputeTicks(t0, t1, width, zh);
        CHECK(ts.unit == TickUnit::Hour);
        RequireWellFormed(ts.minor, t0, t1, width, zh);
        RequireWellFormed(ts.major, t0, t1, width, zh);
        const Tick* h14 = FindLabel(ts.minor, "14:00");
        REQUIRE(h14 != nullptr);
        CHECK(h14->t == At("2024-03-05T14:00+08:00"));
        REQUIRE(ts.major.size() == 1);
        CHECK(ts.major[0].t == At("2024-03-06T00:00+08:00"));
        CHECK(ts.major[0].label == "3月6日 周三");
        CHECK(ts.context_label == "3月5日 周二");
    }

    SECTION("minutes")
    {
        const TimeSec t0 = At("2024-03-05T14:00");
        const TimeSec t1 = At("2024-03-05T15:00");
        const TickSet ts = ComputeTicks(t0, t1, width, zh);
        CHECK(ts.unit == TickUnit::Minute);
        RequireWellFormed(ts.minor, t0, t1, width, zh);
        CHECK(FindLabel(ts.minor, "14:30") != nullptr);
        CHECK(ts.major.empty());
        CHECK(ts.context_label == "3月5日 周二");
    }
}

TEST_CASE("Ticks coarsen monotonically and never overlap", "[ticks]")
{
    TickOptions opt;
    const TimeSec t0 = At("2024-01-01T03:17");
    int previous_level = -1;
    // Zoom out from 10 minutes to 300 years at a fixed width.
    for (double span = 600; span < 300.0 * 365 * 86400; span *= 1.15)
    {
        const TimeSec t1 = t0 + static_cast<TimeSec>(span);
        const TickSet ts = ComputeTicks(t0, t1, 1200, opt);
        const int level = static_cast<int>(ts.unit) * 10000 + ts.step;
        REQUIRE(level >= previous_level);
        previous_level = level;
        RequireWellFormed(ts.minor, t0, t1, 1200, opt);
        RequireWellFormed(ts.major, t0, t1, 1200, opt);
        REQUIRE(!ts.minor.empty());
    }

    // Random windows, widths, languages and character widths.
    std::mt19937 rng(11);
    for (int i = 0; i < 3000; ++i)
    {
        TickOptions o;
        o.language = static_cast<TickLanguage>(rng() % 3);
        o.px_per_char = 4.0f + static_cast<float>(rng() % 100) / 10.0f;
        o.min_gap_px = static_cast<float>(rng() % 20);
        const TimeSec a = At("1950-01-01") + static_cast<TimeSec>(rng() % (100u * 365u)) * 86400 +
                          static_cast<TimeSec>(rng() % 86400);
        const double span = std::pow(10.0, 1.5 + (rng() % 10000) / 10000.0 * 8.5);
        const TimeSec b = a + static_cast<TimeSec>(span) + 1;
        const float width = 50.0f + static_cast<float>(rng() % 3000);
        const TickSet ts = ComputeTicks(a, b, width, o);
        RequireWellFormed(ts.minor, a, b, width, o);
        RequireWellFormed(ts.major, a, b, width, o);
        REQUIRE(ts.minor.size() <= static_cast<size_t>(width) + 2);
    }

    CHECK(ComputeTicks(100, 100, 800, opt).minor.empty());
    CHECK(ComputeTicks(100, 50, 800, opt).minor.empty());
    CHECK(ComputeTicks(0, 1000, 0, opt).minor.empty());
}

TEST_CASE("Marked dates in a window", "[ticks][time]")
{
    const std::vector<MarkedDate> defaults = DefaultMarkedDates();
    REQUIRE(defaults.size() == 2);
    CHECK(defaults[0].label == "学雷锋日");
    CHECK(defaults[1].label == "国际志愿者日");

    std::vector<MarkedInstant> got = MarkedDatesInRange(defaults, At("2023-01-01"), At("2025-01-01"));
    REQUIRE(got.size() == 4);
    CHECK(got[0].t == At("2023-03-05T00:00+08:00"));
    CHECK(got[0].label == "学雷锋日");
    CHECK(got[1].t == At("2023-12-05T00:00+08:00"));
    CHECK(got[2].t == At("2024-03-05T00:00+08:00"));
    CHECK(got[2].day == DaysFromCivil(CivilDate{2024, 3, 5}));
    CHECK(got[3].label == "国际志愿者日");

    // A window that starts inside the marked day still shows it; one that ends at its midnight does not.
    CHECK(MarkedDatesInRange(defaults, At("2024-03-05T12:00"), At("2024-03-05T13:00")).size() == 1);
    CHECK(MarkedDatesInRange(defaults, At("2024-03-04"), At("2024-03-05")).empty());
    CHECK(MarkedDatesInRange(defaults, At("2024-03-06"), At("2024-12-05")).empty());

    std::vector<MarkedDate> own(3);
    own[0].month = 2;
    own[0].day = 29;
    own[0].label = "闰日";
    own[1].year = 2024;
    own[1].month = 6;
    own[1].day = 1;
    own[1].label = "儿童节活动";
    own[2].month = 2;
    own[2].day = 30; // never valid
    own[2].label = "bad";
    got = MarkedDatesInRange(own, At("2023-01-01"), At("2029-01-01"));
    REQUIRE(got.size() == 3);
    CHECK(got[0].t == At("2024-02-29T00:00+08:00"));
    CHECK(got[1].label == "儿童节活动");
    CHECK(got[2].t == At("2028-02-29T00:00+08:00"));
    CHECK(MarkedDatesInRange(own, At("2025-01-01"), At("2026-01-01")).empty());
}
