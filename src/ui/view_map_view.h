// The Map view's class, shared by view_map.cpp (load, colours, drawing, interaction, panels) and view_map_api.cpp
// (the JavaScript commands, GridStar.state().map and scene settings). Nothing outside these two files includes it;
// the factory is in views.h.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "imgui.h"

#include <nlohmann/json.hpp>

#include "core/color_scale.h"
#include "core/map_model.h"
#include "core/map_view_model.h"
#include "ui/view.h"

namespace gridstar::ui::map
{

// A hatch segment (or a dot when both ends coincide), in world metres.
struct HatchSeg
{
    float x0, y0, x1, y1; // world metres, relative to nothing (doubles would be exact, floats are plenty here)
    uint32_t col;
};


class MapView : public View
{
public:
    void Draw(UiContext& ctx) override;
    void AppendState(nlohmann::json& state) const override;
    bool HandleCommand(UiContext& ctx, const std::string& name, const nlohmann::json& args,
                       nlohmann::json* result) override;
    // Presentation: the focused unit and the colouring as a scene.
    nlohmann::json SceneSettings() const override;
    void ApplySceneSettings(UiContext& ctx, const nlohmann::json& settings) override;

private:
    // load
    void Rebuild(const Dataset* ds, uint64_t generation);
    bool Loaded() const { return ds_ != nullptr; }
    // drill
    void FocusUnit(UnitRef u);
    void GoUp();
    // Zooms to `scale` (clamped between 1/4 of the fit and 4096x it) keeping the screen point `about` in place.
    void ZoomTo(double scale, ImVec2 about);
    void FitToShown();
    UnitRef Pick(ImVec2 screen) const;
    UnitRef PickAt(Level level, ImVec2 screen) const;
    Level FillLevel() const;
    // colours
    void UpdateColors();
    uint32_t UnitFill(Level level, int32_t i) const;
    FillPattern UnitPattern(Level level, int32_t i) const;
    const ColorScale& ScaleFor(Level level);
    std::string ColorMeaning(GridColor c) const;
    void UpdateHatch(int fill_level);
    // drawing
    void DrawMap(UiContext& ctx, ImVec2 p0, ImVec2 size);
    void DrawUnitOutline(ImDrawList* dl, UnitRef u, ImU32 col, float thickness) const;
    void DrawLabels(ImDrawList* dl, const FrameOutput& out, Level level);
    void DrawToolbar(UiContext& ctx);
    void DrawSearch(UiContext& ctx, float width);
    void DrawSidePanel(UiContext& ctx, float width, float height);
    void DrawLegend(UiContext& ctx);
    void DrawSelection(UiContext& ctx);
    void DrawTooltip(UiContext& ctx, UnitRef u, UnitRef under);
    void Swatch(uint32_t col, FillPattern pattern, float size) const;
    // state
    nlohmann::json UnitJson(UnitRef u) const;
    nlohmann::json MapStateJson() const;
    int VisibleUnits() const;
    std::string PathOf(UnitRef u) const; // "沙子口街道 › 段家埠社区" (ancestors below the district)

    // ---- per dataset ----
    uint64_t generation_ = ~uint64_t(0);
    const Dataset* ds_ = nullptr;
    MapModel model_;
    MapMetrics metrics_;
    MapNavigator nav_;
    MapSearch search_;
    std::string color_meaning_[kGridColorCount]; // from the data's grid categories, "" = the default wording
    bool grid_color_used_[kGridColorCount] = {};

    // ---- options ----
    MapColorMode mode_ = MapColorMode::GridColor;
    MapMetric metric_ = MapMetric::Households;
    bool masking_ = true;
    bool force_mask_ = false; // presentations mask whatever the checkbox says
    bool desk_controls_ = true; // search, buttons and option widgets drawn (not on a slide)
    bool labels_ = true;
    bool finest_ = false; // fill with micro-grids at every level (the whole district at its finest)

    // ---- view ----
    ViewTransform view_;
    Box canvas_;            // last frame's map rectangle, screen pixels
    bool fit_pending_ = true;
    bool dragging_ = false;
    float drag_dist_ = 0;
    UnitRef hovered_;
    bool back_down_ = false; // io.MouseDown[3] last frame

    // ---- colours, rebuilt when the focus or the colouring changes ----
    std::vector<uint32_t> fill_[kLevelCount];
    uint64_t colors_key_ = ~uint64_t(0);
    ColorScale scales_[kLevelCount];
    int scale_metric_[kLevelCount] = {-1, -1, -1, -1, -1};

    // ---- hatch cache (world space) ----
    std::vector<HatchSeg> hatch_;
    std::vector<std::pair<int64_t, double>> hatch_scratch_;
    uint64_t hatch_key_ = ~uint64_t(0);
    int hatch_zoom_step_ = 1 << 30;
    double hatch_spacing_px_ = 0;

    // ---- frame buffers, reused ----
    FrameOutput out_context_, out_fill_, out_shown_, out_district_;
    struct PlacedLabel
    {
        float x0, y0, x1, y1;
    };
    std::vector<PlacedLabel> placed_;
    std::vector<int32_t> label_order_;
    int labels_drawn_ = 0;
    uint32_t units_drawn_ = 0;
    int lod_ = 0;

    // ---- toolbar and panel ----
    std::vector<std::pair<ImVec2, ImVec2>> crumb_rects_; // last frame's breadcrumb items, for the state
    char search_buf_[128] = {};
    std::string search_last_;
    std::vector<UnitRef> search_hits_;
    bool search_list_hovered_ = false;
    UnitRef panel_unit_;
    std::vector<int32_t> panel_teams_;
    std::vector<int32_t> panel_activities_;
};

} // namespace gridstar::ui::map
