// Map: the district drawn from its boundaries, drillable district → street → community → grid → micro-grid.
// Everything heavy (projection, triangulation, LODs, spatial index, metrics, search) happens once per dataset in
// core; a frame runs BuildFrame for a few passes and copies the result into the draw list. Hatch patterns are
// clipped to the polygons in world space and cached until the zoom changes by more than a step.
//
// [SECTION] helpers: draw-list copy, colours, text
// [SECTION] MapView: load, colours, hatch cache
// [SECTION] MapView: drawing the map and its interaction
// [SECTION] MapView: toolbar, legend, side panel, tooltip
// (the class is in view_map_view.h; the JavaScript commands and state() are in view_map_api.cpp)
#include <algorithm>
#include <cmath>
#include <cstring>

#include "imgui.h"

#include "core/color_scale.h"
#include "core/map_model.h"
#include "core/map_view_model.h"
#include "core/time_util.h"
#include "ui/format.h"
#include "ui/strings.h"
#include "ui/view_map_view.h"
#include "ui/views.h"

namespace gridstar::ui
{
namespace map
{
namespace
{

// ---- [SECTION] helpers ---------------------------------------------------------------------
static_assert(sizeof(ImDrawVert) == sizeof(FrameVertex), "FrameVertex must match ImDrawVert");
static_assert(sizeof(ImDrawIdx) == 4, "the map needs 32-bit ImDrawIdx (src/platform/gridstar_imconfig.h)");

// Copies a core mesh into the draw list. Batch indices are relative to the batch's first vertex, so each is
// offset by where that vertex lands in the draw list.
void AppendMesh(ImDrawList* dl, const FrameMesh& mesh)
{
    if (mesh.vertices.empty() || mesh.indices.empty())
        return;
    const int vtx_n = int(mesh.vertices.size());
    const int idx_n = int(mesh.indices.size());
    dl->PrimReserve(idx_n, vtx_n);
    const ImDrawIdx base = dl->_VtxCurrentIdx;
    std::memcpy(dl->_VtxWritePtr, mesh.vertices.data(), size_t(vtx_n) * sizeof(ImDrawVert));
    for (const FrameBatch& b : mesh.batches)
    {
        const ImDrawIdx off = base + b.vertex_begin;
        const uint32_t* src = mesh.indices.data() + b.index_begin;
        ImDrawIdx* dst = dl->_IdxWritePtr + b.index_begin;
        for (uint32_t k = 0; k < b.index_count; ++k)
            dst[k] = src[k] + off;
    }
    dl->_VtxWritePtr += vtx_n;
    dl->_IdxWritePtr += idx_n;
    dl->_VtxCurrentIdx += unsigned(vtx_n);
}

constexpr ImU32 kBackdrop = IM_COL32(14, 22, 38, 255);      // the app's navy
constexpr ImU32 kContextFill = IM_COL32(34, 48, 76, 255);   // units around the one drilled into
constexpr ImU32 kContextLine = IM_COL32(78, 98, 136, 255);
constexpr ImU32 kInnerLine = IM_COL32(14, 22, 38, 200);     // between filled units
constexpr ImU32 kShownLine = IM_COL32(240, 244, 250, 235);  // between the units of the shown level
constexpr ImU32 kDistrictLine = IM_COL32(170, 190, 225, 255);
constexpr ImU32 kHoverLine = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kSelectLine = IM_COL32(255, 214, 10, 255);  // amber: distinct from every fill in both palettes

bool IsLight(uint32_t rgba)
{
    return RgbaToLab(rgba).l > 62.0;
}

const Str kLevelNames[kLevelCount] = {Str::MapLevelDistrict, Str::MapLevelStreet, Str::MapLevelCommunity,
                                      Str::MapLevelGrid, Str::MapLevelMicroGrid};
const Str kMetricNames[kMapMetricCount] = {Str::MapMetricHouseholds,        Str::MapMetricPopulation,
                                           Str::MapMetricVolunteerHours,    Str::MapMetricActivitiesPer1000,
                                           Str::MapMetricOpenIssues,        Str::MapMetricStarScore};
const Str kColorNames[kGridColorCount] = {Str::MapColorNone,   Str::MapColorRed,   Str::MapColorOrange,
                                          Str::MapColorYellow, Str::MapColorGreen, Str::MapColorBlue};
const Str kColorMeanings[kGridColorCount] = {Str::MapMeaningNone,   Str::MapMeaningRed,   Str::MapMeaningOrange,
                                             Str::MapMeaningYellow, Str::MapMeaningGreen, Str::MapMeaningBlue};
const Str kKindNames[kCommunityKindCount] = {Str::KindUrban, Str::KindVillage, Str::KindTransition};
const Str kModeNames[kMapColorModeCount] = {Str::MapModeGridColor, Str::MapModeKind, Str::MapModeMetric};

std::string FormatMetric(double v, MapMetric m)
{
    if (!std::isfinite(v))
        return "—";
    if (m == MapMetric::ActivitiesPer1000 || m == MapMetric::StarScore ||
        (m == MapMetric::VolunteerHours && std::fabs(v - std::round(v)) > 1e-9))
        return FormatFixed(v, 1);
    return FormatInt(int64_t(std::llround(v)));
}

// Text with a dark halo: readable on any fill, on a washed-out projector too.
void HaloText(ImDrawList* dl, ImVec2 p, ImU32 col, const char* text)
{
    const ImU32 halo = IM_COL32(8, 14, 26, 220);
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            if (dx || dy)
                dl->AddText(ImVec2(p.x + float(dx), p.y + float(dy)), halo, text);
    dl->AddText(p, col, text);
}

// One hatch line family (or dots) clipped to rings, in world coordinates: angle in degrees, spacing in metres.
void HatchRings(const Vec2* const* rings, const uint32_t* counts, uint32_t ring_n, double angle_deg, double spacing,
                bool dots, uint32_t col, std::vector<std::pair<int64_t, double>>* scratch, std::vector<HatchSeg>* out)
{
    const double a = angle_deg * 3.14159265358979323846 / 180.0;
    const double dx = std::cos(a), dy = std::sin(a); // along the lines
    const double nx = -dy, ny = dx;                  // across them
    scratch->clear();
    for (uint32_t r = 0; r < ring_n; ++r)
    {
        const Vec2* pts = rings[r];
        uint32_t n = counts[r];
        for (uint32_t i = 0, j = n - 1; i < n; j = i++)
        {
            double ca = pts[j].x * nx + pts[j].y * ny, cb = pts[i].x * nx + pts[i].y * ny;
            double ta = pts[j].x * dx + pts[j].y * dy, tb = pts[i].x * dx + pts[i].y * dy;
            double lo = std::min(ca, cb), hi = std::max(ca, cb);
            // Lines c = k·spacing with lo < c <= hi: the half-open rule counts a vertex on a line once.
            int64_t k0 = int64_t(std::floor(lo / spacing)) + 1, k1 = int64_t(std::floor(hi / spacing));
            for (int64_t k = k0; k <= k1; ++k)
            {
                double c = double(k) * spacing;
                double t = ta + (c - ca) / (cb - ca) * (tb - ta);
                scratch->push_back({k, t});
            }
        }
    }
    std::sort(scratch->begin(), scratch->end());
    for (size_t i = 0; i + 1 < scratch->size(); i += 2)
    {
        const auto& p = (*scratch)[i];
        const auto& q = (*scratch)[i + 1];
        if (p.first != q.first) // an odd count on a line (degenerate input): resynchronise
        {
            --i;
            continue;
        }
        double c = double(p.first) * spacing;
        if (dots)
        {
            // Dots on a square lattice: every `spacing` along the line, phase-locked to the world origin.
            for (double t = std::ceil(p.second / spacing) * spacing; t <= q.second; t += spacing)
            {
                float x = float(dx * t + nx * c), y = float(dy * t + ny * c);
                out->push_back({x, y, x, y, col});
            }
            continue;
        }
        out->push_back({float(dx * p.second + nx * c), float(dy * p.second + ny * c),
                        float(dx * q.second + nx * c), float(dy * q.second + ny * c), col});
    }
}

} // namespace

void MapView::Rebuild(const Dataset* ds, uint64_t generation)
{
    generation_ = generation;
    ds_ = ds;
    model_ = ds ? BuildMapModel(*ds) : MapModel();
    if (ds)
    {
        ComputeMapMetrics(*ds, &metrics_);
        search_.Build(*ds);
    }
    nav_.Reset(ds);
    // A grid colour's meaning comes from the data when every grid of that colour names the same category.
    for (int c = 0; c < kGridColorCount; ++c)
    {
        color_meaning_[c].clear();
        grid_color_used_[c] = false;
    }
    if (ds)
    {
        bool uniform[kGridColorCount];
        std::fill(std::begin(uniform), std::end(uniform), true);
        for (const Grid& g : ds->grids)
        {
            int c = int(g.color);
            if (!grid_color_used_[c])
            {
                grid_color_used_[c] = true;
                color_meaning_[c] = g.category;
            }
            else if (color_meaning_[c] != g.category)
                uniform[c] = false;
        }
        for (int c = 0; c < kGridColorCount; ++c)
            if (!uniform[c])
                color_meaning_[c].clear();
    }
    for (int l = 0; l < kLevelCount; ++l)
        scale_metric_[l] = -1;
    colors_key_ = ~uint64_t(0);
    hatch_key_ = ~uint64_t(0);
    hovered_ = UnitRef{};
    panel_unit_ = UnitRef{Level::District, -2};
    search_last_.clear();
    search_hits_.clear();
    fit_pending_ = true;
}

// ---- drill ---------------------------------------------------------------------------------
void MapView::FocusUnit(UnitRef u)
{
    if (nav_.Focus(u))
        FitToShown();
}

void MapView::ZoomTo(double scale, ImVec2 about)
{
    const double fit_scale = FitView(model_.bbox, canvas_, 8).scale;
    const double target = std::clamp(scale, fit_scale * 0.25, fit_scale * 4096.0);
    view_ = ZoomAbout(view_, {about.x, about.y}, target / view_.scale);
}

void MapView::GoUp()
{
    if (nav_.Up())
        FitToShown();
}

void MapView::FitToShown()
{
    if (canvas_.IsEmpty())
    {
        fit_pending_ = true;
        return;
    }
    UnitRef p = nav_.ShownParent();
    Box b = model_.BoundsOf(p.level, p.index);
    if (b.IsEmpty())
        b = model_.bbox;
    double margin = std::min(canvas_.Width(), canvas_.Height()) * 0.04 + 8;
    view_ = FitView(b, canvas_, margin);
    fit_pending_ = false;
}

Level MapView::FillLevel() const
{
    Level s = nav_.ShownLevel();
    if (finest_ && !ds_->micro_grids.empty())
        return Level::MicroGrid;
    if (mode_ == MapColorMode::GridColor && s < Level::Grid && !ds_->grids.empty())
        return Level::Grid;
    if (mode_ == MapColorMode::CommunityKind && s < Level::Community && !ds_->communities.empty())
        return Level::Community;
    return s;
}

UnitRef MapView::PickAt(Level level, ImVec2 screen) const
{
    if (!Loaded() || canvas_.IsEmpty() || !canvas_.Contains({screen.x, screen.y}))
        return UnitRef{};
    Vec2 w = view_.ToWorld({screen.x, screen.y});
    UnitRef p = nav_.ShownParent();
    int32_t parent = -1;
    if (level == nav_.ShownLevel())
        parent = p.index;
    int32_t i = model_.HitTest(level, w, parent);
    if (i < 0)
        return UnitRef{};
    UnitRef u{level, i};
    // Deeper fill levels (grids under a street) only count inside the shown parent.
    if (level > nav_.ShownLevel() && !IsAncestorOrSelf(*ds_, p, u))
        return UnitRef{};
    return u;
}

// The unit a click or mapPick means: a unit of the shown level inside the shown parent, else a unit around it
// (a sibling of the shown parent, to move across), else nothing.
UnitRef MapView::Pick(ImVec2 screen) const
{
    UnitRef u = PickAt(nav_.ShownLevel(), screen);
    if (u.Valid())
        return u;
    if (!Loaded() || canvas_.IsEmpty() || !canvas_.Contains({screen.x, screen.y}))
        return UnitRef{};
    UnitRef p = nav_.ShownParent();
    if (p.level == Level::District)
        return UnitRef{};
    UnitRef gp = UnitParent(*ds_, p);
    Vec2 w = view_.ToWorld({screen.x, screen.y});
    int32_t i = model_.HitTest(p.level, w, p.level == Level::Street ? -1 : gp.index);
    if (i < 0 || i == p.index)
        return UnitRef{};
    return UnitRef{p.level, i};
}

// ---- colours -------------------------------------------------------------------------------
const ColorScale& MapView::ScaleFor(Level level)
{
    int l = int(level);
    if (scale_metric_[l] != int(metric_))
    {
        const std::vector<double>& v = metrics_.Of(level, metric_);
        scales_[l] = MakeScale(v, 5, BucketMode::Quantile);
        scale_metric_[l] = int(metric_);
    }
    return scales_[l];
}

uint32_t MapView::UnitFill(Level level, int32_t i) const
{
    UnitRef u{level, i};
    switch (mode_)
    {
    case MapColorMode::GridColor:
    {
        UnitRef g = UnitAncestorAt(*ds_, u, Level::Grid);
        return g.Valid() ? GridColorRgba(ds_->grids[size_t(g.index)].color) : NoDataRgba();
    }
    case MapColorMode::CommunityKind:
    {
        UnitRef c = UnitAncestorAt(*ds_, u, Level::Community);
        return c.Valid() ? CommunityKindRgba(ds_->communities[size_t(c.index)].kind) : NoDataRgba();
    }
    case MapColorMode::Metric:
    {
        const ColorScale& s = scales_[int(level)];
        return s.ColorOf(metrics_.Get(u, metric_));
    }
    }
    return NoDataRgba();
}

FillPattern MapView::UnitPattern(Level level, int32_t i) const
{
    UnitRef u{level, i};
    if (mode_ == MapColorMode::GridColor)
    {
        UnitRef g = UnitAncestorAt(*ds_, u, Level::Grid);
        return g.Valid() ? GridColorPattern(ds_->grids[size_t(g.index)].color) : FillPattern::Solid;
    }
    if (mode_ == MapColorMode::CommunityKind)
    {
        UnitRef c = UnitAncestorAt(*ds_, u, Level::Community);
        return c.Valid() ? CommunityKindPattern(ds_->communities[size_t(c.index)].kind) : FillPattern::Solid;
    }
    return FillPattern::Solid;
}

std::string MapView::ColorMeaning(GridColor c) const
{
    const std::string& from_data = color_meaning_[int(c)];
    return from_data.empty() ? std::string(Tr(kColorMeanings[int(c)])) : from_data;
}

// Per-unit fill colours of the fill level: only descendants of the shown parent are filled.
void MapView::UpdateColors()
{
    UnitRef p = nav_.ShownParent();
    Level f = FillLevel();
    uint64_t key = (uint64_t(p.level) << 56) ^ (uint64_t(uint32_t(p.index)) << 20) ^ (uint64_t(f) << 16) ^
                   (uint64_t(mode_) << 8) ^ uint64_t(metric_);
    if (key == colors_key_)
        return;
    colors_key_ = key;
    if (mode_ == MapColorMode::Metric)
        ScaleFor(f);
    const MapLevel& ml = model_.At(f);
    std::vector<uint32_t>& fill = fill_[int(f)];
    fill.assign(ml.units.size(), 0);
    for (size_t i = 0; i < ml.units.size(); ++i)
    {
        if (!ml.units[i].has_shape)
            continue;
        if (p.level != f && model_.AncestorAt(f, int32_t(i), p.level) != p.index)
            continue;
        fill[i] = WithAlpha(UnitFill(f, int32_t(i)), 255);
    }
    hatch_key_ = ~uint64_t(0);
}

// Hatch segments for the patterned units of the fill level, in world metres; rebuilt when the colours change
// or the zoom moves by a half-octave step (so line spacing on screen stays between 7 and 10 px).
void MapView::UpdateHatch(int fill_level)
{
    if (mode_ == MapColorMode::Metric)
    {
        hatch_.clear();
        return;
    }
    const double kSpacingPx = 7.0;
    int step = int(std::floor(std::log2(view_.scale) * 2.0));
    if (hatch_key_ == colors_key_ && step == hatch_zoom_step_)
        return;
    hatch_key_ = colors_key_;
    hatch_zoom_step_ = step;
    const double scale_q = std::pow(2.0, double(step) / 2.0);
    const double spacing = kSpacingPx / scale_q;
    hatch_spacing_px_ = kSpacingPx;
    hatch_.clear();
    const Level f = Level(fill_level);
    const MapLevel& ml = model_.At(f);
    const std::vector<uint32_t>& fill = fill_[fill_level];
    const MapLod& lod = ml.lods[PickLod(scale_q, 1.0)];
    std::vector<const Vec2*> rings;
    std::vector<uint32_t> counts;
    const size_t kMaxSegments = 200000; // a bound on memory and per-frame work when everything is tiny
    for (size_t i = 0; i < ml.units.size() && hatch_.size() < kMaxSegments; ++i)
    {
        if (i >= fill.size() || (fill[i] >> 24) == 0)
            continue;
        const MapUnit& u = ml.units[i];
        // Smaller than about three hatch spacings on screen: the pattern would read as noise.
        if (std::max(u.bbox.Width(), u.bbox.Height()) * scale_q < kSpacingPx * 3)
            continue;
        FillPattern pat = UnitPattern(f, int32_t(i));
        if (pat == FillPattern::Solid)
            continue;
        rings.clear();
        counts.clear();
        for (uint32_t r = u.ring_begin; r < u.ring_begin + u.ring_count; ++r)
        {
            rings.push_back(lod.points.data() + lod.rings[r].begin);
            counts.push_back(lod.rings[r].count);
        }
        uint32_t col = IsLight(fill[i]) ? IM_COL32(10, 16, 30, 120) : IM_COL32(255, 255, 255, 120);
        uint32_t n = uint32_t(rings.size());
        switch (pat)
        {
        case FillPattern::DiagonalHatch:
            HatchRings(rings.data(), counts.data(), n, 45, spacing, false, col, &hatch_scratch_, &hatch_);
            break;
        case FillPattern::CrossHatch:
            HatchRings(rings.data(), counts.data(), n, 45, spacing * 1.4, false, col, &hatch_scratch_, &hatch_);
            HatchRings(rings.data(), counts.data(), n, 135, spacing * 1.4, false, col, &hatch_scratch_, &hatch_);
            break;
        case FillPattern::Dots:
            HatchRings(rings.data(), counts.data(), n, 0, spacing, true, col, &hatch_scratch_, &hatch_);
            break;
        case FillPattern::HorizontalLines:
            HatchRings(rings.data(), counts.data(), n, 0, spacing, false, col, &hatch_scratch_, &hatch_);
            break;
        case FillPattern::VerticalLines:
            HatchRings(rings.data(), counts.data(), n, 90, spacing, false, col, &hatch_scratch_, &hatch_);
            break;
        case FillPattern::Solid: break;
        }
    }
}

// ---- [SECTION] drawing ---------------------------------------------------------------------
void MapView::DrawUnitOutline(ImDrawList* dl, UnitRef u, ImU32 col, float thickness) const
{
    if (!u.Valid())
        return;
    const MapLevel& ml = model_.At(u.level);
    if (size_t(u.index) >= ml.units.size() || !ml.units[size_t(u.index)].has_shape)
        return;
    const MapUnit& mu = ml.units[size_t(u.index)];
    const MapLod& lod = ml.lods[PickLod(view_.scale, 0.5)];
    static ImVector<ImVec2> pts;
    for (uint32_t r = mu.ring_begin; r < mu.ring_begin + mu.ring_count; ++r)
    {
        const RingSpan& span = lod.rings[r];
        pts.resize(int(span.count));
        for (uint32_t k = 0; k < span.count; ++k)
        {
            Vec2 s = view_.ToScreen(lod.points[span.begin + k]);
            pts[int(k)] = ImVec2(float(s.x), float(s.y));
        }
        dl->AddPolyline(pts.Data, pts.Size, col, ImDrawFlags_Closed, thickness);
    }
}

// Greedy placement: biggest units first, a label only where it fits inside its unit's box and clears every
// label placed before it.
void MapView::DrawLabels(ImDrawList* dl, const FrameOutput& out, Level level)
{
    labels_drawn_ = 0;
    if (!labels_)
        return;
    placed_.clear();
    label_order_.clear();
    for (size_t i = 0; i < out.labels.size(); ++i)
        label_order_.push_back(int32_t(i));
    std::sort(label_order_.begin(), label_order_.end(), [&](int32_t a, int32_t b) {
        const FrameLabel &x = out.labels[size_t(a)], &y = out.labels[size_t(b)];
        return x.w * x.h > y.w * y.h;
    });
    const float pad = 3.0f;
    for (int32_t k : label_order_)
    {
        const FrameLabel& l = out.labels[size_t(k)];
        const std::string& name = UnitName(*ds_, UnitRef{level, l.unit});
        if (name.empty())
            continue;
        ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        if (ts.x > l.w * 0.92f || ts.y > l.h * 0.8f)
            continue;
        PlacedLabel r{l.x - ts.x * 0.5f - pad, l.y - ts.y * 0.5f - pad, l.x + ts.x * 0.5f + pad,
                      l.y + ts.y * 0.5f + pad};
        if (r.x0 < float(canvas_.min_x) || r.x1 > float(canvas_.max_x) || r.y0 < float(canvas_.min_y) ||
            r.y1 > float(canvas_.max_y))
            continue;
        bool clear = true;
        for (const PlacedLabel& q : placed_)
            if (r.x0 < q.x1 && r.x1 > q.x0 && r.y0 < q.y1 && r.y1 > q.y0)
            {
                clear = false;
                break;
            }
        if (!clear)
            continue;
        placed_.push_back(r);
        HaloText(dl, ImVec2(std::floor(l.x - ts.x * 0.5f), std::floor(l.y - ts.y * 0.5f)), IM_COL32(255, 255, 255, 255),
                 name.c_str());
        ++labels_drawn_;
    }
}

void MapView::DrawMap(UiContext& ctx, ImVec2 p0, ImVec2 size)
{
    ImGuiIO& io = ImGui::GetIO();
    Box canvas{p0.x, p0.y, p0.x + size.x, p0.y + size.y};
    bool resized = canvas_.IsEmpty() || std::fabs(canvas.Width() - canvas_.Width()) > 0.5 ||
                   std::fabs(canvas.Height() - canvas_.Height()) > 0.5;
    if (!canvas_.IsEmpty() && (canvas.min_x != canvas_.min_x || canvas.min_y != canvas_.min_y))
    {
        view_.offset_x += canvas.min_x - canvas_.min_x; // the map moved with the window: keep the picture
        view_.offset_y += canvas.min_y - canvas_.min_y;
    }
    canvas_ = canvas;
    if (fit_pending_ || resized)
        FitToShown();

    // ---- interaction ----
    ImGui::SetCursorScreenPos(p0);
    ImGui::InvisibleButton("##map", size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                               ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemActivated())
    {
        dragging_ = false;
        drag_dist_ = 0;
    }
    if (ctx.pinch.active)
    {
        // Two fingers: zoom about their midpoint and pan with it. The emulated mouse of the first finger must
        // neither pan as well nor click when the fingers lift.
        dragging_ = true;
        drag_dist_ = 1e9f;
        const ImVec2 c(ctx.pinch.center_x, ctx.pinch.center_y);
        if (canvas_.Contains({c.x, c.y}))
        {
            view_.offset_x += ctx.pinch.pan_x;
            view_.offset_y += ctx.pinch.pan_y;
            ZoomTo(view_.scale * double(ctx.pinch.scale), c);
        }
    }
    else if (ImGui::IsItemActive() && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0))
    {
        drag_dist_ += std::fabs(io.MouseDelta.x) + std::fabs(io.MouseDelta.y);
        if (drag_dist_ > 4.0f)
            dragging_ = true;
        if (dragging_)
        {
            view_.offset_x += io.MouseDelta.x;
            view_.offset_y += io.MouseDelta.y;
        }
    }
    if (hovered && io.MouseWheel != 0)
    {
        ZoomTo(view_.scale * std::pow(1.25, double(io.MouseWheel)), io.MousePos);
    }
    const bool released_left = ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left);
    if (released_left && !dragging_ && hovered)
    {
        UnitRef u = Pick(io.MousePos);
        if (u.Valid())
            FocusUnit(u);
    }
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Right) && !dragging_)
        GoUp();
    if (!ImGui::IsItemActive())
        dragging_ = false;
    // Back: the mouse's back button (when the platform reports it), Backspace or Escape outside text fields.
    bool back_now = io.MouseDown[3];
    if (back_now && !back_down_)
        GoUp();
    back_down_ = back_now;
    if (!io.WantTextInput && !ImGui::IsAnyItemActive() &&
        (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)))
        GoUp();

    // ---- passes ----
    UpdateColors();
    const UnitRef parent = nav_.ShownParent();
    const Level shown = nav_.ShownLevel();
    const Level fill_level = FillLevel();
    const ImVec2 white = ImGui::GetFontTexUvWhitePixel();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), true);
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), kBackdrop);

    FrameRequest req;
    req.screen = canvas_;
    req.white_u = white.x;
    req.white_v = white.y;

    // 1. Around: the shown parent and its siblings, dimmed, so the user keeps their bearings.
    req.level = parent.level;
    req.parent = parent.level == Level::District ? -1 : UnitParent(*ds_, parent).index;
    req.fill_color = kContextFill;
    req.outline_color = kContextLine;
    req.outline_px = 1.0f;
    BuildFrame(model_, req, view_, &out_context_);
    AppendMesh(dl, out_context_.fill);
    AppendMesh(dl, out_context_.lines);

    // 2. The fills: the shown level, or the grids / communities inside it for the categorical modes.
    req = FrameRequest();
    req.screen = canvas_;
    req.white_u = white.x;
    req.white_v = white.y;
    req.level = fill_level;
    req.parent = -1;
    const std::vector<uint32_t>& fill = fill_[int(fill_level)];
    req.fill_colors = fill.data();
    req.fill_color_count = fill.size();
    req.skip_unfilled = true;
    req.outline_color = fill_level == shown ? kInnerLine : WithAlpha(kInnerLine, 150);
    req.outline_px = fill_level == shown ? 1.2f : 0.8f;
    req.want_labels = fill_level == shown;
    req.min_label_px = 30.0f;
    BuildFrame(model_, req, view_, &out_fill_);
    AppendMesh(dl, out_fill_.fill);

    // 3. Patterns: the second cue beside the hue.
    UpdateHatch(int(fill_level));
    if (!hatch_.empty())
    {
        // Cull by the world rectangle, then draw each segment as a thin quad (dots as small squares).
        Box world = view_.WorldRect(canvas_);
        const float hw = 0.6f, dot = 1.3f;
        size_t n = hatch_.size();
        dl->PrimReserve(int(n * 6), int(n * 4));
        size_t used = 0;
        const float sc = float(view_.scale), ox = float(view_.offset_x), oy = float(view_.offset_y);
        for (const HatchSeg& s : hatch_)
        {
            if (std::max(s.x0, s.x1) < world.min_x || std::min(s.x0, s.x1) > world.max_x ||
                std::max(s.y0, s.y1) < world.min_y || std::min(s.y0, s.y1) > world.max_y)
                continue;
            float ax = s.x0 * sc + ox, ay = oy - s.y0 * sc, bx = s.x1 * sc + ox, by = oy - s.y1 * sc;
            float nx, ny;
            if (s.x0 == s.x1 && s.y0 == s.y1)
            {
                ax -= dot;
                bx += dot;
                nx = 0;
                ny = dot;
            }
            else
            {
                float dx = bx - ax, dy = by - ay, len = std::sqrt(dx * dx + dy * dy);
                if (len < 0.5f)
                    continue;
                nx = -dy / len * hw;
                ny = dx / len * hw;
            }
            ImDrawIdx i0 = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
            dl->PrimWriteVtx(ImVec2(ax + nx, ay + ny), white, s.col);
            dl->PrimWriteVtx(ImVec2(bx + nx, by + ny), white, s.col);
            dl->PrimWriteVtx(ImVec2(bx - nx, by - ny), white, s.col);
            dl->PrimWriteVtx(ImVec2(ax - nx, ay - ny), white, s.col);
            dl->PrimWriteIdx(i0);
            dl->PrimWriteIdx(static_cast<ImDrawIdx>(i0 + 1));
            dl->PrimWriteIdx(static_cast<ImDrawIdx>(i0 + 2));
            dl->PrimWriteIdx(i0);
            dl->PrimWriteIdx(static_cast<ImDrawIdx>(i0 + 2));
            dl->PrimWriteIdx(static_cast<ImDrawIdx>(i0 + 3));
            ++used;
        }
        dl->PrimUnreserve(int((n - used) * 6), int((n - used) * 4));
    }
    AppendMesh(dl, out_fill_.lines);

    // 4. The borders of the shown level over finer fills, with its labels.
    const FrameOutput* label_source = &out_fill_;
    if (fill_level != shown)
    {
        req = FrameRequest();
        req.screen = canvas_;
        req.white_u = white.x;
        req.white_v = white.y;
        req.level = shown;
        req.parent = parent.index;
        req.fill_color = 0;
        req.outline_color = kShownLine;
        req.outline_px = 1.8f;
        req.want_labels = true;
        req.min_label_px = 30.0f;
        BuildFrame(model_, req, view_, &out_shown_);
        AppendMesh(dl, out_shown_.lines);
        label_source = &out_shown_;
    }
    units_drawn_ = label_source->units_drawn;
    lod_ = label_source->lod;

    // 5. The district's edge, the drilled-into unit, the hovered and the selected unit.
    req = FrameRequest();
    req.screen = canvas_;
    req.white_u = white.x;
    req.white_v = white.y;
    req.level = Level::District;
    req.outline_color = kDistrictLine;
    req.outline_px = 2.0f;
    BuildFrame(model_, req, view_, &out_district_);
    AppendMesh(dl, out_district_.lines);
    if (parent.level != Level::District)
        DrawUnitOutline(dl, parent, kShownLine, 2.5f);
    hovered_ = hovered && !dragging_ ? Pick(io.MousePos) : UnitRef{};
    if (hovered_.Valid())
        DrawUnitOutline(dl, hovered_, kHoverLine, 2.5f);
    if (nav_.selected().Valid() && nav_.selected().level == shown)
        DrawUnitOutline(dl, nav_.selected(), kSelectLine, 3.0f);

    // Street names are few and matter most at the district level: the larger font there.
    ImGui::PushFont(shown == Level::Street ? ctx.heading : ctx.body);
    DrawLabels(dl, *label_source, shown);
    ImGui::PopFont();
    if (model_.At(Level::District).shaped_count == 0 && model_.bbox.IsEmpty())
        HaloText(dl, ImVec2(p0.x + 24, p0.y + 24), IM_COL32(230, 235, 245, 255), Tr(Str::MapNoShapes));
    // The hint, bottom-left, small (not on a slide).
    if (!ctx.presenting)
        HaloText(dl, ImVec2(p0.x + 10, p0.y + size.y - ImGui::GetTextLineHeight() - 6), IM_COL32(170, 185, 210, 255),
                 Tr(Str::MapHint));
    dl->PopClipRect();

    if (hovered_.Valid() && !ImGui::IsItemActive())
        DrawTooltip(ctx, hovered_, fill_level != shown ? PickAt(fill_level, io.MousePos) : UnitRef{});
}

// ---- [SECTION] toolbar, legend, side panel, tooltip ----------------------------------------
void MapView::Draw(UiContext& ctx)
{
    force_mask_ = ctx.presenting && ctx.mask_personal;
    desk_controls_ = false; // set when the toolbar draws them
    // "Show on map" from another view (the timeline's details) names a grid or community to focus.
    if (ctx.session.extra_state.contains("map_request"))
    {
        nlohmann::json req = ctx.session.extra_state["map_request"];
        ctx.session.extra_state.erase("map_request");
        nlohmann::json result;
        const char* key = req.contains("grid") && req["grid"].is_string() ? "grid" : "community";
        if (req.contains(key) && req[key].is_string())
            HandleCommand(ctx, "mapFocus", nlohmann::json{{"id", req[key]}}, &result);
    }
    const Dataset* ds = ctx.session.dataset();
    if (ctx.session.generation() != generation_ || ds != ds_)
        Rebuild(ds, ctx.session.generation());
    if (!ds)
    {
        ImGui::SetCursorPos(ImVec2(24, 16));
        ImGui::TextWrapped("%s", Tr(Str::NoDataset));
        return;
    }
    ImGui::SetCursorPos(ImVec2(12, 8));
    DrawToolbar(ctx);

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float panel_w = std::clamp(avail.x * 0.27f, 300.0f, 440.0f);
    const float gap = 8.0f;
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    p0.x = ImGui::GetWindowPos().x + 12;
    const float map_w = std::max(100.0f, ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - p0.x - panel_w - gap - 12);
    const float map_h = std::max(100.0f, avail.y - 8);
    DrawMap(ctx, p0, ImVec2(map_w, map_h));

    ImGui::SetCursorScreenPos(ImVec2(p0.x + map_w + gap, p0.y));
    DrawSidePanel(ctx, panel_w, map_h);
}

std::string MapView::PathOf(UnitRef u) const
{
    std::string path;
    for (UnitRef p = UnitParent(*ds_, u); p.Valid() && p.level != Level::District; p = UnitParent(*ds_, p))
        path = UnitName(*ds_, p) + (path.empty() ? "" : " › ") + path;
    return path;
}

void MapView::DrawToolbar(UiContext& ctx)
{
    // Breadcrumb: every step up is a button; the current unit is plain text.
    std::vector<UnitRef> crumbs = nav_.Breadcrumb();
    crumb_rects_.clear();
    ImGui::PushFont(ctx.heading);
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(40, 60, 100, 255));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 2));
    for (size_t i = 0; i < crumbs.size(); ++i)
    {
        const std::string& name = UnitName(*ds_, crumbs[i]);
        ImGui::PushID(int(i));
        if (i + 1 < crumbs.size())
        {
            ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(150, 190, 255, 255));
            if (ImGui::Button(name.c_str()))
                FocusUnit(crumbs[i]);
            crumb_rects_.push_back({ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
            ImGui::PopStyleColor();
            ImGui::SameLine(0, 2);
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("›");
            ImGui::SameLine(0, 2);
        }
        else
        {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(name.c_str());
            crumb_rects_.push_back({ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
        }
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    ImGui::PopFont();
    if (ctx.presenting) // a slide: the breadcrumb only
    {
        ImGui::Dummy(ImVec2(0, 2));
        return;
    }

    // Right side: up, search, fit.
    desk_controls_ = true;
    const float search_w = 240.0f;
    const float up_w = ImGui::CalcTextSize(Tr(Str::MapUp)).x + ImGui::GetStyle().FramePadding.x * 2;
    const float fit_w = ImGui::CalcTextSize(Tr(Str::MapFit)).x + ImGui::GetStyle().FramePadding.x * 2;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowContentRegionMax().x - 12;
    const float x = right - (search_w + up_w + fit_w + 2 * spacing);
    ImGui::SameLine(std::max(x, ImGui::GetCursorPosX() + 16));
    ImGui::BeginDisabled(nav_.focus().level == Level::District);
    if (ImGui::Button(Tr(Str::MapUp)))
        GoUp();
    ImGui::EndDisabled();
    ImGui::SameLine();
    DrawSearch(ctx, search_w);
    ImGui::SameLine();
    if (ImGui::Button(Tr(Str::MapFit)))
        FitToShown();
    ImGui::Dummy(ImVec2(0, 2));
}

void MapView::DrawSearch(UiContext& ctx, float width)
{
    ImGui::SetNextItemWidth(width);
    bool enter = ImGui::InputTextWithHint("##mapsearch", Tr(Str::MapSearchHint), search_buf_, sizeof search_buf_,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    const bool active = ImGui::IsItemActive();
    const ImVec2 below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + 2);
    if (search_last_ != search_buf_)
    {
        search_last_ = search_buf_;
        search_hits_ = search_.Find(search_last_, 12);
    }
    if (enter && !search_hits_.empty())
    {
        FocusUnit(search_hits_[0]);
        search_buf_[0] = 0;
        return;
    }
    if (search_last_.empty() || !(active || search_list_hovered_))
    {
        search_list_hovered_ = false;
        return;
    }
    ImGui::SetNextWindowPos(below);
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width * 1.8f, 480));
    ImGui::Begin("##mapsearchlist", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoFocusOnAppearing);
    if (search_hits_.empty())
        ImGui::TextDisabled("%s", Tr(Str::MapNoMatch));
    UnitRef chosen;
    for (size_t i = 0; i < search_hits_.size(); ++i)
    {
        UnitRef u = search_hits_[i];
        ImGui::PushID(int(i));
        std::string path = PathOf(u);
        if (ImGui::Selectable(UnitName(*ds_, u).c_str()))
            chosen = u;
        ImGui::SameLine();
        ImGui::TextDisabled("%s%s%s", Tr(kLevelNames[int(u.level)]), path.empty() ? "" : " · ", path.c_str());
        ImGui::PopID();
    }
    search_list_hovered_ = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    ImGui::End();
    if (chosen.Valid())
    {
        FocusUnit(chosen);
        search_buf_[0] = 0;
        search_list_hovered_ = false;
    }
}

void MapView::Swatch(uint32_t col, FillPattern pattern, float size) const
{
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 a = ImGui::GetCursorScreenPos();
    a.y += (ImGui::GetTextLineHeight() - size) * 0.5f;
    ImVec2 b(a.x + size, a.y + size);
    dl->AddRectFilled(a, b, col, 2.0f);
    ImU32 line = IsLight(col) ? IM_COL32(10, 16, 30, 150) : IM_COL32(255, 255, 255, 150);
    dl->PushClipRect(a, b, true);
    const float s = 5.0f;
    switch (pattern)
    {
    case FillPattern::DiagonalHatch:
    case FillPattern::CrossHatch:
        for (float t = -size; t < size; t += pattern == FillPattern::CrossHatch ? s * 1.4f : s)
        {
            dl->AddLine(ImVec2(a.x + t, b.y), ImVec2(a.x + t + size, a.y), line, 1.2f);
            if (pattern == FillPattern::CrossHatch)
                dl->AddLine(ImVec2(a.x + t, a.y), ImVec2(a.x + t + size, b.y), line, 1.2f);
        }
        break;
    case FillPattern::Dots:
        for (float y = a.y + s * 0.5f; y < b.y; y += s)
            for (float x = a.x + s * 0.5f; x < b.x; x += s)
                dl->AddRectFilled(ImVec2(x - 1.2f, y - 1.2f), ImVec2(x + 1.2f, y + 1.2f), line);
        break;
    case FillPattern::HorizontalLines:
        for (float y = a.y + s * 0.5f; y < b.y; y += s)
            dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), line, 1.2f);
        break;
    case FillPattern::VerticalLines:
        for (float x = a.x + s * 0.5f; x < b.x; x += s)
            dl->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), line, 1.2f);
        break;
    case FillPattern::Solid: break;
    }
    dl->PopClipRect();
    dl->AddRect(a, b, IM_COL32(14, 22, 38, 255), 2.0f, 0, 1.0f);
    ImGui::Dummy(ImVec2(size, ImGui::GetTextLineHeight()));
}

void MapView::DrawLegend(UiContext& ctx)
{
    ImGui::PushFont(ctx.heading);
    ImGui::TextUnformatted(Tr(Str::MapLegend));
    ImGui::PopFont();
    // On a slide the legend says what the colours are; the choices are for the desk.
    const bool desk = !ctx.presenting;
    if (desk)
    {
        ImGui::TextDisabled("%s", Tr(Str::MapColorBy));
        for (int m = 0; m < kMapColorModeCount; ++m)
        {
            if (m)
                ImGui::SameLine();
            if (ImGui::RadioButton(Tr(kModeNames[m]), int(mode_) == m))
                mode_ = MapColorMode(m);
        }
    }
    const float sw = ImGui::GetTextLineHeight() * 1.15f;
    if (mode_ == MapColorMode::GridColor)
    {
        for (int c = 1; c <= kGridColorCount; ++c)
        {
            int ci = c % kGridColorCount; // red..blue, then "no colour" if the data has any
            if (ci == 0 && !grid_color_used_[0])
                continue;
            GridColor gc = GridColor(ci);
            Swatch(GridColorRgba(gc), GridColorPattern(gc), sw);
            ImGui::SameLine();
            ImGui::TextUnformatted(Tr(kColorNames[ci]));
            ImGui::SameLine();
            ImGui::TextDisabled("%s", ColorMeaning(gc).c_str());
        }
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
        ImGui::TextDisabled("%s", Tr(Str::MapMeaningNote));
        ImGui::PopTextWrapPos();
    }
    else if (mode_ == MapColorMode::CommunityKind)
    {
        for (int k = 0; k < kCommunityKindCount; ++k)
        {
            CommunityKind ck = CommunityKind(k);
            Swatch(CommunityKindRgba(ck), CommunityKindPattern(ck), sw);
            ImGui::SameLine();
            ImGui::TextUnformatted(Tr(kKindNames[k]));
        }
    }
    else
    {
        ImGui::SetNextItemWidth(-1);
        if (!desk)
            ImGui::TextUnformatted(Tr(kMetricNames[int(metric_)]));
        else if (ImGui::BeginCombo("##metric", Tr(kMetricNames[int(metric_)])))
        {
            for (int m = 0; m < kMapMetricCount; ++m)
                if (ImGui::Selectable(Tr(kMetricNames[m]), int(metric_) == m))
                    metric_ = MapMetric(m);
            ImGui::EndCombo();
        }
        const ColorScale& s = ScaleFor(FillLevel());
        if (s.BucketCount() == 0)
            ImGui::TextDisabled("%s", Tr(Str::MapNoDataLevel));
        for (int b = 0; b < s.BucketCount(); ++b)
        {
            Swatch(s.colors[size_t(b)], FillPattern::Solid, sw);
            ImGui::SameLine();
            // Our own range format: its dash is in the UI strings, so the font atlas has the glyph.
            double lo = s.breaks[size_t(b)], hi = s.breaks[size_t(b) + 1];
            if (lo == hi)
                ImGui::TextUnformatted(FormatLegendNumber(lo).c_str());
            else
                ImGui::Text(Tr(Str::MapRangeFmt), FormatLegendNumber(lo).c_str(), FormatLegendNumber(hi).c_str());
        }
        Swatch(NoDataRgba(), FillPattern::Solid, sw);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", Tr(Str::MapNoData));
        if (metric_ == MapMetric::StarScore && metrics_.star_period >= 0)
            ImGui::TextDisabled("%s: %s", Tr(Str::MapStarPeriod),
                                ds_->competition.periods[size_t(metrics_.star_period)].name.c_str());
    }
    if (!desk)
        return;
    ImGui::Checkbox(Tr(Str::MapShowLabels), &labels_);
    ImGui::SameLine();
    ImGui::Checkbox(Tr(Str::MapMaskPhones), &masking_);
    ImGui::Checkbox(Tr(Str::MapFinest), &finest_);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", Tr(Str::MapFinestHint));
    ImGui::TextDisabled(Tr(Str::MapVisibleUnits), VisibleUnits());
}

void MapView::DrawSidePanel(UiContext& ctx, float width, float height)
{
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(20, 31, 52, 255));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 10));
    ImGui::BeginChild("##mappanel", ImVec2(width, height), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    DrawLegend(ctx);
    if (nav_.selected().Valid())
    {
        ImGui::Separator();
        DrawSelection(ctx);
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void MapView::DrawSelection(UiContext& ctx)
{
    const UnitRef u = nav_.selected();
    if (u != panel_unit_)
    {
        panel_unit_ = u;
        panel_teams_ = TeamsOfUnit(*ds_, u);
        panel_activities_ = RecentActivitiesOfUnit(*ds_, u, 8);
    }
    ImGui::PushFont(ctx.heading);
    ImGui::TextUnformatted(UnitName(*ds_, u).c_str());
    ImGui::PopFont();
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::GetFrameHeight());
    if (ImGui::Button("×", ImVec2(ImGui::GetFrameHeight(), 0)))
    {
        nav_.ClearSelection();
        return;
    }
    std::string path = PathOf(u);
    ImGui::TextDisabled("%s%s%s", Tr(kLevelNames[int(u.level)]), path.empty() ? "" : " · ", path.c_str());

    // Figures.
    if (ImGui::BeginTable("##figures", 2, ImGuiTableFlags_SizingStretchProp))
    {
        auto row = [](const char* k, const std::string& v) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", k);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.c_str());
        };
        if (u.level == Level::Grid)
        {
            const Grid& g = ds_->grids[size_t(u.index)];
            row(Tr(Str::MapGridType), std::string(Tr(kColorNames[int(g.color)])) + " · " + ColorMeaning(g.color));
            if (!g.worker.name.empty())
                row(Tr(Str::MapWorker),
                    g.worker.name + "  " + ((masking_ || force_mask_) ? MaskPhone(g.worker.phone) : g.worker.phone));
            if (!g.party_branch.empty())
                row(Tr(Str::MapPartyBranch), g.party_branch);
        }
        if (u.level == Level::MicroGrid)
        {
            const MicroGrid& m = ds_->micro_grids[size_t(u.index)];
            if (!m.leader.empty())
                row(Tr(Str::MapLeader), m.leader);
        }
        if (u.level == Level::Community)
        {
            const Community& c = ds_->communities[size_t(u.index)];
            row(Tr(Str::MapKind), Tr(kKindNames[int(c.kind)]));
            if (!c.secretary.empty())
                row(Tr(Str::MapSecretary), c.secretary);
        }
        for (int m = 0; m < kMapMetricCount; ++m)
        {
            double v = metrics_.Get(u, MapMetric(m));
            if (std::isfinite(v))
                row(Tr(kMetricNames[m]), FormatMetric(v, MapMetric(m)));
        }
        ImGui::EndTable();
    }

    // Child units, clickable.
    const std::vector<int32_t>& kids = nav_.ChildrenOf(u);
    if (!kids.empty())
    {
        Level kl = Level(int(u.level) + 1);
        char title[96];
        snprintf(title, sizeof title, "%s（%d）###kids", Tr(Str::MapChildren), int(kids.size()));
        if (ImGui::CollapsingHeader(title, ImGuiTreeNodeFlags_DefaultOpen))
        {
            float h = std::min(float(kids.size()), 8.0f) * ImGui::GetTextLineHeightWithSpacing() + 4;
            ImGui::BeginChild("##kids", ImVec2(0, h));
            for (int32_t k : kids)
            {
                UnitRef c{kl, k};
                ImGui::PushID(k);
                if (ImGui::Selectable(UnitName(*ds_, c).c_str()))
                    FocusUnit(c);
                ImGui::PopID();
            }
            ImGui::EndChild();
        }
    }
    // Teams and recent activities.
    if (ImGui::CollapsingHeader(Tr(Str::Teams), ImGuiTreeNodeFlags_DefaultOpen))
    {
        if (panel_teams_.empty())
            ImGui::TextDisabled("%s", Tr(Str::MapNone));
        for (int32_t t : panel_teams_)
        {
            const Team& team = ds_->teams[size_t(t)];
            char members[48];
            snprintf(members, sizeof members, Tr(Str::MapMembersFmt), FormatInt(team.members).c_str());
            ImGui::BulletText("%s", team.name.c_str());
            ImGui::SameLine();
            ImGui::TextDisabled("%s%s%s", team.focus.c_str(), team.focus.empty() ? "" : " · ", members);
        }
    }
    if (ImGui::CollapsingHeader(Tr(Str::MapRecentActivities), ImGuiTreeNodeFlags_DefaultOpen))
    {
        if (panel_activities_.empty())
            ImGui::TextDisabled("%s", Tr(Str::MapNone));
        for (int32_t a : panel_activities_)
        {
            const Activity& act = ds_->activities[size_t(a)];
            std::string date = FormatDate(CivilFromDays(CstDayOf(act.start)));
            char hours[48];
            snprintf(hours, sizeof hours, Tr(Str::MapHoursFmt), FormatMetric(act.hours, MapMetric::VolunteerHours).c_str());
            ImGui::TextDisabled("%s", date.c_str());
            ImGui::SameLine();
            ImGui::TextUnformatted(act.title.c_str());
            ImGui::SameLine();
            ImGui::TextDisabled("%s", hours);
        }
    }
}

void MapView::DrawTooltip(UiContext& ctx, UnitRef u, UnitRef under)
{
    ImGui::BeginTooltip();
    ImGui::PushFont(ctx.heading);
    ImGui::TextUnformatted(UnitName(*ds_, u).c_str());
    ImGui::PopFont();
    std::string path = PathOf(u);
    ImGui::TextDisabled("%s%s%s", Tr(kLevelNames[int(u.level)]), path.empty() ? "" : " · ", path.c_str());
    UnitRef g = UnitAncestorAt(*ds_, u, Level::Grid);
    if (g.Valid())
    {
        const GridWorker& w = ds_->grids[size_t(g.index)].worker;
        if (!w.name.empty())
            ImGui::Text("%s: %s  %s", Tr(Str::MapWorker), w.name.c_str(),
                        ((masking_ || force_mask_) ? MaskPhone(w.phone) : w.phone).c_str());
    }
    if (u.level == Level::MicroGrid && !ds_->micro_grids[size_t(u.index)].leader.empty())
        ImGui::Text("%s: %s", Tr(Str::MapLeader), ds_->micro_grids[size_t(u.index)].leader.c_str());
    if (u.level == Level::Community && !ds_->communities[size_t(u.index)].secretary.empty())
        ImGui::Text("%s: %s", Tr(Str::MapSecretary), ds_->communities[size_t(u.index)].secretary.c_str());
    ImGui::Text("%s: %s", Tr(Str::MapMetricHouseholds),
                FormatMetric(metrics_.Get(u, MapMetric::Households), MapMetric::Households).c_str());
    if (mode_ == MapColorMode::Metric && metric_ != MapMetric::Households)
        ImGui::Text("%s: %s", Tr(kMetricNames[int(metric_)]), FormatMetric(metrics_.Get(u, metric_), metric_).c_str());
    if (mode_ == MapColorMode::GridColor && g.Valid())
    {
        GridColor c = ds_->grids[size_t(g.index)].color;
        ImGui::Text("%s: %s · %s", Tr(Str::MapGridType), Tr(kColorNames[int(c)]), ColorMeaning(c).c_str());
    }
    UnitRef cm = UnitAncestorAt(*ds_, u, Level::Community);
    if (mode_ == MapColorMode::CommunityKind && cm.Valid())
        ImGui::Text("%s: %s", Tr(Str::MapKind), Tr(kKindNames[int(ds_->communities[size_t(cm.index)].kind)]));
    if (under.Valid() && under != u)
    {
        ImGui::Separator();
        std::string what = UnitName(*ds_, under);
        if (mode_ == MapColorMode::GridColor && under.level == Level::Grid)
            what += std::string(" · ") + Tr(kColorNames[int(ds_->grids[size_t(under.index)].color)]);
        if (mode_ == MapColorMode::CommunityKind && under.level == Level::Community)
            what += std::string(" · ") + Tr(kKindNames[int(ds_->communities[size_t(under.index)].kind)]);
        ImGui::TextDisabled("%s: %s", Tr(Str::MapUnderCursor), what.c_str());
    }
    ImGui::EndTooltip();
}

} // namespace map

std::unique_ptr<View> MakeMapView()
{
    return std::make_unique<map::MapView>();
}

} // namespace gridstar::ui
