#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "core/dataset_json.h"
#include "core/map_model.h"

using namespace gridstar;

namespace
{

// Brute force over every unit, from the dataset's own outlines.
int32_t BruteHit(const Dataset& ds, const Projection& proj, Level level, Vec2 p, int32_t parent)
{
    auto test = [&](const MultiPolygon& mp, int32_t unit_parent) -> bool
    {
        if (parent >= 0 && unit_parent != parent)
            return false;
        return PointInMultiPolygon(p, ProjectMultiPolygon(proj, mp));
    };
    switch (level)
    {
    case Level::District: return test(ds.district.boundary, -1) ? 0 : -1;
    case Level::Street:
        for (size_t i = 0; i < ds.streets.size(); ++i)
            if (test(ds.streets[i].boundary, 0))
                return static_cast<int32_t>(i);
        return -1;
    case Level::Community:
        for (size_t i = 0; i < ds.communities.size(); ++i)
            if (test(ds.communities[i].boundary, ds.communities[i].street))
                return static_cast<int32_t>(i);
        return -1;
    case Level::Grid:
        for (size_t i = 0; i < ds.grids.size(); ++i)
            if (test(ds.grids[i].boundary, ds.grids[i].community))
                return static_cast<int32_t>(i);
        return -1;
    case Level::MicroGrid:
        for (size_t i = 0; i < ds.micro_grids.size(); ++i)
            if (test(ds.micro_grids[i].boundary, ds.micro_grids[i].grid))
                return static_cast<int32_t>(i);
        return -1;
    }
    return -1;
}

} // namespace

TEST_CASE("map model structure from a synthetic district", "[map]")
{
    Dataset ds = MakeSyntheticMapDataset(1000, 1);
    // One unit without a boundary, which must be present but inert.
    ds.micro_grids[7].boundary.clear();
    MapModel model = BuildMapModel(ds);

    const MapLevel& micro = model.At(Level::MicroGrid);
    REQUIRE(micro.units.size() == ds.micro_grids.size());
    CHECK(micro.shaped_count == static_cast<int32_t>(ds.micro_grids.size()) - 1);
    CHECK_FALSE(micro.units[7].has_shape);
    CHECK(micro.fallback_count == 0);
    CHECK(model.At(Level::District).units.size() == 1);
    CHECK(model.At(Level::Street).units.size() == ds.streets.size());

    for (int l = 0; l < kLevelCount; ++l)
    {
        const MapLevel& level = model.levels[l];
        for (const MapUnit& u : level.units)
        {
            if (!u.has_shape)
                continue;
            // Triangles cover the area exactly and the label sits inside.
            std::vector<Vec2> pts(level.lods[0].points.begin() + u.vertex_begin,
                                  level.lods[0].points.begin() + u.vertex_begin + u.vertex_count);
            std::vector<uint32_t> idx(level.triangles.begin() + u.index_begin,
                                      level.triangles.begin() + u.index_begin + u.index_count);
            CHECK(TrianglesArea(pts, idx) == Approx(u.area).epsilon(1e-9));
            CHECK(u.bbox.Contains(u.label));
            // Every LOD keeps the ring count and at least 3 points a ring.
            for (int k = 0; k < kLodCount; ++k)
            {
                for (uint32_t r = u.ring_begin; r < u.ring_begin + u.ring_count; ++r)
                    CHECK(level.lods[k].rings[r].count >= 3);
            }
        }
    }
    // Labels inside their own unit.
    for (size_t i = 0; i < micro.units.size(); i += 37)
    {
        if (micro.units[i].has_shape)
            CHECK(model.HitTest(Level::MicroGrid, micro.units[i].label) == static_cast<int32_t>(i));
    }

    // Parent / children consistency.
    for (size_t g = 0; g < ds.grids.size(); ++g)
    {
        IndexSpan kids = model.ChildrenOf(Level::Grid, static_cast<int32_t>(g));
        for (int32_t m : kids)
            CHECK(ds.micro_grids[m].grid == static_cast<int32_t>(g));
    }
    size_t total = 0;
    for (size_t g = 0; g < ds.grids.size(); ++g)
        total += model.ChildrenOf(Level::Grid, static_cast<int32_t>(g)).size;
    CHECK(total == ds.micro_grids.size());
    CHECK(model.ChildrenOf(Level::District, 0).size == ds.streets.size());
    CHECK(model.ChildrenOf(Level::MicroGrid, 0).empty());
    int32_t m = 123;
    int32_t grid = ds.micro_grids[m].grid;
    int32_t community = ds.grids[grid].community;
    CHECK(model.AncestorAt(Level::MicroGrid, m, Level::Grid) == grid);
    CHECK(model.AncestorAt(Level::MicroGrid, m, Level::Community) == community);
    CHECK(model.AncestorAt(Level::MicroGrid, m, Level::Street) == ds.communities[community].street);
    CHECK(model.AncestorAt(Level::MicroGrid, m, Level::District) == 0);
    CHECK(model.AncestorAt(Level::Grid, 0, Level::MicroGrid) == -1);

    // Fit rectangle covers everything.
    CHECK(model.bbox.Width() > 1000);
    CHECK_FALSE(model.BoundsOf(Level::Grid, 3).IsEmpty());
}

TEST_CASE("hit testing agrees with brute force", "[map]")
{
    Dataset ds = MakeSyntheticMapDataset(600, 2);
    MapModel model = BuildMapModel(ds);
    std::mt19937 rng(5);
    Box b = model.bbox;
    std::uniform_real_distribution<double> x(b.min_x - 200, b.max_x + 200), y(b.min_y - 200, b.max_y + 200);
    int hits = 0;
    for (int i = 0; i < 2000; ++i)
    {
        Vec2 p{x(rng), y(rng)};
        for (Level level : {Level::District, Level::Street, Level::Community, Level::Grid, Level::MicroGrid})
        {
            int32_t got = model.HitTest(level, p);
            int32_t want = BruteHit(ds, model.projection, level, p, -1);
            REQUIRE(got == want);
            hits += got >= 0;
        }
        // Limited to the children of one grid.
        int32_t parent = static_cast<int32_t>(i % ds.grids.size());
        REQUIRE(model.HitTest(Level::MicroGrid, p, parent) ==
                BruteHit(ds, model.projection, Level::MicroGrid, p, parent));
    }
    CHECK(hits > 2000); // most points land somewhere
}

TEST_CASE("units in view and the parent filter", "[map]")
{
    Dataset ds = MakeSyntheticMapDataset(2000, 3);
    MapModel model = BuildMapModel(ds);
    const MapLevel& micro = model.At(Level::MicroGrid);
    Box view;
    Vec2 c = model.bbox.Center();
    view.Add({c.x - 700, c.y - 450});
    view.Add({c.x + 300, c.y + 650});
    std::vector<int32_t> got;
    model.UnitsInView(Level::MicroGrid, -1, view, &got);
    std::sort(got.begin(), got.end());
    std::vector<int32_t> want;
    for (size_t i = 0; i < micro.units.size(); ++i)
    {
        if (micro.units[i].has_shape && micro.units[i].bbox.Intersects(view))
            want.push_back(static_cast<int32_t>(i));
    }
    CHECK(got == want);
    CHECK(!got.empty());
    int32_t parent = ds.micro_grids[want.front()].grid;
    got.clear();
    model.UnitsInView(Level::MicroGrid, parent, view, &got);
    CHECK(!got.empty());
    for (int32_t i : got)
        CHECK(ds.micro_grids[i].grid == parent);
}

TEST_CASE("view transform and LOD choice", "[map]")
{
    Box world;
    world.Add({-1000, -500});
    world.Add({1000, 500});
    Box screen;
    screen.Add({0, 0});
    screen.Add({800, 600});
    ViewTransform view = FitView(world, screen, 20);
    CHECK(view.scale == Approx(760.0 / 2000.0));
    Vec2 tl = view.ToScreen({-1000, 500});
    CHECK(tl.x == Approx(20));
    CHECK(tl.y < view.ToScreen({-1000, -500}).y); // north is up
    Vec2 back = view.ToWorld(view.ToScreen({123, -45}));
    CHECK(back.x == Approx(123));
    CHECK(back.y == Approx(-45));
    ViewTransform zoomed = ZoomAbout(view, {300, 200}, 4);
    Vec2 w0 = view.ToWorld({300, 200}), w1 = zoomed.ToWorld({300, 200});
    CHECK(w0.x == Approx(w1.x));
    CHECK(w0.y == Approx(w1.y));
    // Zoomed far out: coarsest LOD; zoomed in: full resolution; monotonic in between.
    CHECK(PickLod(0.001, 0.5) == kLodCount - 1);
    CHECK(PickLod(10, 0.5) == 0);
    int last = kLodCount;
    for (double s = 0.0001; s < 100; s *= 1.5)
    {
        int lod = PickLod(s, 0.5);
        CHECK(lod <= last);
        CHECK(kLodTolerance[lod] * s <= 0.5 + 1e-12);
        last = lod;
    }
}

TEST_CASE("frame builder output", "[map]")
{
    Dataset ds = MakeSyntheticMapDataset(3000, 4);
    MapModel model = BuildMapModel(ds);
    Box screen;
    screen.Add({0, 0});
    screen.Add({1280, 720});
    ViewTransform view = FitView(model.bbox, screen, 10);
    std::vector<uint32_t> colors(ds.micro_grids.size(), 0xFF336699u);
    colors[5] = 0; // alpha 0: not filled

    FrameRequest req;
    req.level = Level::MicroGrid;
    req.screen = screen;
    req.fill_colors = colors.data();
    req.fill_color_count = colors.size();
    req.outline_color = 0xFFFFFFFFu;
    req.min_outline_px = 0;
    req.min_fill_px = 0;
    req.want_labels = true;
    req.min_label_px = 0;
    req.white_u = 0.25f;
    req.white_v = 0.5f;
    FrameOutput out;
    BuildFrame(model, req, view, &out);
    CHECK(out.units_drawn == ds.micro_grids.size());
    CHECK(out.labels.size() == ds.micro_grids.size());

    auto check_mesh = [&](const FrameMesh& mesh)
    {
        uint32_t v = 0, i = 0;
        for (const FrameBatch& b : mesh.batches)
        {
            CHECK(b.vertex_begin == v);
            CHECK(b.index_begin == i);
            CHECK(b.vertex_count <= 65535u);
            for (uint32_t k = 0; k < b.index_count; ++k)
                REQUIRE(mesh.indices[b.index_begin + k] < b.vertex_count);
            v += b.vertex_count;
            i += b.index_count;
        }
        CHECK(v == mesh.vertices.size());
        CHECK(i == mesh.indices.size());
    };
    check_mesh(out.fill);
    check_mesh(out.lines);
    CHECK(out.fill.batches.size() >= 1);

    // Filled screen area equals the units' area times scale² (one unit left unfilled).
    double area_px = 0;
    for (const FrameBatch& b : out.fill.batches)
    {
        for (uint32_t k = 0; k < b.index_count; k += 3)
        {
            const FrameVertex& a = out.fill.vertices[b.vertex_begin + out.fill.indices[b.index_begin + k]];
            const FrameVertex& c = out.fill.vertices[b.vertex_begin + out.fill.indices[b.index_begin + k + 1]];
            const FrameVertex& d = out.fill.vertices[b.vertex_begin + out.fill.indices[b.index_begin + k + 2]];
            area_px += 0.5 * std::abs((c.x - a.x) * (d.y - a.y) - (c.y - a.y) * (d.x - a.x));
        }
    }
    double area_world = 0;
    const MapLevel& micro = model.At(Level::MicroGrid);
    for (size_t i = 0; i < micro.units.size(); ++i)
    {
        if (i != 5)
            area_world += micro.units[i].area;
    }
    CHECK(area_px == Approx(area_world * view.scale * view.scale).epsilon(1e-4));
    for (const FrameVertex& fv : out.fill.vertices)
    {
        REQUIRE(fv.u == 0.25f);
        REQUIRE(fv.col == 0xFF336699u);
    }

    // Steady state: a second identical frame does not reallocate.
    const FrameVertex* vdata = out.fill.vertices.data();
    const uint32_t* idata = out.lines.indices.data();
    size_t vcount = out.fill.vertices.size();
    BuildFrame(model, req, view, &out);
    CHECK(out.fill.vertices.data() == vdata);
    CHECK(out.lines.indices.data() == idata);
    CHECK(out.fill.vertices.size() == vcount);

    // Zoomed in on a corner: far fewer units, finer LOD, everything drawn near the screen.
    ViewTransform zoomed = ZoomAbout(view, {100, 100}, 16);
    BuildFrame(model, req, zoomed, &out);
    CHECK(out.units_drawn > 0);
    CHECK(out.units_drawn < ds.micro_grids.size() / 10);
    CHECK(out.lod <= PickLod(view.scale, req.pixel_tolerance));

    // Tiny on screen: bbox quads instead of outlines, still one entry per unit.
    req.min_fill_px = 1e9f;
    req.min_outline_px = 1e9f;
    BuildFrame(model, req, view, &out);
    CHECK(out.lines.vertices.empty());
    CHECK(out.fill.vertices.size() == 4 * (ds.micro_grids.size() - 1));

    // Parent filter.
    req.parent = 0;
    BuildFrame(model, req, view, &out);
    CHECK(out.units_drawn == model.ChildrenOf(Level::Grid, 0).size);
}

TEST_CASE("map model of the real sample district", "[map]")
{
    std::ifstream in(std::string(GS_ASSETS_DIR) + "/sample/laoshan.json", std::ios::binary);
    if (!in)
    {
        WARN("assets/sample/laoshan.json not found yet: real-data map model not tested");
        return;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    LoadResult loaded = LoadDatasetJson(ss.str());
    REQUIRE(loaded.ok);
    REQUIRE(loaded.dataset);
    const Dataset& ds = *loaded.dataset;
    MapModel model = BuildMapModel(ds);
    for (int l = 0; l < kLevelCount; ++l)
    {
        const MapLevel& level = model.levels[l];
        INFO("level " << l);
        CHECK(level.fallback_count == 0);
        for (size_t i = 0; i < level.units.size(); ++i)
        {
            const MapUnit& u = level.units[i];
            if (!u.has_shape)
                continue;
            std::vector<Vec2> pts(level.lods[0].points.begin() + u.vertex_begin,
                                  level.lods[0].points.begin() + u.vertex_begin + u.vertex_count);
            std::vector<uint32_t> idx(level.triangles.begin() + u.index_begin,
                                      level.triangles.begin() + u.index_begin + u.index_count);
            CHECK(TrianglesArea(pts, idx) == Approx(u.area).epsilon(1e-9));
            CHECK(model.UnitContains(static_cast<Level>(l), static_cast<int32_t>(i), u.label));
        }
    }
    // The district is some tens of kilometres across and not stretched.
    Box b = model.At(Level::District).bbox;
    CHECK(b.Width() > 10000);
    CHECK(b.Width() < 100000);
    CHECK(b.Height() / b.Width() > 0.3);
    CHECK(b.Height() / b.Width() < 3);

    std::mt19937 rng(8);
    std::uniform_real_distribution<double> x(b.min_x, b.max_x), y(b.min_y, b.max_y);
    for (int i = 0; i < 300; ++i)
    {
        Vec2 p{x(rng), y(rng)};
        for (Level level : {Level::Street, Level::Community, Level::Grid, Level::MicroGrid})
        {
            int32_t got = model.HitTest(level, p);
            int32_t want = BruteHit(ds, model.projection, level, p, -1);
            // Real outlines may overlap slightly; then any containing unit is a correct answer.
            if (got != want)
                CHECK((got >= 0 && want >= 0 && model.UnitContains(level, want, p)));
        }
    }
}
