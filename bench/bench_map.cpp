// Map core benchmark: load-time preprocessing, per-frame geometry building at full view, hit-testing.
// Usage: bench_map [dataset.json]   (without a file: a synthetic district of 25,000 micro-grids)
// Prints `name: value unit` lines.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/color_scale.h"
#include "core/dataset_json.h"
#include "core/map_model.h"

using namespace gridstar;

namespace
{

double NowMs()
{
    using Clock = std::chrono::steady_clock;
    return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

double Percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(q * (v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

} // namespace

int main(int argc, char** argv)
{
    Dataset ds;
    if (argc > 1)
    {
        std::ifstream in(argv[1], std::ios::binary);
        if (!in)
        {
            std::fprintf(stderr, "cannot open %s\n", argv[1]);
            return 1;
        }
        std::stringstream ss;
        ss << in.rdbuf();
        LoadResult loaded = LoadDatasetJson(ss.str());
        if (!loaded.ok || !loaded.dataset)
        {
            std::fprintf(stderr, "%s: %zu errors\n", argv[1], loaded.error_count);
            for (size_t i = 0; i < loaded.faults.size() && i < 10; ++i)
                std::fprintf(stderr, "  %s\n", FaultToString(loaded.faults[i]).c_str());
            return 1;
        }
        ds = std::move(*loaded.dataset);
    }
    else
    {
        ds = MakeSyntheticMapDataset(25000, 1);
    }

    double t0 = NowMs();
    MapModel model = BuildMapModel(ds);
    double preprocess_ms = NowMs() - t0;

    // The finest level that has outlines is what the Map view stresses most.
    Level level = Level::MicroGrid;
    while (level != Level::District && model.At(level).shaped_count == 0)
        level = static_cast<Level>(static_cast<int>(level) - 1);
    const MapLevel& ml = model.At(level);

    // Colour each unit by its grid's five-colour type, as the view would.
    std::vector<uint32_t> colors(ml.units.size(), WithAlpha(GridColorRgba(GridColor::None), 200));
    if (level == Level::MicroGrid)
    {
        for (size_t i = 0; i < ds.micro_grids.size(); ++i)
        {
            int32_t g = ds.micro_grids[i].grid;
            if (g >= 0 && static_cast<size_t>(g) < ds.grids.size())
                colors[i] = WithAlpha(GridColorRgba(ds.grids[g].color), 200);
        }
    }

    Box screen;
    screen.Add({0, 0});
    screen.Add({1920, 1080});
    ViewTransform view = FitView(model.bbox, screen, 20);
    FrameRequest req;
    req.level = level;
    req.screen = screen;
    req.fill_colors = colors.data();
    req.fill_color_count = colors.size();
    req.outline_color = PackRgba(255, 255, 255, 160);
    req.outline_px = 1.0f;
    req.want_labels = true;

    FrameOutput out;
    BuildFrame(model, req, view, &out); // warm-up: buffers grow once
    std::vector<double> frame_ms;
    for (int f = 0; f < 200; ++f)
    {
        double a = NowMs();
        BuildFrame(model, req, view, &out);
        frame_ms.push_back(NowMs() - a);
    }

    // Zoomed 8× on the centre: culling and a finer LOD.
    ViewTransform zoomed = ZoomAbout(view, screen.Center(), 8);
    std::vector<double> zoom_ms;
    FrameOutput zoom_out;
    for (int f = 0; f < 50; ++f)
    {
        double a = NowMs();
        BuildFrame(model, req, zoomed, &zoom_out);
        zoom_ms.push_back(NowMs() - a);
    }

    std::mt19937 rng(1);
    std::uniform_real_distribution<double> px(model.bbox.min_x, model.bbox.max_x);
    std::uniform_real_distribution<double> py(model.bbox.min_y, model.bbox.max_y);
    std::vector<Vec2> probes(20000);
    for (Vec2& p : probes)
        p = {px(rng), py(rng)};
    int hits = 0;
    double h0 = NowMs();
    for (const Vec2& p : probes)
        hits += model.HitTest(level, p) >= 0;
    double hit_us = (NowMs() - h0) * 1000.0 / probes.size();

    // A detailed, concave outline (like a district boundary from a fine source): 50,000 points.
    PointRing big;
    for (int i = 0; i < 50000; ++i)
    {
        double t = 2 * 3.14159265358979323846 * i / 50000;
        double r = 10000 * (1 + 0.25 * std::sin(3 * t) + 0.12 * std::cos(7 * t) + 0.03 * std::sin(200 * t));
        if (i % 97 == 5)
            r *= 0.6;
        big.push_back({r * std::cos(t), r * std::sin(t)});
    }
    std::vector<uint32_t> big_idx;
    double b0 = NowMs();
    TriangulatePolygon({big}, &big_idx);
    double big_ms = NowMs() - b0;
    double s0 = NowMs();
    PointRing big_simple = SimplifyRing(big, 8.0);
    double simplify_ms = NowMs() - s0;

    size_t triangles = ml.triangles.size() / 3;
    std::printf("map_level: %d index\n", static_cast<int>(level));
    std::printf("map_units: %d count\n", ml.shaped_count);
    std::printf("map_triangles: %zu count\n", triangles);
    std::printf("map_triangulation_fallbacks: %d count\n", ml.fallback_count);
    std::printf("map_preprocess_ms: %.1f ms\n", preprocess_ms);
    std::printf("map_frame_build_median_ms: %.3f ms\n", Percentile(frame_ms, 0.5));
    std::printf("map_frame_build_p95_ms: %.3f ms\n", Percentile(frame_ms, 0.95));
    std::printf("map_frame_lod: %d index\n", out.lod);
    std::printf("map_units_drawn: %u count\n", out.units_drawn);
    std::printf("map_vertices: %zu count\n", out.fill.vertices.size() + out.lines.vertices.size());
    std::printf("map_fill_vertices: %zu count\n", out.fill.vertices.size());
    std::printf("map_line_vertices: %zu count\n", out.lines.vertices.size());
    std::printf("map_indices: %zu count\n", out.fill.indices.size() + out.lines.indices.size());
    std::printf("map_frame_zoom8_median_ms: %.3f ms\n", Percentile(zoom_ms, 0.5));
    std::printf("map_hit_test_us: %.3f us\n", hit_us);
    std::printf("map_triangulate_50k_ms: %.1f ms\n", big_ms);
    std::printf("map_simplify_50k_ms: %.2f ms\n", simplify_ms);
    std::printf("map_simplify_50k_points: %zu count\n", big_simple.size());
    std::printf("map_hit_rate: %.2f ratio\n", static_cast<double>(hits) / probes.size());
    return 0;
}
