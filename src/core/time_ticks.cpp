#include "core/time_ticks.h"

#include <algorithm>
#include <cstdio>

#include "core/time_util.h"

namespace gridstar
{

namespace
{

constexpr int64_t kDay = 86400;
// Safety cap: a level is only generated when its labels fit, so real tick counts are ~width / label width.
constexpr size_t kMaxTicks = 20000;

struct TickLevel
{
    TickUnit unit;
    int step;
    int64_t min_seconds; // shortest possible step (28-day months, 365-day years) so spacing is never overestimated
};

// No 12-hour step: it would fit wherever a day label fits and crowd the day level out of the zoom sequence.
const TickLevel kLevels[] = {
    {TickUnit::Minute, 1, 60},
    {TickUnit::Minute, 5, 300},
    {TickUnit::Minute, 10, 600},
    {TickUnit::Minute, 15, 900},
    {TickUnit::Minute, 30, 1800},
    {TickUnit::Hour, 1, 3600},
    {TickUnit::Hour, 2, 7200},
    {TickUnit::Hour, 3, 10800},
    {TickUnit::Hour, 6, 21600},
    {TickUnit::Day, 1, kDay},
    {TickUnit::Week, 1, 7 * kDay},
    {TickUnit::Month, 1, 28 * kDay},
    {TickUnit::Month, 3, 89 * kDay},
    {TickUnit::Month, 6, 181 * kDay},
    {TickUnit::Year, 1, 365 * kDay},
    {TickUnit::Year, 2, 2 * 365 * kDay},
    {TickUnit::Year, 5, 5 * 365 * kDay},
    {TickUnit::Year, 10, 10 * 365 * kDay},
    {TickUnit::Year, 20, 20 * 365 * kDay},
    {TickUnit::Year, 50, 50 * 365 * kDay},
    {TickUnit::Year, 100, 100 * 365 * kDay},
    {TickUnit::Year, 200, 200 * 365 * kDay},
    {TickUnit::Year, 500, 500 * 365 * kDay},
    {TickUnit::Year, 1000, 1000 * 365 * kDay},
};

const char* const kEnglishMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kEnglishWeekdays[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kZhWeekdays[7] = {"日", "一", "二", "三", "四", "五", "六"};

int64_t FloorDiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
    {
        --q;
    }
    return q;
}

int64_t CeilDiv(int64_t a, int64_t b)
{
    return -FloorDiv(-a, b);
}

TimeSec CstMidnight(int64_t day)
{
    return day * kDay - kCstOffsetSec;
}

TimeSec MonthStart(int64_t year, int month)
{
    return CstMidnight(DaysFromCivil(CivilDate{static_cast<int>(year), month, 1}));
}

// The coarser unit that major ticks and the context label use; Year has none.
bool MajorUnitOf(TickUnit minor, TickUnit* major)
{
    switch (minor)
    {
    case TickUnit::Minute:
    case TickUnit::Hour:
        *major = TickUnit::Day;
        return true;
    case TickUnit::Day:
    case TickUnit::Week:
        *major = TickUnit::Month;
        return true;
    case TickUnit::Month:
        *major = TickUnit::Year;
        return true;
    case TickUnit::Year:
        break;
    }
    return false;
}

// Instants of every `step`-th unit boundary in [t0, t1], aligned in CST (minutes/hours to the day, weeks to
// Mondays, months to January, years to multiples of step).
std::vector<TimeSec> Boundaries(TimeSec t0, TimeSec t1, TickUnit unit, int step)
{
    std::vector<TimeSec> out;
    switch (unit)
    {
    case TickUnit::Minute:
    case TickUnit::Hour:
    case TickUnit::Day:
    {
        const int64_t len = (unit == TickUnit::Minute ? 60 : unit == TickUnit::Hour ? 3600 : kDay) * step;
        // Steps divide a day, so aligning CST wall time to a multiple of the step aligns to midnight too.
        for (int64_t local = CeilDiv(t0 + kCstOffsetSec, len) * len; local - kCstOffsetSec <= t1; local += len)
        {
            out.push_back(local - kCstOffsetSec);
            if (out.size() >= kMaxTicks)
            {
                break;
            }
        }
        break;
    }
    case TickUnit::Week:
    {
        int64_t day = CstDayOf(t0);
        if (CstMidnight(day) < t0)
        {
            ++day;
        }
        day += (8 - WeekdayFromDays(day)) % 7; // forward to Monday
        for (; CstMidnight(day) <= t1; day += 7)
        {
            out.push_back(CstMidnight(day));
            if (out.size() >= kMaxTicks)
            {
                break;
            }
        }
        break;
    }
    case TickUnit::Month:
    {
        const CivilDate d = CstFromUtc(t0).date;
        int64_t index = static_cast<int64_t>(d.year) * 12 + (d.month - 1); // months since year 0
        index = CeilDiv(index, step) * step;
        for (;; index += step)
        {
            const TimeSec t = MonthStart(FloorDiv(index, 12), static_cast<int>(index - FloorDiv(index, 12) * 12) + 1);
            if (t < t0)
            {
                continue;
            }
            if (t > t1 || out.size() >= kMaxTicks)
            {
                break;
            }
            out.push_back(t);
        }
        break;
    }
    case TickUnit::Year:
    {
        int64_t year = CeilDiv(CstFromUtc(t0).date.year, step) * step;
        for (;; year += step)
        {
            const TimeSec t = MonthStart(year, 1);
            if (t < t0)
            {
                continue;
            }
            if (t > t1 || out.size() >= kMaxTicks)
            {
                break;
            }
            out.push_back(t);
        }
        break;
    }
    }
    return out;
}

// The longest label a level can produce, to rule out levels before generating them.
std::string WidestLabel(TickUnit unit, TickLanguage language)
{
    // 2024-12-25 was a Wednesday: two-digit month and day, the longest English month/weekday abbreviations are equal.
    const TimeSec sample = CstMidnight(DaysFromCivil(CivilDate{2024, 12, 25})) + 23 * 3600 + 59 * 60;
    return FormatTickLabel(sample, unit, language);
}

float X(TimeSec t, TimeSec t0, double span, float width_px)
{
    return static_cast<float>((static_cast<double>(t) - static_cast<double>(t0)) / span * width_px);
}

} // namespace

float EstimateTextWidthPx(std::string_view utf8, float px_per_char)
{
    float units = 0;
    for (unsigned char c : utf8)
    {
        if (c < 0x80)
        {
            units += 1;
        }
        else if (c >= 0xE0)
        {
            units += 2; // 3- and 4-byte sequences: CJK, full-width forms, emoji
        }
        else if (c >= 0xC0)
        {
            units += 1; // 2-byte sequences: Latin, Greek, Cyrillic
        }
        // continuation bytes add nothing
    }
    return units * px_per_char;
}

std::string FormatTickLabel(TimeSec t, TickUnit unit, TickLanguage language)
{
    const CivilDateTime c = CstFromUtc(t);
    const bool en = language == TickLanguage::English;
    char buf[64];
    switch (unit)
    {
    case TickUnit::Minute:
    case TickUnit::Hour:
        std::snprintf(buf, sizeof(buf), "%02d:%02d", c.hour, c.minute);
        break;
    case TickUnit::Day:
    {
        const int wd = WeekdayFromDays(CstDayOf(t));
        if (en)
        {
            std::snprintf(buf, sizeof(buf), "%s %d %s", kEnglishWeekdays[wd], c.date.day,
                          kEnglishMonths[c.date.month - 1]);
        }
        else
        {
            std::snprintf(buf, sizeof(buf), "%d月%d日 %s%s", c.date.month, c.date.day,
                          language == TickLanguage::ZhHant ? "週" : "周", kZhWeekdays[wd]);
        }
        break;
    }
    case TickUnit::Week:
        // Week ticks are all Mondays, so the weekday would only repeat itself.
        if (en)
        {
            std::snprintf(buf, sizeof(buf), "%d %s", c.date.day, kEnglishMonths[c.date.month - 1]);
        }
        else
        {
            std::snprintf(buf, sizeof(buf), "%d月%d日", c.date.month, c.date.day);
        }
        break;
    case TickUnit::Month:
        if (en)
        {
            std::snprintf(buf, sizeof(buf), "%s %d", kEnglishMonths[c.date.month - 1], c.date.year);
        }
        else
        {
            std::snprintf(buf, sizeof(buf), "%d年%d月", c.date.year, c.date.month);
        }
        break;
    case TickUnit::Year:
        std::snprintf(buf, sizeof(buf), en ? "%d" : "%d年", c.date.year);
        break;
    }
    return buf;
}

TickSet ComputeTicks(TimeSec t0, TimeSec t1, float width_px, const TickOptions& options)
{
    TickSet out;
    if (t1 <= t0 || !(width_px > 0))
    {
        return out;
    }
    const double span = static_cast<double>(t1) - static_cast<double>(t0);
    const float gap = std::max(options.min_gap_px, 0.0f);
    const float ppc = std::max(options.px_per_char, 0.1f);
    const size_t level_count = sizeof(kLevels) / sizeof(kLevels[0]);

    for (size_t li = 0; li < level_count; ++li)
    {
        const TickLevel& level = kLevels[li];
        const bool last = li + 1 == level_count;
        const float need = EstimateTextWidthPx(WidestLabel(level.unit, options.language), ppc) + gap;
        const double spacing = static_cast<double>(level.min_seconds) / span * width_px;
        if (spacing < need && !last)
        {
            continue;
        }
        std::vector<TimeSec> ts = Boundaries(t0, t1, level.unit, level.step);
        std::vector<Tick> ticks;
        ticks.reserve(ts.size());
        bool fits = true;
        float prev_right = -1e30f;
        for (TimeSec t : ts)
        {
            Tick tick;
            tick.t = t;
            tick.x = X(t, t0, span, width_px);
            tick.label = FormatTickLabel(t, level.unit, options.language);
            if (tick.x < prev_right)
            {
                fits = false;
                if (!last)
                {
                    break;
                }
                tick.label.clear(); // even the coarsest level is too dense: thin its labels
            }
            else
            {
                prev_right = tick.x + EstimateTextWidthPx(tick.label, ppc) + gap;
            }
            ticks.push_back(std::move(tick));
        }
        if (!fits && !last)
        {
            continue;
        }
        out.unit = level.unit;
        out.step = level.step;
        out.minor = std::move(ticks);
        break;
    }

    TickUnit major_unit = TickUnit::Year;
    if (MajorUnitOf(out.unit, &major_unit))
    {
        float prev_right = -1e30f;
        for (TimeSec t : Boundaries(t0, t1, major_unit, 1))
        {
            Tick tick;
            tick.t = t;
            tick.x = X(t, t0, span, width_px);
            tick.label = FormatTickLabel(t, major_unit, options.language);
            if (tick.x < prev_right)
            {
                tick.label.clear();
            }
            else
            {
                prev_right = tick.x + EstimateTextWidthPx(tick.label, ppc) + gap;
            }
            out.major.push_back(std::move(tick));
        }
        out.context_label = FormatTickLabel(t0, major_unit, options.language);
    }
    return out;
}

std::vector<MarkedDate> DefaultMarkedDates()
{
    std::vector<MarkedDate> out(2);
    out[0].month = 3;
    out[0].day = 5;
    out[0].label = "学雷锋日";
    out[1].month = 12;
    out[1].day = 5;
    out[1].label = "国际志愿者日";
    return out;
}

std::vector<MarkedInstant> MarkedDatesInRange(const std::vector<MarkedDate>& dates, TimeSec t0, TimeSec t1)
{
    struct Found
    {
        MarkedInstant instant;
        size_t order;
    };
    std::vector<Found> found;
    if (t1 <= t0)
    {
        return {};
    }
    const int64_t day0 = CstDayOf(t0); // first day that overlaps the window
    const int64_t day1 = CstDayOf(t1 - 1); // last day that overlaps it
    const int64_t year0 = CivilFromDays(day0).year;
    const int64_t year1 = CivilFromDays(day1).year;
    for (size_t i = 0; i < dates.size(); ++i)
    {
        const MarkedDate& m = dates[i];
        int64_t from = m.year;
        int64_t to = m.year;
        if (m.year == 0)
        {
            if (year1 - year0 > 2000)
            {
                continue;
            }
            from = year0;
            to = year1;
        }
        for (int64_t y = from; y <= to; ++y)
        {
            if (!IsValidDate(static_cast<int>(y), m.month, m.day))
            {
                continue;
            }
            const int64_t day = DaysFromCivil(CivilDate{static_cast<int>(y), m.month, m.day});
            if (day < day0 || day > day1)
            {
                continue;
            }
            found.push_back(Found{MarkedInstant{CstMidnight(day), day, m.label}, i});
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b)
                     { return a.instant.t != b.instant.t ? a.instant.t < b.instant.t : a.order < b.order; });
    std::vector<MarkedInstant> out;
    out.reserve(found.size());
    for (Found& f : found)
    {
        out.push_back(std::move(f.instant));
    }
    return out;
}

} // namespace gridstar
