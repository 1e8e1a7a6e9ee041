#include "core/color_scale.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace gridstar
{

namespace
{

double SrgbToLinear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double LinearToSrgb(double c)
{
    c = std::clamp(c, 0.0, 1.0);
    return c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

constexpr double kWhiteX = 0.95047;
constexpr double kWhiteZ = 1.08883;

Lab LinearToLab(double r, double g, double b)
{
    double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    auto f = [](double t) { return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0; };
    double fx = f(x / kWhiteX), fy = f(y), fz = f(z / kWhiteZ);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

// Unclamped sRGB channels in [0, 255] (before rounding) of a Lab colour.
void LabToSrgb255(const Lab& lab, double out[3])
{
    double fy = (lab.l + 16.0) / 116.0;
    double fx = fy + lab.a / 500.0;
    double fz = fy - lab.b / 200.0;
    auto finv = [](double t) { return t * t * t > 216.0 / 24389.0 ? t * t * t : (116.0 * t - 16.0) * 27.0 / 24389.0; };
    double x = finv(fx) * kWhiteX, y = finv(fy), z = finv(fz) * kWhiteZ;
    double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
    double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
    double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
    out[0] = LinearToSrgb(r) * 255.0;
    out[1] = LinearToSrgb(g) * 255.0;
    out[2] = LinearToSrgb(b) * 255.0;
}

// Rounds a Lab colour to 8-bit sRGB, choosing among the 8 floor/ceil roundings the one nearest the target whose
// lightness is not below `min_l`, so a ramp of targets with rising L stays rising after quantisation.
uint32_t QuantiseOnce(const Lab& target, double min_l)
{
    double c[3];
    LabToSrgb255(target, c);
    uint32_t best = 0, brightest = 0;
    double best_d = 1e300, brightest_l = -1;
    for (int mask = 0; mask < 8; ++mask)
    {
        uint32_t ch[3];
        for (int i = 0; i < 3; ++i)
        {
            double v = (mask >> i) & 1 ? std::ceil(c[i]) : std::floor(c[i]);
            ch[i] = static_cast<uint32_t>(std::clamp(v, 0.0, 255.0));
        }
        uint32_t rgba = PackRgba(ch[0], ch[1], ch[2]);
        Lab lab = RgbaToLab(rgba);
        if (lab.l > brightest_l)
        {
            brightest_l = lab.l;
            brightest = rgba;
        }
        double d = LabDistance(lab, target);
        if (lab.l >= min_l && d < best_d)
        {
            best_d = d;
            best = rgba;
        }
    }
    return best_d < 1e300 ? best : brightest;
}

uint32_t QuantiseAbove(Lab target, double min_l)
{
    // Out-of-gamut targets lose lightness when clamped; lifting L a little until it is met keeps the ramp rising.
    for (int attempt = 0; attempt < 64; ++attempt)
    {
        uint32_t c = QuantiseOnce(target, min_l);
        if (RgbaToLab(c).l >= min_l)
            return c;
        target.l += 0.1;
    }
    return QuantiseOnce(target, min_l);
}

uint32_t ApplyMatrix(uint32_t rgba, const double m[3][3])
{
    double v[3] = {SrgbToLinear(RgbaR(rgba) / 255.0), SrgbToLinear(RgbaG(rgba) / 255.0),
                   SrgbToLinear(RgbaB(rgba) / 255.0)};
    uint32_t out[3];
    for (int i = 0; i < 3; ++i)
    {
        double c = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
        out[i] = static_cast<uint32_t>(std::lround(LinearToSrgb(c) * 255.0));
    }
    return PackRgba(out[0], out[1], out[2], RgbaA(rgba));
}

constexpr uint32_t Hex(uint32_t rgb)
{
    return PackRgba((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
}

// Control points of the sequential scale, evenly spaced in t. Lightness (L*) climbs about 10 per step, from a
// blue dark enough to stand out on a white slide to a yellow still visible on a light one.
constexpr uint32_t kSequentialStops[] = {
    Hex(0x1D2C6B), Hex(0x2A4A8F), Hex(0x2F6B9A), Hex(0x2D8A94),
    Hex(0x3FA67F), Hex(0x86BF5D), Hex(0xCBD447), Hex(0xF7E94A),
};
constexpr int kSequentialStopCount = sizeof(kSequentialStops) / sizeof(kSequentialStops[0]);
constexpr int kSequentialLutSize = 256;

const std::array<uint32_t, kSequentialLutSize>& SequentialLut()
{
    static const std::array<uint32_t, kSequentialLutSize> lut = []
    {
        std::array<uint32_t, kSequentialLutSize> table{};
        Lab stops[kSequentialStopCount];
        double last_l = -1;
        for (int i = 0; i < kSequentialStopCount; ++i)
            stops[i] = RgbaToLab(kSequentialStops[i]);
        for (int k = 0; k < kSequentialLutSize; ++k)
        {
            double t = static_cast<double>(k) / (kSequentialLutSize - 1) * (kSequentialStopCount - 1);
            int i = std::min(static_cast<int>(t), kSequentialStopCount - 2);
            double f = t - i;
            Lab lab{stops[i].l + (stops[i + 1].l - stops[i].l) * f, stops[i].a + (stops[i + 1].a - stops[i].a) * f,
                    stops[i].b + (stops[i + 1].b - stops[i].b) * f};
            table[k] = QuantiseAbove(lab, last_l);
            last_l = RgbaToLab(table[k]).l;
        }
        return table;
    }();
    return lut;
}

// Bucket colours spread over the scale but not its darkest end, which projectors crush to black.
uint32_t BucketColor(int k, int count)
{
    if (count <= 1)
        return SequentialRgba(0.55);
    return SequentialRgba(0.12 + 0.88 * static_cast<double>(k) / (count - 1));
}

std::string RangeLabel(double lo, double hi)
{
    if (lo == hi)
        return FormatLegendNumber(lo);
    return FormatLegendNumber(lo) + "\xE2\x80\x93" + FormatLegendNumber(hi); // en dash
}

ColorScale FinishScale(std::vector<double> breaks)
{
    ColorScale scale;
    scale.no_data = NoDataRgba();
    // Drop repeated breaks: a class that cannot hold anything would only confuse the legend.
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    if (breaks.size() == 1)
        breaks.push_back(breaks[0]); // all values equal: one class [v, v]
    scale.breaks = breaks;
    int count = static_cast<int>(breaks.size()) - 1;
    for (int k = 0; k < count; ++k)
    {
        scale.colors.push_back(BucketColor(k, count));
        scale.labels.push_back(RangeLabel(breaks[k], breaks[k + 1]));
    }
    return scale;
}

} // namespace

uint32_t GridColorRgba(GridColor color)
{
    // Tuned so every pair stays ≥ 29 ΔE apart under simulated deuteranopia and protanopia: red is dark, orange
    // mid, yellow very light, green bluish (away from red for deuteranopes), blue mid-dark but far in hue from red.
    switch (color)
    {
    case GridColor::Red: return Hex(0xC02A2A);
    case GridColor::Orange: return Hex(0xE67A17);
    case GridColor::Yellow: return Hex(0xFBEA7A);
    case GridColor::Green: return Hex(0x2AA876);
    case GridColor::Blue: return Hex(0x2F6EBA);
    case GridColor::None: break;
    }
    return Hex(0xB4B4B4);
}

FillPattern GridColorPattern(GridColor color)
{
    switch (color)
    {
    case GridColor::Red: return FillPattern::CrossHatch;
    case GridColor::Orange: return FillPattern::DiagonalHatch;
    case GridColor::Yellow: return FillPattern::Dots;
    case GridColor::Green: return FillPattern::HorizontalLines;
    case GridColor::Blue: return FillPattern::VerticalLines;
    case GridColor::None: break;
    }
    return FillPattern::Solid;
}

uint32_t CommunityKindRgba(CommunityKind kind)
{
    // Blue / amber / plum: dark–light–dark with the two dark ones far apart in hue for all dichromats.
    switch (kind)
    {
    case CommunityKind::Urban: return Hex(0x3465A8);
    case CommunityKind::Village: return Hex(0xDBA634);
    case CommunityKind::Transition: return Hex(0xA8466A);
    }
    return Hex(0xB4B4B4);
}

FillPattern CommunityKindPattern(CommunityKind kind)
{
    switch (kind)
    {
    case CommunityKind::Urban: return FillPattern::Solid;
    case CommunityKind::Village: return FillPattern::Dots;
    case CommunityKind::Transition: return FillPattern::DiagonalHatch;
    }
    return FillPattern::Solid;
}

uint32_t NoDataRgba()
{
    return Hex(0xD9D9D9);
}

uint32_t SequentialRgba(double t)
{
    if (!(t >= 0))
        t = 0; // also catches NaN
    if (t > 1)
        t = 1;
    return SequentialLut()[static_cast<size_t>(std::lround(t * (kSequentialLutSize - 1)))];
}

Lab RgbaToLab(uint32_t rgba)
{
    return LinearToLab(SrgbToLinear(RgbaR(rgba) / 255.0), SrgbToLinear(RgbaG(rgba) / 255.0),
                       SrgbToLinear(RgbaB(rgba) / 255.0));
}

double LabDistance(const Lab& x, const Lab& y)
{
    double dl = x.l - y.l, da = x.a - y.a, db = x.b - y.b;
    return std::sqrt(dl * dl + da * da + db * db);
}

uint32_t SimulateDeuteranopia(uint32_t rgba)
{
    static const double m[3][3] = {
        {0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}};
    return ApplyMatrix(rgba, m);
}

uint32_t SimulateProtanopia(uint32_t rgba)
{
    static const double m[3][3] = {
        {0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}};
    return ApplyMatrix(rgba, m);
}

int ColorScale::BucketOf(double value) const
{
    int count = BucketCount();
    if (count == 0 || std::isnan(value))
        return -1;
    // First break above the value, minus one; values outside the range go to the end classes.
    auto it = std::upper_bound(breaks.begin(), breaks.end(), value);
    int k = static_cast<int>(it - breaks.begin()) - 1;
    return std::clamp(k, 0, count - 1);
}

uint32_t ColorScale::ColorOf(double value) const
{
    int k = BucketOf(value);
    return k < 0 ? no_data : colors[k];
}

ColorScale MakeLinearScale(double min_value, double max_value, int buckets)
{
    if (!std::isfinite(min_value) || !std::isfinite(max_value))
    {
        ColorScale empty;
        empty.no_data = NoDataRgba();
        return empty;
    }
    if (max_value < min_value)
        std::swap(min_value, max_value);
    buckets = std::clamp(buckets, 1, 9);
    std::vector<double> breaks;
    for (int k = 0; k <= buckets; ++k)
        breaks.push_back(k == buckets ? max_value : min_value + (max_value - min_value) * k / buckets);
    return FinishScale(std::move(breaks));
}

ColorScale MakeQuantileScale(const std::vector<double>& values, int buckets)
{
    std::vector<double> sorted;
    sorted.reserve(values.size());
    for (double v : values)
    {
        if (std::isfinite(v))
            sorted.push_back(v);
    }
    if (sorted.empty())
    {
        ColorScale empty;
        empty.no_data = NoDataRgba();
        return empty;
    }
    std::sort(sorted.begin(), sorted.end());
    buckets = std::clamp(buckets, 1, 9);
    size_t n = sorted.size();
    std::vector<double> breaks;
    // Each break is the first value of its class, so classes are lower-inclusive and hold ⌊n/buckets⌋ or so.
    for (int k = 0; k < buckets; ++k)
        breaks.push_back(sorted[n * static_cast<size_t>(k) / static_cast<size_t>(buckets)]);
    breaks.push_back(sorted.back());
    // A break equal to the maximum would leave a class holding only the top value twice over: merge it.
    while (breaks.size() > 2 && breaks[breaks.size() - 2] == breaks.back())
        breaks.erase(breaks.end() - 2);
    return FinishScale(std::move(breaks));
}

ColorScale MakeScale(const std::vector<double>& values, int buckets, BucketMode mode)
{
    if (mode == BucketMode::Quantile)
        return MakeQuantileScale(values, buckets);
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    for (double v : values)
    {
        if (std::isfinite(v))
        {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    return MakeLinearScale(lo, hi, buckets);
}

std::string FormatLegendNumber(double value)
{
    char buf[64];
    double a = std::abs(value);
    if (a >= 1e9)
        std::snprintf(buf, sizeof(buf), "%.3g", value);
    else if (value == std::floor(value))
        std::snprintf(buf, sizeof(buf), "%.0f", value);
    else
    {
        std::snprintf(buf, sizeof(buf), a >= 100 ? "%.0f" : "%.2f", value);
        // Trim trailing zeros of the decimals so 2.50 reads 2.5.
        std::string s = buf;
        if (s.find('.') != std::string::npos)
        {
            while (!s.empty() && s.back() == '0')
                s.pop_back();
            if (!s.empty() && s.back() == '.')
                s.pop_back();
        }
        if (s == "-0")
            s = "0";
        return s;
    }
    return buf;
}

} // namespace gridstar
