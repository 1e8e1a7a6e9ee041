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

void Workspace::Draw(UiContext& ctx)
{
    Session& s = ctx.session;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##workspace", nullptr, flags);
    ImGui::PopStyleVar(2);

    // ---- menu bar ----
    if (ImGui::BeginMenuBar())
    {
        ImGui::TextUnformatted(Tr(Str::AppTitle));
        ImGui::Separator();
        if (ImGui::BeginMenu(Tr(Str::MenuFile)))
        {
            if (ImGui::MenuItem(Tr(Str::MenuOpenData), "Ctrl+O") && ctx.hooks.open_file_picker)
                ctx.hooks.open_file_picker();
            if (ImGui::MenuItem(Tr(Str::MenuLoadSample)) && ctx.hooks.load_sample)
                ctx.hooks.load_sample();
            if (ImGui::MenuItem(Tr(Str::MenuExportJson), nullptr, false, s.dataset() != nullptr) &&
                ctx.hooks.save_file)
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
        if (const Dataset* ds = s.dataset())
        {
            ImGui::Separator();
            ImGui::TextDisabled("%s  ·  %s %s", ds->info.name.c_str(), Tr(Str::AsOf), ds->info.as_of.c_str());
        }
        ImGui::EndMenuBar();
    }

    // ---- tabs: the session's view decides; a click on a tab changes the session ----
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

    ImGui::BeginChild("##view", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    if (auto& v = views_[int(shown_)])
        v->Draw(ctx);
    ImGui::EndChild();

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
