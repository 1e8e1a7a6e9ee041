// A view is one tab of the workspace. Views keep their own derived state and rebuild it when the session's
// dataset generation changes.
#pragma once

#include "core/session.h"
#include "ui/ui_context.h"

namespace gridstar::ui
{

class View
{
public:
    virtual ~View() = default;
    virtual void Draw(UiContext& ctx) = 0;
    // Adds this view's section to GridStar.state() (optional).
    virtual void AppendState(nlohmann::json& state) const {}
    // Presentation: the view's settings as a scene ("add this view as a scene") and back.
    virtual nlohmann::json SceneSettings() const { return nlohmann::json::object(); }
    virtual void ApplySceneSettings(UiContext& ctx, const nlohmann::json& settings) {}
    // A clicker step inside the current scene (e.g. the ranking race's next period); false = nothing to step.
    virtual bool StepInScene(UiContext& ctx, int dir) { return false; }
    // A JavaScript API call addressed to this view (GridStar.timelineRange, GridStar.ranking, ...).
    // Returns false when the command is not this view's. Runs between frames, with the same code paths as the UI.
    virtual bool HandleCommand(UiContext& ctx, const std::string& name, const nlohmann::json& args,
                               nlohmann::json* result)
    {
        return false;
    }
};

} // namespace gridstar::ui
