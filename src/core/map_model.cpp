#include "core/map_model.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace gridstar
{

namespace
{

constexpr uint32_t kMaxBatchVertices = 65535; // 16-bit ImDrawIdx

// Miter offsets of a closed ring for a stroke of half width 1, limited to 2 so sharp corners do not spike.
void AppendMiters(const Vec2* pts, size_t n, std::vector<MiterOffset>* out)
{
    auto direction = [](Vec2 a, Vec2 b, Vec2 fallback)
    {
        double dx = b.x - a.x, dy = b.y - a.y;
        double len = std::sqrt(dx * dx + dy * dy);
        return len > 0 ? Vec2{dx / len, dy / len} : fallback;
    };
    if (n == 0)
        return;
    Vec2 d_prev = direction(pts[n - 1], pts[0], {1, 0});
    for (size_t i = 0; i < n; ++i)
    {
        Vec2 d_next = direction(pts[i], pts[i + 1 < n ? i + 1 : 0], d_prev);
        double nx = -(d_prev.y + d_next.y), ny = d_prev.x + d_next.x;
        double len = std::sqrt(nx * nx + ny * ny);
        MiterOffset m;
        if (len < 1e-6)
        {
            m.x = static_cast<float>(-d_next.y); // a 180° turn: no meaningful miter
            m.y = static_cast<float>(d_next.x);
        }
        else
        {
            nx /= len;
            ny /= len;
            double cos_half = nx * -d_next.y + ny * d_next.x;
            double scale = 1.0 / std::max(cos_half, 0.5);
            m.x = static_cast<float>(nx * scale);
            m.y = static_cast<float>(ny * scale);
        }
        out->push_back(m);
        d_prev = d_next;
    }
}

// Cleaned projection of one boundary: degenerate rings dropped, a polygon whose outer ring is degenerate dropped.
PointMultiPolygon PrepareBoundary(const Projection& proj, const MultiPolygon& mp)
{
    PointMultiPolygon out;
    for (const Polygon& poly : mp)
    {
        PointPolygon pp;
        for (size_t r = 0; r < poly.size(); ++r)
        {
            PointRing ring = CleanRing(ProjectRing(proj, poly[r]));
            if (ring.size() < 3)
            {
                if (r == 0)
                    break;
                continue;
            }
            pp.push_back(std::move(ring));
        }
        if (!pp.empty())
            out.push_back(std::move(pp));
    }
    return out;
}

template <typename GetBoundary, typename GetParent>
void BuildLevel(MapLevel* level, Level which, size_t count, const Projection& proj, GetBoundary boundary_of,
                GetParent parent_of)
{
    level->level = which;
    level->units.assign(count, MapUnit());
    for (int k = 0; k < kLodCount; ++k)
        level->lods[k].tolerance = kLodTolerance[k];
    std::vector<uint32_t> local;
    for (size_t i = 0; i < count; ++i)
    {
        MapUnit& unit = level->units[i];
        unit.parent = parent_of(i);
        PointMultiPolygon mp = PrepareBoundary(proj, boundary_of(i));
        if (mp.empty())
            continue;
        unit.has_shape = true;
        ++level->shaped_count;
        MapLod& full = level->lods[0];
        unit.ring_begin = static_cast<uint32_t>(full.rings.size());
        unit.vertex_begin = static_cast<uint32_t>(full.points.size());
        for (const PointPolygon& poly : mp)
        {
            for (const PointRing& ring : poly)
            {
                for (int k = 0; k < kLodCount; ++k)
                {
                    MapLod& lod = level->lods[k];
                    RingSpan span;
                    span.begin = static_cast<uint32_t>(lod.points.size());
                    if (k == 0)
                    {
                        lod.points.insert(lod.points.end(), ring.begin(), ring.end());
                    }
                    else
                    {
                        // From the full ring each time, so errors do not add up across LODs.
                        PointRing simple = SimplifyRing(ring, kLodTolerance[k]);
                        lod.points.insert(lod.points.end(), simple.begin(), simple.end());
                    }
                    span.count = static_cast<uint32_t>(lod.points.size()) - span.begin;
                    AppendMiters(lod.points.data() + span.begin, span.count, &lod.miters);
                    lod.rings.push_back(span);
                }
            }
        }
        unit.ring_count = static_cast<uint32_t>(full.rings.size()) - unit.ring_begin;
        unit.vertex_count = static_cast<uint32_t>(full.points.size()) - unit.vertex_begin;
        local.clear();
        if (!TriangulateMultiPolygon(mp, &local, 0))
            ++level->fallback_count;
        unit.index_begin = static_cast<uint32_t>(level->triangles.size());
        unit.index_count = static_cast<uint32_t>(local.size());
        level->triangles.insert(level->triangles.end(), local.begin(), local.end());
        unit.bbox = gridstar::BoundsOf(mp);
        unit.area = MultiPolygonArea(mp);
        unit.label = LabelPoint(mp);
        level->bbox.AddBox(unit.bbox);
    }
    std::vector<Box> boxes(count);
    for (size_t i = 0; i < count; ++i)
        boxes[i] = level->units[i].bbox;
    level->index.Build(boxes, 2.0);
}

void BuildChildren(MapLevel* parent, const MapLevel& child)
{
    size_t n = parent->units.size();
    parent->child_start.assign(n + 1, 0);
    for (const MapUnit& u : child.units)
    {
        if (u.parent >= 0 && static_cast<size_t>(u.parent) < n)
            ++parent->child_start[u.parent + 1];
    }
    for (size_t i = 1; i <= n; ++i)
        parent->child_start[i] += parent->child_start[i - 1];
    parent->child_items.assign(parent->child_start[n], -1);
    std::vector<uint32_t> fill(parent->child_start.begin(), parent->child_start.end() - 1);
    for (size_t c = 0; c < child.units.size(); ++c)
    {
        int32_t p = child.units[c].parent;
        if (p >= 0 && static_cast<size_t>(p) < n)
            parent->child_items[fill[p]++] = static_cast<int32_t>(c);
    }
}

// Opens a batch that can take `vertex_count` more vertices; returns the index of the first new vertex in it.
uint32_t Reserve(FrameMesh* mesh, uint32_t vertex_count)
{
    if (mesh->batches.empty() ||
        (mesh->batches.back().vertex_count > 0 &&
         mesh->batches.back().vertex_count + vertex_count > kMaxBatchVertices))
    {
        FrameBatch b;
        b.vertex_begin = static_cast<uint32_t>(mesh->vertices.size());
        b.index_begin = static_cast<uint32_t>(mesh->indices.size());
        mesh->batches.push_back(b);
    }
    return mesh->batches.back().vertex_count;
}

void EmitQuad(FrameMesh* mesh, float x0, float y0, float x1, float y1, uint32_t col, float u, float v)
{
    uint32_t base = Reserve(mesh, 4);
    FrameBatch& b = mesh->batches.back();
    mesh->vertices.push_back({x0, y0, u, v, col});
    mesh->vertices.push_back({x1, y0, u, v, col});
    mesh->vertices.push_back({x1, y1, u, v, col});
    mesh->vertices.push_back({x0, y1, u, v, col});
    const uint32_t idx[6] = {base, base + 1, base + 2, base, base + 2, base + 3};
    mesh->indices.insert(mesh->indices.end(), idx, idx + 6);
    b.vertex_count += 4;
    b.index_count += 6;
}

void EmitFill(FrameMesh* mesh, const MapLevel& level, const MapUnit& unit, const ViewTransform& view, uint32_t col,
              float u, float v)
{
    uint32_t base = Reserve(mesh, unit.vertex_count);
    FrameBatch& b = mesh->batches.back();
    size_t v0 = mesh->vertices.size();
    mesh->vertices.resize(v0 + unit.vertex_count);
    FrameVertex* dst = mesh->vertices.data() + v0;
    const Vec2* src = level.lods[0].points.data() + unit.vertex_begin;
    for (uint32_t k = 0; k < unit.vertex_count; ++k)
    {
        dst[k].x = static_cast<float>(src[k].x * view.scale + view.offset_x);
        dst[k].y = static_cast<float>(view.offset_y - src[k].y * view.scale);
        dst[k].u = u;
        dst[k].v = v;
        dst[k].col = col;
    }
    size_t i0 = mesh->indices.size();
    mesh->indices.resize(i0 + unit.index_count);
    uint32_t* idst = mesh->indices.data() + i0;
    const uint32_t* isrc = level.triangles.data() + unit.index_begin;
    for (uint32_t k = 0; k < unit.index_count; ++k)
        idst[k] = base + isrc[k];
    b.vertex_count += unit.vertex_count;
    b.index_count += unit.index_count;
}

// A closed quad strip, two vertices per point, offset along the precomputed miters.
void EmitRingOutline(FrameMesh* mesh, const Vec2* pts, const MiterOffset* miters, uint32_t m,
                     const ViewTransform& view, float half_w, uint32_t col, float u, float v)
{
    if (m < 2)
        return;
    uint32_t base = Reserve(mesh, 2 * m);
    FrameBatch& b = mesh->batches.back();
    size_t v0 = mesh->vertices.size();
    mesh->vertices.resize(v0 + 2 * static_cast<size_t>(m));
    FrameVertex* dst = mesh->vertices.data() + v0;
    for (uint32_t i = 0; i < m; ++i)
    {
        float x = static_cast<float>(pts[i].x * view.scale + view.offset_x);
        float y = static_cast<float>(view.offset_y - pts[i].y * view.scale);
        float ox = miters[i].x * half_w, oy = -miters[i].y * half_w; // y flips on screen
        dst[2 * i] = {x + ox, y + oy, u, v, col};
        dst[2 * i + 1] = {x - ox, y - oy, u, v, col};
    }
    size_t i0 = mesh->indices.size();
    mesh->indices.resize(i0 + 6 * static_cast<size_t>(m));
    uint32_t* idst = mesh->indices.data() + i0;
    for (uint32_t i = 0; i < m; ++i)
    {
        uint32_t j = i + 1 < m ? i + 1 : 0;
        uint32_t a = base + 2 * i, c = base + 2 * j;
        idst[6 * i + 0] = a;
        idst[6 * i + 1] = a + 1;
        idst[6 * i + 2] = c + 1;
        idst[6 * i + 3] = a;
        idst[6 * i + 4] = c + 1;
        idst[6 * i + 5] = c;
    }
    b.vertex_count += 2 * m;
    b.index_count += 6 * m;
}

} // namespace

// ---- MapModel ------------------------------------------------------------------------------
MapModel BuildMapModel(const Dataset& ds)
{
    MapModel model;
    model.projection = MakeProjectionFor(ds);
    const Projection& proj = model.projection;
    BuildLevel(
        &model.levels[0], Level::District, 1, proj, [&](size_t) -> const MultiPolygon& { return ds.district.boundary; },
        [](size_t) { return int32_t(-1); });
    BuildLevel(
        &model.levels[1], Level::Street, ds.streets.size(), proj,
        [&](size_t i) -> const MultiPolygon& { return ds.streets[i].boundary; }, [](size_t) { return int32_t(0); });
    BuildLevel(
        &model.levels[2], Level::Community, ds.communities.size(), proj,
        [&](size_t i) -> const MultiPolygon& { return ds.communities[i].boundary; },
        [&](size_t i) { return ds.communities[i].street; });
    BuildLevel(
        &model.levels[3], Level::Grid, ds.grids.size(), proj,
        [&](size_t i) -> const MultiPolygon& { return ds.grids[i].boundary; },
        [&](size_t i) { return ds.grids[i].community; });
    BuildLevel(
        &model.levels[4], Level::MicroGrid, ds.micro_grids.size(), proj,
        [&](size_t i) -> const MultiPolygon& { return ds.micro_grids[i].boundary; },
        [&](size_t i) { return ds.micro_grids[i].grid; });
    for (int l = 0; l + 1 < kLevelCount; ++l)
        BuildChildren(&model.levels[l], model.levels[l + 1]);
    model.levels[kLevelCount - 1].child_start.assign(model.levels[kLevelCount - 1].units.size() + 1, 0);
    for (const MapLevel& level : model.levels)
        model.bbox.AddBox(level.bbox);
    return model;
}

bool MapModel::UnitContains(Level level, int32_t unit, Vec2 p) const
{
    const MapLevel& l = At(level);
    if (unit < 0 || static_cast<size_t>(unit) >= l.units.size())
        return false;
    const MapUnit& u = l.units[unit];
    if (!u.has_shape || !u.bbox.Contains(p))
        return false;
    bool inside = false;
    const MapLod& full = l.lods[0];
    for (uint32_t r = u.ring_begin; r < u.ring_begin + u.ring_count; ++r)
    {
        const RingSpan& span = full.rings[r];
        if (PointInRing(p, full.points.data() + span.begin, span.count))
            inside = !inside;
    }
    return inside;
}

int32_t MapModel::HitTest(Level level, Vec2 p, int32_t parent) const
{
    const MapLevel& l = At(level);
    const int32_t* items = nullptr;
    uint32_t n = l.index.CellItems(p, &items);
    int32_t best = -1;
    double best_area = 0;
    for (uint32_t k = 0; k < n; ++k)
    {
        int32_t i = items[k];
        const MapUnit& u = l.units[i];
        if (parent >= 0 && u.parent != parent)
            continue;
        if ((best < 0 || u.area < best_area) && UnitContains(level, i, p))
        {
            best = i;
            best_area = u.area;
        }
    }
    return best;
}

void MapModel::UnitsInView(Level level, int32_t parent, const Box& view, std::vector<int32_t>* out) const
{
    const MapLevel& l = At(level);
    size_t first = out->size();
    l.index.Query(view, out);
    if (parent < 0)
        return;
    size_t kept = first;
    for (size_t k = first; k < out->size(); ++k)
    {
        if (l.units[(*out)[k]].parent == parent)
            (*out)[kept++] = (*out)[k];
    }
    out->resize(kept);
}

IndexSpan MapModel::ChildrenOf(Level level, int32_t unit) const
{
    const MapLevel& l = At(level);
    IndexSpan span;
    if (unit < 0 || static_cast<size_t>(unit) + 1 >= l.child_start.size() || l.child_items.empty())
        return span;
    span.data = l.child_items.data() + l.child_start[unit];
    span.size = l.child_start[unit + 1] - l.child_start[unit];
    return span;
}

int32_t MapModel::AncestorAt(Level level, int32_t unit, Level ancestor_level) const
{
    int l = static_cast<int>(level);
    int target = static_cast<int>(ancestor_level);
    if (target > l)
        return -1;
    while (l > target)
    {
        const MapLevel& ml = levels[l];
        if (unit < 0 || static_cast<size_t>(unit) >= ml.units.size())
            return -1;
        unit = ml.units[unit].parent;
        --l;
    }
    if (unit < 0 || static_cast<size_t>(unit) >= levels[l].units.size())
        return -1;
    return unit;
}

Box MapModel::BoundsOf(Level level, int32_t unit) const
{
    if (unit < 0)
        return bbox;
    const MapLevel& l = At(level);
    if (static_cast<size_t>(unit) >= l.units.size())
        return Box();
    return l.units[unit].bbox;
}

// ---- view ----------------------------------------------------------------------------------
Box ViewTransform::WorldRect(const Box& screen) const
{
    Box b;
    b.Add(ToWorld({screen.min_x, screen.min_y}));
    b.Add(ToWorld({screen.max_x, screen.max_y}));
    return b;
}

ViewTransform FitView(const Box& world, const Box& screen, double margin_px)
{
    ViewTransform view;
    Vec2 sc = screen.Center();
    if (world.IsEmpty() || screen.IsEmpty())
    {
        view.offset_x = sc.x;
        view.offset_y = sc.y;
        return view;
    }
    double sw = std::max(screen.Width() - 2 * margin_px, 1.0);
    double sh = std::max(screen.Height() - 2 * margin_px, 1.0);
    double ww = std::max(world.Width(), 1e-6);
    double wh = std::max(world.Height(), 1e-6);
    view.scale = std::min(sw / ww, sh / wh);
    Vec2 wc = world.Center();
    view.offset_x = sc.x - wc.x * view.scale;
    view.offset_y = sc.y + wc.y * view.scale;
    return view;
}

ViewTransform ZoomAbout(const ViewTransform& view, Vec2 pivot, double factor)
{
    Vec2 w = view.ToWorld(pivot);
    ViewTransform out = view;
    out.scale = view.scale * factor;
    out.offset_x = pivot.x - w.x * out.scale;
    out.offset_y = pivot.y + w.y * out.scale;
    return out;
}

// ---- frame ---------------------------------------------------------------------------------
int PickLod(double scale, double pixel_tolerance)
{
    if (!(scale > 0))
        return kLodCount - 1;
    double allowed = pixel_tolerance / scale; // metres one pixel-tolerance covers
    int lod = 0;
    for (int k = 1; k < kLodCount; ++k)
    {
        if (kLodTolerance[k] <= allowed)
            lod = k;
    }
    return lod;
}

void BuildFrame(const MapModel& model, const FrameRequest& req, const ViewTransform& view, FrameOutput* out)
{
    out->Clear();
    const MapLevel& level = model.At(req.level);
    int lod = PickLod(view.scale, req.pixel_tolerance);
    out->lod = lod;
    if (level.shaped_count == 0 || !(view.scale > 0))
        return;
    Box world = view.WorldRect(req.screen);
    if (!world.Intersects(level.bbox))
        return;
    // With most of the level in view, a straight pass over the units beats the grid query's cell walk.
    bool scan_all = world.min_x <= level.bbox.min_x && world.max_x >= level.bbox.max_x &&
                    world.min_y <= level.bbox.min_y && world.max_y >= level.bbox.max_y;
    if (!scan_all)
        level.index.Query(world, &out->scratch);
    size_t n = scan_all ? level.units.size() : out->scratch.size();
    const MapLod& outline_lod = level.lods[lod];
    bool want_outline = (req.outline_color >> 24) != 0;
    float half_w = req.outline_px * 0.5f;
    for (size_t k = 0; k < n; ++k)
    {
        int32_t i = scan_all ? static_cast<int32_t>(k) : out->scratch[k];
        const MapUnit& unit = level.units[i];
        if (!unit.has_shape || (req.parent >= 0 && unit.parent != req.parent))
            continue;
        if (scan_all && !unit.bbox.Intersects(world))
            continue;
        float w = static_cast<float>(unit.bbox.Width() * view.scale);
        float h = static_cast<float>(unit.bbox.Height() * view.scale);
        uint32_t col = req.fill_color;
        if (req.fill_colors != nullptr)
            col = static_cast<size_t>(i) < req.fill_color_count ? req.fill_colors[i] : 0;
        if ((col >> 24) == 0 && req.skip_unfilled)
            continue;
        if ((col >> 24) != 0)
        {
            if (w < req.min_fill_px && h < req.min_fill_px)
            {
                Vec2 a = view.ToScreen({unit.bbox.min_x, unit.bbox.max_y});
                Vec2 b = view.ToScreen({unit.bbox.max_x, unit.bbox.min_y});
                // At least one pixel, so tiny units stay visible as dots.
                double cx = (a.x + b.x) * 0.5, cy = (a.y + b.y) * 0.5;
                double hw = std::max((b.x - a.x) * 0.5, 0.5), hh = std::max((b.y - a.y) * 0.5, 0.5);
                EmitQuad(&out->fill, static_cast<float>(cx - hw), static_cast<float>(cy - hh),
                         static_cast<float>(cx + hw), static_cast<float>(cy + hh), col, req.white_u, req.white_v);
            }
            else
            {
                EmitFill(&out->fill, level, unit, view, col, req.white_u, req.white_v);
            }
        }
        if (want_outline && std::max(w, h) >= req.min_outline_px)
        {
            for (uint32_t r = unit.ring_begin; r < unit.ring_begin + unit.ring_count; ++r)
            {
                const RingSpan& span = outline_lod.rings[r];
                EmitRingOutline(&out->lines, outline_lod.points.data() + span.begin,
                                outline_lod.miters.data() + span.begin, span.count, view, half_w, req.outline_color,
                                req.white_u, req.white_v);
            }
        }
        if (req.want_labels && w >= req.min_label_px)
        {
            Vec2 s = view.ToScreen(unit.label);
            out->labels.push_back({i, static_cast<float>(s.x), static_cast<float>(s.y), w, h});
        }
        ++out->units_drawn;
    }
}

// ---- synthetic data ------------------------------------------------------------------------
Dataset MakeSyntheticMapDataset(int micro_grid_count, uint32_t seed)
{
    constexpr double kCell = 100.0; // metres
    constexpr int kBlock = 4;       // children per side at every level
    Projection proj = MakeProjection(120.60, 36.15);
    uint32_t state = seed * 2654435761u + 12345u;
    auto random01 = [&state]()
    {
        state = state * 1664525u + 1013904223u;
        return static_cast<double>(state >> 8) / 16777216.0;
    };
    int count = std::max(micro_grid_count, 1);
    int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(count * 1.5))));
    int rows = (count + cols - 1) / cols;
    double width = cols * kCell, height = rows * kCell;
    auto to_lonlat = [&](double x, double y) { return proj.Unproject({x - width * 0.5, y - height * 0.5}); };
    // A rectangle with a point every kCell along its edges, counter-clockwise.
    auto rectangle = [&](double x0, double y0, double x1, double y1)
    {
        Ring ring;
        int nx = std::max(1, static_cast<int>(std::lround((x1 - x0) / kCell)));
        int ny = std::max(1, static_cast<int>(std::lround((y1 - y0) / kCell)));
        for (int i = 0; i < nx; ++i)
            ring.push_back(to_lonlat(x0 + (x1 - x0) * i / nx, y0));
        for (int i = 0; i < ny; ++i)
            ring.push_back(to_lonlat(x1, y0 + (y1 - y0) * i / ny));
        for (int i = 0; i < nx; ++i)
            ring.push_back(to_lonlat(x1 - (x1 - x0) * i / nx, y1));
        for (int i = 0; i < ny; ++i)
            ring.push_back(to_lonlat(x0, y1 - (y1 - y0) * i / ny));
        return MultiPolygon{Polygon{ring}};
    };

    Dataset ds;
    ds.info.name = "synthetic map";
    ds.info.synthetic = true;
    ds.district.id = "d";
    ds.district.boundary = rectangle(0, 0, width, height);
    int grid_cols = (cols + kBlock - 1) / kBlock, grid_rows = (rows + kBlock - 1) / kBlock;
    int comm_cols = (grid_cols + kBlock - 1) / kBlock, comm_rows = (grid_rows + kBlock - 1) / kBlock;
    double grid_size = kCell * kBlock, comm_size = grid_size * kBlock;
    for (int sx = 0; sx < comm_cols; ++sx)
    {
        Street street;
        street.id = "s" + std::to_string(sx);
        street.boundary = rectangle(sx * comm_size, 0, std::min((sx + 1) * comm_size, width), height);
        ds.streets.push_back(std::move(street));
    }
    for (int cy = 0; cy < comm_rows; ++cy)
    {
        for (int cx = 0; cx < comm_cols; ++cx)
        {
            Community c;
            c.id = "c" + std::to_string(ds.communities.size());
            c.street = cx;
            c.kind = static_cast<CommunityKind>(ds.communities.size() % kCommunityKindCount);
            c.boundary = rectangle(cx * comm_size, cy * comm_size, std::min((cx + 1) * comm_size, width),
                                   std::min((cy + 1) * comm_size, height));
            ds.communities.push_back(std::move(c));
        }
    }
    for (int gy = 0; gy < grid_rows; ++gy)
    {
        for (int gx = 0; gx < grid_cols; ++gx)
        {
            Grid g;
            g.id = "g" + std::to_string(ds.grids.size());
            g.community = (gy / kBlock) * comm_cols + gx / kBlock;
            g.color = static_cast<GridColor>(1 + ds.grids.size() % 5);
            g.boundary = rectangle(gx * grid_size, gy * grid_size, std::min((gx + 1) * grid_size, width),
                                   std::min((gy + 1) * grid_size, height));
            ds.grids.push_back(std::move(g));
        }
    }
    for (int i = 0; i < count; ++i)
    {
        int mx = i % cols, my = i / cols;
        double x0 = mx * kCell, y0 = my * kCell;
        // Corners inset a little; mid-edge points pushed inwards by a random amount, so every shape is concave.
        double inset = kCell * 0.04;
        double pts[8][2] = {
            {x0 + inset, y0 + inset},
            {x0 + kCell * 0.5, y0 + inset + random01() * kCell * 0.2},
            {x0 + kCell - inset, y0 + inset},
            {x0 + kCell - inset - random01() * kCell * 0.2, y0 + kCell * 0.5},
            {x0 + kCell - inset, y0 + kCell - inset},
            {x0 + kCell * 0.5, y0 + kCell - inset - random01() * kCell * 0.2},
            {x0 + inset, y0 + kCell - inset},
            {x0 + inset + random01() * kCell * 0.2, y0 + kCell * 0.5},
        };
        Ring ring;
        for (const auto& p : pts)
            ring.push_back(to_lonlat(p[0], p[1]));
        MicroGrid m;
        m.id = "m" + std::to_string(i);
        m.grid = (my / kBlock) * grid_cols + mx / kBlock;
        m.households = 20 + static_cast<int64_t>(random01() * 200);
        m.boundary = MultiPolygon{Polygon{ring}};
        ds.micro_grids.push_back(std::move(m));
    }
    return ds;
}

} // namespace gridstar
