// Small drawing pieces of the Ranking view: stars, the title flag, indicator bars, line, bump and stacked-bar charts.
// They only map numbers prepared by core (ranking.h, ranking_view_model.h) to pixels.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

#include "core/ranking.h"

namespace gridstar::ui::rk
{

// Palette (dark navy dashboard). Up is red and down green: the Chinese convention for rising/falling.
constexpr ImU32 kGold = IM_COL32(255, 196, 60, 255);
constexpr ImU32 kStarOff = IM_COL32(70, 84, 112, 255);
constexpr ImU32 kUp = IM_COL32(255, 92, 80, 255);
constexpr ImU32 kDown = IM_COL32(60, 200, 130, 255);
constexpr ImU32 kNew = IM_COL32(90, 170, 255, 255);
constexpr ImU32 kMuted = IM_COL32(140, 155, 185, 255);
constexpr ImU32 kText = IM_COL32(232, 238, 248, 255);
constexpr ImU32 kPanel = IM_COL32(22, 34, 58, 255);
constexpr ImU32 kGrid = IM_COL32(52, 68, 100, 255);
constexpr ImU32 kTrack = IM_COL32(36, 50, 80, 255);
constexpr ImU32 kAccent = IM_COL32(216, 57, 43, 255); // 党建红
constexpr ImU32 kSim = IM_COL32(255, 150, 40, 255);   // what-if marks
constexpr ImU32 kWarn = IM_COL32(255, 170, 70, 255);
constexpr ImU32 kGood = IM_COL32(80, 200, 140, 255);

// Colour of a star level 0..5 (0 = no star) and of "unranked" (level 6) in charts.
ImU32 StarLevelColor(int level);
ImU32 WithAlpha(ImU32 col, float alpha);

// `filled` gold stars then dim ones, `count` in all, each `size` pixels wide, from `pos` (top-left).
void DrawStars(ImDrawList* dl, ImVec2 pos, float size, int filled, int count);
// A small red flag (the top title), `h` pixels high, from `pos` (top-left); returns its width.
float DrawFlag(ImDrawList* dl, ImVec2 pos, float h);

// A horizontal bar for one indicator: track = [0, max], fill = score, ticks at each star level's min_each, the
// `highlight` tick (the next star's minimum, NaN = none) in gold.
void DrawIndicatorBar(ImDrawList* dl, ImVec2 p0, ImVec2 p1, double score, double max, const std::vector<double>& ticks,
                      double highlight, ImU32 fill);

// A line over periods; NaN values leave gaps. `invert` puts lo at the top (ranks). `current` gets a ring.
void DrawLineChart(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<double>& values, double lo, double hi,
                   bool invert, ImU32 col, int current);

struct BumpStyle
{
    ImU32 col = 0;
    float thickness = 1;
};
// Every unit's rank over periods; `style_of(unit)` decides the look (drawn in the order given, last on top).
void DrawBumpChart(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const RankMatrix& m, int max_rank,
                   const std::vector<int32_t>& draw_order, const std::vector<BumpStyle>& styles, int current);

// Stacked columns, one per period: unranked, 0..5 stars from the bottom up. `current` is outlined.
void DrawStarColumns(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<StarDistribution>& by_period,
                     int current);

// Text right-aligned in the current table cell.
void TextRightInCell(const char* text, ImU32 col);

} // namespace gridstar::ui::rk
