// Data: what is loaded, where it came from, what the last load said (every fault with its JSON path), and
// the state of local storage.
#include "imgui.h"

#include "ui/format.h"
#include "ui/strings.h"
#include "ui/views.h"

namespace gridstar::ui
{
namespace
{

class DataView : public View
{
public:
    void Draw(UiContext& ctx) override
    {
        Session& s = ctx.session;
        ImGui::SetCursorPos(ImVec2(16, 12));
        ImGui::BeginGroup();
        ImGui::PushFont(ctx.heading);
        ImGui::TextUnformatted(Tr(Str::Dataset));
        ImGui::PopFont();
        if (const Dataset* ds = s.dataset())
        {
            static const Str kOrigins[] = {Str::NoDataset, Str::OriginSample, Str::OriginRestored, Str::OriginLoaded};
            ImGui::Text("%s: %s", Tr(Str::Name), ds->info.name.c_str());
            ImGui::Text("%s: %s  ·  %s: %s", Tr(Str::District), ds->district.name.c_str(), Tr(Str::AsOf),
                        ds->info.as_of.c_str());
            ImGui::Text("%s: %s", Tr(Str::Origin), Tr(kOrigins[int(s.origin())]));
        }
        else
        {
            ImGui::TextWrapped("%s", Tr(Str::NoDataset));
        }
        ImGui::TextDisabled("%s", Tr(Str::DropHint));
        ImGui::Spacing();

        // ---- storage ----
        ImGui::PushFont(ctx.heading);
        ImGui::TextUnformatted(Tr(Str::Storage));
        ImGui::PopFont();
        const StorageInfo& st = s.storage;
        if (st.available)
        {
            ImGui::TextColored(ImVec4(0.45f, 0.85f, 0.55f, 1), "%s", Tr(Str::StorageAvailable));
            ImGui::Text("%s", Tr(st.persisted ? Str::StoragePersisted : Str::StorageNotPersisted));
            if (st.bytes_used >= 0)
                ImGui::Text("%s: %s KB", Tr(Str::StorageUsed), FormatInt(st.bytes_used / 1024).c_str());
            if (!st.stored_name.empty())
                ImGui::Text("%s: %s", Tr(Str::StoredDataset), st.stored_name.c_str());
        }
        else
        {
            ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "%s", Tr(Str::StorageUnavailable));
        }
        if (!st.message.empty())
            ImGui::TextDisabled("%s", st.message.c_str());
        ImGui::Spacing();

        // ---- the last load's faults ----
        if (s.has_load_result())
        {
            const LoadResult& r = s.last_load();
            ImGui::PushFont(ctx.heading);
            ImGui::TextUnformatted(Tr(Str::LastLoad));
            ImGui::PopFont();
            if (r.ok)
                ImGui::TextColored(ImVec4(0.45f, 0.85f, 0.55f, 1), "%s", Tr(Str::LoadOk));
            else
                ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", Tr(Str::LoadFailed));
            ImGui::Text("%s: %s  ·  %s: %s", Tr(Str::Errors), FormatInt(int64_t(r.error_count)).c_str(),
                        Tr(Str::Warnings), FormatInt(int64_t(r.warning_count)).c_str());
            size_t listed = r.faults.size();
            size_t total = r.error_count + r.warning_count;
            if (total > listed)
                ImGui::TextDisabled(Tr(Str::MoreFaults), int(total - listed));
            ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                                 ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
            ImVec2 size(ImGui::GetContentRegionAvail().x - 16, ImGui::GetContentRegionAvail().y - 12);
            if (!r.faults.empty() && ImGui::BeginTable("##faults", 4, tf, size))
            {
                ImGui::TableSetupScrollFreeze(0, 1);
                ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 70);
                ImGui::TableSetupColumn(Tr(Str::Path), ImGuiTableColumnFlags_WidthStretch, 1.0f);
                ImGui::TableSetupColumn(Tr(Str::LineCol), ImGuiTableColumnFlags_WidthFixed, 80);
                ImGui::TableSetupColumn(Tr(Str::Message), ImGuiTableColumnFlags_WidthStretch, 1.6f);
                ImGui::TableHeadersRow();
                ImGuiListClipper clip;
                clip.Begin(int(r.faults.size()));
                while (clip.Step())
                    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i)
                    {
                        const Fault& f = r.faults[size_t(i)];
                        ImGui::TableNextRow();
                        ImGui::TableNextColumn();
                        bool err = f.severity == Severity::Error;
                        ImGui::TextColored(err ? ImVec4(1, 0.45f, 0.4f, 1) : ImVec4(1, 0.8f, 0.3f, 1), "%s",
                                           Tr(err ? Str::Errors : Str::Warnings));
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(f.path.empty() ? "/" : f.path.c_str());
                        ImGui::TableNextColumn();
                        if (f.line > 0)
                            ImGui::Text("%d:%d", f.line, f.column);
                        ImGui::TableNextColumn();
                        ImGui::TextWrapped("%s", FaultMessage(f, s.language).c_str());
                    }
                ImGui::EndTable();
            }
        }
        ImGui::EndGroup();
    }
};

} // namespace

std::unique_ptr<View> MakeDataView()
{
    return std::make_unique<DataView>();
}

} // namespace gridstar::ui
