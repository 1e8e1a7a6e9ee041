#include "core/timeline_view_model.h"

#include <algorithm>
#include <cmath>

#include "core/color_scale.h"
#include "core/time_util.h"

namespace gridstar
{

namespace
{

constexpr TimeSec kDay = 86400;

const char* const kPresetNames[kRangePresetCount] = {"all", "year", "quarter", "month", "week", "day"};
const char* const kSpeedNames[kPlaybackSpeedCount] = {"day", "week", "month", "quarter", "year"};

TimeSec Round(double v)
{
    return static_cast<TimeSec>(std::llround(v));
}

TimeSec CstMidnight(const CivilDate& d)
{
    return DaysFromCivil(d) * kDay - kCstOffsetSec;
}

} // namespace

// ---- window ------------------------------------------------------------------------------------------------------

TimeWindow ClampWindow(TimeWindow w, const WindowLimits& limits)
{
    const TimeSec min_span = std::max<TimeSec>(limits.min_span, 1);
    const TimeSec max_span = std::max(limits.max_span, min_span);
    TimeSec span = std::clamp(w.t1 - w.t0, min_span, max_span);
    if (w.t1 <= w.t0)
    {
        span = min_span;
    }
    // Keep the centre when the span had to change.
    if (span != w.t1 - w.t0)
    {
        const TimeSec mid = w.t0 + (w.t1 - w.t0) / 2;
        w.t0 = mid - span / 2;
    }
    w.t1 = w.t0 + span;
    if (limits.bound_t1 > limits.bound_t0)
    {
        const TimeSec bound_span = limits.bound_t1 - limits.bound_t0;
        if (span >= bound_span)
        {
            w.t0 = limits.bound_t0 - (span - bound_span) / 2;
        }
        else if (w.t0 < limits.bound_t0)
        {
            w.t0 = limits.bound_t0;
        }
        else if (w.t0 + span > limits.bound_t1)
        {
            w.t0 = limits.bound_t1 - span;
        }
        w.t1 = w.t0 + span;
    }
    return w;
}

double TimeToFrac(const TimeWindow& w, TimeSec t)
{
    const double span = static_cast<double>(w.t1 - w.t0);
    return span > 0 ? static_cast<double>(t - w.t0) / span : 0.0;
}

TimeSec FracToTime(const TimeWindow& w, double frac)
{
    return w.t0 + Round(frac * static_cast<double>(w.t1 - w.t0));
}

TimeWindow ZoomAround(TimeWindow w, double anchor_frac, double factor, const WindowLimits& limits)
{
    if (!(factor > 0) || !std::isfinite(factor))
    {
        return ClampWindow(w, limits);
    }
    anchor_frac = std::clamp(anchor_frac, 0.0, 1.0);
    const double anchor = static_cast<double>(w.t0) + anchor_frac * static_cast<double>(w.Span());
    const double min_span = static_cast<double>(std::max<TimeSec>(limits.min_span, 1));
    const double max_span = std::max(static_cast<double>(limits.max_span), min_span);
    const double span = std::clamp(static_cast<double>(w.Span()) / factor, min_span, max_span);
    TimeWindow out;
    out.t0 = Round(anchor - anchor_frac * span);
    out.t1 = out.t0 + Round(span);
    return ClampWindow(out, limits);
}

TimeWindow PanBy(TimeWindow w, double frac, const WindowLimits& limits)
{
    const TimeSec shift = Round(frac * static_cast<double>(w.Span()));
    w.t0 += shift;
    w.t1 += shift;
    return ClampWindow(w, limits);
}

TimeWindow SelectRange(TimeWindow w, double frac_a, double frac_b, const WindowLimits& limits)
{
    TimeWindow out;
    out.t0 = FracToTime(w, std::min(frac_a, frac_b));
    out.t1 = FracToTime(w, std::max(frac_a, frac_b));
    return ClampWindow(out, limits);
}

// ---- presets -----------------------------------------------------------------------------------------------------

const char* RangePresetName(RangePreset p)
{
    return kPresetNames[static_cast<int>(p)];
}

bool RangePresetFromName(std::string_view name, RangePreset* out)
{
    for (int i = 0; i < kRangePresetCount; ++i)
    {
        if (name == kPresetNames[i])
        {
            *out = static_cast<RangePreset>(i);
            return true;
        }
    }
    return false;
}

TimeSec AddCstMonths(TimeSec t, int months)
{
    CivilDateTime c = CstFromUtc(t);
    int64_t index = static_cast<int64_t>(c.date.year) * 12 + (c.date.month - 1) + months;
    const int64_t year = index >= 0 ? index / 12 : -((-index + 11) / 12);
    c.date.year = static_cast<int>(year);
    c.date.month = static_cast<int>(index - year * 12) + 1;
    while (c.date.day > 28 && !IsValidDate(c.date.year, c.date.month, c.date.day))
    {
        --c.date.day;
    }
    return UtcFromCst(c);
}

TimeWindow PresetWindow(RangePreset preset, TimeSec anchor, TimeSec data_t0, TimeSec data_t1)
{
    TimeWindow w;
    if (preset == RangePreset::All)
    {
        if (data_t1 <= data_t0)
        {
            data_t1 = data_t0 + kDay;
        }
        CivilDate first = CstFromUtc(data_t0).date;
        first.day = 1;
        w.t0 = CstMidnight(first);
        // End: the first month boundary at or after the last end.
        CivilDate last = CstFromUtc(data_t1 - 1).date;
        last.day = 1;
        w.t1 = AddCstMonths(CstMidnight(last), 1);
        return w;
    }
    const CivilDate d = CstFromUtc(anchor).date;
    switch (preset)
    {
    case RangePreset::Year:
        w.t0 = CstMidnight(CivilDate{d.year, 1, 1});
        w.t1 = CstMidnight(CivilDate{d.year + 1, 1, 1});
        break;
    case RangePreset::Quarter:
        w.t0 = CstMidnight(CivilDate{d.year, (d.month - 1) / 3 * 3 + 1, 1});
        w.t1 = AddCstMonths(w.t0, 3);
        break;
    case RangePreset::Month:
        w.t0 = CstMidnight(CivilDate{d.year, d.month, 1});
        w.t1 = AddCstMonths(w.t0, 1);
        break;
    case RangePreset::Week:
    {
        const int64_t day = DaysFromCivil(d);
        const int monday_based = (WeekdayFromDays(day) + 6) % 7; // 0 = Monday
        w.t0 = (day - monday_based) * kDay - kCstOffsetSec;
        w.t1 = w.t0 + 7 * kDay;
        break;
    }
    case RangePreset::Day:
    default:
        w.t0 = CstMidnight(d);
        w.t1 = w.t0 + kDay;
        break;
    }
    return w;
}

// ---- playback ----------------------------------------------------------------------------------------------------

const char* PlaybackSpeedName(PlaybackSpeed s)
{
    return kSpeedNames[static_cast<int>(s)];
}

bool PlaybackSpeedFromName(std::string_view name, PlaybackSpeed* out)
{
    for (int i = 0; i < kPlaybackSpeedCount; ++i)
    {
        if (name == kSpeedNames[i])
        {
            *out = static_cast<PlaybackSpeed>(i);
            return true;
        }
    }
    return false;
}

double PlaybackSpeedSeconds(PlaybackSpeed s)
{
    constexpr double kYear = 365.25 * kDay;
    switch (s)
    {
    case PlaybackSpeed::DayPerSecond: return kDay;
    case PlaybackSpeed::WeekPerSecond: return 7.0 * kDay;
    case PlaybackSpeed::MonthPerSecond: return kYear / 12;
    case PlaybackSpeed::QuarterPerSecond: return kYear / 4;
    case PlaybackSpeed::YearPerSecond:
    default: return kYear;
    }
}

PlaybackSpeed PlaybackFaster(PlaybackSpeed s)
{
    return static_cast<PlaybackSpeed>(std::min(static_cast<int>(s) + 1, kPlaybackSpeedCount - 1));
}

PlaybackSpeed PlaybackSlower(PlaybackSpeed s)
{
    return static_cast<PlaybackSpeed>(std::max(static_cast<int>(s) - 1, 0));
}

void PlaybackSetPlaying(PlaybackClock* clock, bool playing, const TimeWindow& w)
{
    if (playing && (!clock->active || clock->cursor >= w.t1 || clock->cursor < w.t0))
    {
        clock->cursor = w.t0;
        clock->carry = 0;
        clock->hold_s = 0;
    }
    if (playing)
    {
        clock->active = true;
    }
    clock->playing = playing;
}

void PlaybackToggle(PlaybackClock* clock, const TimeWindow& w)
{
    PlaybackSetPlaying(clock, !clock->playing, w);
}

void PlaybackStop(PlaybackClock* clock)
{
    clock->active = false;
    clock->playing = false;
    clock->carry = 0;
    clock->hold_s = 0;
    clock->loops = 0;
}

void PlaybackAdvance(PlaybackClock* clock, double dt_s, const TimeWindow& w)
{
    if (!clock->playing || w.t1 <= w.t0)
    {
        return;
    }
    dt_s = std::clamp(dt_s, 0.0, 0.25);
    if (clock->cursor < w.t0 || clock->cursor > w.t1)
    {
        clock->cursor = w.t0;
        clock->carry = 0;
    }
    if (clock->cursor >= w.t1)
    {
        // Resting on the end so the final totals can be read.
        clock->hold_s -= dt_s;
        if (clock->hold_s > 0)
        {
            return;
        }
        clock->hold_s = 0;
        clock->cursor = w.t0;
        clock->carry = 0;
        ++clock->loops;
        return;
    }
    const double advance = dt_s * PlaybackSpeedSeconds(clock->speed) + clock->carry;
    const double whole = std::floor(advance);
    clock->carry = advance - whole;
    const double next = static_cast<double>(clock->cursor) + whole;
    if (next >= static_cast<double>(w.t1))
    {
        clock->cursor = w.t1;
        clock->carry = 0;
        clock->hold_s = kPlaybackEndHoldS;
    }
    else
    {
        clock->cursor = static_cast<TimeSec>(next);
    }
}

void PlaybackStep(PlaybackClock* clock, int direction, const TimeWindow& w)
{
    if (!clock->active)
    {
        clock->active = true;
        clock->playing = false;
        clock->cursor = w.t0;
        clock->carry = 0;
        clock->hold_s = 0;
        if (direction <= 0)
        {
            return;
        }
    }
    const int sign = direction > 0 ? 1 : -1;
    TimeSec next = clock->cursor;
    switch (clock->speed)
    {
    case PlaybackSpeed::DayPerSecond: next += sign * kDay; break;
    case PlaybackSpeed::WeekPerSecond: next += sign * 7 * kDay; break;
    case PlaybackSpeed::MonthPerSecond: next = AddCstMonths(next, sign); break;
    case PlaybackSpeed::QuarterPerSecond: next = AddCstMonths(next, 3 * sign); break;
    case PlaybackSpeed::YearPerSecond: next = AddCstMonths(next, 12 * sign); break;
    }
    clock->cursor = std::clamp(next, w.t0, w.t1);
    clock->carry = 0;
    clock->hold_s = 0;
}

void PlaybackFitWindow(PlaybackClock* clock, const TimeWindow& w)
{
    if (clock->active && (clock->cursor < w.t0 || clock->cursor > w.t1))
    {
        clock->cursor = w.t0;
        clock->carry = 0;
        clock->hold_s = 0;
    }
}

// ---- bars --------------------------------------------------------------------------------------------------------

int PackBarRows(const float* x0, const float* x1, int n, int max_rows, float gap, int8_t* row_out)
{
    max_rows = std::clamp(max_rows, 1, 127);
    float row_end[127];
    int used = 0;
    for (int i = 0; i < n; ++i)
    {
        int row = -1;
        for (int r = 0; r < used; ++r)
        {
            if (row_end[r] + gap <= x0[i])
            {
                row = r;
                break;
            }
        }
        if (row < 0 && used < max_rows)
        {
            row = used++;
            row_end[row] = x1[i];
        }
        else if (row < 0)
        {
            row = 0;
            for (int r = 1; r < used; ++r)
            {
                if (row_end[r] < row_end[row])
                {
                    row = r;
                }
            }
        }
        row_out[i] = static_cast<int8_t>(row);
        row_end[row] = std::max(row_end[row], x1[i]);
    }
    return used;
}

// ---- colours -----------------------------------------------------------------------------------------------------

uint32_t CategoryRgba(int category)
{
    // Okabe & Ito (2008), reordered so consecutive categories alternate warm/cool and light/dark; the dark blue is
    // lifted (0,114,178 -> 30,136,229) to stand out on the navy background.
    static const uint32_t kPalette[kCategoryPaletteSize] = {
        PackRgba(230, 159, 0),   // orange
        PackRgba(86, 180, 233),  // sky blue
        PackRgba(0, 158, 115),   // bluish green
        PackRgba(204, 121, 167), // reddish purple
        PackRgba(240, 228, 66),  // yellow
        PackRgba(30, 136, 229),  // blue
        PackRgba(213, 94, 0),    // vermillion
        PackRgba(190, 190, 190), // light grey
    };
    if (category < 0)
    {
        return PackRgba(140, 150, 165);
    }
    return kPalette[category % kCategoryPaletteSize];
}

} // namespace gridstar
