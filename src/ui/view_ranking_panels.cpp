// Ranking view: the race between periods and the side panels (explanation, trend, distribution, what-if).
#include <algorithm>
#include <ctime>
#include <cmath>

#include "imgui.h"

#include "core/ranking_export.h"
#include "core/time_util.h"
#include "ui/strings.h"
#include "ui/view_ranking_charts.h"
#include "ui/view_ranking_view.h"

namespace gridstar::ui::rk
{

// ---- race --------------------------------------------------------------------------------------------------------

void RankingView::DrawRaceButtons()
{
    if (ImGui::Button(Tr(Str::RkRacePrev)))
    {
        race_.StepBack();
    }
    hit_["race_prev"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.72f, 0.16f, 0.14f, 1));
    if (ImGui::Button(race_.playing ? Tr(Str::RkRacePause) : Tr(Str::RkRacePlay), ImVec2(ImGui::GetFontSize() * 5, 0)))
    {
        race_.TogglePlay();
    }
    ImGui::PopStyleColor();
    hit_["race_play"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine();
    if (ImGui::Button(Tr(Str::RkRaceNext)))
    {
        race_.StepForward();
    }
    hit_["race_next"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine(0, 16);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", Tr(Str::RkRaceKeys));
}

// What the bars' colours mean: the streets of this class's units, on the header line while there is room.
void RankingView::DrawRaceStreetKey(const std::vector<RaceBar>& bars, float width)
{
    std::vector<bool> present(ds_->streets.size(), false);
    for (const RaceBar& b : bars)
    {
        const int32_t street = ds_->communities[size_t(b.unit)].street;
        if (street >= 0 && size_t(street) < present.size())
            present[size_t(street)] = true;
    }
    const float em = ImGui::GetFontSize();
    const float right = ImGui::GetWindowPos().x + width - em;
    ImGui::SameLine(0, em * 1.5f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    json shown = json::array(); // for tests: the key's entries as drawn
    for (size_t s = 0; s < present.size(); ++s)
    {
        if (!present[s])
            continue;
        const char* name = ds_->streets[s].name.c_str();
        const float need = em * 1.1f + ImGui::CalcTextSize(name).x + em;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (p.x + need > right)
            break;
        const float y = p.y + ImGui::GetStyle().FramePadding.y + em * 0.15f;
        dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + em * 0.8f, y + em * 0.8f), StreetColor(int(s)), 2.0f);
        ImGui::SetCursorScreenPos(ImVec2(p.x + em * 1.1f, p.y));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(name);
        ImGui::SameLine(0, em);
        shown.push_back(name);
    }
    ImGui::NewLine();
    hit_["race_key"] = std::move(shown);
}

void RankingView::DrawRace(UiContext& ctx, ImVec2 size)
{
    const Competition& comp = ds_->competition;
    ImGuiIO& io = ImGui::GetIO();
    // Keys: this child has no nav inputs, so space and the arrows reach only the race.
    if (!io.WantTextInput && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup))
    {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false))
        {
            race_.TogglePlay();
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), false))
        {
            race_.StepForward();
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), false))
        {
            race_.StepBack();
        }
    }
    race_.Advance(double(ctx.dt));
    const std::vector<RaceBar> bars = RaceFrame(*ds_, Shown(), cls_, race_.position);

    const int32_t from = race_.FromPeriod(), to = race_.ToPeriod();
    ImGui::PushFont(ctx.heading);
    if (from == to)
    {
        ImGui::TextUnformatted(comp.periods[size_t(from)].name.c_str());
    }
    else
    {
        ImGui::Text("%s  ›  %s", comp.periods[size_t(from)].name.c_str(), comp.periods[size_t(to)].name.c_str());
    }
    ImGui::PopFont();
    ImGui::SameLine(0, 16);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    ImGui::TextDisabled("%s · %s", comp.classes[size_t(cls_)].name.c_str(), what_if_.active ? Tr(Str::RkSimulated)
                                                                                            : Tr(Str::RkPublished));
    DrawRaceStreetKey(bars, size.x);

    // On a slide the clicker steps the race; the buttons and key hints are for the desk.
    if (!presenting_)
        DrawRaceButtons();

    // Bars.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float em = ImGui::GetFontSize();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float timeline_h = em * 3.2f;
    const float area_h = std::max(60.0f, size.y - (top.y - ImGui::GetWindowPos().y) - timeline_h);
    const float row_h = std::max(em * 1.55f, std::min(em * 2.2f, area_h / 15.0f));
    const int top_n = std::max(3, int(area_h / row_h));
    double max_value = 1;
    for (const RaceBar& b : bars)
    {
        if (b.slot < float(top_n))
        {
            max_value = std::max(max_value, b.value);
        }
    }
    const float rank_w = em * 2.2f, name_w = em * 8.5f, value_w = em * 4.0f;
    const float bar_x0 = top.x + rank_w + name_w;
    const float bar_w = std::max(40.0f, size.x - rank_w - name_w - value_w - 16);
    dl->PushClipRect(top, ImVec2(top.x + size.x, top.y + float(top_n) * row_h), true);
    for (const RaceBar& b : bars)
    {
        if (b.slot > float(top_n))
        {
            continue;
        }
        const float y = top.y + b.slot * row_h;
        const float a = b.alpha;
        const Community& c = ds_->communities[size_t(b.unit)];
        const bool sel = b.unit == selected_;
        const std::string rank = b.rank_shown > 0 ? std::to_string(b.rank_shown) : "";
        const ImVec2 rs = ImGui::CalcTextSize(rank.c_str());
        const ImVec2 ns = ImGui::CalcTextSize(c.name.c_str());
        // Crossing bars overlap for a moment: each label sits on the background colour, the later one on top.
        dl->AddRectFilled(ImVec2(top.x, y + 1), ImVec2(bar_x0 - 2, y + row_h - 1), rk::WithAlpha(kBackground, a));
        dl->AddText(ImVec2(top.x + rank_w - rs.x - 8, y + (row_h - rs.y) * 0.5f), rk::WithAlpha(rk::kMuted, a),
                    rank.c_str());
        dl->AddText(ImVec2(bar_x0 - ns.x - 10, y + (row_h - ns.y) * 0.5f),
                    rk::WithAlpha(sel ? rk::kGold : rk::kText, a), c.name.c_str());
        const float w = bar_w * float(b.value / max_value);
        const ImVec2 b0(bar_x0, y + row_h * 0.14f), b1(bar_x0 + w, y + row_h * 0.86f);
        dl->AddRectFilled(b0, b1, rk::WithAlpha(StreetColor(c.street), a * 0.92f), 3.0f);
        if (sel)
        {
            dl->AddRect(ImVec2(b0.x - 1, b0.y - 1), ImVec2(b1.x + 1, b1.y + 1), rk::kGold, 3.0f, 0, 2.0f);
        }
        const std::string v = FormatPoints(std::round(b.value * 10) / 10);
        const ImVec2 vs = ImGui::CalcTextSize(v.c_str());
        dl->AddRectFilled(ImVec2(b1.x + 4, y + 1), ImVec2(b1.x + 12 + vs.x, y + row_h - 1),
                          rk::WithAlpha(kBackground, a));
        dl->AddText(ImVec2(b1.x + 8, y + (row_h - ns.y) * 0.5f), rk::WithAlpha(rk::kText, a), v.c_str());
    }
    dl->PopClipRect();
    ImGui::Dummy(ImVec2(size.x, float(top_n) * row_h));
    hit_["race_bars"] = RectJson(top, ImVec2(top.x + size.x, top.y + float(top_n) * row_h));

    // Timeline of periods: click to seek.
    const ImVec2 t0(top.x + rank_w, top.y + float(top_n) * row_h + em * 0.8f);
    const float tw = size.x - rank_w - em * 2;
    const int n = int(comp.periods.size());
    auto x_of = [&](double p) { return t0.x + (n > 1 ? tw * float(p / double(n - 1)) : 0); };
    dl->AddLine(ImVec2(t0.x, t0.y), ImVec2(t0.x + tw, t0.y), rk::kGrid, 2.0f);
    dl->AddLine(ImVec2(t0.x, t0.y), ImVec2(x_of(race_.position), t0.y), rk::kAccent, 3.0f);
    for (int p = 0; p < n; ++p)
    {
        const float x = x_of(p);
        dl->AddCircleFilled(ImVec2(x, t0.y), 4, p <= race_.position + 1e-9 ? rk::kAccent : rk::kGrid);
        const std::string label = ShortPeriod(comp.periods[size_t(p)].id);
        const ImVec2 ls = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(x - ls.x * 0.5f, t0.y + 8), p == from || p == to ? rk::kText : rk::kMuted, label.c_str());
    }
    dl->AddCircleFilled(ImVec2(x_of(race_.position), t0.y), 7, rk::kGold);
    ImGui::SetCursorScreenPos(ImVec2(t0.x - 8, t0.y - 10));
    ImGui::InvisibleButton("##race_timeline", ImVec2(tw + 16, 20 + em));
    hit_["race_timeline"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::IsItemActive() && n > 1)
    {
        race_.playing = false;
        race_.Seek(double(io.MousePos.x - t0.x) / double(tw) * double(n - 1));
    }
}

// ---- side panels -------------------------------------------------------------------------------------------------

void RankingView::DrawSide(UiContext& ctx, ImVec2 size)
{
    static const Str kTabTitles[] = {Str::RkTabExplain, Str::RkTabTrend, Str::RkTabDist, Str::RkTabWhatIf};
    if (ImGui::BeginTabBar("##rk_side_tabs"))
    {
        for (int i = 0; i < int(SideTab::Count); ++i)
        {
            const ImGuiTabItemFlags f = force_tab_ && int(tab_) == i ? ImGuiTabItemFlags_SetSelected : 0;
            if (SideTab(i) == SideTab::WhatIf)
            {
                ImGui::PushStyleColor(ImGuiCol_Tab, ImVec4(0.45f, 0.28f, 0.08f, 1));
                ImGui::PushStyleColor(ImGuiCol_TabActive, ImVec4(0.75f, 0.45f, 0.1f, 1));
                ImGui::PushStyleColor(ImGuiCol_TabHovered, ImVec4(0.85f, 0.52f, 0.12f, 1));
            }
            char label[96];
            snprintf(label, sizeof label, "%s###rk_tab%d", Tr(kTabTitles[i]), i);
            const bool open = ImGui::BeginTabItem(label, nullptr, f);
            if (SideTab(i) == SideTab::WhatIf)
            {
                ImGui::PopStyleColor(3);
            }
            hit_[std::string("tab_") + kSideTabNames[i]] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            if (open)
            {
                if (!force_tab_)
                {
                    tab_ = SideTab(i);
                }
                ImGui::BeginChild("##rk_side_body", ImVec2(0, 0), false);
                switch (SideTab(i))
                {
                case SideTab::Explain:
                    DrawExplain(ctx);
                    break;
                case SideTab::Trend:
                    DrawTrend(ctx);
                    break;
                case SideTab::Distribution:
                    DrawDistribution(ctx);
                    break;
                case SideTab::WhatIf:
                    DrawWhatIf(ctx);
                    break;
                case SideTab::Count:
                    break;
                }
                ImGui::EndChild();
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    force_tab_ = false;
}

void RankingView::DrawExplain(UiContext& ctx)
{
    const Competition& comp = ds_->competition;
    if (selected_ < 0 || explain_.unit < 0)
    {
        ImGui::Dummy(ImVec2(0, 8));
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", Tr(Str::RkPickRow));
        ImGui::PopTextWrapPos();
        return;
    }
    const Explanation& ex = explain_;
    const Community& c = ds_->communities[size_t(ex.unit)];
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float em = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;

    // Who and where.
    ImGui::PushFont(ctx.heading);
    ImGui::TextUnformatted(c.name.c_str());
    ImGui::PopFont();
    if (ex.flags & kRankTopTitle)
    {
        ImGui::SameLine(0, 8);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        rk::DrawFlag(dl, ImVec2(p.x, p.y + 6), em * 1.1f);
        ImGui::Dummy(ImVec2(em, em));
    }
    const std::string street = c.street >= 0 && size_t(c.street) < ds_->streets.size()
                                   ? ds_->streets[size_t(c.street)].name
                                   : std::string();
    const std::string secretary = show_names_ && !presenting_ ? c.secretary : MaskPersonName(c.secretary);
    ImGui::TextDisabled("%s · %s · %s %s", street.c_str(),
                        ex.class_index >= 0 ? comp.classes[size_t(ex.class_index)].name.c_str() : "",
                        Tr(Str::RkSecretary), secretary.c_str());
    ImGui::TextDisabled("%s%s", comp.periods[size_t(ex.period)].name.c_str(),
                        what_if_.active ? (std::string(" · ") + Tr(Str::RkSimulated)).c_str() : "");

    // Rank, stars, movement.
    if (ex.rank > 0)
    {
        ImGui::PushFont(ctx.heading);
        ImGui::Text(Tr(Str::RkRankOf), ex.rank, ex.class_size);
        ImGui::PopFont();
        ImGui::SameLine(0, 14);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        rk::DrawStars(dl, ImVec2(p.x, p.y + 4), em * 1.1f, ex.stars, kMaxStars);
        ImGui::Dummy(ImVec2(em * 1.1f * kMaxStars, em));
        switch (ex.movement)
        {
        case Movement::Up:
            ImGui::TextColored(ImColor(rk::kUp), Tr(Str::RkMovedUp), ex.delta, ex.prev_rank);
            break;
        case Movement::Down:
            ImGui::TextColored(ImColor(rk::kDown), Tr(Str::RkMovedDown), ex.delta, ex.prev_rank);
            break;
        case Movement::Same:
            ImGui::TextColored(ImColor(rk::kMuted), "%s", Tr(Str::RkMovedSame));
            break;
        case Movement::New:
            ImGui::TextColored(ImColor(rk::kNew), "%s", Tr(Str::RkMovedNew));
            break;
        case Movement::None:
            break;
        }
    }
    else
    {
        ImGui::PushFont(ctx.heading);
        ImGui::TextColored(ImColor(rk::kWarn), "%s", Tr(Str::RkUnranked));
        ImGui::PopFont();
        RankingRow row;
        row.flags = ex.flags;
        row.note = ex.note;
        row.missing_first = -1;
        for (const IndicatorLine& line : ex.indicators)
        {
            if (line.missing)
            {
                row.missing_first = row.missing_first < 0 ? int16_t(line.indicator) : row.missing_first;
                ++row.missing_count;
            }
        }
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImColor(rk::kWarn), "%s",
                           RowStatusText(row, comp, CurrentLanguage() == Lang::En).c_str());
        ImGui::PopTextWrapPos();
    }

    // 距四星差 X 分: the headline of the explanation (an unranked unit holds no stars: its reason is the headline).
    ImGui::Dummy(ImVec2(0, 4));
    const int next_stars = ex.rank > 0 ? ex.next_stars : -1;
    ImGui::PushFont(ctx.heading);
    if (next_stars < 0)
    {
    }
    else if (next_stars == 0)
    {
        ImGui::TextColored(ImColor(rk::kGold), "%s", Tr(Str::RkTopLevel));
    }
    else if (std::isfinite(ex.next_total_short) && ex.next_total_short > 0)
    {
        ImGui::TextColored(ImColor(rk::kGold), Tr(Str::RkNextStarShort), StarName(ex.next_stars),
                           FormatPoints(ex.next_total_short).c_str());
    }
    else if (std::isfinite(ex.next_total_short))
    {
        ImGui::TextColored(ImColor(rk::kGold), Tr(Str::RkNextStarTotalMet), StarName(ex.next_stars));
    }
    ImGui::PopFont();
    if (next_stars > 0 && !ex.next_each_short.empty())
    {
        std::string list = Fmt(Tr(Str::RkEachShortList), StarName(ex.next_stars));
        for (size_t i = 0; i < ex.next_each_short.size(); ++i)
        {
            const IndicatorShortfall& sf = ex.next_each_short[i];
            list += (i ? "、" : "") + comp.indicators[size_t(sf.indicator)].name + " " +
                    Fmt(Tr(Str::RkShortBy), FormatPoints(sf.short_by).c_str());
        }
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImColor(rk::kWarn), "%s", list.c_str());
        ImGui::PopTextWrapPos();
    }

    // Total formula.
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::PushTextWrapPos(0);
    ImGui::Text(Tr(Str::RkTotalFormula), FormatPoints(ex.total).c_str(), FormatPoints(ex.weighted_sum).c_str(),
                FormatPoints(ex.bonus_sum).c_str(), FormatPoints(ex.deduction_sum + ex.late_penalty).c_str());
    ImGui::PopTextWrapPos();

    // A bar per indicator against its maximum, with every star level's minimum as a tick.
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextDisabled("%s", Tr(Str::RkIndicators));
    std::vector<double> ticks;
    double next_each = NAN;
    for (const StarCheck& check : ex.star_checks)
    {
        ticks.push_back(check.min_each);
        if (check.stars == next_stars)
        {
            next_each = check.min_each;
        }
    }
    const float label_w = em * 4.6f, value_w = em * 5.2f;
    json bars = json::array();
    for (const IndicatorLine& line : ex.indicators)
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        const std::string& name = comp.indicators[size_t(line.indicator)].name;
        dl->AddText(p, rk::kText, name.c_str());
        const ImVec2 b0(p.x + label_w, p.y + h * 0.2f), b1(p.x + width - value_w, p.y + h * 0.85f);
        const bool below = line.missing || (std::isfinite(next_each) && line.score < next_each);
        rk::DrawIndicatorBar(dl, b0, b1, line.score, line.max, ticks, next_each,
                             below ? rk::kWarn : IM_COL32(70, 150, 230, 255));
        std::string value = line.missing ? "—" : FormatPoints(line.raw) + " / " + FormatPoints(line.max);
        if (line.weight != 1.0)
        {
            value += " ×" + FormatPoints(line.weight);
        }
        dl->AddText(ImVec2(b1.x + 8, p.y), below ? rk::kWarn : rk::kText, value.c_str());
        bars.push_back({{"indicator", comp.indicators[size_t(line.indicator)].id},
                        {"rect", RectJson(b0, b1)}});
        ImGui::Dummy(ImVec2(width, h + 6));
    }
    hit_["explain_bars"] = bars;
    if (std::isfinite(next_each))
    {
        ImGui::TextColored(ImColor(rk::kGold), Tr(Str::RkNextTick), StarName(next_stars),
                           Fmt(Tr(Str::RkEachMin), FormatPoints(next_each).c_str()).c_str());
    }

    // Bonus and deduction items.
    if (!ex.bonus.empty() || !ex.deductions.empty() || ex.late_penalty > 0)
    {
        ImGui::Dummy(ImVec2(0, 2));
        ImGui::PushTextWrapPos(0);
        for (const PointItem& item : ex.bonus)
        {
            ImGui::TextColored(ImColor(rk::kGood), "+%s  %s", FormatPoints(item.points).c_str(), item.reason.c_str());
        }
        for (const PointItem& item : ex.deductions)
        {
            ImGui::TextColored(ImColor(rk::kUp), "−%s  %s", FormatPoints(item.points).c_str(), item.reason.c_str());
        }
        if (ex.late_penalty > 0)
        {
            ImGui::TextColored(ImColor(rk::kUp), "−%s  %s", FormatPoints(ex.late_penalty).c_str(),
                               Tr(Str::RkLatePenalty));
        }
        ImGui::PopTextWrapPos();
    }

    // Thresholds met or missed, per star level.
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextDisabled("%s", Tr(Str::RkThresholds));
    if (ImGui::BeginTable("##rk_checks", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg))
    {
        for (auto it = ex.star_checks.rbegin(); it != ex.star_checks.rend(); ++it)
        {
            const StarCheck& check = *it;
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextColored(ImColor(check.met && ex.rank > 0 ? rk::kGold : rk::kMuted), "%s", StarName(check.stars));
            ImGui::TableSetColumnIndex(1);
            std::string each = Fmt(Tr(Str::RkEachMin), FormatPoints(check.min_each).c_str()) + "  ";
            each += check.each_met ? Tr(Str::RkMet) : Fmt(Tr(Str::RkShortBy),
                                                          FormatPoints(check.each_short.empty()
                                                                           ? 0.0
                                                                           : check.each_short.front().short_by)
                                                              .c_str());
            ImGui::TextColored(ImColor(check.each_met ? rk::kGood : rk::kWarn), "%s", each.c_str());
            ImGui::TableSetColumnIndex(2);
            std::string total = Fmt(Tr(Str::RkTotalMin), FormatPoints(check.min_total).c_str()) + "  ";
            total += check.total_met ? Tr(Str::RkMet)
                                     : Fmt(Tr(Str::RkShortBy), FormatPoints(-check.total_margin).c_str());
            ImGui::TextColored(ImColor(check.total_met ? rk::kGood : rk::kWarn), "%s", total.c_str());
        }
        ImGui::EndTable();
    }

    // Title and reward.
    const std::string& title = Shown().rules.top_title.name;
    ImGui::PushTextWrapPos(0);
    switch (ex.title)
    {
    case TitleStatus::Awarded:
        ImGui::TextColored(ImColor(rk::kAccent), Tr(Str::RkTitleAwarded), title.c_str());
        break;
    case TitleStatus::OverQuota:
        ImGui::TextColored(ImColor(rk::kWarn), Tr(Str::RkTitleOverQuota), title.c_str(), ex.title_quota);
        break;
    case TitleStatus::BelowThreshold:
        if (ex.title_total_short > 0)
        {
            ImGui::TextDisabled(Tr(Str::RkTitleBelow), title.c_str(), FormatPoints(ex.title_total_short).c_str());
        }
        else
        {
            ImGui::TextDisabled(Tr(Str::RkTitleBelowEach), title.c_str());
        }
        break;
    default:
        break;
    }
    if (ex.rank > 0)
    {
        ImGui::Text(Tr(Str::RkReward), FormatYuan(ex.reward_community).c_str(),
                    FormatYuan(ex.rank_reward_community).c_str(), FormatYuan(ex.star_reward_community).c_str(),
                    FormatYuan(ex.reward_secretary).c_str());
    }
    if (!ex.note.empty())
    {
        ImGui::TextDisabled("%s：%s", Tr(Str::RkNote), ex.note.c_str());
    }
    ImGui::PopTextWrapPos();
}

void RankingView::DrawTrend(UiContext& ctx)
{
    const Competition& comp = ds_->competition;
    const RankingResult& r = Shown();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float em = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const int n = r.period_count;

    auto period_axis = [&](ImVec2 p0, float w) {
        for (int p = 0; p < n; ++p)
        {
            const std::string label = ShortPeriod(comp.periods[size_t(p)].id);
            const float lw = ImGui::CalcTextSize(label.c_str()).x * 0.8f; // drawn at 0.8 em
            const float x = n > 1 ? p0.x + 8 + (w - 16) * float(p) / float(n - 1) : p0.x + w * 0.5f;
            const bool crowded = float(n) * (lw + 4) > w;
            if (!crowded || p == 0 || p == n - 1 || p == period_)
            {
                const float lx = std::min(std::max(x - lw * 0.5f, p0.x), p0.x + w - lw);
                dl->AddText(ctx.body, em * 0.8f, ImVec2(lx, p0.y), p == period_ ? rk::kText : rk::kMuted,
                            label.c_str());
            }
        }
        ImGui::Dummy(ImVec2(w, em));
    };

    if (selected_ >= 0)
    {
        const UnitTrend t = TrendOfUnit(r, selected_);
        ImGui::Text(Tr(Str::RkTrendUnit), ds_->communities[size_t(selected_)].name.c_str());
        const int32_t cls = r.unit_class[size_t(selected_)];
        const int max_rank = cls >= 0 ? std::max(1, r.class_members[size_t(cls)]) : 1;
        std::vector<double> ranks, totals;
        double lo = 1e300, hi = -1e300;
        for (int p = 0; p < n; ++p)
        {
            ranks.push_back(t.rank[size_t(p)] > 0 ? double(t.rank[size_t(p)]) : NAN);
            totals.push_back(t.total[size_t(p)]);
            if (std::isfinite(t.total[size_t(p)]))
            {
                lo = std::min(lo, t.total[size_t(p)]);
                hi = std::max(hi, t.total[size_t(p)]);
            }
        }
        const float half = (width - 10) * 0.5f;
        const float h = em * 5.5f;
        ImVec2 p = ImGui::GetCursorScreenPos();
        const std::string cur_rank = t.rank[size_t(period_)] > 0 ? std::to_string(t.rank[size_t(period_)]) : "—";
        ImGui::TextDisabled("%s  %s", Tr(Str::RkTrendRank), cur_rank.c_str());
        ImGui::SameLine(half + 10);
        ImGui::TextDisabled("%s  %s", Tr(Str::RkColTotal), FormatPoints(t.total[size_t(period_)]).c_str());
        p = ImGui::GetCursorScreenPos();
        rk::DrawLineChart(dl, p, ImVec2(p.x + half, p.y + h), ranks, 1, double(max_rank), true, rk::kGold, period_);
        if (hi >= lo)
        {
            rk::DrawLineChart(dl, ImVec2(p.x + half + 10, p.y), ImVec2(p.x + width, p.y + h), totals, lo - 5, hi + 5,
                              false, IM_COL32(90, 170, 255, 255), period_);
        }
        ImGui::Dummy(ImVec2(width, h + 2));
        const ImVec2 axis = ImGui::GetCursorScreenPos();
        period_axis(axis, half);
        ImGui::SameLine(0, 0);
        period_axis(ImVec2(axis.x + half + 10, axis.y), half);
        ImGui::Dummy(ImVec2(0, 6));
    }
    else
    {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", Tr(Str::RkPickRow));
        ImGui::PopTextWrapPos();
    }

    // The whole class as a bump chart: selected in gold, pinned in cyan, the rest faint.
    const RankMatrix m = ClassRankMatrix(r, cls_);
    ImGui::Text(Tr(Str::RkBumpTitle), comp.classes[size_t(cls_)].name.c_str());
    std::vector<rk::BumpStyle> styles(m.units.size());
    std::vector<int32_t> order, top;
    for (size_t i = 0; i < m.units.size(); ++i)
    {
        const int32_t u = m.units[i];
        const bool pinned = std::find(pinned_.begin(), pinned_.end(), ds_->communities[size_t(u)].id) != pinned_.end();
        if (u == selected_)
        {
            styles[i] = {rk::kGold, 3.0f};
        }
        else if (pinned)
        {
            styles[i] = {IM_COL32(60, 210, 230, 255), 2.0f};
        }
        else
        {
            styles[i] = {IM_COL32(100, 135, 190, 80), 1.0f};
        }
        (u == selected_ || pinned ? top : order).push_back(int32_t(i));
    }
    for (size_t i = 0; i < top.size(); ++i)
    {
        if (m.units[size_t(top[i])] == selected_)
        {
            std::swap(top[i], top.back()); // selected last, on top
        }
    }
    order.insert(order.end(), top.begin(), top.end());
    const float h = std::max(em * 8, ImGui::GetContentRegionAvail().y - em * 1.6f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const int max_rank = std::max(1, int(m.units.size()));
    rk::DrawBumpChart(dl, p, ImVec2(p.x + width, p.y + h), m, max_rank, order, styles, period_);
    hit_["bump_chart"] = RectJson(p, ImVec2(p.x + width, p.y + h));
    ImGui::Dummy(ImVec2(width, h + 2));
    period_axis(ImGui::GetCursorScreenPos(), width);
}

void RankingView::DrawDistribution(UiContext& ctx)
{
    const Competition& comp = ds_->competition;
    const RankingResult& r = Shown();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float em = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::TextDisabled("%s", Tr(Str::RkDistTitle));

    // Legend: levels from 5 stars down to unranked.
    const int legend_order[] = {5, 4, 3, 2, 1, 0, 6};
    float x_used = 0;
    for (int level : legend_order)
    {
        const char* label = level == 6 ? Tr(Str::RkUnranked) : StarName(level);
        const float w = em * 0.8f + 4 + ImGui::CalcTextSize(label).x;
        if (x_used > 0 && x_used + w + 12 > width)
        {
            x_used = 0;
        }
        else if (x_used > 0)
        {
            ImGui::SameLine(0, 12);
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(p.x, p.y + em * 0.2f), ImVec2(p.x + em * 0.8f, p.y + em), rk::StarLevelColor(level),
                          2);
        ImGui::Dummy(ImVec2(em * 0.8f, em));
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted(label);
        x_used += w + 12;
    }

    json charts = json::array();
    for (int32_t c = 0; c < r.class_count; ++c)
    {
        ImGui::Dummy(ImVec2(0, 6));
        ImGui::TextUnformatted(comp.classes[size_t(c)].name.c_str());
        std::vector<StarDistribution> by_period;
        for (int32_t p = 0; p < r.period_count; ++p)
        {
            by_period.push_back(StarsOfClass(r, p, c));
        }
        const float h = em * 5.0f;
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + h), rk::kPanel, 4);
        rk::DrawStarColumns(dl, ImVec2(p0.x + 4, p0.y + 6), ImVec2(p0.x + width - 4, p0.y + h - 4), by_period,
                            period_);
        charts.push_back({{"class", comp.classes[size_t(c)].id}, {"rect", RectJson(p0, ImVec2(p0.x + width, p0.y + h))}});
        ImGui::Dummy(ImVec2(width, h));
        const float slot = (width - 8) / float(std::max(1, r.period_count));
        const ImVec2 a = ImGui::GetCursorScreenPos();
        for (int32_t p = 0; p < r.period_count; ++p)
        {
            const std::string label = ShortPeriod(comp.periods[size_t(p)].id);
            const ImVec2 ls = ImGui::CalcTextSize(label.c_str());
            dl->AddText(ctx.body, em * 0.8f, ImVec2(a.x + 4 + slot * (float(p) + 0.5f) - ls.x * 0.4f, a.y),
                        p == period_ ? rk::kText : rk::kMuted, label.c_str());
        }
        ImGui::Dummy(ImVec2(width, em));
        // This period in words.
        const StarDistribution& d = by_period[size_t(period_)];
        std::string words;
        for (int s = kMaxStars; s >= 0; --s)
        {
            if (d.by_stars[size_t(s)] > 0)
            {
                words += (words.empty() ? "" : " · ") + std::string(StarName(s)) + " " +
                         std::to_string(d.by_stars[size_t(s)]);
            }
        }
        if (d.unranked > 0)
        {
            words += (words.empty() ? "" : " · ") + std::string(Tr(Str::RkUnranked)) + " " +
                     std::to_string(d.unranked);
        }
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s：%s", ShortPeriod(comp.periods[size_t(period_)].id).c_str(), words.c_str());
        ImGui::PopTextWrapPos();
    }
    hit_["distribution_charts"] = charts;
}

void RankingView::DrawWhatIf(UiContext& ctx)
{
    const Competition& comp = ds_->competition;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float width = ImGui::GetContentRegionAvail().x;

    // The banner says plainly that this is not the published result.
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight() + 12;
        dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), IM_COL32(120, 66, 10, 255), 4);
        dl->AddRect(p, ImVec2(p.x + width, p.y + h), rk::kSim, 4, 0, 1.5f);
        dl->AddText(ImVec2(p.x + 10, p.y + 6), IM_COL32(255, 230, 200, 255), Tr(Str::RkSimBanner));
        ImGui::Dummy(ImVec2(width, h + 4));
    }
    bool changed = false;
    bool active = what_if_.active;
    if (ImGui::Checkbox(Tr(Str::RkSimEnable), &active))
    {
        what_if_.active = active;
        changed = true;
    }
    hit_["what_if_toggle"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const bool modified = what_if_.Modified(comp);
    if (!modified)
    {
        ImGui::BeginDisabled();
    }
    if (ImGui::Button(Tr(Str::RkSimReset)))
    {
        what_if_.Reset(comp);
        loaded_rule_set_.clear();
        changed = true;
    }
    if (!modified)
    {
        ImGui::EndDisabled();
    }
    hit_["what_if_reset"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    changed |= DrawRuleSets(ctx);

    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextDisabled("%s", Tr(Str::RkSimWeights));
    const float label_w = ImGui::GetFontSize() * 4.6f;
    for (size_t k = 0; k < comp.indicators.size(); ++k)
    {
        ImGui::PushID(int(k));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(comp.indicators[k].name.c_str());
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(-1);
        float w = float(what_if_.weights[k]);
        if (ImGui::SliderFloat("##w", &w, 0.0f, 3.0f, "%.2f"))
        {
            what_if_.weights[k] = std::round(double(w) * 100) / 100;
            what_if_.active = true;
            changed = true;
        }
        ImGui::PopID();
    }

    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextDisabled("%s", Tr(Str::RkSimThresholds));
    double max_total = 0, max_each = 0;
    for (size_t k = 0; k < comp.indicators.size(); ++k)
    {
        max_total += comp.indicators[k].max * std::max(1.0, what_if_.weights[k]);
        max_each = std::max(max_each, comp.indicators[k].max);
    }
    std::vector<size_t> order(what_if_.rules.stars.size());
    for (size_t i = 0; i < order.size(); ++i)
    {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return what_if_.rules.stars[a].stars > what_if_.rules.stars[b].stars; });
    const float half = (width - label_w - 8) * 0.5f;
    for (size_t i : order)
    {
        StarRule& sr = what_if_.rules.stars[i];
        ImGui::PushID(int(100 + i));
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImColor(rk::kGold), "%s", StarName(sr.stars));
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(half);
        float each = float(sr.min_each), total = float(sr.min_total);
        if (ImGui::SliderFloat("##each", &each, 0.0f, float(max_each), "%.0f"))
        {
            sr.min_each = std::round(double(each));
            what_if_.active = true;
            changed = true;
        }
        ImGui::SameLine(0, 8);
        ImGui::SetNextItemWidth(half);
        if (ImGui::SliderFloat("##total", &total, 0.0f, float(max_total), "%.0f"))
        {
            sr.min_total = std::round(double(total));
            what_if_.active = true;
            changed = true;
        }
        ImGui::PopID();
    }
    if (changed)
    {
        sim_dirty_ = true;
        rows_dirty_ = true;
        EnsureRows();
    }

    // What moved against the published result.
    ImGui::Dummy(ImVec2(0, 6));
    if (!what_if_.active)
    {
        return;
    }
    const WhatIfSummary s = SummarizeDiff(diffs_, published_, sim_, period_);
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImColor(rk::kSim), Tr(Str::RkSimSummary), s.rank_changed, s.stars_changed, s.title_changed);
    ImGui::Text(Tr(Str::RkSimReward), FormatYuan(s.reward_after).c_str(), FormatYuan(s.reward_before).c_str());
    ImGui::PopTextWrapPos();
    if (diffs_.empty())
    {
        ImGui::TextDisabled("%s", Tr(Str::RkSimNoMoves));
        return;
    }
    if (ImGui::BeginTable("##rk_diffs", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
    {
        int shown = 0;
        for (const UnitDiff& d : diffs_)
        {
            if (published_.unit_class[size_t(d.unit)] != cls_ || ++shown > 14)
            {
                continue;
            }
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(ds_->communities[size_t(d.unit)].name.c_str());
            ImGui::TableSetColumnIndex(1);
            if (d.rank_before != d.rank_after)
            {
                const bool up = d.rank_after > 0 && (d.rank_before == 0 || d.rank_after < d.rank_before);
                ImGui::TextColored(ImColor(up ? rk::kUp : rk::kDown), Tr(Str::RkSimRankArrow), d.rank_before,
                                   d.rank_after);
            }
            ImGui::TableSetColumnIndex(2);
            if (d.stars_before != d.stars_after)
            {
                ImGui::TextColored(ImColor(rk::kGold), "%d→%d★", d.stars_before, d.stars_after);
            }
            ImGui::TableSetColumnIndex(3);
            if (d.reward_before != d.reward_after)
            {
                const double delta = d.reward_after - d.reward_before;
                ImGui::TextColored(ImColor(delta > 0 ? rk::kGood : rk::kUp), "%s%s", delta > 0 ? "+" : "",
                                   FormatYuan(delta).c_str());
            }
        }
        ImGui::EndTable();
    }
}

// Save the simulation as a new rule set (kept with the dataset, never replacing the published rules), and load
// or delete the saved ones. Returns true when the simulation changed.
bool RankingView::DrawRuleSets(UiContext& ctx)
{
    bool changed = false;
    const Competition& comp = ds_->competition;
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextDisabled("%s", Tr(Str::RkRuleSets));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
    ImGui::InputTextWithHint("##rk_set_name", Tr(Str::RkRuleSetNameHint), rule_set_name_, sizeof rule_set_name_);
    hit_["rule_set_name"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine();
    const bool can_save = what_if_.active && rule_set_name_[0] != 0;
    ImGui::BeginDisabled(!can_save);
    if (ImGui::Button(Tr(Str::RkRuleSetSave)))
        SaveRuleSet(ctx, rule_set_name_);
    ImGui::EndDisabled();
    hit_["rule_set_save"] = RectJson(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    std::string remove;
    for (size_t i = 0; i < comp.rule_sets.size(); ++i)
    {
        const RuleSet& set = comp.rule_sets[i];
        ImGui::PushID(int(1000 + i));
        ImGui::AlignTextToFramePadding();
        const bool loaded = what_if_.active && loaded_rule_set_ == set.name;
        ImGui::TextColored(loaded ? ImColor(rk::kSim) : ImColor(IM_COL32(220, 228, 240, 255)), "%s%s%s",
                           set.name.c_str(), set.saved_at.empty() ? "" : "  ·  ", set.saved_at.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(Tr(Str::RkRuleSetLoad)))
        {
            LoadRuleSet(set);
            changed = true;
        }
        ImGui::SameLine();
        if (ImGui::SmallButton(Tr(Str::RkRuleSetDelete)))
            remove = set.name;
        ImGui::PopID();
    }
    if (!remove.empty() && ctx.session.RemoveRuleSet(remove) && ctx.hooks.persist_dataset)
        ctx.hooks.persist_dataset();
    return changed;
}

void RankingView::SaveRuleSet(UiContext& ctx, const std::string& name)
{
    RuleSet set;
    set.name = name;
    set.saved_at = FormatDate(CivilFromDays(CstDayOf(TimeSec(std::time(nullptr)))));
    set.weights = what_if_.weights;
    set.rules = what_if_.rules;
    if (ctx.session.AddRuleSet(std::move(set)))
    {
        loaded_rule_set_ = name;
        if (ctx.hooks.persist_dataset)
            ctx.hooks.persist_dataset();
    }
}

void RankingView::LoadRuleSet(const RuleSet& set)
{
    // The reader guarantees one weight per indicator; the published weights stand in if a set ever has fewer.
    what_if_.Reset(ds_->competition);
    std::copy_n(set.weights.begin(), std::min(set.weights.size(), what_if_.weights.size()), what_if_.weights.begin());
    what_if_.rules = set.rules;
    what_if_.active = true;
    loaded_rule_set_ = set.name;
}

} // namespace gridstar::ui::rk
