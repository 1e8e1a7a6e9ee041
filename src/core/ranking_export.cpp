#include "core/ranking_export.h"

#include "core/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace gridstar
{
namespace
{

using nlohmann::json;

json Number(double x)
{
    return std::isfinite(x) ? json(x) : json(nullptr);
}

const char* MovementName(Movement m)
{
    switch (m)
    {
    case Movement::New:
        return "new";
    case Movement::Same:
        return "same";
    case Movement::Up:
        return "up";
    case Movement::Down:
        return "down";
    case Movement::None:
        break;
    }
    return "none";
}

const char* TitleStatusName(TitleStatus t)
{
    switch (t)
    {
    case TitleStatus::Awarded:
        return "awarded";
    case TitleStatus::BelowThreshold:
        return "below_threshold";
    case TitleStatus::OverQuota:
        return "over_quota";
    case TitleStatus::Unranked:
        return "unranked";
    case TitleStatus::NoRule:
        break;
    }
    return "no_rule";
}

std::string IndicatorId(const Dataset& ds, int32_t k)
{
    const std::vector<Indicator>& inds = ds.competition.indicators;
    return k >= 0 && size_t(k) < inds.size() ? inds[size_t(k)].id : std::string();
}

json ShortfallsToJson(const std::vector<IndicatorShortfall>& list, const Dataset& ds)
{
    json out = json::array();
    for (const IndicatorShortfall& sf : list)
    {
        out.push_back({{"indicator", IndicatorId(ds, sf.indicator)},
                       {"score", Number(sf.score)},
                       {"required", sf.required},
                       {"short_by", Number(sf.short_by)}});
    }
    return out;
}

json ItemsToJson(const std::vector<PointItem>& items)
{
    json out = json::array();
    for (const PointItem& item : items)
    {
        out.push_back({{"points", item.points}, {"reason", item.reason}});
    }
    return out;
}

} // namespace


namespace
{


std::string MovementText(const RankingRow& row, bool english)
{
    switch (row.movement)
    {
    case Movement::New:
        return english ? "new" : "新";
    case Movement::Same:
        return english ? "same" : "持平";
    case Movement::Up:
        return "▲" + std::to_string(row.delta);
    case Movement::Down:
        return "▼" + std::to_string(-row.delta);
    case Movement::None:
        break;
    }
    return std::string();
}

} // namespace

json RankingRowsToJson(const std::vector<RankingRow>& rows, const Competition& competition, bool english)
{
    json out = json::array();
    for (const RankingRow& row : rows)
    {
        json item = json::object();
        item["id"] = row.id;
        item["name"] = row.name;
        item["rank"] = row.rank > 0 ? json(row.rank) : json(nullptr);
        item["delta"] = row.delta;
        item["new"] = row.is_new;
        item["stars"] = row.stars;
        item["top_title"] = row.top_title;
        item["total"] = Number(row.total);
        item["reward"] = row.reward_community + row.reward_secretary;
        item["reward_community"] = row.reward_community;
        item["reward_secretary"] = row.reward_secretary;
        item["status"] = RowStatusText(row, competition, english);
        out.push_back(std::move(item));
    }
    return out;
}

json ExplanationToJson(const Explanation& ex, const Dataset& ds)
{
    const Competition& comp = ds.competition;
    json out = json::object();
    if (ex.unit < 0 || size_t(ex.unit) >= ds.communities.size() || ex.period < 0 ||
        size_t(ex.period) >= comp.periods.size())
    {
        return out;
    }
    out["id"] = ds.communities[size_t(ex.unit)].id;
    out["name"] = ds.communities[size_t(ex.unit)].name;
    out["period"] = comp.periods[size_t(ex.period)].id;
    const bool has_class = ex.class_index >= 0 && size_t(ex.class_index) < comp.classes.size();
    out["class"] = has_class ? json(comp.classes[size_t(ex.class_index)].id) : json(nullptr);
    out["class_size"] = ex.class_size;
    out["class_members"] = ex.class_members;
    out["rank"] = ex.rank > 0 ? json(ex.rank) : json(nullptr);
    out["prev_rank"] = ex.prev_rank > 0 ? json(ex.prev_rank) : json(nullptr);
    out["movement"] = MovementName(ex.movement);
    out["delta"] = ex.delta;
    out["flags"] = ex.flags;
    out["note"] = ex.note;

    json lines = json::array();
    for (const IndicatorLine& line : ex.indicators)
    {
        const bool named = line.indicator >= 0 && size_t(line.indicator) < comp.indicators.size();
        lines.push_back({{"id", IndicatorId(ds, line.indicator)},
                         {"name", named ? comp.indicators[size_t(line.indicator)].name : std::string()},
                         {"raw", Number(line.raw)},
                         {"score", Number(line.score)},
                         {"max", line.max},
                         {"weight", line.weight},
                         {"contribution", Number(line.contribution)},
                         {"missing", line.missing}});
    }
    out["indicators"] = std::move(lines);
    out["bonus"] = ItemsToJson(ex.bonus);
    out["deductions"] = ItemsToJson(ex.deductions);
    out["weighted_sum"] = Number(ex.weighted_sum);
    out["bonus_sum"] = ex.bonus_sum;
    out["deduction_sum"] = ex.deduction_sum;
    out["late_penalty"] = ex.late_penalty;
    out["total"] = Number(ex.total);

    out["stars"] = ex.stars;
    json checks = json::array();
    for (const StarCheck& check : ex.star_checks)
    {
        checks.push_back({{"stars", check.stars},
                          {"min_each", check.min_each},
                          {"min_total", check.min_total},
                          {"met", check.met},
                          {"total_met", check.total_met},
                          {"each_met", check.each_met},
                          {"total_margin", Number(check.total_margin)},
                          {"each_short", ShortfallsToJson(check.each_short, ds)}});
    }
    out["star_checks"] = std::move(checks);
    out["next_stars"] = ex.next_stars;
    out["next_total_short"] = Number(ex.next_total_short);
    out["next_each_short"] = ShortfallsToJson(ex.next_each_short, ds);

    out["title"] = {{"name", comp.rules.top_title.name},
                    {"status", TitleStatusName(ex.title)},
                    {"quota", ex.title_quota},
                    {"total_short", Number(ex.title_total_short)},
                    {"each_short", ShortfallsToJson(ex.title_each_short, ds)}};
    out["reward"] = {{"community", ex.reward_community},
                     {"secretary", ex.reward_secretary},
                     {"rank_community", ex.rank_reward_community},
                     {"rank_secretary", ex.rank_reward_secretary},
                     {"star_community", ex.star_reward_community},
                     {"star_secretary", ex.star_reward_secretary}};
    return out;
}



std::string RankingRowsToCsv(const std::vector<RankingRow>& rows, const Dataset& ds, const CsvOptions& options)
{
    const Competition& comp = ds.competition;
    const bool en = options.english;
    std::string out = kUtf8Bom;
    std::vector<std::string> header = {en ? "Rank" : "排名",     en ? "Movement" : "变动", en ? "ID" : "编号",
                                       en ? "Name" : "名称",     en ? "Street" : "街道",   en ? "Class" : "类别"};
    if (options.include_secretary)
    {
        header.push_back(en ? "Secretary" : "书记");
    }
    header.push_back(en ? "Stars" : "星级");
    header.push_back(en ? "Title" : "称号");
    header.push_back(en ? "Total" : "总分");
    for (const Indicator& ind : comp.indicators)
    {
        header.push_back(ind.name);
    }
    header.push_back(en ? "Bonus" : "附加分");
    header.push_back(en ? "Deductions" : "扣分");
    header.push_back(en ? "Reward community (yuan)" : "社区奖励（元）");
    header.push_back(en ? "Reward secretary (yuan)" : "书记奖励（元）");
    header.push_back(en ? "Status" : "状态");
    for (size_t i = 0; i < header.size(); ++i)
    {
        out += (i ? "," : "") + CsvText(header[i]);
    }
    out += "\r\n";

    for (const RankingRow& row : rows)
    {
        const bool unit_ok = row.unit >= 0 && size_t(row.unit) < ds.communities.size();
        const bool street_ok = row.street >= 0 && size_t(row.street) < ds.streets.size();
        const bool class_ok = row.class_index >= 0 && size_t(row.class_index) < comp.classes.size();
        std::string line;
        line += (row.rank > 0 ? std::to_string(row.rank) : std::string()) + ",";
        line += MovementText(row, en) + ",";
        line += CsvText(row.id) + ",";
        line += CsvText(row.name) + ",";
        line += CsvText(street_ok ? ds.streets[size_t(row.street)].name : std::string()) + ",";
        line += CsvText(class_ok ? comp.classes[size_t(row.class_index)].name : std::string()) + ",";
        if (options.include_secretary)
        {
            const std::string secretary = unit_ok ? ds.communities[size_t(row.unit)].secretary : std::string();
            line += CsvText(options.mask_personal ? MaskPersonName(secretary) : secretary) + ",";
        }
        line += (row.rank > 0 ? std::to_string(row.stars) : std::string()) + ",";
        line += CsvText(row.top_title ? comp.rules.top_title.name : std::string()) + ",";
        line += FormatNumber(row.total) + ",";
        for (size_t k = 0; k < comp.indicators.size(); ++k)
        {
            line += FormatNumber(k < row.values.size() ? row.values[k] : NAN) + ",";
        }
        line += FormatNumber(row.bonus) + ",";
        line += FormatNumber(row.deductions) + ",";
        line += FormatNumber(row.reward_community) + ",";
        line += FormatNumber(row.reward_secretary) + ",";
        line += CsvText(RowStatusText(row, comp, en));
        out += line;
        out += "\r\n";
    }
    return out;
}

} // namespace gridstar
