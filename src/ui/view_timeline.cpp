// Timeline: volunteer activities on a zoomable time axis, one lane per team / category / street / community.
// Core answers every question (TimelineIndex: what is visible, totals; timeline_view_model: zoom, presets,
// playback); this file only maps times to pixels and input to calls. Nothing here loops over all activities.
//
// The class is in view_timeline_tab.h; the JavaScript commands, state(), scenes and CSV export are in
// view_timeline_api.cpp.
//
// [SECTION] index
//   constants and small helpers
//   TimelineTab: dataset sync, filter / grouping / window / playback state
//   Draw: toolbar, playback bar, summary bar, axis, lanes, details, keys
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h" // RenderTextEllipsis

#include "core/color_scale.h"
#include "core/time_ticks.h"
#include "core/time_util.h"
#include "core/timeline.h"
#include "core/timeline_view_model.h"
#include "ui/format.h"
#include "ui/strings.h"
#include "ui/view_timeline_tab.h"
#include "ui/views.h"

namespace gridstar::ui
{
namespace tl
{
namespace
{

// ---- [SECTION] constants and small helpers ------------------------------------------------------------------------

// ---- [SECTION] constants and small helpers ------------------------------------------------------------------------

constexpr ImU32 kTextCol = IM_COL32(232, 238, 248, 255);
constexpr ImU32 kDimCol = IM_COL32(150, 166, 195, 255);
constexpr ImU32 kCardCol = IM_COL32(28, 44, 72, 255);
constexpr ImU32 kAccentCol = IM_COL32(230, 60, 50, 255);
constexpr ImU32 kAxisBg = IM_COL32(18, 30, 54, 255);
constexpr ImU32 kLaneAltBg = IM_COL32(255, 255, 255, 7);
constexpr ImU32 kGridMinor = IM_COL32(255, 255, 255, 16);
constexpr ImU32 kGridMajor = IM_COL32(255, 255, 255, 44);
constexpr ImU32 kMarkCol = IM_COL32(255, 128, 96, 210);
constexpr ImU32 kCursorCol = IM_COL32(255, 214, 90, 255);
constexpr ImU32 kFutureShade = IM_COL32(8, 14, 28, 150);
constexpr ImU32 kBarText = IM_COL32(10, 18, 36, 255);
constexpr ImU32 kSelectFill = IM_COL32(255, 214, 90, 40);

constexpr int kMaxCompactRows = 3; // sub-rows of short bars inside kLaneHeight
constexpr int kMaxTallRows = 6;    // sub-rows of titled bars; the lane grows to hold them
constexpr float kMinTitledBarPx = 44;
constexpr float kDragThresholdPx = 4.0f;

const Str kGroupLabels[kLaneGroupingCount] = {Str::TlGroupTeam, Str::TlGroupCategory, Str::TlGroupStreet,
                                              Str::TlGroupCommunity};
const Str kPresetLabels[kRangePresetCount] = {Str::TlPresetAll,   Str::TlPresetYear, Str::TlPresetQuarter,
                                              Str::TlPresetMonth, Str::TlPresetWeek, Str::TlPresetDay};
const Str kSpeedLabels[kPlaybackSpeedCount] = {Str::TlSpeedDay, Str::TlSpeedWeek, Str::TlSpeedMonth,
                                               Str::TlSpeedQuarter, Str::TlSpeedYear};

// "2024年3月5日" / "2024-03-05", optionally with " 09:30".
std::string FormatWhen(TimeSec t, bool with_time)
{
    const CivilDateTime c = CstFromUtc(t);
    char buf[64];
    int n = snprintf(buf, sizeof buf, Tr(Str::TlDateFmt), c.date.year, c.date.month, c.date.day);
    if (with_time && n > 0 && n < int(sizeof buf) - 8)
    {
        buf[n++] = ' ';
        snprintf(buf + n, sizeof buf - size_t(n), Tr(Str::TlTimeFmt), c.hour, c.minute);
    }
    return buf;
}

std::string FormatDay(int64_t day)
{
    const CivilDate d = CivilFromDays(day);
    char buf[48];
    snprintf(buf, sizeof buf, Tr(Str::TlDateFmt), d.year, d.month, d.day);
    return buf;
}

// "2024年3月5日 09:30–11:00", the end date repeated only when it differs.
std::string FormatSpan(TimeSec a, TimeSec b)
{
    std::string s = FormatWhen(a, true);
    const CivilDateTime ca = CstFromUtc(a), cb = CstFromUtc(b);
    char buf[32];
    s += "–";
    if (ca.date.year == cb.date.year && ca.date.month == cb.date.month && ca.date.day == cb.date.day)
    {
        snprintf(buf, sizeof buf, Tr(Str::TlTimeFmt), cb.hour, cb.minute);
        s += buf;
    }
    else
    {
        s += FormatWhen(b, true);
    }
    return s;
}

std::string FormatHours(double h)
{
    if (std::fabs(h - std::round(h)) < 0.05)
        return FormatInt(int64_t(std::llround(h)));
    return FormatFixed(h, 1);
}

bool Toggle(std::vector<int32_t>* list, int32_t v)
{
    auto it = std::find(list->begin(), list->end(), v);
    if (it == list->end())
    {
        list->push_back(v);
        return true;
    }
    list->erase(it);
    return false;
}

bool Contains(const std::vector<int32_t>& list, int32_t v)
{
    return std::find(list.begin(), list.end(), v) != list.end();
}

} // namespace

// ---- [SECTION] TimelineTab -----------------------------------------------------------------------------------------

bool TimelineTab::Sync(Session& s)
{
    session_ = &s;
    const Dataset* ds = s.dataset();
    if (!ds)
    {
        built_ = false;
        ds_ = nullptr;
        return false;
    }
    if (built_ && generation_ == s.generation())
        return true;
    generation_ = s.generation();
    ds_ = ds;
    built_ = true;
    const LaneGrouping grouping = index_.Grouping();
    index_.Build(*ds);
    index_.SetGrouping(grouping);
    search_[0] = 0;
    selected_ = hovered_ = -1;
    PlaybackStop(&clock_);
    drag_ = Drag::None;

    if (!index_.DataRange(&data_t0_, &data_t1_))
    {
        data_t0_ = UtcFromCst(CivilDateTime{});
        data_t1_ = data_t0_ + 86400;
    }
    const TimeWindow all = PresetWindow(RangePreset::All, data_t0_, data_t0_, data_t1_);
    limits_.min_span = 3600;
    limits_.bound_t0 = all.t0;
    limits_.bound_t1 = all.t1;
    limits_.max_span = all.Span();
    marked_ = ds->marked_dates.empty() ? DefaultMarkedDates() : ds->marked_dates;
    street_communities_.assign(ds->streets.size(), {});
    for (size_t c = 0; c < ds->communities.size(); ++c)
    {
        const int32_t st = ds->communities[c].street;
        if (st >= 0 && size_t(st) < street_communities_.size())
            street_communities_[size_t(st)].push_back(int32_t(c));
    }
    ++filter_version_;
    RebuildLanes();
    window_ = all;
    marks_window_ = ticks_window_ = TimeWindow{0, 0};
    return true;
}

void TimelineTab::ApplyFilter(const TimelineFilter& f)
{
    index_.SetFilter(f);
    ++filter_version_;
    selected_ = -1;
    RebuildLanes();
}

void TimelineTab::SetGrouping(LaneGrouping g)
{
    if (g == index_.Grouping())
        return;
    index_.SetGrouping(g);
    scroll_y_ = 0;
    RebuildLanes();
}

void TimelineTab::RebuildLanes()
{
    lanes_ = index_.NonEmptyLanes();
    lane_heights_.assign(lanes_.size(), kLaneHeight);
    // Busiest lanes first: the teams that did most are what a briefing asks about first.
    std::stable_sort(lanes_.begin(), lanes_.end(),
                     [this](int32_t a, int32_t b)
                     { return index_.LaneActivityCount(a) > index_.LaneActivityCount(b); });
    lane_labels_.resize(size_t(index_.LaneCount()));
    for (int32_t l = 0; l < index_.LaneCount(); ++l)
        lane_labels_[size_t(l)] = ds_ ? LaneLabel(*ds_, index_.Grouping(), l) : std::string();
}

void TimelineTab::SetWindow(TimeWindow w, bool keep_in_bounds)
{
    WindowLimits lim = limits_;
    if (!keep_in_bounds)
    {
        // The API may look outside the data (a range with nothing in it is a valid question).
        lim.bound_t0 = lim.bound_t1 = 0;
        lim.max_span = std::max(lim.max_span, w.Span());
    }
    window_ = ClampWindow(w, lim);
    PlaybackFitWindow(&clock_, window_);
}

void TimelineTab::ApplyPreset(RangePreset p)
{
    const TimeSec anchor = clock_.active ? clock_.cursor : window_.t0 + window_.Span() / 2;
    SetWindow(PresetWindow(p, anchor, data_t0_, data_t1_), true);
}

const TimelineTotals& TimelineTab::WindowTotals() const
{
    if (totals_version_ != filter_version_ || totals_window_.t0 != window_.t0 || totals_window_.t1 != window_.t1)
    {
        totals_ = index_.Totals(window_.t0, window_.t1, kBusiestShown);
        totals_version_ = filter_version_;
        totals_window_ = window_;
    }
    return totals_;
}

const TimelineTotals& TimelineTab::PlaybackTotals() const
{
    if (running_version_ != filter_version_ || running_cursor_ != clock_.cursor || running_window_.t0 != window_.t0 ||
        running_window_.t1 != window_.t1)
    {
        // Running totals of the visible range: what started between its beginning and the cursor.
        running_ = index_.Totals(window_.t0, std::min(clock_.cursor, window_.t1), 0);
        running_version_ = filter_version_;
        running_cursor_ = clock_.cursor;
        running_window_ = window_;
    }
    return running_;
}

// ---- [SECTION] Draw ------------------------------------------------------------------------------------------------

void TimelineTab::Draw(UiContext& ctx)
{
    ImGui::SetCursorPos(ImVec2(16, 10));
    if (!Sync(ctx.session))
    {
        ImGui::TextWrapped("%s", Tr(Str::NoDataset));
        return;
    }
    PlaybackAdvance(&clock_, double(ctx.dt), window_);
    HandleKeys();

    // NoNav: in this view Space and the arrow keys belong to playback, not to keyboard navigation of the widgets.
    ImGui::SetCursorPos(ImVec2(0, 0));
    ImGui::BeginChild("##tl_root", ImVec2(0, 0), false,
                      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::SetCursorPos(ImVec2(16, 10));
    ImGui::BeginGroup();
    if (ctx.presenting)
    {
        // A slide: no controls (the clicker drives playback), the range and the playback position in large type.
        if (ctx.heading)
            ImGui::PushFont(ctx.heading);
        DrawRangeText();
        if (ctx.heading)
            ImGui::PopFont();
    }
    else
    {
        DrawToolbar(ctx);
        DrawPlaybackBar(ctx);
    }
    DrawSummary(ctx);
    const float legend_h = ImGui::GetFrameHeightWithSpacing();
    const float rest = ImGui::GetContentRegionAvail().y - legend_h - 4;
    const float width = ImGui::GetContentRegionAvail().x - 16;
    const float scrollbar = ImGui::GetStyle().ScrollbarSize;
    plot_x0_ = ImGui::GetCursorScreenPos().x + kLabelWidth;
    plot_w_ = std::max(50.0f, width - kLabelWidth - scrollbar - 6);
    DrawAxis(ctx, plot_x0_, plot_w_);
    DrawLanes(ctx, std::max(rest - (axis_y1_ - axis_y0_), kLaneHeight * 2));
    DrawLegend(ctx.presenting);
    ImGui::EndGroup();
    ImGui::EndChild();
    DrawDetails(ctx);
}

void TimelineTab::DrawFilterCombos()
{
    const Dataset& ds = *ds_;
    TimelineFilter f = index_.Filter();
    bool changed = false;
    char preview[160];
    auto make_preview = [&](Str what, size_t count, const std::string* single)
    {
        char value[96];
        if (count == 0)
            snprintf(value, sizeof value, "%s", Tr(Str::TlAllItems));
        else if (count == 1 && single)
            snprintf(value, sizeof value, "%s", single->c_str());
        else
            snprintf(value, sizeof value, Tr(Str::TlSelectedCount), int(count));
        snprintf(preview, sizeof preview, Tr(Str::TlFilterPreview), Tr(what), value);
        return preview;
    };

    // Categories, each with its colour.
    ImGui::SetNextItemWidth(170);
    const std::string* one_cat = f.categories.size() == 1 ? &ds.categories[size_t(f.categories[0])] : nullptr;
    if (ImGui::BeginCombo("##tl_cat", make_preview(Str::TlCategory, f.categories.size(), one_cat),
                          ImGuiComboFlags_HeightLarge))
    {
        for (size_t i = 0; i < ds.categories.size(); ++i)
        {
            ImGui::PushID(int(i));
            bool on = Contains(f.categories, int32_t(i));
            ImVec2 p = ImGui::GetCursorScreenPos();
            const float h = ImGui::GetFrameHeight();
            if (ImGui::Checkbox("##c", &on))
            {
                Toggle(&f.categories, int32_t(i));
                changed = true;
            }
            ImGui::SameLine();
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + h + 8, p.y + h * 0.25f),
                                                      ImVec2(p.x + h + 20, p.y + h * 0.75f), CategoryRgba(int(i)),
                                                      2.0f);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 18);
            ImGui::TextUnformatted(ds.categories[i].c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }

    // Teams: could be hundreds, so clipped.
    ImGui::SameLine();
    ImGui::SetNextItemWidth(190);
    const std::string* one_team = f.teams.size() == 1 ? &ds.teams[size_t(f.teams[0])].name : nullptr;
    if (ImGui::BeginCombo("##tl_team", make_preview(Str::TlTeam, f.teams.size(), one_team),
                          ImGuiComboFlags_HeightLarge))
    {
        ImGuiListClipper clipper;
        clipper.Begin(int(ds.teams.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            {
                ImGui::PushID(i);
                bool on = Contains(f.teams, i);
                if (ImGui::Checkbox(ds.teams[size_t(i)].name.c_str(), &on))
                {
                    Toggle(&f.teams, i);
                    changed = true;
                }
                ImGui::PopID();
            }
        ImGui::EndCombo();
    }

    // Streets, each with its communities below.
    ImGui::SameLine();
    ImGui::SetNextItemWidth(190);
    const size_t place_count = f.streets.size() + f.communities.size();
    const std::string* one_place = nullptr;
    if (f.streets.size() == 1 && f.communities.empty())
        one_place = &ds.streets[size_t(f.streets[0])].name;
    else if (f.communities.size() == 1 && f.streets.empty())
        one_place = &ds.communities[size_t(f.communities[0])].name;
    if (ImGui::BeginCombo("##tl_place", make_preview(Str::TlPlaceFilter, place_count, one_place),
                          ImGuiComboFlags_HeightLarge))
    {
        for (size_t s = 0; s < ds.streets.size(); ++s)
        {
            ImGui::PushID(int(s));
            bool on = Contains(f.streets, int32_t(s));
            if (ImGui::Checkbox("##s", &on))
            {
                Toggle(&f.streets, int32_t(s));
                changed = true;
            }
            ImGui::SameLine();
            if (ImGui::TreeNode(ds.streets[s].name.c_str()))
            {
                for (int32_t c : street_communities_[s])
                {
                    ImGui::PushID(c);
                    bool con = Contains(f.communities, c);
                    if (ImGui::Checkbox(ds.communities[size_t(c)].name.c_str(), &con))
                    {
                        Toggle(&f.communities, c);
                        changed = true;
                    }
                    ImGui::PopID();
                }
                ImGui::TreePop();
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }

    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    if (ImGui::InputTextWithHint("##tl_text", Tr(Str::TlSearchHint), search_, sizeof search_))
    {
        f.text = search_;
        changed = true;
    }
    const bool any =
        !f.categories.empty() || !f.teams.empty() || !f.streets.empty() || !f.communities.empty() || !f.text.empty();
    if (any)
    {
        ImGui::SameLine();
        if (ImGui::SmallButton(Tr(Str::TlClearFilters)))
        {
            f = TimelineFilter{};
            search_[0] = 0;
            changed = true;
        }
    }
    if (changed)
        ApplyFilter(f);
}

void TimelineTab::DrawToolbar(UiContext& ctx)
{
    // Lanes grouping.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(Str::TlGrouping));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130);
    int g = int(index_.Grouping());
    if (ImGui::BeginCombo("##tl_group", Tr(kGroupLabels[g])))
    {
        for (int i = 0; i < kLaneGroupingCount; ++i)
            if (ImGui::Selectable(Tr(kGroupLabels[i]), i == g))
                SetGrouping(LaneGrouping(i));
        ImGui::EndCombo();
    }
    ImGui::SameLine(0, 24);
    DrawFilterCombos();
    ImGui::SameLine(0, 24);
    if (ImGui::Button(Tr(Str::TlExportCsv)))
        ExportCsv(ctx);
    export_min_ = ImGui::GetItemRectMin();
    export_max_ = ImGui::GetItemRectMax();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", Tr(Str::TlExportCsvHint));
}

void TimelineTab::DrawPlaybackBar(UiContext& ctx)
{
    // Presets.
    for (int i = 0; i < kRangePresetCount; ++i)
    {
        if (i > 0)
            ImGui::SameLine(0, 4);
        ImGui::PushID(i);
        if (ImGui::Button(Tr(kPresetLabels[i])))
            ApplyPreset(RangePreset(i));
        ImGui::PopID();
    }

    // Playback.
    ImGui::SameLine(0, 28);
    ImGui::PushStyleColor(ImGuiCol_Button,
                          clock_.playing ? ImVec4(0.72f, 0.16f, 0.14f, 1) : ImVec4(0.16f, 0.42f, 0.30f, 1));
    if (ImGui::Button(Tr(clock_.playing ? Str::TlPause : Str::TlPlay), ImVec2(96, 0)))
        PlaybackToggle(&clock_, window_);
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 4);
    if (ImGui::Button(Tr(Str::TlStepBack)))
        PlaybackStep(&clock_, -1, window_);
    ImGui::SameLine(0, 4);
    if (ImGui::Button(Tr(Str::TlStepForward)))
        PlaybackStep(&clock_, +1, window_);
    ImGui::SameLine(0, 4);
    ImGui::BeginDisabled(!clock_.active);
    if (ImGui::Button(Tr(Str::TlStop)))
        PlaybackStop(&clock_);
    ImGui::EndDisabled();
    ImGui::SameLine(0, 8);
    ImGui::SetNextItemWidth(130);
    if (ImGui::BeginCombo("##tl_speed", Tr(kSpeedLabels[int(clock_.speed)])))
    {
        for (int i = 0; i < kPlaybackSpeedCount; ++i)
            if (ImGui::Selectable(Tr(kSpeedLabels[i]), i == int(clock_.speed)))
                clock_.speed = PlaybackSpeed(i);
        ImGui::EndCombo();
    }

    ImGui::SameLine(0, 20);
    DrawRangeText();
}

// The visible range in words, and where the playback cursor is.
void TimelineTab::DrawRangeText()
{
    ImGui::AlignTextToFramePadding();
    // Days are inclusive ("1月1日 至 12月31日"); times are the window's edges ("08:00 至 18:00").
    std::string range = FormatWhen(window_.t0, window_.Span() < 3 * 86400) + Tr(Str::TlRangeSep);
    if (window_.Span() >= 3 * 86400)
        range += FormatWhen(window_.t1 - 1, false);
    else if (CstDayOf(window_.t1) == CstDayOf(window_.t0))
    {
        const CivilDateTime e = CstFromUtc(window_.t1);
        char buf[16];
        snprintf(buf, sizeof buf, Tr(Str::TlTimeFmt), e.hour, e.minute);
        range += buf;
    }
    else
        range += FormatWhen(window_.t1, true);
    ImGui::TextUnformatted(range.c_str());
    if (clock_.active)
    {
        ImGui::SameLine(0, 16);
        char buf[96];
        snprintf(buf, sizeof buf, Tr(Str::TlPlayedTo), FormatWhen(clock_.cursor, window_.Span() < 15 * 86400).c_str());
        ImGui::TextColored(ImVec4(1.0f, 0.84f, 0.35f, 1), "%s", buf);
        if (clock_.loops > 0)
        {
            ImGui::SameLine();
            ImGui::TextDisabled(Tr(Str::TlLoops), int(clock_.loops + 1));
        }
    }
}

void TimelineTab::DrawSummary(UiContext& ctx)
{
    const TimelineTotals& t = WindowTotals();
    const TimelineTotals* run = clock_.active ? &PlaybackTotals() : nullptr;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float avail = ImGui::GetContentRegionAvail().x - 16;
    const float gap = 12;
    const float line_h = ImGui::GetTextLineHeight();
    ImFont* num_font = ctx.heading ? ctx.heading : ImGui::GetFont();
    const float num_size = num_font->FontSize * ImGui::GetIO().FontGlobalScale;
    const float h = line_h + num_size + 22;

    struct Card
    {
        Str label;
        std::string value;
        std::string total; // shown small after the value during playback
    };
    Card cards[4] = {
        {Str::TlSumActivities, FormatInt(run ? run->activities : t.activities), FormatInt(t.activities)},
        {Str::TlSumHours, FormatHours(run ? run->hours : t.hours), FormatHours(t.hours)},
        {Str::TlSumParticipants, FormatInt(run ? run->participants : t.participants), FormatInt(t.participants)},
        {Str::TlSumTeams, FormatInt(run ? run->distinct_teams : t.distinct_teams), FormatInt(t.distinct_teams)},
    };
    const float card_w = std::min(200.0f, (avail - 4 * gap) * 0.135f);
    float x = origin.x;
    for (const Card& c : cards)
    {
        const ImVec2 p0(x, origin.y), p1(x + card_w, origin.y + h);
        dl->AddRectFilled(p0, p1, kCardCol, 6.0f);
        dl->AddRectFilled(p0, ImVec2(p0.x + 4, p1.y), kAccentCol, 6.0f, ImDrawFlags_RoundCornersLeft);
        dl->AddText(ImVec2(p0.x + 14, p0.y + 6), kDimCol, Tr(c.label));
        const ImVec2 vpos(p0.x + 14, p0.y + 10 + line_h);
        dl->AddText(num_font, num_size, vpos, kTextCol, c.value.c_str());
        if (run)
        {
            const float vw = num_font->CalcTextSizeA(num_size, FLT_MAX, 0, c.value.c_str()).x;
            char buf[64];
            snprintf(buf, sizeof buf, Tr(Str::TlOfTotal), c.total.c_str());
            dl->AddText(ImVec2(vpos.x + vw + 6, vpos.y + num_size - line_h - 1), kDimCol, buf);
        }
        x += card_w + gap;
    }

    // Busiest days of the visible range.
    const ImVec2 p0(x, origin.y), p1(origin.x + avail, origin.y + h);
    dl->AddRectFilled(p0, p1, kCardCol, 6.0f);
    dl->AddRectFilled(p0, ImVec2(p0.x + 4, p1.y), kCursorCol, 6.0f, ImDrawFlags_RoundCornersLeft);
    dl->AddText(ImVec2(p0.x + 14, p0.y + 6), kDimCol, Tr(Str::TlSumBusiest));
    float bx = p0.x + 14;
    const float by = p0.y + 10 + line_h + (num_size - line_h) * 0.5f;
    if (t.busiest_days.empty())
        dl->AddText(ImVec2(bx, by), kTextCol, Tr(Str::TlNone));
    for (size_t i = 0; i < t.busiest_days.size(); ++i)
    {
        char buf[96];
        snprintf(buf, sizeof buf, Tr(Str::TlDayCount), FormatDay(t.busiest_days[i].day).c_str(),
                 FormatInt(t.busiest_days[i].count).c_str());
        const float w = ImGui::CalcTextSize(buf).x;
        if (bx + w > p1.x - 8)
            break;
        dl->AddText(ImVec2(bx, by), i == 0 ? kTextCol : IM_COL32(200, 210, 228, 255), buf);
        bx += w + 18;
    }
    ImGui::Dummy(ImVec2(avail, h + 6));
}

void TimelineTab::DrawAxis(UiContext& ctx, float x0, float width)
{
    const TickLanguage lang = ctx.session.language == "en" ? TickLanguage::English : TickLanguage::ZhHans;
    const float line_h = ImGui::GetTextLineHeight();
    if (ticks_window_.t0 != window_.t0 || ticks_window_.t1 != window_.t1 || ticks_width_ != width ||
        ticks_language_ != int(lang))
    {
        TickOptions opt;
        opt.language = lang;
        opt.px_per_char = ImGui::CalcTextSize("0").x;
        opt.min_gap_px = 14;
        ticks_ = ComputeTicks(window_.t0, window_.t1, width, opt);
        ticks_window_ = window_;
        ticks_width_ = width;
        ticks_language_ = int(lang);
    }
    if (marks_window_.t0 != window_.t0 || marks_window_.t1 != window_.t1)
    {
        marks_ = MarkedDatesInRange(marked_, window_.t0, window_.t1);
        marks_window_ = window_;
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float h = line_h * 3 + 14; // major labels, minor labels, marked dates
    axis_y0_ = origin.y;
    axis_y1_ = origin.y + h;
    dl->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x0 + width, origin.y + h), kAxisBg, 4.0f);
    dl->AddText(ImVec2(origin.x + 4, origin.y + 4), kTextCol, ticks_.context_label.c_str());
    dl->PushClipRect(ImVec2(x0, origin.y), ImVec2(x0 + width, origin.y + h), true);
    for (const Tick& t : ticks_.major)
    {
        const float x = x0 + t.x;
        dl->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + line_h * 2 + 8), kGridMajor, 1.0f);
        if (!t.label.empty())
            dl->AddText(ImVec2(x + 4, origin.y + 2), kTextCol, t.label.c_str());
    }
    for (const Tick& t : ticks_.minor)
    {
        const float x = x0 + t.x;
        dl->AddLine(ImVec2(x, origin.y + line_h + 4), ImVec2(x, origin.y + line_h * 2 + 8), kGridMinor, 1.0f);
        dl->AddText(ImVec2(x + 3, origin.y + line_h + 4), kDimCol, t.label.c_str());
    }
    dl->PopClipRect();

    // The axis pans and zooms like the lanes.
    ImGui::SetCursorScreenPos(ImVec2(x0, origin.y));
    ImGui::InvisibleButton("##tl_axis", ImVec2(width, h),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    HandlePlotInput(ImGui::GetIO().MousePos.x, ImGui::IsItemHovered(), ImGui::IsItemActive());
    DrawMarksAndCursor(dl, origin.y, origin.y + h, true);
    DrawSelection(dl, origin.y, origin.y + h);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h + 2));
}

void TimelineTab::HandlePlotInput(float mouse_x, bool hovered, bool active)
{
    ImGuiIO& io = ImGui::GetIO();
    const double frac = double((mouse_x - plot_x0_) / plot_w_);
    if (hovered && io.MouseWheel != 0 && drag_ == Drag::None)
        window_ = ZoomAround(window_, frac, std::pow(1.25, double(io.MouseWheel)), limits_);
    if (active && drag_ == Drag::None && (ImGui::IsMouseClicked(0) || ImGui::IsMouseClicked(1)))
    {
        drag_ = (ImGui::IsMouseClicked(1) || io.KeyShift) ? Drag::Select : Drag::Pan;
        drag_start_x_ = drag_x_ = mouse_x;
        drag_window_ = window_;
        drag_moved_ = false;
    }
    if (drag_ != Drag::None && active)
    {
        drag_x_ = std::clamp(mouse_x, plot_x0_, plot_x0_ + plot_w_);
        if (std::fabs(mouse_x - drag_start_x_) > kDragThresholdPx)
            drag_moved_ = true;
        if (drag_ == Drag::Pan && drag_moved_)
            window_ = PanBy(drag_window_, -double((mouse_x - drag_start_x_) / plot_w_), limits_);
    }
    else if (drag_ != Drag::None && !ImGui::IsMouseDown(0) && !ImGui::IsMouseDown(1))
    {
        if (drag_ == Drag::Select && drag_moved_)
        {
            const double a = double((drag_start_x_ - plot_x0_) / plot_w_);
            const double b = double((drag_x_ - plot_x0_) / plot_w_);
            window_ = SelectRange(drag_window_, a, b, limits_);
        }
        else if (!drag_moved_)
        {
            selected_ = hovered_; // a click: select what is under the mouse, or nothing
        }
        drag_ = Drag::None;
    }
    PlaybackFitWindow(&clock_, window_);
}

void TimelineTab::DrawMarksAndCursor(ImDrawList* dl, float y0, float y1, bool labels)
{
    const float line_h = ImGui::GetTextLineHeight();
    dl->PushClipRect(ImVec2(plot_x0_, y0), ImVec2(plot_x0_ + plot_w_, y1), true);
    float last_label_end = -1e9f;
    for (const MarkedInstant& m : marks_)
    {
        const float x = std::floor(XOf(m.t)) + 0.5f;
        dl->AddLine(ImVec2(x, labels ? y1 - line_h - 6 : y0), ImVec2(x, y1), kMarkCol, 1.0f);
        if (!labels)
            continue;
        // One row of labels: right of the line when it fits, else left of it, else left out (the line stays).
        const float w = ImGui::CalcTextSize(m.label.c_str()).x + 10;
        float lx = x + 2;
        if (lx < last_label_end + 4)
            continue;
        if (lx + w > plot_x0_ + plot_w_)
            lx = x - 2 - w;
        if (lx < last_label_end + 4)
            continue;
        const float ly = y1 - line_h - 5;
        dl->AddRectFilled(ImVec2(lx, ly), ImVec2(lx + w, ly + line_h + 2), IM_COL32(120, 40, 30, 230), 3.0f);
        dl->AddText(ImVec2(lx + 5, ly + 1), IM_COL32(255, 228, 220, 255), m.label.c_str());
        last_label_end = lx + w;
    }
    if (clock_.active)
    {
        const float x = XOf(clock_.cursor);
        if (!labels)
            dl->AddRectFilled(ImVec2(x, y0), ImVec2(plot_x0_ + plot_w_, y1), kFutureShade);
        dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), kCursorCol, 2.0f);
        if (labels)
        {
            const std::string when = FormatWhen(clock_.cursor, window_.Span() < 15 * 86400);
            const float w = ImGui::CalcTextSize(when.c_str()).x + 12;
            float lx = std::min(x + 3, plot_x0_ + plot_w_ - w);
            const float ly = y1 - line_h - 5;
            dl->AddRectFilled(ImVec2(lx, ly), ImVec2(lx + w, ly + line_h + 2), kCursorCol, 3.0f);
            dl->AddText(ImVec2(lx + 6, ly + 1), kBarText, when.c_str());
        }
    }
    dl->PopClipRect();
}

void TimelineTab::DrawSelection(ImDrawList* dl, float y0, float y1)
{
    if (drag_ != Drag::Select || !drag_moved_)
        return;
    const float a = std::min(drag_start_x_, drag_x_), b = std::max(drag_start_x_, drag_x_);
    dl->AddRectFilled(ImVec2(a, y0), ImVec2(b, y1), kSelectFill);
    dl->AddLine(ImVec2(a, y0), ImVec2(a, y1), kCursorCol);
    dl->AddLine(ImVec2(b, y0), ImVec2(b, y1), kCursorCol);
}

void TimelineTab::DrawLanes(UiContext& ctx, float height)
{
    const Dataset& ds = *ds_;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    lanes_y0_ = origin.y;
    lanes_y1_ = origin.y + height;
    ImGui::BeginChild("##tl_lanes", ImVec2(kLabelWidth + plot_w_ + ImGui::GetStyle().ScrollbarSize + 2, height), false,
                      ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                          ImGuiWindowFlags_NoNav);
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 win = ImGui::GetWindowPos();
    const float view_h = ImGui::GetWindowHeight();

    // Wheel over the lane names scrolls; over the plot it zooms (below).
    if (ImGui::IsWindowHovered() && io.MouseWheel != 0 && io.MousePos.x < plot_x0_)
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * kLaneHeight * 2);
    scroll_y_ = ImGui::GetScrollY();

    // Input first, so this frame draws the window it asks for.
    ImGui::SetCursorPos(ImVec2(kLabelWidth, scroll_y_));
    ImGui::InvisibleButton("##tl_plot", ImVec2(plot_w_, std::max(1.0f, view_h)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const bool plot_hovered = ImGui::IsItemHovered();
    HandlePlotInput(io.MousePos.x, plot_hovered, ImGui::IsItemActive());

    // Visible lanes only, by the heights measured when they were last drawn.
    if (lane_heights_.size() != lanes_.size())
        lane_heights_.assign(lanes_.size(), kLaneHeight);
    int first = 0;
    float first_y = 0;
    while (first < int(lanes_.size()) && first_y + lane_heights_[size_t(first)] <= scroll_y_)
        first_y += lane_heights_[size_t(first++)];
    int last = first;
    for (float y = first_y; last < int(lanes_.size()) && y < scroll_y_ + view_h; ++last)
        y += lane_heights_[size_t(last)];
    query_lanes_.assign(lanes_.begin() + first, lanes_.begin() + last);
    lanes_visible_ = int(query_lanes_.size());
    TimelineViewRequest req;
    req.t0 = window_.t0;
    req.t1 = window_.t1;
    req.width_px = plot_w_;
    req.min_px_per_bar = 14;
    // Density columns of about a week when the whole range shows, so seasonality reads; never under 3 px.
    const double px_per_day = double(plot_w_) * 86400.0 / double(window_.Span());
    req.column_px = std::clamp(int(std::lround(px_per_day * 7)), 3, 10);
    index_.QueryView(req, query_lanes_.data(), int(query_lanes_.size()), &query_);

    const float plot_x1 = plot_x0_ + plot_w_;
    const float line_h = ImGui::GetTextLineHeight();
    ImFont* font = ImGui::GetFont();
    const float font_size = ImGui::GetFontSize();
    const ImVec2 mouse = io.MousePos;
    const bool plot_hot = plot_hovered && (drag_ == Drag::None || !drag_moved_);
    hovered_ = -1;
    int hovered_column_lane = -1, hovered_column = -1;
    density_lanes_ = bar_lanes_ = 0;
    rows_.clear();

    // Vertical grid under everything.
    const float top = win.y, bottom = win.y + view_h;
    for (const Tick& t : ticks_.minor)
        dl->AddLine(ImVec2(plot_x0_ + t.x, top), ImVec2(plot_x0_ + t.x, bottom), kGridMinor);
    for (const Tick& t : ticks_.major)
        dl->AddLine(ImVec2(plot_x0_ + t.x, top), ImVec2(plot_x0_ + t.x, bottom), kGridMajor);

    const float column_w = query_.column_edges.size() > 1 ? plot_w_ / float(query_.column_edges.size() - 1) : plot_w_;
    const float max_count = float(std::max(1, query_.max_column_count));
    float lane_y = win.y - scroll_y_ + first_y;
    for (size_t i = 0; i < query_.lanes.size(); ++i)
    {
        const TimelineLaneView& lv = query_.lanes[i];
        const int row = first + int(i);

        // Bars are packed first: the packing decides the lane's height.
        const TimelineBar* bars = query_.bars.data() + lv.bar_begin;
        const int n = lv.density ? 0 : lv.bar_count;
        int sub_rows = 1;
        bool titled = false;
        if (n > 0)
        {
            bar_x0_.resize(size_t(n));
            bar_x1_.resize(size_t(n));
            bar_row_.resize(size_t(n));
            for (int b = 0; b < n; ++b)
            {
                bar_x0_[size_t(b)] = XOf(bars[b].start);
                bar_x1_[size_t(b)] = std::max(XOf(bars[b].end), bar_x0_[size_t(b)] + 2.0f);
                titled = titled || std::min(bar_x1_[size_t(b)], plot_x1) - std::max(bar_x0_[size_t(b)], plot_x0_) >=
                                       kMinTitledBarPx;
            }
            sub_rows =
                std::max(1, PackBarRows(bar_x0_.data(), bar_x1_.data(), n, titled ? kMaxTallRows : kMaxCompactRows,
                                        titled ? 3.0f : 1.0f, bar_row_.data()));
        }
        const float sub_h =
            titled ? std::max(line_h + 6, (kLaneHeight - 6) / float(sub_rows)) : (kLaneHeight - 6) / float(sub_rows);
        const float lane_h = std::max(kLaneHeight, sub_h * float(sub_rows) + 6);
        lane_heights_[size_t(row)] = lane_h;
        const float y0 = lane_y;
        const float y1 = y0 + lane_h;
        lane_y = y1;
        rows_.push_back(RowLayout{lv.lane, y0, lane_h, lv.density});
        if (row % 2 == 1)
            dl->AddRectFilled(ImVec2(win.x, y0), ImVec2(plot_x1, y1), kLaneAltBg);
        dl->AddLine(ImVec2(win.x, y1 - 0.5f), ImVec2(plot_x1, y1 - 0.5f), IM_COL32(255, 255, 255, 10));
        const bool lane_hot = plot_hot && mouse.y >= y0 && mouse.y < y1;

        // Label column: colour chip for categories, name, count in the visible range.
        float lx = win.x + 6;
        const float ty = y0 + (kLaneHeight - line_h) * 0.5f;
        if (index_.Grouping() == LaneGrouping::Category && !index_.IsUnassignedLane(lv.lane))
        {
            dl->AddRectFilled(ImVec2(lx, ty + 3), ImVec2(lx + 10, ty + line_h - 3), CategoryRgba(lv.lane), 2.0f);
            lx += 16;
        }
        int in_window = lv.in_view;
        if (!lv.density)
        {
            in_window = 0;
            for (int b = 0; b < lv.bar_count; ++b)
                in_window += query_.bars[size_t(lv.bar_begin + b)].start >= window_.t0 ? 1 : 0;
        }
        char count[32];
        snprintf(count, sizeof count, "%d", in_window);
        const float cw = ImGui::CalcTextSize(count).x;
        const float count_x = win.x + kLabelWidth - 12 - cw;
        const std::string& label = lane_labels_[size_t(lv.lane)];
        ImGui::RenderTextEllipsis(dl, ImVec2(lx, ty), ImVec2(count_x - 8, ty + line_h), count_x - 8, count_x - 8,
                                  label.c_str(), label.c_str() + label.size(), nullptr);
        dl->AddText(ImVec2(count_x, ty), kDimCol, count);

        dl->PushClipRect(ImVec2(plot_x0_, y0), ImVec2(plot_x1, y1), true);
        if (lv.density)
        {
            ++density_lanes_;
            // Histogram of starts per column, coloured by the same sequential scale: height and colour both say "more".
            const TimelineColumn* cols = query_.columns.data() + lv.column_begin;
            for (int c = 0; c < lv.column_count; ++c)
            {
                if (cols[c].count == 0)
                    continue;
                const float v = std::sqrt(float(cols[c].count) / max_count);
                const float x = plot_x0_ + float(c) * column_w;
                const float bh = 3 + (kLaneHeight - 8) * v;
                dl->AddRectFilled(ImVec2(x, y1 - 3 - bh),
                                  ImVec2(x + std::max(1.0f, column_w - (column_w >= 4 ? 1.0f : 0.0f)), y1 - 3),
                                  SequentialRgba(0.3 + 0.7 * double(v)));
            }
            if (lane_hot)
            {
                hovered_column_lane = int(i);
                hovered_column = std::clamp(int((mouse.x - plot_x0_) / column_w), 0, lv.column_count - 1);
            }
        }
        else if (n > 0)
        {
            ++bar_lanes_;
            for (int b = 0; b < n; ++b)
            {
                const Activity& a = ds.activities[size_t(bars[b].activity)];
                const float bx0 = bar_x0_[size_t(b)], bx1 = bar_x1_[size_t(b)];
                const float by0 = y0 + 3 + sub_h * float(bar_row_[size_t(b)]);
                const float by1 = by0 + sub_h - (titled ? 2.0f : 1.0f);
                const bool hot =
                    plot_hot && mouse.x >= bx0 - 1 && mouse.x <= bx1 + 1 && mouse.y >= by0 && mouse.y < by1;
                if (hot)
                    hovered_ = bars[b].activity;
                const uint32_t col = CategoryRgba(a.category);
                dl->AddRectFilled(ImVec2(bx0, by0), ImVec2(bx1, by1), hot ? col : WithAlpha(col, 215), 2.0f);
                if (bars[b].activity == selected_)
                    dl->AddRect(ImVec2(bx0 - 1, by0 - 1), ImVec2(bx1 + 1, by1 + 1), IM_COL32_WHITE, 2.0f, 0, 2.0f);
                // Titles where they fit, kept on screen when the bar starts left of the plot.
                const float tx0 = std::max(bx0, plot_x0_) + 4;
                if (titled && std::min(bx1, plot_x1) - tx0 > font_size * 1.5f)
                {
                    const float tx1 = std::min(bx1, plot_x1) - 3;
                    const float ty0 = by0 + (by1 - by0 - line_h) * 0.5f;
                    ImGui::RenderTextEllipsis(dl, ImVec2(tx0, ty0), ImVec2(tx1, by1), tx1, tx1, a.title.c_str(),
                                              a.title.c_str() + a.title.size(), nullptr);
                }
            }
        }
        dl->PopClipRect();
    }
    if (lanes_.empty())
        dl->AddText(ImVec2(plot_x0_ + 20, win.y + 20), kDimCol, Tr(Str::TlNoActivities));

    DrawMarksAndCursor(dl, top, bottom, false);
    DrawSelection(dl, top, bottom);

    // Tooltips.
    if (hovered_ >= 0)
    {
        const Activity& a = ds.activities[size_t(hovered_)];
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
        const ImVec2 chip = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(chip.x, chip.y + 3),
                                                  ImVec2(chip.x + 10, chip.y + ImGui::GetTextLineHeight() - 3),
                                                  CategoryRgba(a.category), 2.0f);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 16);
        ImGui::TextUnformatted(a.title.c_str());
        ImGui::Separator();
        if (a.team >= 0)
            ImGui::Text("%s  %s", Tr(Str::TlTeam), ds.teams[size_t(a.team)].name.c_str());
        if (a.community >= 0)
        {
            const Community& c = ds.communities[size_t(a.community)];
            ImGui::Text("%s  %s%s%s", Tr(Str::TlPlace), c.street >= 0 ? ds.streets[size_t(c.street)].name.c_str() : "",
                        c.street >= 0 ? " · " : "", c.name.c_str());
        }
        ImGui::Text("%s  %s", Tr(Str::TlTime), FormatSpan(a.start, a.end).c_str());
        ImGui::Text("%s  %s", Tr(Str::TlParticipants), FormatInt(a.participants).c_str());
        char hours[48];
        snprintf(hours, sizeof hours, Tr(Str::TlHoursValue), FormatHours(a.hours).c_str());
        ImGui::Text("%s  %s", Tr(Str::TlHours), hours);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    else if (hovered_column_lane >= 0)
    {
        const TimelineLaneView& lv = query_.lanes[size_t(hovered_column_lane)];
        const TimelineColumn& c = query_.columns[size_t(lv.column_begin + hovered_column)];
        const TimeSec a = query_.column_edges[size_t(hovered_column)];
        const TimeSec b = query_.column_edges[size_t(hovered_column + 1)];
        const bool with_time = b - a < 2 * 86400;
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(lane_labels_[size_t(lv.lane)].c_str());
        ImGui::TextDisabled("%s%s%s", FormatWhen(a, with_time).c_str(), Tr(Str::TlRangeSep),
                            FormatWhen(b - 1, with_time).c_str());
        ImGui::Text(Tr(Str::TlColumnTip), FormatInt(c.count).c_str(), FormatHours(double(c.hours)).c_str());
        ImGui::EndTooltip();
    }

    float total_h = 0;
    for (float h : lane_heights_)
        total_h += h;
    ImGui::SetCursorPos(ImVec2(0, 0));
    ImGui::Dummy(ImVec2(1, std::max(total_h, 1.0f)));
    ImGui::EndChild();
}

void TimelineTab::DrawLegend(bool presenting)
{
    const Dataset& ds = *ds_;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
    for (size_t i = 0; i < ds.categories.size() && i < 16; ++i)
    {
        if (i > 0)
            ImGui::SameLine(0, 14);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + 12, p.y + h - 3), CategoryRgba(int(i)), 2.0f);
        ImGui::Dummy(ImVec2(16, h));
        ImGui::SameLine(0, 2);
        ImGui::TextUnformatted(ds.categories[i].c_str());
    }
    // Density scale.
    ImGui::SameLine(0, 28);
    ImGui::TextDisabled("%s", Tr(Str::TlFewer));
    ImGui::SameLine(0, 4);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    for (int k = 0; k < 6; ++k)
    {
        const float v = float(k + 1) / 6.0f;
        dl->AddRectFilled(ImVec2(p.x + float(k) * 8, p.y + h - 2 - (h - 4) * v),
                          ImVec2(p.x + float(k) * 8 + 6, p.y + h - 2), SequentialRgba(0.3 + 0.7 * double(v)));
    }
    ImGui::Dummy(ImVec2(48, h));
    ImGui::SameLine(0, 4);
    ImGui::TextDisabled("%s", Tr(Str::TlMore));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", Tr(Str::TlDensity));
    // Keys, right-aligned when there is room (not on a slide).
    const char* keys = Tr(Str::TlKeysHint);
    const float kw = ImGui::CalcTextSize(keys).x;
    ImGui::SameLine(0, 28);
    const float room = ImGui::GetContentRegionAvail().x - 16;
    if (room > kw && !presenting)
    {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room - kw);
        ImGui::TextDisabled("%s", keys);
    }
    else
    {
        ImGui::NewLine();
    }
}

void TimelineTab::DrawDetails(UiContext& ctx)
{
    if (selected_ < 0 || !ds_ || size_t(selected_) >= ds_->activities.size())
        return;
    const Dataset& ds = *ds_;
    const Activity& a = ds.activities[size_t(selected_)];
    ImGui::SetNextWindowPos(ImVec2(plot_x0_ + plot_w_ - 8, lanes_y0_ + 8), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.09f, 0.14f, 0.24f, 0.97f));
    bool open = true;
    char title[96];
    snprintf(title, sizeof title, "%s###tl_details", Tr(Str::TlDetails));
    // NoNav: Space and the arrows drive playback, never this window's buttons.
    ImGui::SetNextWindowSizeConstraints(ImVec2(340, 0), ImVec2(340, FLT_MAX));
    if (ImGui::Begin(title, &open,
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoNav |
                         ImGuiWindowFlags_NoFocusOnAppearing))
    {
        // Titles come from the data: the body font holds the dataset's characters, the heading font only the UI's.
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float lh = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + 10, p.y + lh - 3),
                                                  CategoryRgba(a.category), 2.0f);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 16);
        ImGui::TextWrapped("%s", a.title.c_str());
        ImGui::Separator();
        const float value_x = 96;
        auto row = [&](const char* k, const std::string& v)
        {
            ImGui::TextDisabled("%s", k);
            ImGui::SameLine(value_x);
            ImGui::TextWrapped("%s", v.c_str());
        };
        if (a.category >= 0)
            row(Tr(Str::TlCategory), ds.categories[size_t(a.category)]);
        row(Tr(Str::TlTime), FormatSpan(a.start, a.end));
        if (a.team >= 0)
            row(Tr(Str::TlTeam), ds.teams[size_t(a.team)].name);
        if (a.community >= 0)
        {
            const Community& c = ds.communities[size_t(a.community)];
            row(Tr(Str::TlPlace), (c.street >= 0 ? ds.streets[size_t(c.street)].name + " · " : std::string()) + c.name +
                                      (a.grid >= 0 ? " · " + ds.grids[size_t(a.grid)].name : std::string()));
        }
        row(Tr(Str::TlParticipants), FormatInt(a.participants));
        char hours[48];
        snprintf(hours, sizeof hours, Tr(Str::TlHoursValue), FormatHours(a.hours).c_str());
        row(Tr(Str::TlHours), hours);
        if (!a.beneficiary.empty())
            row(Tr(Str::TlBeneficiary), a.beneficiary);
        if (a.community >= 0)
        {
            ImGui::Spacing();
            if (ImGui::Button(Tr(Str::TlShowOnMap)))
            {
                // The map view reads this request; the timeline only names the place.
                ctx.session.extra_state["map_request"] =
                    json{{"community", ds.communities[size_t(a.community)].id},
                         {"grid", a.grid >= 0 ? json(ds.grids[size_t(a.grid)].id) : json(nullptr)},
                         {"from", "timeline"}};
                ctx.session.view = ViewId::Map;
            }
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
    if (!open)
        selected_ = -1;
}

void TimelineTab::HandleKeys()
{
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput)
        return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false))
        PlaybackToggle(&clock_, window_);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), false))
        PlaybackStep(&clock_, -1, window_);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), false))
        PlaybackStep(&clock_, +1, window_);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        selected_ = -1;
    // ImGui 1.86 has no key codes for + and -: read the typed characters.
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
    {
        const ImWchar c = io.InputQueueCharacters[i];
        if (c == '+' || c == '=')
            clock_.speed = PlaybackFaster(clock_.speed);
        else if (c == '-' || c == '_')
            clock_.speed = PlaybackSlower(clock_.speed);
    }
}

} // namespace tl

std::unique_ptr<View> MakeTimelineView()
{
    return std::make_unique<tl::TimelineTab>();
}

} // namespace gridstar::ui
