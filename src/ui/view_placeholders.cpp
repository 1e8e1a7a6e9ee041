// Views whose issue has not landed yet say so instead of showing nothing. Each moves to its own file when built.
#include "imgui.h"

#include "ui/strings.h"
#include "ui/views.h"

namespace gridstar::ui
{
namespace
{
class PendingView : public View
{
public:
    explicit PendingView(Str title) : title_(title) {}
    void Draw(UiContext& ctx) override
    {
        ImGui::SetCursorPos(ImVec2(24, 16));
        ImGui::PushFont(ctx.heading);
        ImGui::TextUnformatted(Tr(title_));
        ImGui::PopFont();
        ImGui::SetCursorPosX(24);
        ImGui::TextDisabled("%s", Tr(Str::ComingSoon));
    }

private:
    Str title_;
};
} // namespace

std::unique_ptr<View> MakeMapView()
{
    return std::make_unique<PendingView>(Str::ViewMap);
}
std::unique_ptr<View> MakeTimelineView()
{
    return std::make_unique<PendingView>(Str::ViewTimeline);
}
std::unique_ptr<View> MakeRankingView()
{
    return std::make_unique<PendingView>(Str::ViewRanking);
}

} // namespace gridstar::ui
