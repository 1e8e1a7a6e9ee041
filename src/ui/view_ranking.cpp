// Placeholder until this view is built: says so instead of showing nothing.
#include "imgui.h"

#include "ui/strings.h"
#include "ui/views.h"

namespace gridstar::ui
{
namespace
{
class RankingView : public View
{
public:
    void Draw(UiContext& ctx) override
    {
        ImGui::SetCursorPos(ImVec2(24, 16));
        ImGui::PushFont(ctx.heading);
        ImGui::TextUnformatted(Tr(Str::ViewRanking));
        ImGui::PopFont();
        ImGui::SetCursorPosX(24);
        ImGui::TextDisabled("%s", Tr(Str::ComingSoon));
    }
};
} // namespace

std::unique_ptr<View> MakeRankingView()
{
    return std::make_unique<RankingView>();
}

} // namespace gridstar::ui
