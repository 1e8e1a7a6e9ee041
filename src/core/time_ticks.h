// Time-axis ticks and marked dates for the timeline, all in China Standard Time whatever the machine's zone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace gridstar
{

enum class TickLanguage : uint8_t
{
    ZhHans = 0, // 2024年 / 2024年3月 / 3月5日 周二 / 14:00
    ZhHant = 1, // as ZhHans with 週 for the weekday
    English = 2, // 2024 / Mar 2024 / Tue 5 Mar / 14:00
};

enum class TickUnit : uint8_t
{
    Minute = 0,
    Hour = 1,
    Day = 2,
    Week = 3, // Mondays
    Month = 4,
    Year = 5,
};

struct TickOptions
{
    TickLanguage language = TickLanguage::ZhHans;
    float px_per_char = 7;  // width of a half-width (ASCII) character; CJK characters count as two
    float min_gap_px = 12;  // clear space between two labels of the same row
};

struct Tick
{
    TimeSec t = 0;
    float x = 0;       // (t - t0) / (t1 - t0) * width_px
    std::string label; // drawn left-aligned from x; may be empty on a major tick whose label would collide
};

// Two rows: minor ticks at the finest unit whose labels fit side by side, each labelled; major ticks at the
// boundaries of the next coarser unit (hours/minutes -> days, days/weeks -> months, months -> years; none for years).
struct TickSet
{
    TickUnit unit = TickUnit::Year; // unit of the minor ticks
    int step = 1;                   // minor ticks every `step` units
    std::vector<Tick> minor;        // ascending t and x, labels never overlap (by the width estimate)
    std::vector<Tick> major;        // ascending t and x, labels never overlap
    std::string context_label;      // the coarser unit containing t0, e.g. "2024年3月" for day ticks; may be empty
};

// Ticks in [t0, t1] for a plot width_px wide. Empty when t1 <= t0 or width_px <= 0.
TickSet ComputeTicks(TimeSec t0, TimeSec t1, float width_px, const TickOptions& options);

// The label of the `unit` that starts at (or contains) t, e.g. Day -> "3月5日 周二", Week -> "3月4日".
std::string FormatTickLabel(TimeSec t, TickUnit unit, TickLanguage language);

// Approximate width of UTF-8 text: one px_per_char per ASCII or 2-byte character, two per wider (CJK) character.
float EstimateTextWidthPx(std::string_view utf8, float px_per_char);

// ---- marked dates ----------------------------------------------------------------------------

struct MarkedInstant
{
    TimeSec t = 0;     // CST midnight starting the marked day
    int64_t day = 0;   // CST day, days since 1970-01-01
    std::string label;
};

// 学雷锋日 (03-05) and 国际志愿者日 (12-05), every year. The caller decides whether to use them, e.g. when the
// dataset lists no marked dates of its own.
std::vector<MarkedDate> DefaultMarkedDates();

// Marked days whose CST day [midnight, next midnight) overlaps [t0, t1), ascending by time then input order.
// Every-year dates (year 0) repeat each year; 02-29 only appears in leap years; invalid dates are skipped.
// Every-year dates are only expanded over windows of at most 2,000 years.
std::vector<MarkedInstant> MarkedDatesInRange(const std::vector<MarkedDate>& dates, TimeSec t0, TimeSec t1);

} // namespace gridstar
