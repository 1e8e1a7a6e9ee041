// Everything the Map view needs, computed once at load time: projected and simplified outlines, fill triangles,
// bounding boxes, label points, the unit hierarchy and a spatial index per level. The frame loop then only
// culls, transforms to pixels and copies (BuildFrame), reusing its output buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "core/geometry.h"
#include "core/model.h"

namespace gridstar
{

// Level-of-detail outlines: LOD 0 is full resolution (only duplicate and collinear points dropped); LOD k is
// Douglas–Peucker simplified with kLodTolerance[k] metres.
constexpr int kLodCount = 5;
constexpr double kLodTolerance[kLodCount] = {0.0, 2.0, 8.0, 32.0, 128.0};

struct RingSpan
{
    uint32_t begin = 0; // into MapLod::points
    uint32_t count = 0;
};

struct MiterOffset
{
    float x = 0; // unit-half-width offset of the outline's edge at this point, y up (miter already lengthened)
    float y = 0;
};

struct MapLod
{
    double tolerance = 0;
    std::vector<Vec2> points;
    std::vector<MiterOffset> miters; // per point; the view scale is uniform, so outlines need no per-frame sqrt
    std::vector<RingSpan> rings;     // the same ring numbering at every LOD (rings never vanish)
};

// One unit of a level. Units keep the dataset's indices (MapLevel::units[i] is ds.grids[i] etc.), so a unit
// without a boundary is present with has_shape == false and is skipped by every query.
struct MapUnit
{
    int32_t parent = -1;       // index at the level above; -1 for the district or an unknown parent
    bool has_shape = false;
    Box bbox;                  // projected metres
    double area = 0;           // m², holes subtracted
    Vec2 label;                // inside the unit (centroid, or pole of inaccessibility for concave shapes)
    uint32_t ring_begin = 0;   // into MapLod::rings, identical at every LOD
    uint32_t ring_count = 0;
    uint32_t vertex_begin = 0; // into lods[0].points: the vertices the triangles refer to
    uint32_t vertex_count = 0;
    uint32_t index_begin = 0;  // into MapLevel::triangles, 3 per triangle, relative to vertex_begin
    uint32_t index_count = 0;
};

struct IndexSpan
{
    const int32_t* data = nullptr;
    size_t size = 0;
    const int32_t* begin() const { return data; }
    const int32_t* end() const { return data + size; }
    bool empty() const { return size == 0; }
};

struct MapLevel
{
    Level level = Level::District;
    std::vector<MapUnit> units;
    MapLod lods[kLodCount];
    std::vector<uint32_t> triangles;
    std::vector<uint32_t> child_start; // units.size() + 1 offsets into child_items (children at the level below)
    std::vector<int32_t> child_items;
    GridIndex index;                   // over the unit bboxes
    Box bbox;                          // of the units with a shape
    int32_t shaped_count = 0;
    int32_t fallback_count = 0;        // units whose triangulation needed a forced cut (invalid outline)
};

struct MapModel
{
    Projection projection;
    MapLevel levels[kLevelCount];
    Box bbox; // every shaped unit of every level: the "fit" rectangle

    const MapLevel& At(Level level) const { return levels[static_cast<int>(level)]; }

    // The unit whose outline contains p (projected metres), or -1. With parent >= 0, only children of that unit
    // at the level above. Overlapping units (invalid data) resolve to the smallest.
    int32_t HitTest(Level level, Vec2 p, int32_t parent = -1) const;
    int32_t HitTest(Level level, double x, double y, int32_t parent = -1) const
    {
        return HitTest(level, Vec2{x, y}, parent);
    }
    bool UnitContains(Level level, int32_t unit, Vec2 p) const;
    // Appends shaped units whose bbox meets `view` (projected metres), optionally only children of `parent`.
    void UnitsInView(Level level, int32_t parent, const Box& view, std::vector<int32_t>* out) const;
    // Children at the level below (empty for micro-grids).
    IndexSpan ChildrenOf(Level level, int32_t unit) const;
    // Walks up the parent chain: the ancestor of `unit` at `ancestor_level` (<= level), or -1.
    int32_t AncestorAt(Level level, int32_t unit, Level ancestor_level) const;
    // Bbox of a unit, or of the whole map when unit < 0.
    Box BoundsOf(Level level, int32_t unit) const;
};

MapModel BuildMapModel(const Dataset& ds);

// A made-up district for benchmarks and tests: about `micro_grid_count` concave 8-point micro-grids on a 100 m
// lattice, grouped 4×4 into grids, grids 4×4 into communities, community columns into streets, with rectangular
// outlines (a point every 100 m) for the upper levels. Deterministic for a given seed.
Dataset MakeSyntheticMapDataset(int micro_grid_count, uint32_t seed);

// ---- frame building ------------------------------------------------------------------------
// screen = (x·scale + offset_x, offset_y − y·scale): north up, pixels down.
struct ViewTransform
{
    double scale = 1;    // pixels per metre
    double offset_x = 0; // screen position of the projection origin
    double offset_y = 0;

    Vec2 ToScreen(Vec2 w) const { return {w.x * scale + offset_x, offset_y - w.y * scale}; }
    Vec2 ToWorld(Vec2 s) const { return {(s.x - offset_x) / scale, (offset_y - s.y) / scale}; }
    Box WorldRect(const Box& screen) const;
};

// Centres `world` in `screen` (pixels) with a margin, keeping the aspect ratio.
ViewTransform FitView(const Box& world, const Box& screen, double margin_px);
// Zooms by `factor` keeping the world point under screen point `pivot` fixed.
ViewTransform ZoomAbout(const ViewTransform& view, Vec2 pivot, double factor);

// Same memory layout as ImDrawVert (pos, uv, col), so the view can copy vertices as they are.
struct FrameVertex
{
    float x, y;
    float u, v;
    uint32_t col; // 0xAABBGGRR like IM_COL32
};
static_assert(sizeof(FrameVertex) == 20, "FrameVertex must match ImDrawVert");

// Growing a frame buffer with resize() must not zero-fill memory that is overwritten right away: at 25,000
// units that doubles the bytes written per frame. This allocator default-initialises (a no-op for these types).
template <typename T>
struct UninitializedAllocator : std::allocator<T>
{
    template <typename U>
    struct rebind
    {
        using other = UninitializedAllocator<U>;
    };
    UninitializedAllocator() = default;
    template <typename U>
    UninitializedAllocator(const UninitializedAllocator<U>&) noexcept
    {
    }
    template <typename U>
    void construct(U* p) noexcept
    {
        ::new (static_cast<void*>(p)) U;
    }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args)
    {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

template <typename T>
using FrameVector = std::vector<T, UninitializedAllocator<T>>;

// A run of vertices and indices whose indices are relative to vertex_begin and stay below 65,536, so they fit
// 16-bit ImDrawIdx (a single unit larger than that gets a batch of its own and needs 32-bit indices).
struct FrameBatch
{
    uint32_t vertex_begin = 0;
    uint32_t vertex_count = 0;
    uint32_t index_begin = 0;
    uint32_t index_count = 0;
};

struct FrameMesh
{
    FrameVector<FrameVertex> vertices;
    FrameVector<uint32_t> indices;
    std::vector<FrameBatch> batches;
    void Clear()
    {
        vertices.clear(); // keeps capacity: no allocation once the buffers have grown
        indices.clear();
        batches.clear();
    }
};

struct FrameLabel
{
    int32_t unit = -1;
    float x = 0, y = 0; // screen pixels of the label point
    float w = 0, h = 0; // screen size of the unit's bbox, to decide whether text fits
};

struct FrameRequest
{
    Level level = Level::Community;
    int32_t parent = -1;             // only children of this unit at the level above, -1 = all
    Box screen;                      // clip rectangle in pixels
    double pixel_tolerance = 0.5;    // outline error allowed when picking the LOD
    const uint32_t* fill_colors = nullptr; // per unit (index = unit), alpha 0 = no fill; nullptr = fill_color
    size_t fill_color_count = 0;
    uint32_t fill_color = 0;         // used when fill_colors is null
    uint32_t outline_color = 0;      // alpha 0 = no outlines
    float outline_px = 1.0f;
    float min_outline_px = 3.0f;     // units smaller than this on screen get no outline (it would be a blob)
    float min_fill_px = 1.5f;        // units smaller than this are filled as their bbox: same pixels, 4 vertices
    bool skip_unfilled = false;      // units whose fill colour has alpha 0 get no outline and no label either
    bool want_labels = false;
    float min_label_px = 40.0f;      // label only units whose bbox is at least this wide on screen
    float white_u = 0, white_v = 0;  // ImGui's TexUvWhitePixel
};

struct FrameOutput
{
    FrameMesh fill;
    FrameMesh lines;                 // outlines as quad strips (miter joins), outline_px wide
    std::vector<FrameLabel> labels;
    std::vector<int32_t> scratch;    // culled unit list, kept to avoid reallocating
    int lod = 0;
    uint32_t units_drawn = 0;
    void Clear()
    {
        fill.Clear();
        lines.Clear();
        labels.clear();
        scratch.clear();
        units_drawn = 0;
    }
};

// The coarsest LOD whose tolerance is within pixel_tolerance at this scale.
int PickLod(double scale, double pixel_tolerance);
// Clears `out` and fills it for one level. Reuses out's capacity, so steady-state frames do not allocate.
void BuildFrame(const MapModel& model, const FrameRequest& req, const ViewTransform& view, FrameOutput* out);

} // namespace gridstar
