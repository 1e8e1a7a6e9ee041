// The Timeline view's arithmetic that is not drawing: the visible window (zoom around a point, pan, drag-select,
// calendar presets in China Standard Time), the playback clock, packing overlapping bars into sub-rows, and the
// category palette. The view only turns these into pixels; everything here is tested natively.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/model.h"

namespace gridstar
{

// The visible time window [t0, t1), t1 > t0.
struct TimeWindow
{
    TimeSec t0 = 0;
    TimeSec t1 = 1;
    TimeSec Span() const { return t1 - t0; }
};

// What zoom and pan may do: the span stays in [min_span, max_span]; the window stays inside [bound_t0, bound_t1]
// when it fits there, else it is centred on it.
struct WindowLimits
{
    TimeSec min_span = 3600;          // seconds, > 0 (one hour: an afternoon reads bar by bar)
    TimeSec max_span = 20 * 31557600; // seconds, >= min_span
    TimeSec bound_t0 = 0;             // e.g. the data's first start minus a margin
    TimeSec bound_t1 = 0;             // > bound_t0
};

TimeWindow ClampWindow(TimeWindow w, const WindowLimits& limits);
// Zooms by `factor` (> 1 zooms in, < 1 out), keeping the instant at `anchor_frac` (0 = left edge, 1 = right edge of
// the plot) under the same pixel, as far as the limits allow.
TimeWindow ZoomAround(TimeWindow w, double anchor_frac, double factor, const WindowLimits& limits);
// Moves the window by `frac` of its span (positive = later).
TimeWindow PanBy(TimeWindow w, double frac, const WindowLimits& limits);
// The window between two plot fractions of `w` (a drag-select, in either order), at least min_span wide.
TimeWindow SelectRange(TimeWindow w, double frac_a, double frac_b, const WindowLimits& limits);

double TimeToFrac(const TimeWindow& w, TimeSec t); // 0 at t0, 1 at t1
TimeSec FracToTime(const TimeWindow& w, double frac);

// ---- calendar presets (China Standard Time) --------------------------------------------------------------------

enum class RangePreset : uint8_t
{
    All = 0,
    Year = 1,
    Quarter = 2,
    Month = 3,
    Week = 4, // Monday to Monday
    Day = 5,
};
constexpr int kRangePresetCount = 6;
const char* RangePresetName(RangePreset p); // "all", "year", "quarter", "month", "week", "day"
bool RangePresetFromName(std::string_view name, RangePreset* out);

// The CST calendar year / quarter / month / week / day that contains `anchor`. All: [data_t0, data_t1) widened to
// whole CST months (so the sample's two years show as 2023-01-01 .. 2025-01-01).
TimeWindow PresetWindow(RangePreset preset, TimeSec anchor, TimeSec data_t0, TimeSec data_t1);

// t moved by whole CST calendar months (day of month clamped to the target month's length), time of day kept.
TimeSec AddCstMonths(TimeSec t, int months);

// ---- playback --------------------------------------------------------------------------------------------------

// How much data time the cursor sweeps in one second of real time.
enum class PlaybackSpeed : uint8_t
{
    DayPerSecond = 0,
    WeekPerSecond = 1,
    MonthPerSecond = 2,
    QuarterPerSecond = 3,
    YearPerSecond = 4,
};
constexpr int kPlaybackSpeedCount = 5;
const char* PlaybackSpeedName(PlaybackSpeed s); // "day", "week", "month", "quarter", "year"
bool PlaybackSpeedFromName(std::string_view name, PlaybackSpeed* out);
double PlaybackSpeedSeconds(PlaybackSpeed s); // data seconds per real second (a month is 365.25 / 12 days)

struct PlaybackClock
{
    bool active = false;  // a cursor is shown (playing or paused); false = no playback at all
    bool playing = false; // implies active
    TimeSec cursor = 0;   // inside [t0, t1] of the window while active
    double carry = 0;     // fractional data seconds not yet applied to cursor, [0, 1)
    double hold_s = 0;    // real seconds left to rest on the end before looping, >= 0
    PlaybackSpeed speed = PlaybackSpeed::MonthPerSecond;
    int64_t loops = 0; // times the cursor wrapped from the end back to the start, since the last Stop
};
constexpr double kPlaybackEndHoldS = 1.0; // the audience sees the final totals for a second before the loop

// Play or pause. Starting from inactive (or from the end of the window) puts the cursor at the window's start.
void PlaybackToggle(PlaybackClock* clock, const TimeWindow& w);
void PlaybackSetPlaying(PlaybackClock* clock, bool playing, const TimeWindow& w);
void PlaybackStop(PlaybackClock* clock); // hides the cursor, resets loops
// Advances a playing clock by dt_s real seconds (capped at 0.25 s so a hidden tab does not jump). Reaching t1 it
// rests there for kPlaybackEndHoldS, then wraps to t0 and counts a loop.
void PlaybackAdvance(PlaybackClock* clock, double dt_s, const TimeWindow& w);
// One speed unit (one day / week / calendar month / quarter / year) forward (direction > 0) or back, clamped to the
// window; activates a paused cursor at t0 when inactive.
void PlaybackStep(PlaybackClock* clock, int direction, const TimeWindow& w);
// Keeps an active cursor inside a changed window (moves it to t0 when outside).
void PlaybackFitWindow(PlaybackClock* clock, const TimeWindow& w);
PlaybackSpeed PlaybackFaster(PlaybackSpeed s); // saturates at YearPerSecond
PlaybackSpeed PlaybackSlower(PlaybackSpeed s); // saturates at DayPerSecond

// ---- bars --------------------------------------------------------------------------------------------------------

// Greedy interval packing of bars sorted by x0: each bar goes to the first sub-row whose last bar ends at least
// `gap` pixels before it; bars that fit nowhere go to the sub-row that frees up first. Writes row_out[i] in
// [0, max_rows) and returns the number of sub-rows used (0 when n == 0).
int PackBarRows(const float* x0, const float* x1, int n, int max_rows, float gap, int8_t* row_out);

// ---- colours (RGBA packed as 0xAABBGGRR, like IM_COL32) ----------------------------------------------------------

// Categorical palette for activity categories: Okabe & Ito's colour-blind-safe set, ordered so that neighbouring
// categories differ most, lifted slightly for a dark background; repeats after kCategoryPaletteSize.
constexpr int kCategoryPaletteSize = 8;
uint32_t CategoryRgba(int category); // category < 0 (none) gives a neutral grey

} // namespace gridstar
