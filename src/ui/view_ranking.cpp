// Ranking (争星夺旗): pick a period and a class, read the sortable table with stars, movement and rewards, click a
// unit to see why it ranks there, follow its trend, play the race between periods, see the star distribution,
// export the table as CSV, and try other weights and thresholds in a clearly marked simulation.
//
// Files: view_ranking.cpp (this: state and sync, toolbar, table), view_ranking_panels.cpp (race, explanation, trend,
// distribution, what-if), view_ranking_api.cpp (JavaScript commands, GridStar.state().ranking), view_ranking_view.h
// (the class they share), view_ranking_charts.* (stars, bars, line/bump/stacked charts).
//
// Everything computed lives in core (ranking.h, ranking_view_model.h); these files map it to pixels. The JavaScript
// API (GridStar.ranking/explain/...) goes through the same setters as the widgets.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "imgui.h"
#include "imgui_internal.h" // TableSetColumnSortDirection: API sorts go through the table's own sort specs

#include "core/ranking_export.h"
#include "ui/strings.h"
#include "ui/view_ranking_charts.h"
#include "ui/view_ranking_view.h"
#include "ui/views.h"

namespace gridstar::ui
{
namespace rk
{

const char* const kSideTabNames[4] = {"explain", "trend", "distribution", "what_if"};

std::string Fmt(const char* fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

const char* StarName(int stars)
{
    static const Str kNames[] = {Str::RkStars1, Str::RkStars2, Str::RkStars3, Str::RkStars4, Str::RkStars5};
    return stars >= 1 && stars <= 5 ? Tr(kNames[stars - 1]) : Tr(Str::RkNoStar);
}

std::string ShortPeriod(const std::string& id)
{
    if (id.size() == 7 && id[4] == '-' && id[5] == 'Q')
    {
        return id.substr(2, 2) + id.substr(5);
    }
    return id;
}

json RectJson(ImVec2 p0, ImVec2 p1)
{
    return json::array({p0.x, p0.y, p1.x - p0.x, p1.y - p0.y});
}

ImU32 StreetColor(int street)
{
    static const ImU32 kColors[] = {IM_COL32(66, 133, 244, 255), IM_COL32(230, 88, 70, 255),
                                    IM_COL32(246, 178, 60, 255), IM_COL32(52, 178, 130, 255),
                                    IM_COL32(160, 110, 230, 255), IM_COL32(40, 190, 210, 255),
                                    IM_COL32(230, 120, 180, 255), IM_COL32(150, 170, 70, 255)};
    return street < 0 ? IM_COL32(120, 130, 150, 255) : kColors[size_t(street) % (sizeof kColors / sizeof kColors[0])];
}

namespace
{
double MsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

// ---- state and sync ----------------------------------------------------------------------------------------------

bool RankingView::Sync(const Session& session)
{
    const Dataset* ds = session.dataset();
    if (ds != ds_ || session.generation() != generation_)
    {
        ds_ = ds;
        generation_ = session.generation();
        pinned_.clear();
        selected_ = -1;
        explain_ = Explanation();
        mode_ = Mode::Table;
        if (ds)
        {
            const auto t0 = std::chrono::steady_clock::now();
            ComputeRanking(*ds, &published_);
            published_compute_ms_ = MsSince(t0);
            what_if_.Reset(ds->competition);
            loaded_rule_set_.clear();
            what_if_.active = false;
            period_ = std::max(0, published_.period_count - 1);
            cls_ = 0;
            race_ = RaceClock();
            race_.period_count = published_.period_count;
            race_.Seek(double(period_ - 1));
        }
        rows_dirty_ = true;
    }
    return ds_ && ds_->competition.present && !ds_->competition.periods.empty() &&
           !ds_->competition.classes.empty() && !ds_->communities.empty();
}

void RankingView::SetPeriod(int32_t p)
{
    if (p != period_)
    {
        period_ = p;
        rows_dirty_ = true;
    }
}

void RankingView::SetClass(int32_t c)
{
    if (c != cls_)
    {
        cls_ = c;
        rows_dirty_ = true;
        if (selected_ >= 0 && published_.unit_class[size_t(selected_)] != c)
        {
            selected_ = -1;
        }
    }
}

void RankingView::Select(int32_t unit, bool open_panel)
{
    selected_ = unit;
    rows_dirty_ = true;
    if (open_panel)
    {
        tab_ = SideTab::Explain;
        force_tab_ = true;
    }
}

int32_t RankingView::UnitIndex(const std::string& id) const
{
    for (size_t u = 0; ds_ && u < ds_->communities.size(); ++u)
    {
        if (ds_->communities[u].id == id)
        {
            return int32_t(u);
        }
    }
    return -1;
}

void RankingView::EnsureRows()
{
    const auto t_start = std::chrono::steady_clock::now();
    const bool recompute = sim_dirty_ && ds_;
    if (recompute)
    {
        const auto t0 = std::chrono::steady_clock::now();
        ComputeRanking(*ds_, what_if_.rules, what_if_.weights, &sim_);
        sim_compute_ms_ = MsSince(t0);
        sim_dirty_ = false;
        rows_dirty_ = true;
    }
    if (!rows_dirty_ || !ds_)
    {
        return;
    }
    rows_ = BuildRows(*ds_, Shown(), period_, cls_);
    SortRows(&rows_, sort_col_, sort_asc_);
    diffs_.clear();
    diff_of_unit_.assign(ds_->communities.size(), -1);
    if (what_if_.active)
    {
        diffs_ = DiffRankings(published_, sim_, period_);
        for (size_t i = 0; i < diffs_.size(); ++i)
        {
            diff_of_unit_[size_t(diffs_[i].unit)] = int32_t(i);
        }
    }
    explain_ = selected_ >= 0 ? Explain(*ds_, Shown(), selected_, period_) : Explanation();
    rows_dirty_ = false;
    if (recompute)
    {
        sim_update_ms_ = MsSince(t_start); // recompute, the table's rows and the moves: what an edit costs the view
    }
}

bool RankingView::ParsePeriod(const json& v, int32_t* out) const
{
    const std::vector<Period>& periods = ds_->competition.periods;
    if (v.is_number_integer())
    {
        const int32_t p = v.get<int32_t>();
        if (p >= 0 && size_t(p) < periods.size())
        {
            *out = p;
            return true;
        }
        return false;
    }
    if (v.is_string())
    {
        for (size_t i = 0; i < periods.size(); ++i)
        {
            if (periods[i].id == v.get<std::string>() || periods[i].name == v.get<std::string>())
            {
                *out = int32_t(i);
                return true;
            }
        }
    }
    return false;
}

bool RankingView::ParseClass(const json& v, int32_t* out) const
{
    const std::vector<CompetitionClass>& classes = ds_->competition.classes;
    if (v.is_number_integer())
    {
        const int32_t c = v.get<int32_t>();
        if (c >= 0 && size_t(c) < classes.size())
        {
            *out = c;
            return true;
        }
        return false;
    }
    if (v.is_string())
    {
        for (size_t i = 0; i < classes.size(); ++i)
        {
            if (classes[i].id == v.get<std::string>() || classes[i].name == v.get<std::string>())
            {
                *out = int32_t(i);
                return true;
            }
        }
    }
    return false;
}

int RankingView::ColumnIndexOf(RowColumn c) const
{
    const int k = int(ds_->competition.indicators.size());
    switch (c)
    {
    case RowColumn::Rank:
        return 1;
    case RowColumn::Delta:
        return 2;
    case RowColumn::Name:
        return 3;
    case RowColumn::Street:
        return 4;
    case RowColumn::Stars:
        return 5;
    case RowColumn::Total:
        return 6;
    case RowColumn::Bonus:
        return 7 + k;
    case RowColumn::Deductions:
        return 8 + k;
    case RowColumn::RewardCommunity:
        return 9 + k;
    case RowColumn::Status:
        return 10 + k;
    default:
        break;
    }
    const int ind = int(c) - int(RowColumn::IndicatorFirst);
    return ind >= 0 && ind < k ? 7 + ind : -1;
}

std::string RankingView::ExportCsv(UiContext& ctx)
{
    EnsureRows();
    CsvOptions options;
    options.english = CurrentLanguage() == Lang::En;
    options.mask_personal = !show_names_ || ctx.mask_personal && ctx.presenting;
    const std::string csv = RankingRowsToCsv(rows_, *ds_, options);
    const Competition& comp = ds_->competition;
    const std::string name = RankingCsvFileName(comp.periods[size_t(period_)].id,
                                                comp.classes[size_t(cls_)].id + (what_if_.active ? "-simulated" : ""));
    if (ctx.hooks.save_file)
    {
        ctx.hooks.save_file(name, csv, "text/csv;charset=utf-8");
    }
    return name;
}

// ---- toolbar -----------------------------------------------------------------------------------------------------

void RankingView::DrawToolbar(UiContext& ctx)
{
    const Competition& comp = ds_->competition;
    ImGui::SetCursorPos(ImVec2(kMargin, 10));
    ImGui::PushFont(ctx.heading);
    ImGui::TextUnformatted(Tr(Str::ViewRanking));
    ImGui::PopFont();
    ImGui::SameLine(0, 24);

    json items = json::array();
    auto combo = [&](const char* id, const char* label, const char* preview, float width, auto&& body) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(label);
        ImGui::SameLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        hit_[id] = RectJson(p, ImVec2(p.x + width, p.y + ImGui::GetFrameHeight()));
        ImGui::SetNextItemWidth(width);
        if (ImGui::BeginCombo((std::string("##") + id).c_str(), preview, ImGuiComboFlags_HeightLarge))
        {
            body();
            ImGui::EndCombo();
        }
        ImGui::SameLine(0, 18);
    };
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 3);
    combo("period_combo", Tr(Str::RkPeriod), comp.periods[size_t(period_)].name.c_str(), 170, [&] {
        for (size_t i = 0; i < comp.periods.size(); ++i)
        {
            if (ImGui::Selectable(comp.periods[i].name.c_str(), int32_t(i) == period_))
            {
                SetPeriod(int32_t(i));
            }
            items.push_back({{"combo", "period"}, {"id", comp.periods[i].id},
                             {"rect", RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())}});
        }
    });
    combo("class_combo", Tr(Str::RkClass), comp.classes[size_t(cls_)].name.c_str(), 130, [&] {
        for (size_t i = 0; i < comp.classes.size(); ++i)
        {
            if (ImGui::Selectable(comp.classes[i].name.c_str(), int32_t(i) == cls_))
            {
                SetClass(int32_t(i));
            }
            items.push_back({{"combo", "class"}, {"id", comp.classes[i].id},
                             {"rect", RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())}});
        }
    });
    hit_["combo_items"] = items;

    // Mode: two joined toggle buttons.
    auto toggle = [&](const char* hit_name, const char* label, bool on) {
        ImGui::PushStyleColor(ImGuiCol_Button, on ? ImVec4(0.72f, 0.16f, 0.14f, 1) : ImVec4(0.14f, 0.2f, 0.33f, 1));
        const bool pressed = ImGui::Button(label);
        ImGui::PopStyleColor();
        hit_[hit_name] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        return pressed;
    };
    if (toggle("table_button", Tr(Str::RkModeTable), mode_ == Mode::Table))
    {
        mode_ = Mode::Table;
    }
    ImGui::SameLine(0, 2);
    if (toggle("race_button", Tr(Str::RkModeRace), mode_ == Mode::Race) && mode_ != Mode::Race)
    {
        mode_ = Mode::Race;
        focus_race_ = true;
        race_.playing = false;
        race_.Seek(double(period_ > 0 ? period_ - 1 : 0));
    }
    ImGui::SameLine(0, 18);
    if (ImGui::Button(Tr(Str::RkExportCsv)))
    {
        ExportCsv(ctx);
    }
    hit_["export_button"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine(0, 18);
    if (ImGui::Checkbox(Tr(Str::RkShowNames), &show_names_))
    {
        rows_dirty_ = true;
    }

    // Budget line: what this period pays in all classes against the budget.
    const RankingResult& r = Shown();
    const PeriodBudget& b = r.budgets[size_t(period_)];
    ImGui::SetCursorPosX(kMargin);
    if (what_if_.active)
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 ts = ImGui::CalcTextSize(Tr(Str::RkSimulated));
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + ts.x + 16, p.y + ts.y + 4), rk::kSim, 4);
        ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + 8, p.y + 2), IM_COL32(20, 20, 30, 255),
                                            Tr(Str::RkSimulated));
        ImGui::Dummy(ImVec2(ts.x + 16, ts.y + 4));
        ImGui::SameLine(0, 12);
    }
    ImGui::TextColored(ImVec4(0.78f, 0.83f, 0.92f, 1), Tr(Str::RkBudgetLine), FormatYuan(b.total).c_str(),
                       FormatYuan(b.community).c_str(), FormatYuan(b.secretary).c_str(),
                       b.budget_set ? FormatYuan(b.budget).c_str() : Tr(Str::RkBudgetNotSet));
    if (b.budget_set)
    {
        ImGui::SameLine(0, 12);
        if (b.over > 0)
        {
            ImGui::TextColored(ImColor(rk::kUp), Tr(Str::RkBudgetOver), FormatYuan(b.over).c_str());
        }
        else
        {
            ImGui::TextColored(ImColor(rk::kGood), Tr(Str::RkBudgetLeft), FormatYuan(-b.over).c_str());
        }
    }
    const size_t cc = r.ClassCell(period_, cls_);
    ImGui::SameLine(0, 24);
    ImGui::TextDisabled(Tr(Str::RkRankedOf), r.class_size[cc], r.class_members[size_t(cls_)]);
}

// ---- table -------------------------------------------------------------------------------------------------------

void RankingView::DrawTable(UiContext& ctx, ImVec2 size)
{
    const Competition& comp = ds_->competition;
    const int k = int(comp.indicators.size());
    const int ncols = 11 + k;
    const std::vector<const RankingRow*> pinned = PinnedRows(rows_, pinned_);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(7, 5));
    ImGui::PushStyleColor(ImGuiCol_TableRowBg, ImVec4(0.07f, 0.11f, 0.19f, 1));
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, ImVec4(0.09f, 0.135f, 0.225f, 1));
    ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, ImVec4(0.2f, 0.28f, 0.42f, 1));
    ImGui::PushStyleColor(ImGuiCol_TableBorderLight, ImVec4(0.15f, 0.21f, 0.33f, 1));
    const ImVec2 table_pos = ImGui::GetCursorScreenPos();
    hit_["table"] = RectJson(table_pos, ImVec2(table_pos.x + size.x, table_pos.y + size.y));
    if (ImGui::BeginTable("##rk_table", ncols, flags, size))
    {
        const float em = ImGui::GetFontSize();
        // Never narrower than the header and its sort arrow (English headers are longer).
        auto fit = [&](const char* label, float width) { return std::max(width, ImGui::CalcTextSize(label).x + em * 1.3f); };
        ImGui::TableSetupScrollFreeze(4, 1 + int(pinned.size()));
        ImGui::TableSetupColumn("##pin", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed, em * 0.9f);
        ImGui::TableSetupColumn(Tr(Str::RkColRank),
                                ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortAscending,
                                fit(Tr(Str::RkColRank), em * 2.4f), ImGuiID(RowColumn::Rank));
        const char* move_label = what_if_.active ? Tr(Str::RkColVsPublished) : Tr(Str::RkColMove);
        ImGui::TableSetupColumn(move_label, ImGuiTableColumnFlags_PreferSortDescending, fit(move_label, em * 3.4f),
                                ImGuiID(RowColumn::Delta));
        ImGui::TableSetupColumn(Tr(Str::RkColName), 0, em * 8.2f, ImGuiID(RowColumn::Name));
        ImGui::TableSetupColumn(Tr(Str::RkColStreet), 0, em * 5.2f, ImGuiID(RowColumn::Street));
        ImGui::TableSetupColumn(Tr(Str::RkColStars), ImGuiTableColumnFlags_PreferSortDescending, em * 4.6f,
                                ImGuiID(RowColumn::Stars));
        ImGui::TableSetupColumn(Tr(Str::RkColTotal), ImGuiTableColumnFlags_PreferSortDescending,
                                fit(Tr(Str::RkColTotal), em * 3.4f),
                                ImGuiID(RowColumn::Total));
        for (int i = 0; i < k; ++i)
        {
            const char* name = comp.indicators[size_t(i)].name.c_str();
            ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_PreferSortDescending,
                                    std::max(em * 3.0f, ImGui::CalcTextSize(name).x + em * 0.9f),
                                    ImGuiID(IndicatorColumn(i)));
        }
        ImGui::TableSetupColumn(Tr(Str::RkColBonus), ImGuiTableColumnFlags_PreferSortDescending,
                                fit(Tr(Str::RkColBonus), em * 3.4f),
                                ImGuiID(RowColumn::Bonus));
        ImGui::TableSetupColumn(Tr(Str::RkColDeductions), ImGuiTableColumnFlags_PreferSortDescending,
                                fit(Tr(Str::RkColDeductions), em * 2.8f),
                                ImGuiID(RowColumn::Deductions));
        ImGui::TableSetupColumn(Tr(Str::RkColReward), ImGuiTableColumnFlags_PreferSortDescending, em * 5.4f,
                                ImGuiID(RowColumn::RewardCommunity));
        ImGui::TableSetupColumn(Tr(Str::RkColStatus), 0, em * 12.0f, ImGuiID(RowColumn::Status));

        if (pending_sort_)
        {
            const int col = ColumnIndexOf(sort_col_);
            if (col >= 0)
            {
                ImGui::TableSetColumnSortDirection(
                    col, sort_asc_ ? ImGuiSortDirection_Ascending : ImGuiSortDirection_Descending, false);
            }
            pending_sort_ = false;
        }
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs())
        {
            if (specs->SpecsDirty && specs->SpecsCount > 0)
            {
                const RowColumn col = RowColumn(specs->Specs[0].ColumnUserID);
                const bool asc = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
                if (col != sort_col_ || asc != sort_asc_)
                {
                    sort_col_ = col;
                    sort_asc_ = asc;
                    rows_dirty_ = true;
                    EnsureRows();
                }
            }
            specs->SpecsDirty = false;
        }
        ImGui::TableHeadersRow();

        const float row_h = ImGui::GetTextLineHeight() + 10;
        json pinned_hits = json::array();
        json row_hits = json::array();
        for (const RankingRow* row : pinned)
        {
            DrawRow(*row, true, row_h);
            pinned_hits.push_back({{"id", row->id}, {"rect", RectJson(row_min_, row_max_)}});
        }
        for (const RankingRow& row : rows_)
        {
            DrawRow(row, false, row_h);
            if (row_visible_)
            {
                row_hits.push_back({{"id", row.id}, {"rect", RectJson(row_min_, row_max_)}});
            }
        }
        hit_["pinned_rows"] = pinned_hits;
        hit_["rows"] = row_hits;
        ImGui::EndTable();
    }
    ImGui::PopStyleColor(4);
    ImGui::PopStyleVar();
}

// Draws one row; row_min_/row_max_ receive its rect on screen.
void RankingView::DrawRow(const RankingRow& row, bool pinned_copy, float row_h)
{
    const Competition& comp = ds_->competition;
    const RankingResult& r = Shown();
    const bool selected = row.unit == selected_;
    const bool is_pinned = std::find(pinned_.begin(), pinned_.end(), row.id) != pinned_.end();
    const int32_t diff = what_if_.active && size_t(row.unit) < diff_of_unit_.size() ? diff_of_unit_[size_t(row.unit)]
                                                                                    : -1;
    ImGui::TableNextRow(0, row_h);
    if (pinned_copy)
    {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(34, 50, 86, 255));
    }
    if (diff >= 0)
    {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(255, 150, 40, 48));
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line_h = ImGui::GetTextLineHeight();
    const float em = ImGui::GetFontSize();

    ImGui::TableSetColumnIndex(1);
    const ImVec2 rank_pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(row.unit * 2 + (pinned_copy ? 1 : 0));
    const bool clicked = ImGui::Selectable("##row", selected,
                                           ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                           ImVec2(0, line_h));
    row_min_ = ImGui::GetItemRectMin();
    row_max_ = ImGui::GetItemRectMax();
    row_visible_ = ImGui::IsItemVisible();
    if (clicked)
    {
        Select(row.unit, true);
    }
    ImGui::PopID();
    if (row.rank > 0)
    {
        const std::string text = std::to_string(row.rank);
        const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
        const ImVec2 c(rank_pos.x + em * 0.75f, rank_pos.y + line_h * 0.5f);
        static const ImU32 kMedals[3] = {IM_COL32(236, 186, 50, 255), IM_COL32(178, 190, 206, 255),
                                         IM_COL32(205, 127, 70, 255)};
        if (row.rank <= 3)
        {
            dl->AddCircleFilled(c, line_h * 0.55f, kMedals[row.rank - 1]);
        }
        dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f),
                    row.rank <= 3 ? IM_COL32(20, 24, 36, 255) : rk::kText, text.c_str());
    }
    else
    {
        dl->AddText(rank_pos, rk::kMuted, "—");
    }

    // The pin button comes after the row's Selectable (which allows overlap), so it wins the click in its cell.
    ImGui::TableSetColumnIndex(0);
    ImGui::PushID(row.unit * 2 + (pinned_copy ? 1 : 0));
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("##pin", ImVec2(em * 0.9f, line_h)))
        {
            TogglePin(&pinned_, row.id, kMaxPins);
        }
        const bool hovered = ImGui::IsItemHovered();
        if (hovered)
        {
            ImGui::SetTooltip("%s", Tr(Str::RkPinTip));
        }
        const ImVec2 c(p.x + em * 0.45f, p.y + line_h * 0.5f);
        if (is_pinned)
        {
            dl->AddCircleFilled(c, em * 0.28f, rk::kGold);
        }
        else
        {
            dl->AddCircle(c, em * 0.26f, hovered ? rk::kGold : IM_COL32(90, 105, 140, 255), 0, 1.2f);
        }
    }
    ImGui::PopID();

    // Movement: since last period, or against the published result while simulating.
    ImGui::TableSetColumnIndex(2);
    {
        std::string text = "—";
        ImU32 col = rk::kMuted;
        int32_t before = 0, after = row.rank;
        bool have = false;
        if (what_if_.active)
        {
            before = published_.rank[published_.Cell(period_, row.unit)];
            have = true;
        }
        else if (row.movement != Movement::None)
        {
            before = row.prev_rank;
            have = true;
        }
        if (have && after > 0)
        {
            if (before == 0)
            {
                text = Tr(Str::RkMoveNew);
                col = rk::kNew;
            }
            else if (before > after)
            {
                text = "▲" + std::to_string(before - after);
                col = rk::kUp;
            }
            else if (before < after)
            {
                text = "▼" + std::to_string(after - before);
                col = rk::kDown;
            }
        }
        ImGui::TextColored(ImColor(col), "%s", text.c_str());
    }

    ImGui::TableSetColumnIndex(3);
    ImGui::TextUnformatted(row.name.c_str());
    if (row.top_title)
    {
        ImGui::SameLine(0, 6);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(rk::DrawFlag(dl, ImVec2(p.x, p.y + 2), line_h - 4), line_h));
    }

    ImGui::TableSetColumnIndex(4);
    if (row.street >= 0 && size_t(row.street) < ds_->streets.size())
    {
        ImGui::TextColored(ImColor(rk::kMuted), "%s", ds_->streets[size_t(row.street)].name.c_str());
    }

    ImGui::TableSetColumnIndex(5);
    if (row.rank > 0)
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        rk::DrawStars(dl, p, em * 0.9f, row.stars, kMaxStars);
        ImGui::Dummy(ImVec2(em * 0.9f * kMaxStars, line_h));
    }
    else
    {
        ImGui::TextColored(ImColor(rk::kMuted), "—");
    }

    ImGui::TableSetColumnIndex(6);
    rk::TextRightInCell(FormatPoints(row.total).c_str(), rk::kText);

    // Indicators below the next star's minimum are what hold the unit back: amber.
    double next_min_each = NAN;
    int next_level = kMaxStars + 1;
    for (const StarRule& sr : r.rules.stars)
    {
        if (sr.stars > row.stars && sr.stars < next_level)
        {
            next_level = sr.stars;
            next_min_each = sr.min_each;
        }
    }
    for (size_t i = 0; i < row.values.size(); ++i)
    {
        ImGui::TableSetColumnIndex(7 + int(i));
        const double v = row.values[i];
        const ImU32 col = !std::isfinite(v) ? rk::kWarn : (v < next_min_each ? rk::kWarn : rk::kText);
        rk::TextRightInCell(FormatPoints(v).c_str(), col);
    }
    const int k = int(comp.indicators.size());
    ImGui::TableSetColumnIndex(7 + k);
    rk::TextRightInCell(row.bonus > 0 ? ("+" + FormatPoints(row.bonus)).c_str() : "0",
                        row.bonus > 0 ? rk::kGood : rk::kMuted);
    ImGui::TableSetColumnIndex(8 + k);
    rk::TextRightInCell(row.deductions > 0 ? ("−" + FormatPoints(row.deductions)).c_str() : "0",
                        row.deductions > 0 ? rk::kUp : rk::kMuted);
    ImGui::TableSetColumnIndex(9 + k);
    const double reward = row.reward_community + row.reward_secretary;
    rk::TextRightInCell(reward > 0 ? FormatYuan(reward).c_str() : "—", reward > 0 ? rk::kText : rk::kMuted);
    ImGui::TableSetColumnIndex(10 + k);
    const std::string status = RowStatusText(row, comp, CurrentLanguage() == Lang::En);
    ImGui::TextColored(ImColor(row.rank > 0 ? rk::kMuted : rk::kWarn), "%s", status.c_str());

}

// ---- the view ------------------------------------------------------------------------------------------------------

void RankingView::Draw(UiContext& ctx)
{
    presenting_ = ctx.presenting;
    hit_ = json::object();
    if (!Sync(ctx.session))
    {
        ImGui::SetCursorPos(ImVec2(24, 16));
        ImGui::PushFont(ctx.heading);
        ImGui::TextUnformatted(Tr(Str::ViewRanking));
        ImGui::PopFont();
        ImGui::SetCursorPosX(24);
        ImGui::TextDisabled("%s", Tr(ctx.session.dataset() ? Str::RkNoCompetition : Str::NoDataset));
        return;
    }
    EnsureRows();
    if (ctx.presenting)
    {
        // A slide: the title, no pickers or buttons (the scene chose the period and class, the clicker steps).
        ImGui::SetCursorPos(ImVec2(kMargin, 10));
        ImGui::PushFont(ctx.heading);
        ImGui::TextUnformatted(Tr(Str::ViewRanking));
        ImGui::PopFont();
    }
    else
    {
        DrawToolbar(ctx);
        EnsureRows(); // the toolbar may have changed the period or class
    }

    ImGui::Dummy(ImVec2(0, 2));
    ImGui::SetCursorPosX(kMargin);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // The race on a slide takes the whole width (the side panel only explains a row clicked at the desk).
    const bool side = !(ctx.presenting && mode_ == Mode::Race);
    const float side_w = side ? std::min(ImGui::GetFontSize() * 24.5f, avail.x * 0.4f) : 0.0f;
    const float main_w = avail.x - side_w - kMargin * (side ? 2 : 1);
    const float h = avail.y - 10;
    if (mode_ == Mode::Race && focus_race_)
    {
        ImGui::SetNextWindowFocus();
        focus_race_ = false;
    }
    ImGui::BeginChild("##rk_main", ImVec2(main_w, h), false,
                      mode_ == Mode::Race ? ImGuiWindowFlags_NoNavInputs | ImGuiWindowFlags_NoScrollbar
                                          : ImGuiWindowFlags_NoScrollbar);
    if (mode_ == Mode::Table)
    {
        DrawTable(ctx, ImVec2(main_w, h));
    }
    else
    {
        DrawRace(ctx, ImVec2(main_w, h));
    }
    ImGui::EndChild();
    if (!side)
        return;
    ImGui::SameLine(0, kMargin);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.075f, 0.11f, 0.19f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 8));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 6);
    ImGui::BeginChild("##rk_side", ImVec2(side_w, h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    hit_["side"] = RectJson(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + side_w, ImGui::GetWindowPos().y + h));
    DrawSide(ctx, ImVec2(side_w, h));
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

} // namespace rk

std::unique_ptr<View> MakeRankingView()
{
    return std::make_unique<rk::RankingView>();
}

} // namespace gridstar::ui
