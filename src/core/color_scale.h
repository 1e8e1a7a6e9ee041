// Colours for the map: the five-colour grid palette, community kinds, and sequential choropleth scales.
// Colours are RGBA packed as 0xAABBGGRR, the same as ImGui's IM_COL32, so they go straight into draw lists.
// Palettes are chosen for a washed-out projector and for colour-blind viewers: neighbouring colours differ in
// lightness as well as hue, and each grid colour also has a fill pattern as a second cue.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace gridstar
{

constexpr uint32_t PackRgba(uint32_t r, uint32_t g, uint32_t b, uint32_t a = 255)
{
    return (a << 24) | (b << 16) | (g << 8) | r;
}
constexpr uint32_t RgbaR(uint32_t c) { return c & 0xFF; }
constexpr uint32_t RgbaG(uint32_t c) { return (c >> 8) & 0xFF; }
constexpr uint32_t RgbaB(uint32_t c) { return (c >> 16) & 0xFF; }
constexpr uint32_t RgbaA(uint32_t c) { return c >> 24; }
constexpr uint32_t WithAlpha(uint32_t c, uint32_t a) { return (c & 0x00FFFFFFu) | (a << 24); }

// A second visual cue beside the hue, drawn over the fill by the view.
enum class FillPattern : uint8_t
{
    Solid = 0,
    DiagonalHatch = 1, // ////
    CrossHatch = 2,    // XXXX
    Dots = 3,
    HorizontalLines = 4,
    VerticalLines = 5,
};

// 五色网格: the colour names a grid type (红/橙/黄/绿/蓝 grids). Each district defines the types itself, usually by
// the main kind of place in the grid (e.g. 党政机关与企事业单位, 商圈楼宇与市场, 学校医院等公共场所, 山林景区与
// 农村片区, 居民小区), and the pairing with colours differs between schemes, so nothing here assumes one.
// The data file is authoritative; the UI takes its wording from the UI strings, never from here.
uint32_t GridColorRgba(GridColor color);      // GridColor::None is a neutral grey
FillPattern GridColorPattern(GridColor color); // a different pattern for each of the five
uint32_t CommunityKindRgba(CommunityKind kind);
FillPattern CommunityKindPattern(CommunityKind kind);
uint32_t NoDataRgba(); // light grey, for units without a value

// Sequential scale, dark blue → teal → green → yellow, interpolated in CIELAB between our own control points so
// lightness rises steadily (it reads in greyscale and for every kind of colour blindness). t is clamped to [0, 1].
uint32_t SequentialRgba(double t);

// CIELAB helpers (D65), also used by the tests to check the palettes.
struct Lab
{
    double l = 0;
    double a = 0;
    double b = 0;
};
Lab RgbaToLab(uint32_t rgba);
double LabDistance(const Lab& x, const Lab& y); // CIE76 ΔE
// Simulated dichromat vision (Machado et al. 2009, full severity), alpha kept.
uint32_t SimulateDeuteranopia(uint32_t rgba);
uint32_t SimulateProtanopia(uint32_t rgba);

enum class BucketMode : uint8_t
{
    Linear = 0,   // equal-width classes between min and max
    Quantile = 1, // classes holding about equally many units
};

// A classed choropleth scale. Bucket k covers [breaks[k], breaks[k+1]); the last bucket includes its top.
struct ColorScale
{
    std::vector<double> breaks;      // bucket_count + 1 ascending values
    std::vector<uint32_t> colors;    // per bucket
    std::vector<std::string> labels; // per bucket, e.g. "120–250" (numbers only; no UI wording)
    uint32_t no_data = 0;

    int BucketCount() const { return static_cast<int>(colors.size()); }
    int BucketOf(double value) const;  // -1 for NaN or an empty scale
    uint32_t ColorOf(double value) const; // no_data when BucketOf is -1
};

// `buckets` is clamped to 1..9. NaN and infinite values are ignored. Fewer buckets result when the values do
// not support that many distinct breaks (e.g. all equal).
ColorScale MakeLinearScale(double min_value, double max_value, int buckets);
ColorScale MakeQuantileScale(const std::vector<double>& values, int buckets);
ColorScale MakeScale(const std::vector<double>& values, int buckets, BucketMode mode);

// Compact legend number: integers without decimals, otherwise up to two decimals, large values with 3 digits.
std::string FormatLegendNumber(double value);

} // namespace gridstar
