#include "core/timeline_export.h"

#include <cstdio>

#include "core/csv.h"
#include "core/time_util.h"

namespace gridstar
{

std::string FormatCstMinutes(TimeSec utc)
{
    const CivilDateTime t = CstFromUtc(utc);
    char buf[48];
    if (t.second != 0)
        std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", t.hour, t.minute, t.second);
    else
        std::snprintf(buf, sizeof buf, " %02d:%02d", t.hour, t.minute);
    return FormatDate(t.date) + buf;
}

std::string ActivitiesToCsv(const std::vector<int32_t>& activities, const Dataset& ds, bool english)
{
    const bool en = english;
    const char* const header[] = {en ? "ID" : "编号",           en ? "Title" : "活动名称",
                                  en ? "Category" : "类别",     en ? "Team" : "队伍",
                                  en ? "Street" : "街道",       en ? "Community" : "社区",
                                  en ? "Grid" : "网格",         en ? "Start" : "开始时间",
                                  en ? "End" : "结束时间",      en ? "Participants" : "参与人数",
                                  en ? "Service hours" : "服务时长（小时）", en ? "Beneficiaries" : "服务对象"};
    std::string out = kUtf8Bom;
    for (size_t i = 0; i < sizeof header / sizeof header[0]; ++i)
        out += (i ? "," : "") + CsvText(header[i]);
    out += "\r\n";

    auto name_at = [](const auto& list, int32_t i) -> std::string
    { return i >= 0 && size_t(i) < list.size() ? list[size_t(i)].name : std::string(); };
    for (int32_t index : activities)
    {
        if (index < 0 || size_t(index) >= ds.activities.size())
            continue;
        const Activity& a = ds.activities[size_t(index)];
        const bool community_ok = a.community >= 0 && size_t(a.community) < ds.communities.size();
        const int32_t street = community_ok ? ds.communities[size_t(a.community)].street : -1;
        const std::string category =
            a.category >= 0 && size_t(a.category) < ds.categories.size() ? ds.categories[size_t(a.category)] : "";
        std::string line;
        line += CsvText(a.id) + ",";
        line += CsvText(a.title) + ",";
        line += CsvText(category) + ",";
        line += CsvText(name_at(ds.teams, a.team)) + ",";
        line += CsvText(name_at(ds.streets, street)) + ",";
        line += CsvText(name_at(ds.communities, a.community)) + ",";
        line += CsvText(name_at(ds.grids, a.grid)) + ",";
        line += FormatCstMinutes(a.start) + ",";
        line += FormatCstMinutes(a.end) + ",";
        line += std::to_string(a.participants) + ",";
        line += FormatNumber(a.hours) + ",";
        line += CsvText(a.beneficiary);
        out += line;
        out += "\r\n";
    }
    return out;
}

std::string ActivitiesCsvFileName(TimeSec t0, TimeSec t1)
{
    const CivilDate a = CstFromUtc(t0).date;
    const CivilDate b = CstFromUtc(t1 > t0 ? t1 - 1 : t0).date;
    return "activities-" + FormatDate(a) + "_" + FormatDate(b) + ".csv";
}

} // namespace gridstar
