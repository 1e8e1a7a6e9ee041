// Overview: the dataset's headline numbers as large figures, as a press conference shows them.
#include "imgui.h"

#include "ui/format.h"
#include "ui/strings.h"
#include "ui/views.h"

namespace gridstar::ui
{
namespace
{

struct Figure
{
    Str label;
    double value;
    Str unit;
};

class OverviewView : public View
{
public:
    void Draw(UiContext& ctx) override
    {
        const Dataset* ds = ctx.session.dataset();
        ImGui::SetCursorPos(ImVec2(24, 16));
        if (!ds)
        {
            ImGui::TextWrapped("%s", Tr(Str::NoDataset));
            return;
        }
        // The counters roll up whenever the figures come into view: a new dataset, the tab shown again after
        // another one, or a presentation scene starting here. Skipped frames do not count as "shown again". The app's
        // first frame shows the figures as they are: what opens on screen is the data, not a count from zero.
        const int frame = ImGui::GetFrameCount();
        if (ctx.session.generation() != generation_ || frame > last_frame_ + 1 || restart_)
        {
            const bool opening = frame <= 1 && !restart_;
            generation_ = ctx.session.generation();
            appear_s_ = opening ? ctx.time_s - kRollSeconds : ctx.time_s;
            restart_ = false;
        }
        last_frame_ = frame;
        const Counts& c = ctx.session.counts();
        const bool zh = ctx.session.language == "zh";

        ImGui::PushFont(ctx.heading);
        ImGui::TextUnformatted(ds->info.name.c_str());
        ImGui::PopFont();
        ImGui::SetCursorPosX(24);
        ImGui::TextDisabled("%s  ·  %s %s%s%s", ds->district.name.c_str(), Tr(Str::AsOf), ds->info.as_of.c_str(),
                            ds->info.synthetic ? "  ·  " : "", ds->info.synthetic ? Tr(Str::Synthetic) : "");
        ImGui::Dummy(ImVec2(0, 12));

        const Figure figures[] = {
            {Str::Streets, double(c.streets), Str::UnitsCount},
            {Str::Communities, double(c.communities), Str::UnitsCount},
            {Str::Grids, double(c.grids), Str::UnitsCount},
            {Str::MicroGrids, double(c.micro_grids), Str::UnitsCount},
            {Str::GridWorkers, double(c.grid_workers), Str::PeopleUnit},
            {Str::Volunteers, double(c.volunteers), Str::PeopleUnit},
            {Str::Teams, double(c.teams), Str::UnitsCount},
            {Str::Activities, double(c.activities), Str::UnitsCount},
            {Str::ServiceHours, c.service_hours, Str::HoursUnit},
            {Str::Households, double(c.households), Str::HouseholdsUnit},
        };
        const int n = int(sizeof(figures) / sizeof(figures[0]));
        const float margin = 24.0f;
        const float avail = ImGui::GetWindowWidth() - 2 * margin;
        const float card_w = 14.0f * ImGui::GetTextLineHeight();
        const float gap = ImGui::GetTextLineHeight();
        int cols = std::max(1, int((avail + gap) / (card_w + gap)));
        cols = std::min(cols, 5);
        const float w = (avail - gap * float(cols - 1)) / float(cols);
        const float line = ImGui::GetTextLineHeight();
        const float num_h = ctx.big->FontSize * ImGui::GetIO().FontGlobalScale;
        const int rows = (n + cols - 1) / cols;
        float h = num_h + line * 2.2f;
        // On a slide the cards share the height left for them (the two lines below keep theirs), up to twice their
        // natural height; the figure sits in the middle of the space above its label.
        if (ctx.presenting)
        {
            const float below = line * 5.0f;
            const float fill = (ImGui::GetContentRegionAvail().y - below) / float(rows) - gap;
            h = std::max(h, std::min(fill, 1.8f * h));
        }
        const float num_y = std::max(line * 0.35f, (h - line * 1.6f - num_h) * 0.5f);
        // Deterministic in the time since the figures appeared, so a rehearsal rolls exactly like the show.
        const float t = float(std::min(1.0, (ctx.time_s - appear_s_) / kRollSeconds));
        const float ease = 1.0f - (1.0f - t) * (1.0f - t) * (1.0f - t);
        roll_ = t;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 origin(ImGui::GetWindowPos().x + margin, ImGui::GetCursorScreenPos().y);
        for (int i = 0; i < n; ++i)
        {
            int row = i / cols, col = i % cols;
            ImVec2 p0(origin.x + float(col) * (w + gap), origin.y + float(row) * (h + gap));
            ImVec2 p1(p0.x + w, p0.y + h);
            dl->AddRectFilled(p0, p1, IM_COL32(28, 44, 72, 255), 8.0f);
            dl->AddRectFilled(p0, ImVec2(p0.x + 5, p1.y), IM_COL32(230, 60, 50, 255), 8.0f,
                              ImDrawFlags_RoundCornersLeft);
            double shown = figures[i].value * double(ease);
            std::string num = FormatFigure(t < 1.0f ? std::floor(shown) : figures[i].value, zh);
            ImGui::PushFont(ctx.big);
            const float inset = line * 1.1f;
            dl->AddText(ImVec2(p0.x + inset, p0.y + num_y), IM_COL32(255, 255, 255, 255), num.c_str());
            ImVec2 num_size = ImGui::CalcTextSize(num.c_str());
            ImGui::PopFont();
            // Units and labels: the heading size on a slide, to go with the larger figures.
            if (ctx.presenting)
                ImGui::PushFont(ctx.heading);
            const float small = ImGui::GetTextLineHeight();
            const char* unit = Tr(figures[i].unit);
            if (unit[0])
                dl->AddText(ImVec2(p0.x + inset + num_size.x + line * 0.25f, p0.y + num_y + num_size.y - small * 1.3f),
                            IM_COL32(200, 210, 230, 255), unit);
            dl->AddText(ImVec2(p0.x + inset, p1.y - small * 1.45f), IM_COL32(200, 210, 230, 255), Tr(figures[i].label));
            if (ctx.presenting)
                ImGui::PopFont();
        }
        ImGui::Dummy(ImVec2(avail, float(rows) * (h + gap)));

        // Secondary line: closure rate of grid issues and population.
        ImGui::SetCursorPosX(24);
        if (c.events > 0)
            ImGui::Text("%s %s  ·  %s %.1f%%  ·  %s %s", Tr(Str::Events), FormatInt(c.events).c_str(),
                        Tr(Str::ClosureRate), 100.0 * double(c.events_closed) / double(c.events), Tr(Str::Population),
                        FormatFigure(double(c.population), zh).c_str());
        if (!ds->info.source.empty())
        {
            ImGui::SetCursorPosX(24);
            ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
            ImGui::TextDisabled("%s: %s", Tr(Str::Source), ds->info.source.c_str());
            ImGui::PopTextWrapPos();
        }
    }

    void ApplySceneSettings(UiContext&, const nlohmann::json&) override { restart_ = true; }

    void AppendState(nlohmann::json& state) const override
    {
        // How far the roll-up is (0 = just appeared, 1 = final figures shown) and when it started (seconds on the
        // app's clock), for tests and embedding pages.
        state["overview"] = nlohmann::json{{"roll", roll_}, {"roll_started_s", appear_s_}};
    }

private:
    static constexpr double kRollSeconds = 1.0;
    uint64_t generation_ = 0;
    double appear_s_ = 0;
    int last_frame_ = -10;
    bool restart_ = false;
    float roll_ = 0;
};

} // namespace

std::unique_ptr<View> MakeOverviewView()
{
    return std::make_unique<OverviewView>();
}

} // namespace gridstar::ui
