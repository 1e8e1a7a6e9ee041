// The Ranking view's class, shared by its three files: view_ranking.cpp (state, toolbar, table),
// view_ranking_panels.cpp (race, explanation, trend, distribution, what-if) and view_ranking_api.cpp (the JavaScript
// commands and GridStar.state().ranking). Nothing outside these files includes it; the factory is in views.h.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

#include <nlohmann/json.hpp>

#include "core/ranking.h"
#include "core/ranking_view_model.h"
#include "ui/view.h"

namespace gridstar::ui::rk
{

using nlohmann::json;

constexpr size_t kMaxPins = 8;
constexpr ImU32 kBackground = IM_COL32(14, 22, 38, 255); // the window's navy, under race labels
constexpr float kMargin = 16;

enum class Mode
{
    Table,
    Race
};
enum class SideTab : int
{
    Explain = 0,
    Trend,
    Distribution,
    WhatIf,
    Count
};
extern const char* const kSideTabNames[4]; // GridStar.state().ranking.panel

std::string Fmt(const char* fmt, ...);
// "一星".."五星" / "1 star".."5 stars"; 0 = no star.
const char* StarName(int stars);
// "2023-Q1" -> "23Q1" so eight periods fit under a small chart; other ids stay as they are.
std::string ShortPeriod(const std::string& id);
// [x, y, w, h] in CSS pixels, for GridStar.state().ranking.hit.
nlohmann::json RectJson(ImVec2 p0, ImVec2 p1);
// Street colours for the race bars: distinct hues on navy.
ImU32 StreetColor(int street);

class RankingView : public View
{
public:
    void Draw(UiContext& ctx) override;
    void AppendState(json& state) const override;
    bool HandleCommand(UiContext& ctx, const std::string& name, const json& args, json* result) override;
    // Presentation: period, class and mode as a scene; the clicker steps the race period by period.
    json SceneSettings() const override;
    void ApplySceneSettings(UiContext& ctx, const json& settings) override;
    bool StepInScene(UiContext& ctx, int dir) override;

private:
    // ---- state and sync ----
    bool Sync(const Session& session); // false when there is nothing to rank
    const RankingResult& Shown() const { return what_if_.active ? sim_ : published_; }
    void SetPeriod(int32_t p);
    void SetClass(int32_t c);
    void Select(int32_t unit, bool open_panel);
    void EnsureRows();
    void MarkDirty() { rows_dirty_ = true; }
    int32_t UnitIndex(const std::string& id) const;
    bool ParsePeriod(const json& v, int32_t* out) const;
    bool ParseClass(const json& v, int32_t* out) const;
    std::string ExportCsv(UiContext& ctx);
    json RowsJson() const;
    json RaceJson() const;
    int ColumnIndexOf(RowColumn c) const;

    // ---- drawing ----
    void DrawToolbar(UiContext& ctx);
    void DrawTable(UiContext& ctx, ImVec2 size);
    void DrawRow(const RankingRow& row, bool pinned_copy, float row_h);
    void DrawRace(UiContext& ctx, ImVec2 size);
    void DrawRaceButtons();
    void DrawRaceStreetKey(const std::vector<RaceBar>& bars, float width);
    void DrawSide(UiContext& ctx, ImVec2 size);
    void DrawExplain(UiContext& ctx);
    void DrawTrend(UiContext& ctx);
    void DrawDistribution(UiContext& ctx);
    void DrawWhatIf(UiContext& ctx);
    bool DrawRuleSets(UiContext& ctx);
    void SaveRuleSet(UiContext& ctx, const std::string& name);
    void LoadRuleSet(const RuleSet& set);
    json RuleSetsJson() const; // {rule_sets: [{name, saved_at}], loaded: name | null}

    const Dataset* ds_ = nullptr;
    uint64_t generation_ = ~uint64_t(0);
    RankingResult published_;
    RankingResult sim_;
    WhatIf what_if_;
    char rule_set_name_[96] = {};
    std::string loaded_rule_set_; // the saved set the simulation was last loaded from or saved as
    bool sim_dirty_ = false;
    double published_compute_ms_ = 0; // the last ComputeRanking of the published rules, wall time
    double sim_compute_ms_ = 0;       // the last one of the what-if rules
    double sim_update_ms_ = 0;        // that recompute plus the rows and moves the view shows

    int32_t period_ = 0;
    int32_t cls_ = 0;
    RowColumn sort_col_ = RowColumn::Rank;
    bool sort_asc_ = true;
    bool pending_sort_ = false; // set by the API; applied to the table's specs on its next draw
    std::vector<RankingRow> rows_;
    bool rows_dirty_ = true;
    std::vector<UnitDiff> diffs_;      // simulated vs published, this period
    std::vector<int32_t> diff_of_unit_; // index into diffs_, -1 = unchanged

    std::vector<std::string> pinned_;
    int32_t selected_ = -1;
    Explanation explain_;
    Mode mode_ = Mode::Table;
    bool focus_race_ = false;
    RaceClock race_;
    SideTab tab_ = SideTab::Explain;
    bool force_tab_ = false;
    bool show_names_ = false;
    bool presenting_ = false; // presentations always mask names, whatever the checkbox says

    // Where things were drawn last frame (CSS pixels), for GridStar.state() and tests that click real coordinates.
    json hit_ = json::object();
    ImVec2 row_min_, row_max_; // the last drawn row on screen (its Selectable)
    bool row_visible_ = false;
};

} // namespace gridstar::ui::rk
