#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/geometry.h"

using namespace gridstar;

namespace
{

constexpr double kPi = 3.14159265358979323846;

std::vector<Vec2> Flatten(const PointPolygon& poly)
{
    std::vector<Vec2> pts;
    for (const PointRing& r : poly)
        pts.insert(pts.end(), r.begin(), r.end());
    return pts;
}

std::vector<Vec2> Flatten(const PointMultiPolygon& mp)
{
    std::vector<Vec2> pts;
    for (const PointPolygon& p : mp)
    {
        std::vector<Vec2> f = Flatten(p);
        pts.insert(pts.end(), f.begin(), f.end());
    }
    return pts;
}

// Triangulates and checks: no inverted triangle, |areas| sum to the polygon's area, every triangle's centroid
// inside the polygon (so nothing spills over holes or concavities).
void CheckTriangulation(const PointMultiPolygon& mp, double expected_area)
{
    std::vector<uint32_t> idx;
    bool clean = TriangulateMultiPolygon(mp, &idx);
    CHECK(clean);
    REQUIRE(idx.size() % 3 == 0);
    std::vector<Vec2> pts = Flatten(mp);
    double signed_sum = 0;
    int outside = 0;
    for (size_t i = 0; i < idx.size(); i += 3)
    {
        REQUIRE(idx[i] < pts.size());
        REQUIRE(idx[i + 1] < pts.size());
        REQUIRE(idx[i + 2] < pts.size());
        Vec2 a = pts[idx[i]], b = pts[idx[i + 1]], c = pts[idx[i + 2]];
        double cr = Cross(a, b, c);
        CHECK(cr >= 0);
        signed_sum += cr * 0.5;
        Vec2 g{(a.x + b.x + c.x) / 3, (a.y + b.y + c.y) / 3};
        if (cr > 1e-9 * expected_area && !PointInMultiPolygon(g, mp))
            ++outside;
    }
    double area = TrianglesArea(pts, idx);
    CHECK(std::abs(area - expected_area) <= 1e-9 * std::max(expected_area, 1e-300));
    CHECK(std::abs(signed_sum - expected_area) <= 1e-9 * std::max(expected_area, 1e-300));
    CHECK(outside == 0);
}

PointRing Rect(double x0, double y0, double x1, double y1)
{
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

PointRing Reversed(PointRing r)
{
    std::reverse(r.begin(), r.end());
    return r;
}

// A concave, star-like "district" with ~n points: radius wobbling with several frequencies plus deep notches.
PointRing HandMadeDistrict(int n, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> jitter(-0.04, 0.04);
    PointRing ring;
    for (int i = 0; i < n; ++i)
    {
        double t = 2 * kPi * i / n;
        double r = 10000 * (1 + 0.25 * std::sin(3 * t) + 0.12 * std::cos(7 * t) + jitter(rng));
        if (i % 13 == 5)
            r *= 0.45; // sharp inward notch
        ring.push_back({r * std::cos(t) * 1.3, r * std::sin(t)});
    }
    return ring;
}

// The real 崂山区 outline, when the assets helper has produced it.
bool LoadLaoshan(PointMultiPolygon* out, Projection* proj_out)
{
    std::ifstream in(std::string(GS_ASSETS_DIR) + "/sample/laoshan.json", std::ios::binary);
    if (!in)
        return false;
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json doc = nlohmann::json::parse(ss.str(), nullptr, false);
    if (doc.is_discarded() || !doc.contains("district") || !doc["district"].contains("boundary"))
        return false;
    const nlohmann::json& geom = doc["district"]["boundary"];
    if (!geom.contains("type") || !geom.contains("coordinates"))
        return false;
    nlohmann::json polys = geom["coordinates"];
    if (geom["type"] == "Polygon")
        polys = nlohmann::json::array({polys});
    MultiPolygon mp;
    for (const auto& poly : polys)
    {
        Polygon p;
        for (const auto& ring : poly)
        {
            Ring r;
            for (const auto& pt : ring)
                r.push_back({pt[0].get<double>(), pt[1].get<double>()});
            if (r.size() > 1 && r.front().lon == r.back().lon && r.front().lat == r.back().lat)
                r.pop_back();
            p.push_back(r);
        }
        mp.push_back(p);
    }
    Dataset ds;
    ds.district.boundary = mp;
    *proj_out = MakeProjectionFor(ds);
    *out = ProjectMultiPolygon(*proj_out, mp);
    return !out->empty();
}

double MaxDistanceToRing(const PointRing& original, const PointRing& simple)
{
    double worst = 0;
    for (const Vec2& p : original)
        worst = std::max(worst, DistanceToRing(p, simple));
    return worst;
}

} // namespace

TEST_CASE("projection round trip and proportions", "[geometry]")
{
    Projection proj = MakeProjection(120.47, 36.11);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> d(-0.3, 0.3);
    for (int i = 0; i < 1000; ++i)
    {
        LonLat p{120.47 + d(rng), 36.11 + d(rng)};
        LonLat q = proj.Unproject(proj.Project(p));
        CHECK(std::abs(p.lon - q.lon) < 1e-11);
        CHECK(std::abs(p.lat - q.lat) < 1e-11);
    }
    // 0.01° east and north of the origin: the ratio must be cos(lat0), so a square on the ground stays square.
    Vec2 e = proj.Project({120.48, 36.11});
    Vec2 n = proj.Project({120.47, 36.12});
    CHECK(n.y == Approx(1111.95).epsilon(1e-3));
    CHECK(e.x / n.y == Approx(std::cos(36.11 * kPi / 180)).epsilon(1e-12));
    CHECK(proj.Project({120.47, 36.11}).x == 0);
}

TEST_CASE("triangulation of simple, concave and degenerate polygons", "[geometry]")
{
    SECTION("square, either orientation")
    {
        CheckTriangulation({{Rect(0, 0, 2, 3)}}, 6);
        CheckTriangulation({{Reversed(Rect(0, 0, 2, 3))}}, 6);
    }
    SECTION("concave comb")
    {
        PointRing comb = {{0, 0}, {10, 0}, {10, 10}, {9, 10}, {9, 2}, {7, 2}, {7, 10}, {6, 10}, {6, 2},
                          {4, 2}, {4, 10}, {3, 10}, {3, 2}, {1, 2}, {1, 10}, {0, 10}};
        PointPolygon poly{comb};
        CheckTriangulation({poly}, PolygonArea(poly));
        CHECK(PolygonArea(poly) == Approx(10 * 2 + 4 * 8));
    }
    SECTION("collinear and duplicate points")
    {
        PointRing r = {{0, 0}, {1, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 2}, {0, 2}, {0, 1}, {0, 0}};
        CheckTriangulation({{r}}, 6);
    }
    SECTION("degenerate rings produce nothing")
    {
        std::vector<uint32_t> idx;
        TriangulatePolygon({{{0, 0}, {1, 1}, {2, 2}, {3, 3}}}, &idx);
        CHECK(idx.empty());
        TriangulatePolygon({{{0, 0}, {1, 1}}}, &idx);
        CHECK(idx.empty());
        TriangulatePolygon({{{5, 5}, {5, 5}, {5, 5}}}, &idx);
        CHECK(idx.empty());
        TriangulatePolygon({}, &idx);
        CHECK(idx.empty());
        // A degenerate hole is ignored.
        PointPolygon poly{Rect(0, 0, 4, 4), {{1, 1}, {2, 2}, {3, 3}}};
        CheckTriangulation({poly}, 16);
    }
    SECTION("spike on the outline")
    {
        PointRing r = {{0, 0}, {4, 0}, {4, 2}, {6, 2}, {4, 2}, {4, 4}, {0, 4}};
        CheckTriangulation({{r}}, 16);
    }
    SECTION("hand-made concave district of ~100 points")
    {
        PointRing ring = HandMadeDistrict(101, 42);
        REQUIRE_FALSE(RingSelfIntersects(ring));
        PointPolygon poly{ring};
        CheckTriangulation({poly}, PolygonArea(poly));
        std::vector<uint32_t> idx;
        TriangulatePolygon(poly, &idx);
        CHECK(idx.size() == 3 * (ring.size() - 2));
    }
    SECTION("large concave outline uses the vertex grid")
    {
        PointRing ring = HandMadeDistrict(5000, 3);
        REQUIRE_FALSE(RingSelfIntersects(ring));
        PointPolygon poly{ring};
        CheckTriangulation({poly}, PolygonArea(poly));
    }
}

TEST_CASE("triangulation with holes and multipolygons", "[geometry]")
{
    SECTION("one hole")
    {
        PointPolygon poly{Rect(0, 0, 10, 10), Rect(3, 3, 6, 7)};
        CheckTriangulation({poly}, 100 - 12);
    }
    SECTION("several holes, mixed orientations, holes sharing x and y coordinates")
    {
        PointPolygon poly{Reversed(Rect(0, 0, 20, 10)), Rect(2, 2, 4, 4), Reversed(Rect(2, 6, 4, 8)),
                          Rect(6, 2, 8, 8), Rect(10, 4, 12, 6), {{14, 2}, {18, 2}, {16, 8}}};
        double expected = 200 - 4 - 4 - 12 - 4 - 12;
        CHECK(PolygonArea(poly) == Approx(expected));
        CheckTriangulation({poly}, expected);
    }
    SECTION("concave outer with concave holes")
    {
        PointRing outer = HandMadeDistrict(120, 9);
        PointPolygon poly{outer};
        // Small L-shaped holes near the centre, where the outline is far away.
        for (int k = 0; k < 4; ++k)
        {
            double x = -3000 + 1600 * k, y = -500;
            poly.push_back({{x, y}, {x + 800, y}, {x + 800, y + 300}, {x + 300, y + 300}, {x + 300, y + 900},
                            {x, y + 900}});
        }
        CheckTriangulation({poly}, PolygonArea(poly));
    }
    SECTION("multipolygon")
    {
        PointMultiPolygon mp{{Rect(0, 0, 1, 1)}, {Rect(5, 5, 7, 8), Rect(5.5, 5.5, 6.5, 6)}, {HandMadeDistrict(60, 1)}};
        CheckTriangulation(mp, MultiPolygonArea(mp));
    }
    SECTION("hole touching the outer ring at a vertex")
    {
        PointPolygon poly{Rect(0, 0, 10, 10), {{0, 5}, {4, 3}, {4, 7}}};
        std::vector<uint32_t> idx;
        TriangulatePolygon(poly, &idx);
        std::vector<Vec2> pts = Flatten(poly);
        CHECK(TrianglesArea(pts, idx) == Approx(100 - 8).epsilon(1e-9));
    }
}

TEST_CASE("triangulation of the real district outline", "[geometry]")
{
    PointMultiPolygon mp;
    Projection proj;
    if (!LoadLaoshan(&mp, &proj))
    {
        WARN("assets/sample/laoshan.json not found yet: real-shape triangulation not tested");
        return;
    }
    PointMultiPolygon clean;
    size_t points = 0;
    for (const PointPolygon& poly : mp)
    {
        PointPolygon p;
        for (const PointRing& r : poly)
        {
            PointRing c = CleanRing(r);
            if (c.size() >= 3)
                p.push_back(c);
            points += r.size();
        }
        if (!p.empty())
            clean.push_back(p);
    }
    INFO("points: " << points);
    // An outline a few kilometres across.
    Box b = BoundsOf(clean);
    CHECK(b.Width() > 5000);
    CHECK(b.Height() > 5000);
    CHECK(b.Width() / b.Height() < 4);
    CheckTriangulation(clean, MultiPolygonArea(clean));
    for (const PointPolygon& poly : clean)
    {
        CHECK_FALSE(RingSelfIntersects(poly[0]));
    }
    Vec2 label = LabelPoint(clean);
    CHECK(PointInMultiPolygon(label, clean));
}

TEST_CASE("point in polygon with holes and multipolygons", "[geometry]")
{
    PointMultiPolygon mp{{Rect(0, 0, 10, 10), Rect(2, 2, 4, 4)}, {Rect(20, 0, 21, 1)}};
    CHECK(PointInMultiPolygon({1, 1}, mp));
    CHECK_FALSE(PointInMultiPolygon({3, 3}, mp));
    CHECK(PointInMultiPolygon({5, 5}, mp));
    CHECK(PointInMultiPolygon({20.5, 0.5}, mp));
    CHECK_FALSE(PointInMultiPolygon({15, 5}, mp));
    CHECK_FALSE(PointInMultiPolygon({-1, 5}, mp));
    Box b = BoundsOf(mp);
    CHECK(b.min_x == 0);
    CHECK(b.max_x == 21);
    CHECK(b.max_y == 10);
}

TEST_CASE("Douglas-Peucker keeps every point within tolerance and never collapses", "[geometry]")
{
    PointRing ring = HandMadeDistrict(400, 5);
    for (double tol : {1.0, 10.0, 50.0, 200.0, 1000.0})
    {
        PointRing s = SimplifyRing(ring, tol);
        INFO("tolerance " << tol);
        CHECK(s.size() >= 3);
        CHECK(s.size() <= ring.size());
        CHECK(MaxDistanceToRing(ring, s) <= tol + 1e-9);
    }
    CHECK(SimplifyRing(ring, 200.0).size() < SimplifyRing(ring, 10.0).size());
    // A tiny ring at a huge tolerance is kept as it is rather than collapsing to a line.
    PointRing tiny = {{0, 0}, {1, 0}, {1.01, 0.5}, {1, 1}, {0, 1}};
    CHECK(SimplifyRing(tiny, 100).size() == tiny.size());
    // Zero tolerance is the identity.
    CHECK(SimplifyRing(ring, 0).size() == ring.size());
}

TEST_CASE("ring self-intersection", "[geometry]")
{
    CHECK_FALSE(RingSelfIntersects(Rect(0, 0, 1, 1)));
    CHECK_FALSE(RingSelfIntersects(HandMadeDistrict(300, 2)));
    CHECK(RingSelfIntersects(PointRing{{0, 0}, {2, 2}, {2, 0}, {0, 2}}));        // bow tie
    CHECK(RingSelfIntersects(PointRing{{0, 0}, {4, 0}, {4, 4}, {2, 4}, {2, -1}})); // crossing back
    CHECK(RingSelfIntersects(PointRing{{0, 0}, {4, 0}, {6, 0}, {4, 0}, {4, 4}}));  // spike folding back
    CHECK(RingSelfIntersects(PointRing{{0, 0}, {4, 0}, {2, 2}, {4, 4}, {0, 4}, {2, 2}})); // touching at a vertex
    CHECK_FALSE(RingSelfIntersects(PointRing{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}})); // duplicates only
    // Lon/lat version.
    Ring bow = {{120.0, 36.0}, {120.1, 36.1}, {120.1, 36.0}, {120.0, 36.1}};
    CHECK(RingSelfIntersects(bow));
    // Many points: a long zigzag with one late crossing.
    PointRing zig;
    for (int i = 0; i < 3000; ++i)
        zig.push_back({static_cast<double>(i), (i % 2) ? 1.0 : 0.0});
    zig.push_back({3000, 10});
    zig.push_back({0, 10});
    CHECK_FALSE(RingSelfIntersects(zig));
    zig.push_back({1500.5, -5});
    CHECK(RingSelfIntersects(zig));
}

TEST_CASE("label point lies inside", "[geometry]")
{
    SECTION("convex: the centroid")
    {
        PointMultiPolygon mp{{Rect(0, 0, 4, 2)}};
        Vec2 p = LabelPoint(mp);
        CHECK(p.x == Approx(2));
        CHECK(p.y == Approx(1));
    }
    SECTION("C shape: centroid outside, pole inside and well clear of the outline")
    {
        PointRing c = {{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 8}, {10, 8}, {10, 10}, {0, 10}};
        PointPolygon poly{c};
        Vec2 centroid = PolygonCentroid(poly);
        REQUIRE_FALSE(PointInPolygon(centroid, poly));
        Vec2 p = LabelPoint({poly});
        CHECK(PointInPolygon(p, poly));
        CHECK(DistanceToBoundary(p, poly) >= 0.9);
    }
    SECTION("donut: not in the hole")
    {
        PointPolygon poly{Rect(0, 0, 10, 10), Rect(2, 2, 8, 8)};
        Vec2 p = LabelPoint({poly});
        CHECK(PointInPolygon(p, poly));
        CHECK(DistanceToBoundary(p, poly) >= 0.9);
    }
    SECTION("multipolygon: on the largest part")
    {
        PointMultiPolygon mp{{Rect(0, 0, 1, 1)}, {Rect(10, 10, 20, 20)}};
        Vec2 p = LabelPoint(mp);
        CHECK(p.x == Approx(15));
    }
    SECTION("hand-made districts")
    {
        for (uint32_t seed = 1; seed <= 20; ++seed)
        {
            PointPolygon poly{HandMadeDistrict(80 + seed, seed)};
            CHECK(PointInPolygon(LabelPoint({poly}), poly));
        }
    }
}

TEST_CASE("grid index queries match brute force", "[geometry]")
{
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> pos(0, 1000), size(0, 60);
    std::vector<Box> boxes;
    for (int i = 0; i < 2000; ++i)
    {
        Box b;
        if (i % 50 != 0) // leave some empty, like units without a boundary
        {
            double x = pos(rng), y = pos(rng);
            b.Add({x, y});
            b.Add({x + size(rng), y + size(rng)});
        }
        boxes.push_back(b);
    }
    GridIndex index;
    index.Build(boxes);
    for (int q = 0; q < 300; ++q)
    {
        Box rect;
        double x = pos(rng) - 100, y = pos(rng) - 100;
        rect.Add({x, y});
        rect.Add({x + size(rng) * 5, y + size(rng) * 5});
        std::vector<int32_t> got;
        index.Query(rect, &got);
        std::vector<int32_t> want;
        for (size_t i = 0; i < boxes.size(); ++i)
        {
            if (!boxes[i].IsEmpty() && boxes[i].Intersects(rect))
                want.push_back(static_cast<int32_t>(i));
        }
        std::sort(got.begin(), got.end());
        REQUIRE(got == want); // sorted equality also proves there are no duplicates

        Vec2 p{pos(rng), pos(rng)};
        const int32_t* items = nullptr;
        uint32_t n = index.CellItems(p, &items);
        for (size_t i = 0; i < boxes.size(); ++i)
        {
            if (!boxes[i].IsEmpty() && boxes[i].Contains(p))
                CHECK(std::find(items, items + n, static_cast<int32_t>(i)) != items + n);
        }
    }
}

TEST_CASE("triangulation survives invalid input", "[geometry]")
{
    // Random point soups are mostly self-intersecting: the clipper must terminate, stay in range and keep the
    // signed area (forced cuts may overlap, but never lose or invent area).
    std::mt19937 rng(99);
    std::uniform_real_distribution<double> coord(0, 100);
    std::uniform_int_distribution<int> count(3, 40);
    int forced = 0;
    for (int iter = 0; iter < 300; ++iter)
    {
        PointRing ring;
        int n = count(rng);
        for (int i = 0; i < n; ++i)
        {
            // Snap some coordinates to a coarse lattice to provoke duplicates and collinear runs.
            double x = coord(rng), y = coord(rng);
            if (i % 3 == 0)
            {
                x = std::round(x / 25) * 25;
                y = std::round(y / 25) * 25;
            }
            ring.push_back({x, y});
        }
        std::vector<uint32_t> idx;
        bool clean = TriangulatePolygon({ring}, &idx);
        forced += !clean;
        double signed_sum = 0;
        for (size_t i = 0; i < idx.size(); i += 3)
        {
            REQUIRE(idx[i] < ring.size());
            REQUIRE(idx[i + 1] < ring.size());
            REQUIRE(idx[i + 2] < ring.size());
            signed_sum += Cross(ring[idx[i]], ring[idx[i + 1]], ring[idx[i + 2]]) * 0.5;
        }
        CHECK(std::abs(signed_sum - std::abs(RingSignedArea(ring))) <= 1e-9 * 100 * 100 * n);
        if (!RingSelfIntersects(ring) && CleanRing(ring).size() >= 3)
        {
            CHECK(clean);
            CHECK(TrianglesArea(ring, idx) == Approx(std::abs(RingSignedArea(ring))).epsilon(1e-9));
        }
    }
    CHECK(forced > 0); // the fallback was exercised
    // Bow tie with a hole.
    std::vector<uint32_t> idx;
    TriangulatePolygon({{{0, 0}, {2, 2}, {2, 0}, {0, 2}}, Rect(0.2, 0.9, 0.4, 1.1)}, &idx);
    CHECK(idx.size() % 3 == 0);
}
