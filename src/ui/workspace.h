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
    // Routes a JavaScript API command to the view that knows it; `{"error": ...}` when none does.
    nlohmann::json HandleCommand(UiContext& ctx, const std::string& name, const nlohmann::json& args);

private:
    std::array<std::unique_ptr<View>, kViewCount> views_;
    ViewId shown_ = ViewId::Overview;
    bool force_select_ = true;
    Str toast_ = Str::Count; // Count = none
    bool toast_error_ = false;
    double toast_until_ = 0;
};

} // namespace gridstar::ui
