#include "ui/workspace.h"

#include "imgui.h"

#include "core/dataset_export.h"
#include "ui/strings.h"
#include "ui/views.h"

namespace gridstar::ui
{

namespace
{
const Str kViewTitles[kViewCount] = {Str::ViewOverview, Str::ViewMap, Str::ViewTimeline, Str::ViewRanking,
                                     Str::ViewData};
}

Workspace::Workspace()
{
    views_[int(ViewId::Overview)] = MakeOverviewView();
    views_[int(ViewId::Map)] = MakeMapView();
    views_[int(ViewId::Timeline)] = MakeTimelineView();
    views_[int(ViewId::Ranking)] = MakeRankingView();
    views_[int(ViewId::Data)] = MakeDataView();
}

Workspace::~Workspace() = default;

void Workspace::SetToast(Str text, bool is_error, double now_s)
{
    toast_ = text;
    toast_error_ = is_error;
    toast_until_ = now_s + 6.0;
}

void Workspace::AppendState(const Session& session, nlohmann::json& state) const
{
    for (const auto& v : views_)
        if (v)
            v->AppendState(state);
}

nlohmann::json Workspace::HandleCommand(UiContext& ctx, const std::string& name, const nlohmann::json& args)
{
    nlohmann::json result;
    for (auto& v : views_)
        if (v && v->HandleCommand(ctx, name, args, &result))
            return result;
    return nlohmann::json{{"error", "unknown command: " + name}};
}

std::vector<Scene> Workspace::DefaultScenes()
{
    // Titles in Chinese: the playlist is the district's and is saved with its data.
    return {
        Scene{Tr(Str::DefaultSceneOverview, Lang::Zh), "overview", 10, "{}"},
        Scene{Tr(Str::DefaultSceneMap, Lang::Zh), "map", 15, R"({"color_mode":"metric","metric":"volunteer_hours"})"},
        Scene{Tr(Str::DefaultSceneTimeline, Lang::Zh), "timeline", 15,
              R"({"start":"2024-01-01","end":"2025-01-01","playing":true,"speed":"month"})"},
        Scene{Tr(Str::DefaultSceneRanking, Lang::Zh), "ranking", 15, "{}"},
    };
}

Scene Workspace::CaptureScene(const UiContext& ctx) const
{
    Scene s;
    s.view = ViewName(ctx.session.view);
    s.title = Tr(kViewTitles[int(ctx.session.view)]);
    s.dwell_s = 15;
    if (const auto& v = views_[int(ctx.session.view)])
        s.settings = v->SceneSettings().dump();
    else
        s.settings = "{}";
    return s;
}

namespace
{
// Lets the playlist offer a clicker step to the view on screen first.
struct ViewSteps : StepHandler
{
    View* view;
    UiContext* ctx;
    bool StepInScene(int dir) override { return view && view->StepInScene(*ctx, dir); }
};
} // namespace

void Workspace::OnPresentKey(UiContext& ctx, gridstar::PresentKey key)
{
    ViewSteps steps;
    steps.view = views_[int(ctx.session.view)].get();
    steps.ctx = &ctx;
    ctx.session.presentation.Key(key, ctx.time_s, &steps);
    ApplySceneIfChanged(ctx);
}

void Workspace::ApplySceneIfChanged(UiContext& ctx)
{
    Presentation& p = ctx.session.presentation;
    if (!p.on || p.scenes.empty())
    {
        applied_scene_ = -1;
        return;
    }
    if (applied_scene_ == p.index())
        return;
    applied_scene_ = p.index();
    const Scene& sc = p.scenes[size_t(p.index())];
    ViewId v;
    if (!ViewFromName(sc.view, &v))
        return;
    ctx.session.view = v;
    nlohmann::json settings = nlohmann::json::parse(sc.settings, nullptr, false);
    if (views_[int(v)])
        views_[int(v)]->ApplySceneSettings(ctx, settings.is_object() ? settings : nlohmann::json::object());
}

void Workspace::DrawPresentationOverlay(UiContext& ctx)
{
    const Session& s = ctx.session;
    const Presentation& p = s.presentation;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 lo = vp->WorkPos, hi(vp->WorkPos.x + vp->WorkSize.x, vp->WorkPos.y + vp->WorkSize.y);
    const float pad = ImGui::GetTextLineHeight() * 0.6f;
    auto boxed_text = [&](ImVec2 pos, ImVec2 pivot, const char* text, ImU32 bg, ImU32 fg)
    {
        ImVec2 sz = ImGui::CalcTextSize(text);
        ImVec2 p0(pos.x - pivot.x * (sz.x + 2 * pad), pos.y - pivot.y * (sz.y + pad));
        dl->AddRectFilled(p0, ImVec2(p0.x + sz.x + 2 * pad, p0.y + sz.y + pad), bg, pad * 0.5f);
        dl->AddText(ImVec2(p0.x + pad, p0.y + pad * 0.5f), fg, text);
    };
    // Every slide carries its date and source, so a photographed slide is never misleading.
    if (const Dataset* ds = s.dataset())
    {
        std::string stamp = std::string(Tr(Str::AsOf)) + " " + ds->info.as_of + "  ·  " + ds->info.name;
        if (ds->info.synthetic)
            stamp += "  ·  " + std::string(Tr(Str::Synthetic));
        boxed_text(ImVec2(hi.x - pad, hi.y - pad), ImVec2(1, 1), stamp.c_str(), IM_COL32(10, 16, 30, 220),
                   IM_COL32(220, 228, 240, 255));
    }
    if (p.masking)
        boxed_text(ImVec2(hi.x - pad, lo.y + pad), ImVec2(1, 0), Tr(Str::MaskBadge), IM_COL32(150, 40, 30, 235),
                   IM_COL32(255, 255, 255, 255));
    if (!p.scenes.empty())
    {
        char buf[160];
        snprintf(buf, sizeof buf, "%d / %d  %s", p.index() + 1, int(p.scenes.size()),
                 p.scenes[size_t(p.index())].title.c_str());
        boxed_text(ImVec2(lo.x + pad, hi.y - pad), ImVec2(0, 1), buf, IM_COL32(10, 16, 30, 200),
                   IM_COL32(200, 210, 230, 255));
    }
}

void Workspace::DrawPlaylistEditor(UiContext& ctx)
{
    if (!playlist_open_)
        return;
    Presentation& p = ctx.session.presentation;
    ImGui::SetNextWindowSize(ImVec2(560, 360), ImGuiCond_FirstUseEver);
    if (ImGui::Begin(Tr(Str::PresentPlaylist), &playlist_open_))
    {
        if (p.scenes.empty())
            ImGui::TextWrapped("%s", Tr(Str::NoScenes));
        int remove = -1, up = -1, down = -1;
        if (!p.scenes.empty() &&
            ImGui::BeginTable("##scenes", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
        {
            ImGui::TableSetupColumn(Tr(Str::SceneTitle), ImGuiTableColumnFlags_WidthStretch, 2.0f);
            ImGui::TableSetupColumn(Tr(Str::SceneView), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(Tr(Str::SceneDwell), ImGuiTableColumnFlags_WidthStretch, 1.2f);
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 150);
            ImGui::TableHeadersRow();
            for (int i = 0; i < int(p.scenes.size()); ++i)
            {
                Scene& sc = p.scenes[size_t(i)];
                ImGui::PushID(i);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                char title[128];
                snprintf(title, sizeof title, "%s", sc.title.c_str());
                ImGui::SetNextItemWidth(-1);
                if (ImGui::InputText("##t", title, sizeof title))
                    sc.title = title;
                edit_ended_ |= ImGui::IsItemDeactivatedAfterEdit();
                ImGui::TableNextColumn();
                ViewId v;
                ImGui::TextUnformatted(ViewFromName(sc.view, &v) ? Tr(kViewTitles[int(v)]) : sc.view.c_str());
                ImGui::TableNextColumn();
                float dwell = float(sc.dwell_s);
                ImGui::SetNextItemWidth(-1);
                if (ImGui::SliderFloat("##d", &dwell, 2, 120, "%.0f"))
                    sc.dwell_s = dwell;
                edit_ended_ |= ImGui::IsItemDeactivatedAfterEdit();
                ImGui::TableNextColumn();
                if (ImGui::SmallButton(Tr(Str::SceneMoveUp)))
                    up = i;
                ImGui::SameLine();
                if (ImGui::SmallButton(Tr(Str::SceneMoveDown)))
                    down = i;
                ImGui::SameLine();
                if (ImGui::SmallButton(Tr(Str::SceneDelete)))
                    remove = i;
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        bool changed =
            (up >= 0 && p.Move(up, -1)) | (down >= 0 && p.Move(down, +1)) | (remove >= 0 && p.Remove(remove));
        // Titles and dwell times are stored when an edit ends, not on every keystroke.
        changed |= ImGui::IsItemDeactivatedAfterEdit() || edit_ended_;
        edit_ended_ = false;
        if (changed && ctx.hooks.persist_dataset)
            ctx.hooks.persist_dataset();
        ImGui::Checkbox(Tr(Str::PresentAuto), &p.auto_advance);
        ImGui::SameLine();
        ImGui::Checkbox(Tr(Str::PresentLoop), &p.loop);
    }
    ImGui::End();
}

void Workspace::Draw(UiContext& ctx)
{
    Session& s = ctx.session;
    // A new dataset brings its own playlist (or the default one).
    if (s.generation() != applied_generation_)
    {
        applied_generation_ = s.generation();
        if (const Dataset* ds = s.dataset())
            s.presentation.scenes = ds->scenes.empty() ? DefaultScenes() : ds->scenes;
        applied_scene_ = -1;
    }
    if (s.presentation.on)
    {
        if (s.presentation.Tick(ctx.time_s))
            applied_scene_ = -1;
        ApplySceneIfChanged(ctx);
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                             (ctx.presenting ? 0 : ImGuiWindowFlags_MenuBar);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##workspace", nullptr, flags);
    ImGui::PopStyleVar(2);

    // ---- menu bar (not while presenting: no editing chrome) ----
    if (!ctx.presenting && ImGui::BeginMenuBar())
    {
        ImGui::TextUnformatted(Tr(Str::AppTitle));
        ImGui::Separator();
        if (ImGui::BeginMenu(Tr(Str::MenuFile)))
        {
            if (ImGui::MenuItem(Tr(Str::MenuOpenData), "Ctrl+O") && ctx.hooks.open_file_picker)
                ctx.hooks.open_file_picker();
            if (ImGui::MenuItem(Tr(Str::MenuLoadSample)) && ctx.hooks.load_sample)
                ctx.hooks.load_sample();
            if (ImGui::MenuItem(Tr(Str::MenuExportJson), nullptr, false, s.dataset() != nullptr) && ctx.hooks.save_file)
                ctx.hooks.save_file("gridstar-dataset.json", DatasetToJsonText(*s.dataset()), "application/json");
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(Tr(Str::MenuView)))
        {
            for (int i = 0; i < kViewCount; ++i)
                if (ImGui::MenuItem(Tr(kViewTitles[i]), nullptr, int(s.view) == i))
                    s.view = ViewId(i);
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(Tr(Str::MenuLanguage)))
        {
            if (ImGui::MenuItem(Tr(Str::LangZh), nullptr, s.language == "zh"))
                s.language = "zh";
            if (ImGui::MenuItem(Tr(Str::LangEn), nullptr, s.language == "en"))
                s.language = "en";
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(Tr(Str::MenuPresent)))
        {
            if (ImGui::MenuItem(Tr(Str::PresentStart), "F5"))
                s.presentation.Start(ctx.time_s);
            if (ImGui::MenuItem(Tr(Str::PresentAddScene)))
            {
                s.presentation.Add(CaptureScene(ctx));
                if (ctx.hooks.persist_dataset)
                    ctx.hooks.persist_dataset();
            }
            if (ImGui::MenuItem(Tr(Str::PresentPlaylist), nullptr, playlist_open_))
                playlist_open_ = !playlist_open_;
            ImGui::Separator();
            ImGui::MenuItem(Tr(Str::PresentAuto), nullptr, &s.presentation.auto_advance);
            ImGui::MenuItem(Tr(Str::PresentLoop), nullptr, &s.presentation.loop);
            ImGui::MenuItem(Tr(Str::MaskPersonal), nullptr, &s.mask_personal);
            ImGui::EndMenu();
        }
        if (const Dataset* ds = s.dataset())
        {
            ImGui::Separator();
            ImGui::TextDisabled("%s  ·  %s %s", ds->info.name.c_str(), Tr(Str::AsOf), ds->info.as_of.c_str());
        }
        ImGui::EndMenuBar();
    }

    // ---- tabs: the session's view decides; a click on a tab changes the session ----
    if (ctx.presenting)
    {
        shown_ = s.view;
    }
    else
    {
        ImGui::SetCursorPos(ImVec2(ImGui::GetStyle().ItemSpacing.x, ImGui::GetCursorPosY() + 4));
        if (shown_ != s.view)
            force_select_ = true;
        if (ImGui::BeginTabBar("##views", ImGuiTabBarFlags_None))
        {
            for (int i = 0; i < kViewCount; ++i)
            {
                ImGuiTabItemFlags tf = (force_select_ && int(s.view) == i) ? ImGuiTabItemFlags_SetSelected : 0;
                char label[96];
                snprintf(label, sizeof label, "%s###view%d", Tr(kViewTitles[i]), i);
                if (ImGui::BeginTabItem(label, nullptr, tf))
                {
                    if (!force_select_)
                        s.view = ViewId(i);
                    shown_ = ViewId(i);
                    ImGui::EndTabItem();
                }
            }
            ImGui::EndTabBar();
        }
        force_select_ = shown_ != s.view;
    }

    // On a slide the footer (scene, 数据截至 stamp: a line in a padded box, see DrawPresentationOverlay) keeps the bottom
    // of the screen; the views lay out above it.
    const float footer_h = ctx.presenting ? ImGui::GetTextLineHeight() * 2.2f : 0.0f;
    ImGui::BeginChild("##view", ImVec2(0, -footer_h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    if (auto& v = views_[int(shown_)])
        v->Draw(ctx);
    ImGui::EndChild();

    if (ctx.presenting)
        DrawPresentationOverlay(ctx);
    else
        DrawPlaylistEditor(ctx);

    // ---- toast: load results etc. ----
    if (toast_ != Str::Count && ctx.time_s < toast_until_)
    {
        ImVec2 pos(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - 40);
        ImGui::SetNextWindowPos(pos, ImGuiCond_Always, ImVec2(0.5f, 1.0f));
        ImGui::SetNextWindowBgAlpha(0.92f);
        ImGui::PushStyleColor(ImGuiCol_WindowBg, toast_error_ ? IM_COL32(150, 30, 30, 240) : IM_COL32(20, 90, 60, 240));
        ImGui::Begin("##toast", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::TextUnformatted(Tr(toast_)); // in the current language, even after a switch
        ImGui::End();
        ImGui::PopStyleColor();
    }
    ImGui::End();
}

} // namespace gridstar::ui
