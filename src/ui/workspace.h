// The main window: menu bar, the tab strip of views and the status line. Owns the views (imgui_demo-style
// dispatcher); which one is shown is the session's `view`.
#pragma once

#include <array>
#include <memory>

#include "ui/strings.h"
#include "ui/ui_context.h"
#include "ui/view.h"

namespace gridstar::ui
{

class Workspace
{
public:
    Workspace();
    ~Workspace();
    void Draw(UiContext& ctx);
    void AppendState(const Session& session, nlohmann::json& state) const;
    void SetToast(Str text, bool is_error, double now_s);
    // Presentation: a clicker key (the current view may take it as a step inside its scene).
    void OnPresentKey(UiContext& ctx, gridstar::PresentKey key);
    // The current view and its settings as a new scene.
    Scene CaptureScene(const UiContext& ctx) const;
    // The playlist used when a dataset brings none.
    static std::vector<Scene> DefaultScenes();
    // Routes a JavaScript API command to the view that knows it; `{"error": ...}` when none does.
    nlohmann::json HandleCommand(UiContext& ctx, const std::string& name, const nlohmann::json& args);

private:
    void DrawPresentationOverlay(UiContext& ctx);
    void DrawPlaylistEditor(UiContext& ctx);
    void ApplySceneIfChanged(UiContext& ctx);

    std::array<std::unique_ptr<View>, kViewCount> views_;
    int applied_scene_ = -1;          // scene whose settings the views hold
    uint64_t applied_generation_ = 0; // dataset the playlist was taken from
    bool playlist_open_ = false;
    bool edit_ended_ = false;
    ViewId shown_ = ViewId::Overview;
    bool force_select_ = true;
    Str toast_ = Str::Count; // Count = none
    bool toast_error_ = false;
    double toast_until_ = 0;
};

} // namespace gridstar::ui
