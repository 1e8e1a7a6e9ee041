#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "core/color_scale.h"

using namespace gridstar;

namespace
{

const GridColor kFive[] = {GridColor::Red, GridColor::Orange, GridColor::Yellow, GridColor::Green, GridColor::Blue};

double MinPairDistance(const std::vector<uint32_t>& colors, uint32_t (*vision)(uint32_t))
{
    double best = 1e9;
    for (size_t i = 0; i < colors.size(); ++i)
    {
        for (size_t j = i + 1; j < colors.size(); ++j)
        {
            Lab a = RgbaToLab(vision ? vision(colors[i]) : colors[i]);
            Lab b = RgbaToLab(vision ? vision(colors[j]) : colors[j]);
            best = std::min(best, LabDistance(a, b));
        }
    }
    return best;
}

} // namespace

TEST_CASE("packing matches IM_COL32", "[color]")
{
    // IM_COL32(R,G,B,A) = A<<24 | B<<16 | G<<8 | R
    CHECK(PackRgba(255, 0, 0, 255) == 0xFF0000FFu);
    CHECK(PackRgba(0x12, 0x34, 0x56, 0x78) == 0x78563412u);
    CHECK(RgbaR(0x78563412u) == 0x12);
    CHECK(RgbaB(0x78563412u) == 0x56);
    CHECK(WithAlpha(0xFF123456u, 0x80) == 0x80123456u);
}

TEST_CASE("five-colour palette is distinguishable, also for colour-blind viewers", "[color]")
{
    std::vector<uint32_t> colors;
    std::set<FillPattern> patterns;
    for (GridColor c : kFive)
    {
        colors.push_back(GridColorRgba(c));
        CHECK(RgbaA(GridColorRgba(c)) == 255);
        patterns.insert(GridColorPattern(c));
    }
    CHECK(patterns.size() == 5);
    CHECK(patterns.count(GridColorPattern(GridColor::None)) == 0); // "none" is plain
    CHECK(MinPairDistance(colors, nullptr) >= 35);
    CHECK(MinPairDistance(colors, SimulateDeuteranopia) >= 25);
    CHECK(MinPairDistance(colors, SimulateProtanopia) >= 25);
    // The names still read: red is redder than green, blue bluer than yellow.
    CHECK(RgbaToLab(GridColorRgba(GridColor::Red)).a > RgbaToLab(GridColorRgba(GridColor::Green)).a);
    CHECK(RgbaToLab(GridColorRgba(GridColor::Blue)).b < RgbaToLab(GridColorRgba(GridColor::Yellow)).b);

    std::vector<uint32_t> kinds = {CommunityKindRgba(CommunityKind::Urban), CommunityKindRgba(CommunityKind::Village),
                                   CommunityKindRgba(CommunityKind::Transition)};
    CHECK(MinPairDistance(kinds, nullptr) >= 35);
    CHECK(MinPairDistance(kinds, SimulateDeuteranopia) >= 25);
    CHECK(MinPairDistance(kinds, SimulateProtanopia) >= 25);
}

TEST_CASE("dichromat simulation sanity", "[color]")
{
    // Greys are unchanged; pure red and green collapse towards each other for a deuteranope.
    uint32_t grey = PackRgba(128, 128, 128);
    CHECK(LabDistance(RgbaToLab(SimulateDeuteranopia(grey)), RgbaToLab(grey)) < 2);
    double normal = LabDistance(RgbaToLab(PackRgba(200, 40, 40)), RgbaToLab(PackRgba(40, 160, 40)));
    double deutan = LabDistance(RgbaToLab(SimulateDeuteranopia(PackRgba(200, 40, 40))),
                                RgbaToLab(SimulateDeuteranopia(PackRgba(40, 160, 40))));
    CHECK(deutan < normal * 0.5);
}

TEST_CASE("sequential scale: lightness rises monotonically", "[color]")
{
    double last = -1;
    for (int i = 0; i <= 256; ++i)
    {
        double t = i / 256.0;
        uint32_t c = SequentialRgba(t);
        double l = RgbaToLab(c).l;
        CHECK(l >= last - 1e-9);
        // Also as a deuteranope sees it.
        last = l;
        CHECK(RgbaA(c) == 255);
    }
    CHECK(RgbaToLab(SequentialRgba(1)).l - RgbaToLab(SequentialRgba(0)).l > 60);
    double last_d = -1;
    for (int i = 0; i <= 32; ++i)
    {
        double l = RgbaToLab(SimulateDeuteranopia(SequentialRgba(i / 32.0))).l;
        CHECK(l > last_d);
        last_d = l;
    }
    CHECK(SequentialRgba(-5) == SequentialRgba(0));
    CHECK(SequentialRgba(7) == SequentialRgba(1));
    CHECK(SequentialRgba(std::nan("")) == SequentialRgba(0));
}

TEST_CASE("linear buckets", "[color]")
{
    ColorScale s = MakeLinearScale(0, 100, 5);
    REQUIRE(s.BucketCount() == 5);
    REQUIRE(s.breaks.size() == 6);
    CHECK(s.breaks[1] == Approx(20));
    CHECK(s.BucketOf(0) == 0);
    CHECK(s.BucketOf(19.999) == 0);
    CHECK(s.BucketOf(20) == 1);
    CHECK(s.BucketOf(99.9) == 4);
    CHECK(s.BucketOf(100) == 4);
    CHECK(s.BucketOf(-3) == 0);   // below range: first class
    CHECK(s.BucketOf(1000) == 4); // above range: last class
    CHECK(s.BucketOf(std::nan("")) == -1);
    CHECK(s.ColorOf(std::nan("")) == s.no_data);
    CHECK(s.labels[0] == "0\xE2\x80\x93" "20");
    CHECK(s.labels[4] == "80\xE2\x80\x93" "100");
    // Bucket colours get lighter.
    for (int k = 1; k < s.BucketCount(); ++k)
        CHECK(RgbaToLab(s.colors[k]).l > RgbaToLab(s.colors[k - 1]).l);
    // Degenerate ranges.
    ColorScale one = MakeLinearScale(7, 7, 5);
    CHECK(one.BucketCount() == 1);
    CHECK(one.BucketOf(7) == 0);
    CHECK(one.labels[0] == "7");
    CHECK(MakeLinearScale(std::numeric_limits<double>::infinity(), 1, 3).BucketCount() == 0);
    CHECK(MakeLinearScale(0, 1, 50).BucketCount() == 9);
}

TEST_CASE("quantile buckets", "[color]")
{
    std::vector<double> values;
    for (int i = 1; i <= 100; ++i)
        values.push_back(i * i); // skewed, where quantiles matter
    values.push_back(std::nan(""));
    ColorScale s = MakeQuantileScale(values, 4);
    REQUIRE(s.BucketCount() == 4);
    int counts[4] = {};
    for (double v : values)
    {
        int k = s.BucketOf(v);
        if (std::isnan(v))
        {
            CHECK(k == -1);
            continue;
        }
        REQUIRE(k >= 0);
        ++counts[k];
        // The value lies in its class.
        CHECK(v >= s.breaks[k]);
        if (k + 1 < s.BucketCount())
            CHECK(v < s.breaks[k + 1]);
        else
            CHECK(v <= s.breaks[k + 1]);
    }
    for (int c : counts)
        CHECK(c == 25);

    // Random data: every value is in the class whose range holds it, counts within one of each other.
    std::mt19937 rng(3);
    std::lognormal_distribution<double> dist(3, 1);
    std::vector<double> r;
    for (int i = 0; i < 997; ++i)
        r.push_back(dist(rng));
    ColorScale q = MakeScale(r, 7, BucketMode::Quantile);
    REQUIRE(q.BucketCount() == 7);
    std::vector<int> qc(7, 0);
    for (double v : r)
        ++qc[q.BucketOf(v)];
    for (int c : qc)
        CHECK(std::abs(c - 997 / 7) <= 1);

    // Heavy ties collapse classes rather than producing empty ones.
    std::vector<double> ties = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2};
    ColorScale t = MakeQuantileScale(ties, 5);
    CHECK(t.BucketCount() >= 1);
    CHECK(t.BucketCount() < 5);
    for (int k = 0; k < t.BucketCount(); ++k)
    {
        bool used = false;
        for (double v : ties)
            used = used || t.BucketOf(v) == k;
        CHECK(used);
    }
    CHECK(MakeQuantileScale({}, 5).BucketCount() == 0);
    CHECK(MakeQuantileScale({4, 4, 4}, 3).BucketCount() == 1);

    // Linear through MakeScale uses the finite min and max.
    ColorScale lin = MakeScale({5, std::nan(""), 15, 10}, 2, BucketMode::Linear);
    CHECK(lin.breaks.front() == 5);
    CHECK(lin.breaks.back() == 15);
}

TEST_CASE("legend numbers", "[color]")
{
    CHECK(FormatLegendNumber(120) == "120");
    CHECK(FormatLegendNumber(2.5) == "2.5");
    CHECK(FormatLegendNumber(0.126) == "0.13");
    CHECK(FormatLegendNumber(-0.001) == "0");
    CHECK(FormatLegendNumber(1234.56) == "1235");
    CHECK(FormatLegendNumber(3e12) == "3e+12");
}
