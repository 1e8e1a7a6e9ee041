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
};

} // namespace gridstar::ui
