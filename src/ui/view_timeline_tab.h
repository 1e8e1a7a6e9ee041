// The Timeline view's class, shared by view_timeline.cpp (dataset sync, drawing, input) and view_timeline_api.cpp
// (the JavaScript commands, GridStar.state().timeline, scenes and CSV export). Nothing outside these two files
// includes it; the factory is in views.h.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

#include <nlohmann/json.hpp>

#include "core/time_ticks.h"
#include "core/timeline.h"
#include "core/timeline_view_model.h"
#include "ui/strings.h"
#include "ui/view.h"

namespace gridstar::ui::tl
{

using nlohmann::json;

constexpr float kLaneHeight = 30.0f; // a density lane, or a bar lane whose bars are too short for titles
constexpr float kLabelWidth = 220.0f;
constexpr int kBusiestShown = 3;

extern const char* const kGroupIds[kLaneGroupingCount]; // "team", "category", "street", "community"
bool GroupingFromName(const std::string& name, LaneGrouping* out);

class TimelineTab : public View
{
public:
    void Draw(UiContext& ctx) override;
    void AppendState(json& state) const override;
    bool HandleCommand(UiContext& ctx, const std::string& name, const json& args, json* result) override;
    // Presentation: the range, grouping and playback as a scene ("timeline 2024 playing").
    json SceneSettings() const override;
    void ApplySceneSettings(UiContext& ctx, const json& settings) override;

private:
    // ---- dataset sync ----
    bool Sync(Session& s);
    void ApplyFilter(const TimelineFilter& f);
    void SetGrouping(LaneGrouping g);
    void RebuildLanes();
    void SetWindow(TimeWindow w, bool keep_in_bounds);
    void ApplyPreset(RangePreset p);
    const TimelineTotals& WindowTotals() const;
    const TimelineTotals& PlaybackTotals() const;
    json StateSection() const;
    json FilterJson() const;
    // Downloads the activities the summary bar counts (filter + visible range) as CSV; returns {filename, rows}.
    json ExportCsv(UiContext& ctx);

    // ---- drawing ----
    void DrawToolbar(UiContext& ctx);
    void DrawFilterCombos();
    void DrawPlaybackBar(UiContext& ctx);
    void DrawRangeText();
    void DrawSummary(UiContext& ctx);
    void DrawAxis(UiContext& ctx, float x0, float width);
    void DrawLanes(UiContext& ctx, float height);
    void DrawDetails(UiContext& ctx);
    void DrawLegend(bool presenting);
    void HandleKeys();
    void HandlePlotInput(float mouse_x, bool hovered, bool active);
    void DrawMarksAndCursor(ImDrawList* dl, float y0, float y1, bool labels);
    void DrawSelection(ImDrawList* dl, float y0, float y1);
    float XOf(TimeSec t) const { return plot_x0_ + float(TimeToFrac(window_, t)) * plot_w_; }

    // ---- dataset-derived (rebuilt when the session's generation changes) ----
    const Session* session_ = nullptr;
    const Dataset* ds_ = nullptr; // valid while generation_ == session_->generation()
    uint64_t generation_ = 0;
    bool built_ = false;
    TimelineIndex index_;
    WindowLimits limits_;
    TimeSec data_t0_ = 0, data_t1_ = 1;
    std::vector<MarkedDate> marked_;
    std::vector<std::vector<int32_t>> street_communities_;

    // ---- what is shown ----
    TimeWindow window_;
    PlaybackClock clock_;
    int filter_version_ = 0;
    std::vector<int32_t> lanes_;           // non-empty lanes of the grouping, busiest first
    std::vector<std::string> lane_labels_; // by lane id
    char search_[128] = {};
    int32_t selected_ = -1; // activity index
    int32_t hovered_ = -1;

    // ---- caches and per-frame buffers (reused, so a frame allocates little) ----
    mutable TimeWindow totals_window_{0, 0};
    mutable int totals_version_ = -1;
    mutable TimelineTotals totals_;
    mutable TimeWindow running_window_{0, 0};
    mutable TimeSec running_cursor_ = 0;
    mutable int running_version_ = -1;
    mutable TimelineTotals running_;
    TickSet ticks_;
    TimeWindow ticks_window_{0, 0};
    float ticks_width_ = 0;
    int ticks_language_ = -1;
    std::vector<MarkedInstant> marks_;
    TimeWindow marks_window_{0, 0};
    TimelineView query_;
    std::vector<int32_t> query_lanes_;
    std::vector<float> bar_x0_, bar_x1_;
    std::vector<int8_t> bar_row_;
    // Height of each lane (by position in lanes_), measured when it was last drawn: bar lanes grow to show
    // overlapping titled bars one above the other. Lanes not yet drawn count as kLaneHeight.
    std::vector<float> lane_heights_;
    struct RowLayout
    {
        int32_t lane;
        float y, h;
        bool density;
    };
    std::vector<RowLayout> rows_; // lanes drawn in the last frame, for state()

    // ---- interaction ----
    enum class Drag
    {
        None,
        Pan,
        Select
    };
    Drag drag_ = Drag::None;
    float drag_start_x_ = 0;
    float drag_x_ = 0;
    TimeWindow drag_window_;
    bool drag_moved_ = false;

    // ---- layout of the last frame (CSS pixels), reported in state() for tests ----
    float plot_x0_ = 0, plot_w_ = 1;
    float axis_y0_ = 0, axis_y1_ = 0, lanes_y0_ = 0, lanes_y1_ = 0;
    float scroll_y_ = 0;
    ImVec2 export_min_{0, 0}, export_max_{0, 0}; // the Export CSV button
    int lanes_visible_ = 0, density_lanes_ = 0, bar_lanes_ = 0;
};

} // namespace gridstar::ui::tl
