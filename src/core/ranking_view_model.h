// What the Ranking view computes but does not draw: the race animation (positions of bars between two periods as a
// function of one time parameter), the race clock (play, pause, step), the what-if rules being edited, pinned rows,
// and money text. Pure C++: the view maps these numbers to pixels.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/ranking.h"

namespace gridstar
{

// ---- race --------------------------------------------------------------------------------------------------------
// The race runs along a continuous position in periods: 2.25 = a quarter of the way from period 2 to period 3.
// Everything on screen is a function of that position, so a frame can be reproduced from the state alone.

struct RaceBar
{
    int32_t unit = -1;
    float slot = 0;          // 0 = top place; fractional while sliding
    double value = 0;        // total shown, interpolated (NaN never: unranked sides use the other side's total)
    int32_t rank_from = 0;   // rank in the earlier period, 0 = unranked
    int32_t rank_to = 0;     // rank in the later period, 0 = unranked
    int32_t rank_shown = 0;  // the rank label at this instant (switches at the midpoint)
    float alpha = 1;         // 1 = fully shown; fades in/out for units entering or leaving the ranking
};

// Smoothstep easing of t in [0, 1] (clamped): starts and ends at rest, so bars do not jump at period boundaries.
float RaceEase(float t);

// Bars of class `cls` at `position` (clamped to [0, period_count - 1]), in slot order of the later period.
// Slots follow rank, then id, so units sharing a rank still get distinct places. A unit unranked on one side slides
// in from (or out to) the slot below the last, fading. Units unranked on both sides are left out.
std::vector<RaceBar> RaceFrame(const Dataset& ds, const RankingResult& result, int32_t cls, double position);

struct RaceClock
{
    double position = 0;           // in periods, 0 .. period_count - 1
    bool playing = false;
    double seconds_per_period = 2; // > 0
    int32_t period_count = 0;

    // Moves the position on by dt seconds while playing; stops (and pauses) at the last period.
    void Advance(double dt);
    // Space: pause, or play; at the end, play restarts from the first period.
    void TogglePlay();
    // →: to the next whole period (pauses). ←: to the previous whole period.
    void StepForward();
    void StepBack();
    void Seek(double position);
    int32_t FromPeriod() const; // floor(position), clamped
    int32_t ToPeriod() const;   // FromPeriod() + 1 while between periods, else the same
    double Fraction() const;    // position - FromPeriod(), 0 .. 1
};

// ---- what-if -----------------------------------------------------------------------------------------------------
// A copy of the rules and weights the user is changing. Nothing here is stored; Reset() restores the published ones.
struct WhatIf
{
    bool active = false;
    RatingRules rules;
    std::vector<double> weights;

    void Reset(const Competition& published);
    bool Modified(const Competition& published) const;
};

struct WhatIfSummary
{
    int32_t rank_changed = 0;
    int32_t stars_changed = 0;
    int32_t title_changed = 0;
    double reward_before = 0; // community + secretary, yuan, all classes
    double reward_after = 0;
};
WhatIfSummary SummarizeDiff(const std::vector<UnitDiff>& diffs, const RankingResult& before,
                            const RankingResult& after, int32_t period);

// ---- table -------------------------------------------------------------------------------------------------------
// The pinned rows, in the table's current order (the frozen section on top keeps the sort).
std::vector<const RankingRow*> PinnedRows(const std::vector<RankingRow>& rows, const std::vector<std::string>& pinned);

// Toggles `id` in the pin list; returns true when it is pinned afterwards. At most `limit` pins (the oldest goes).
bool TogglePin(std::vector<std::string>* pinned, const std::string& id, size_t limit);

// Stable names of the sortable columns, for GridStar.state() and the API ("rank", "total", "ind:dj", ...).
std::string ColumnName(RowColumn column, const Competition& competition);
bool ColumnFromName(const std::string& name, const Competition& competition, RowColumn* out);

// ---- text --------------------------------------------------------------------------------------------------------
// "¥1,234,567" (rounded to the yuan); negative as "-¥1,234".
std::string FormatYuan(double yuan);
// Points for people: up to 2 decimals, no trailing zeros ("462.5", "80"); NaN = "—".
std::string FormatPoints(double points);
// A safe file name for the CSV: "ranking-2024-Q4-urban.csv" (characters other than [A-Za-z0-9._-] become '_').
std::string RankingCsvFileName(const std::string& period_id, const std::string& class_id);

} // namespace gridstar
