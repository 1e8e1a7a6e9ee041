// Placeholder until this view is built: says so instead of showing nothing.
#include "imgui.h"

#include "ui/strings.h"
#include "ui/views.h"

namespace gridstar::ui
{
namespace
{
class TimelineView : public View
{
public:
    void Draw(UiContext& ctx) override
    {
        ImGui::SetCursorPos(ImVec2(24, 16));
        ImGui::PushFont(ctx.heading);
        ImGui::TextUnformatted(Tr(Str::ViewTimeline));
        ImGui::PopFont();
        ImGui::SetCursorPosX(24);
        ImGui::TextDisabled("%s", Tr(Str::ComingSoon));
    }
};
} // namespace

std::unique_ptr<View> MakeTimelineView()
{
    return std::make_unique<TimelineView>();
}

} // namespace gridstar::ui
