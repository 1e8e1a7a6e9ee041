#include <catch2/catch.hpp>

#include "core/time_util.h"

using namespace gridstar;

namespace
{

TimeSec Parse(const char* text)
{
    TimeSec t = -1;
    bool ok = ParseDateTime(text, &t);
    REQUIRE(ok);
    return t;
}

bool Parses(const char* text)
{
    TimeSec t = 0;
    return ParseDateTime(text, &t);
}

} // namespace

TEST_CASE("DaysFromCivil and CivilFromDays", "[time]")
{
    CHECK(DaysFromCivil(CivilDate{1970, 1, 1}) == 0);
    CHECK(DaysFromCivil(CivilDate{1970, 1, 2}) == 1);
    CHECK(DaysFromCivil(CivilDate{1969, 12, 31}) == -1);
    CHECK(DaysFromCivil(CivilDate{2000, 3, 1}) == 11017);
    CHECK(DaysFromCivil(CivilDate{2024, 3, 5}) == 19787);

    SECTION("round trip over a wide range")
    {
        CivilDate prev = CivilFromDays(-800000);
        for (int64_t days = -800000 + 1; days <= 800000; ++days)
        {
            CivilDate d = CivilFromDays(days);
            REQUIRE(DaysFromCivil(d) == days);
            REQUIRE(IsValidDate(d.year, d.month, d.day));
            // Consecutive days: either the next day of the month or the 1st of the next month.
            bool next_day = d.year == prev.year && d.month == prev.month && d.day == prev.day + 1;
            bool next_month = d.day == 1 && ((d.month == prev.month + 1 && d.year == prev.year) ||
                                             (d.month == 1 && prev.month == 12 && d.year == prev.year + 1));
            REQUIRE((next_day || next_month));
            prev = d;
        }
    }
}

TEST_CASE("Leap years and IsValidDate", "[time]")
{
    CHECK(IsValidDate(2024, 2, 29));
    CHECK_FALSE(IsValidDate(2023, 2, 29));
    CHECK(IsValidDate(2000, 2, 29));
    CHECK_FALSE(IsValidDate(1900, 2, 29));
    CHECK_FALSE(IsValidDate(2024, 2, 30));
    CHECK_FALSE(IsValidDate(2024, 4, 31));
    CHECK(IsValidDate(2024, 12, 31));
    CHECK_FALSE(IsValidDate(2024, 13, 1));
    CHECK_FALSE(IsValidDate(2024, 0, 1));
    CHECK_FALSE(IsValidDate(2024, 1, 0));
    CHECK(DaysFromCivil(CivilDate{2024, 3, 1}) - DaysFromCivil(CivilDate{2024, 2, 28}) == 2);
    CHECK(DaysFromCivil(CivilDate{2023, 3, 1}) - DaysFromCivil(CivilDate{2023, 2, 28}) == 1);
}

TEST_CASE("Weekday", "[time]")
{
    CHECK(WeekdayFromDays(0) == 4);                                   // 1970-01-01 Thursday
    CHECK(WeekdayFromDays(-1) == 3);                                  // 1969-12-31 Wednesday
    CHECK(WeekdayFromDays(DaysFromCivil(CivilDate{2024, 3, 5})) == 2); // Tuesday
    CHECK(WeekdayFromDays(DaysFromCivil(CivilDate{2000, 1, 1})) == 6); // Saturday
    CHECK(WeekdayFromDays(DaysFromCivil(CivilDate{1900, 1, 1})) == 1); // Monday
}

TEST_CASE("ParseDate", "[time]")
{
    int64_t d = 0;
    REQUIRE(ParseDate("2024-02-29", &d));
    CHECK(d == DaysFromCivil(CivilDate{2024, 2, 29}));
    CHECK_FALSE(ParseDate("2023-02-29", &d));
    CHECK_FALSE(ParseDate("2024-02-30", &d));
    CHECK_FALSE(ParseDate("2024-2-3", &d));
    CHECK_FALSE(ParseDate("2024-03-05T00:00", &d));
    CHECK_FALSE(ParseDate("", &d));
    CHECK_FALSE(ParseDate("abcd-ef-gh", &d));
}

TEST_CASE("ParseDateTime offsets", "[time]")
{
    const TimeSec cst_midnight = DaysFromCivil(CivilDate{2024, 3, 5}) * 86400 - 8 * 3600;
    CHECK(Parse("2024-03-05") == cst_midnight);
    CHECK(Parse("2024-03-05T00:00") == cst_midnight);
    CHECK(Parse("2024-03-05T00:00:00") == cst_midnight);
    CHECK(Parse("2024-03-05 00:00:00") == cst_midnight);
    CHECK(Parse("2024-03-05T00:00:00+08:00") == cst_midnight);
    CHECK(Parse("2024-03-04T16:00:00Z") == cst_midnight);
    CHECK(Parse("2024-03-04T16:00Z") == cst_midnight);
    CHECK(Parse("2024-03-04T11:00-05:00") == cst_midnight);
    CHECK(Parse("2024-03-04T21:30:00+05:30") == cst_midnight);
    CHECK(Parse("2024-03-05T09:07:31") == cst_midnight + 9 * 3600 + 7 * 60 + 31);
    CHECK(Parse("1970-01-01T00:00:00Z") == 0);
    CHECK(Parse("1969-12-31T23:59:59Z") == -1);
    // JavaScript's Date.prototype.toISOString: milliseconds are dropped (times are whole seconds).
    CHECK(Parse("2024-03-04T16:00:00.000Z") == cst_midnight);
    CHECK(Parse("2024-03-04T16:00:00.999Z") == cst_midnight);
    CHECK(Parse("2024-03-05T09:07:31.5") == cst_midnight + 9 * 3600 + 7 * 60 + 31);
}

TEST_CASE("ParseDateTime rejects bad input", "[time]")
{
    CHECK_FALSE(Parses("2024-02-30"));
    CHECK_FALSE(Parses("2024-02-30T10:00"));
    CHECK_FALSE(Parses("2023-02-29T10:00"));
    CHECK_FALSE(Parses("2024-03-05T25:00"));
    CHECK_FALSE(Parses("2024-03-05T24:00"));
    CHECK_FALSE(Parses("2024-03-05T10:60"));
    CHECK_FALSE(Parses("2024-03-05T10:00:60"));
    CHECK_FALSE(Parses("garbage"));
    CHECK_FALSE(Parses(""));
    CHECK_FALSE(Parses("2024-03-05T"));
    CHECK_FALSE(Parses("2024-03-05T10"));
    CHECK_FALSE(Parses("2024-03-05T10:0"));
    CHECK_FALSE(Parses("2024-03-05T10:00:0"));
    CHECK_FALSE(Parses("2024-03-05T10:00+8"));
    CHECK_FALSE(Parses("2024-03-05T10:00+08"));
    CHECK_FALSE(Parses("2024-03-05T10:00+0800"));
    CHECK_FALSE(Parses("2024-03-05T10:00+24:00"));
    CHECK_FALSE(Parses("2024-03-05T10:00ZZ"));
    CHECK_FALSE(Parses("2024-03-05T10:00:00."));         // a point needs digits
    CHECK_FALSE(Parses("2024-03-05T10:00.5"));           // fractions only after seconds
    CHECK_FALSE(Parses("2024-03-05T10:00:00.1234567890")); // at most nanoseconds
    CHECK_FALSE(Parses("2024-03-05Z"));
    CHECK_FALSE(Parses("2024-03-05x10:00"));
    CHECK_FALSE(Parses(" 2024-03-05"));
    CHECK_FALSE(Parses("2024-03-05T10:00 "));
    CHECK_FALSE(Parses("２０２４-03-05"));
}

TEST_CASE("CST wall clock is independent of the machine zone", "[time]")
{
    // 23:30 CST on 5 March stays on 5 March.
    TimeSec late = Parse("2024-03-05T23:30+08:00");
    CHECK(CstDayOf(late) == DaysFromCivil(CivilDate{2024, 3, 5}));
    CivilDateTime c = CstFromUtc(late);
    CHECK(c.date.month == 3);
    CHECK(c.date.day == 5);
    CHECK(c.hour == 23);
    CHECK(c.minute == 30);

    // 16:00Z on 5 March is 00:00 on 6 March in CST.
    TimeSec utc = Parse("2024-03-05T16:00Z");
    c = CstFromUtc(utc);
    CHECK(c.date.year == 2024);
    CHECK(c.date.month == 3);
    CHECK(c.date.day == 6);
    CHECK(c.hour == 0);
    CHECK(c.minute == 0);
    CHECK(CstDayOf(utc) == DaysFromCivil(CivilDate{2024, 3, 6}));
    CHECK(CstDayOf(utc - 1) == DaysFromCivil(CivilDate{2024, 3, 5}));

    CHECK(UtcFromCst(c) == utc);
    CHECK(FormatIsoCst(utc) == "2024-03-06T00:00:00+08:00");
    CHECK(FormatDate(CivilDate{2024, 3, 6}) == "2024-03-06");
    CHECK(FormatIsoCst(-1) == "1970-01-01T07:59:59+08:00");
    CHECK(FormatIsoCst(-8 * 3600 - 1) == "1969-12-31T23:59:59+08:00");

    // Round trip through the wall clock, including instants before 1970.
    for (TimeSec t = -400LL * 86400 * 365; t < 400LL * 86400 * 365; t += 86400LL * 37 + 3671)
    {
        REQUIRE(UtcFromCst(CstFromUtc(t)) == t);
        TimeSec back = 0;
        REQUIRE(ParseDateTime(FormatIsoCst(t), &back));
        REQUIRE(back == t);
    }
}
