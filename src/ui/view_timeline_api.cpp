// Timeline: the JavaScript commands (timelineRange / timelineFilter / timelinePlay / timelineGrouping /
// timelinePreset / exportTimelineCsv), GridStar.state().timeline, scene settings and the CSV of the activities on
// screen. Everything goes through the same TimelineTab members the mouse and keyboard use.
#include <algorithm>
#include <cstdio>
#include <string>

#include "core/time_util.h"
#include "core/timeline_export.h"
#include "ui/strings.h"
#include "ui/view_timeline_tab.h"

namespace gridstar::ui::tl
{

const char* const kGroupIds[kLaneGroupingCount] = {"team", "category", "street", "community"};

bool GroupingFromName(const std::string& name, LaneGrouping* out)
{
    for (int i = 0; i < kLaneGroupingCount; ++i)
        if (name == kGroupIds[i])
        {
            *out = LaneGrouping(i);
            return true;
        }
    return false;
}

json TimelineTab::FilterJson() const
{
    const TimelineFilter& f = index_.Filter();
    json j{{"categories", json::array()},
           {"teams", json::array()},
           {"streets", json::array()},
           {"communities", json::array()},
           {"text", f.text}};
    if (!ds_)
        return j;
    for (int32_t v : f.categories)
        if (v >= 0 && size_t(v) < ds_->categories.size())
            j["categories"].push_back(ds_->categories[size_t(v)]);
    for (int32_t v : f.teams)
        if (v >= 0 && size_t(v) < ds_->teams.size())
            j["teams"].push_back(ds_->teams[size_t(v)].id);
    for (int32_t v : f.streets)
        if (v >= 0 && size_t(v) < ds_->streets.size())
            j["streets"].push_back(ds_->streets[size_t(v)].id);
    for (int32_t v : f.communities)
        if (v >= 0 && size_t(v) < ds_->communities.size())
            j["communities"].push_back(ds_->communities[size_t(v)].id);
    return j;
}

json TimelineTab::StateSection() const
{
    const TimelineTotals& t = WindowTotals();
    json busiest = json::array();
    for (const DayCount& d : t.busiest_days)
        busiest.push_back(json{{"date", FormatDate(CivilFromDays(d.day))}, {"count", d.count}});
    json playback{{"playing", clock_.playing},
                  {"active", clock_.active},
                  {"cursor", clock_.active ? json(FormatIsoCst(clock_.cursor)) : json(nullptr)},
                  {"speed", PlaybackSpeedName(clock_.speed)},
                  {"speed_days_per_second", PlaybackSpeedSeconds(clock_.speed) / 86400.0},
                  {"loops", clock_.loops}};
    if (clock_.active)
    {
        const TimelineTotals& r = PlaybackTotals();
        playback["running"] = json{{"activities", r.activities},
                                   {"hours", r.hours},
                                   {"participants", r.participants},
                                   {"teams", r.distinct_teams}};
    }
    const Dataset* ds = ds_;
    json out{
        {"range", {{"start", FormatIsoCst(window_.t0)}, {"end", FormatIsoCst(window_.t1)}}},
        {"grouping", kGroupIds[int(index_.Grouping())]},
        {"filter", FilterJson()},
        {"visible",
         {{"activities", t.activities},
          {"hours", t.hours},
          {"participants", t.participants},
          {"teams", t.distinct_teams}}},
        {"busiest_days", std::move(busiest)},
        {"playback", std::move(playback)},
        {"lanes", lanes_.size()},
        {"lanes_visible", lanes_visible_},
        {"lane_modes", {{"bars", bar_lanes_}, {"density", density_lanes_}}},
        {"passing", index_.PassingCount()},
        {"selected", (ds && selected_ >= 0) ? json(ds->activities[size_t(selected_)].id) : json(nullptr)},
        {"hovered", (ds && hovered_ >= 0) ? json(ds->activities[size_t(hovered_)].id) : json(nullptr)},
        {"layout",
         {{"plot_x", plot_x0_},
          {"plot_width", plot_w_},
          {"axis_top", axis_y0_},
          {"axis_bottom", axis_y1_},
          {"lanes_top", lanes_y0_},
          {"lanes_bottom", lanes_y1_},
          {"lane_height", kLaneHeight},
          {"label_width", kLabelWidth},
          {"scroll_y", scroll_y_},
          {"export_button", {export_min_.x, export_min_.y, export_max_.x - export_min_.x, export_max_.y - export_min_.y}}}},
    };
    json rows = json::array();
    for (const RowLayout& r : rows_)
        rows.push_back(
            json{{"name", r.lane < int32_t(lane_labels_.size()) ? lane_labels_[size_t(r.lane)] : std::string()},
                 {"lane", r.lane},
                 {"y", r.y},
                 {"height", r.h},
                 {"mode", r.density ? "density" : "bars"}});
    out["layout"]["rows"] = std::move(rows);
    static const char* const kUnitNames[] = {"minute", "hour", "day", "week", "month", "year"};
    out["axis"] = json{{"unit", kUnitNames[int(ticks_.unit)]},
                       {"step", ticks_.step},
                       {"context", ticks_.context_label},
                       {"first_minor", ticks_.minor.empty() ? std::string() : ticks_.minor.front().label},
                       {"minor_count", ticks_.minor.size()}};
    return out;
}

void TimelineTab::AppendState(json& state) const
{
    if (!built_ || !session_ || session_->generation() != generation_ || !session_->dataset())
        return; // never shown nor asked yet (or the dataset just changed): no figures to report
    state["timeline"] = StateSection();
}

bool TimelineTab::HandleCommand(UiContext& ctx, const std::string& name, const json& args, json* result)
{
    if (name != "timelineRange" && name != "timelineFilter" && name != "timelinePlay" && name != "timelineGrouping" &&
        name != "timelinePreset" && name != "exportTimelineCsv")
        return false;
    if (!Sync(ctx.session))
    {
        *result = json{{"error", "no dataset loaded"}};
        return true;
    }
    auto fail = [&](const std::string& message)
    {
        *result = json{{"error", name + ": " + message}};
        return true;
    };
    auto get_string = [&](const char* key, std::string* out)
    {
        auto it = args.find(key);
        if (it == args.end() || !it->is_string())
            return false;
        *out = it->get<std::string>();
        return true;
    };

    if (name == "exportTimelineCsv")
    {
        *result = ExportCsv(ctx);
        return true;
    }
    if (name == "timelineRange")
    {
        std::string a, b;
        TimeWindow w;
        if (!get_string("start", &a) || !get_string("end", &b))
            return fail("start and end must be ISO date-time strings");
        if (!ParseDateTime(a, &w.t0) || !ParseDateTime(b, &w.t1))
            return fail("cannot parse '" + a + "' or '" + b + "'");
        if (w.t1 <= w.t0)
            return fail("end must be after start");
        SetWindow(w, false);
    }
    else if (name == "timelineFilter")
    {
        TimelineFilter f;
        const Dataset& ds = *ds_;
        auto read_list = [&](const char* key, std::vector<int32_t>* out, auto find) -> std::string
        {
            auto it = args.find(key);
            if (it == args.end() || it->is_null())
                return "";
            if (!it->is_array())
                return std::string(key) + " must be an array";
            for (const json& v : *it)
            {
                if (!v.is_string())
                    return std::string(key) + " must list strings";
                const int32_t idx = find(v.get<std::string>());
                if (idx < 0)
                    return "unknown " + std::string(key) + " entry '" + v.get<std::string>() + "'";
                out->push_back(idx);
            }
            return "";
        };
        std::string err = read_list("categories", &f.categories,
                                    [&](const std::string& s)
                                    {
                                        for (size_t i = 0; i < ds.categories.size(); ++i)
                                            if (ds.categories[i] == s)
                                                return int32_t(i);
                                        return int32_t(-1);
                                    });
        if (err.empty())
            err = read_list("teams", &f.teams,
                            [&](const std::string& s)
                            {
                                for (size_t i = 0; i < ds.teams.size(); ++i)
                                    if (ds.teams[i].id == s)
                                        return int32_t(i);
                                return int32_t(-1);
                            });
        if (err.empty())
            err = read_list("streets", &f.streets,
                            [&](const std::string& s)
                            {
                                for (size_t i = 0; i < ds.streets.size(); ++i)
                                    if (ds.streets[i].id == s)
                                        return int32_t(i);
                                return int32_t(-1);
                            });
        if (err.empty())
            err = read_list("communities", &f.communities,
                            [&](const std::string& s)
                            {
                                for (size_t i = 0; i < ds.communities.size(); ++i)
                                    if (ds.communities[i].id == s)
                                        return int32_t(i);
                                return int32_t(-1);
                            });
        if (!err.empty())
            return fail(err);
        auto text = args.find("text");
        if (text != args.end() && !text->is_null())
        {
            if (!text->is_string())
                return fail("text must be a string");
            f.text = text->get<std::string>();
        }
        snprintf(search_, sizeof search_, "%s", f.text.c_str());
        ApplyFilter(f);
    }
    else if (name == "timelinePlay")
    {
        std::string s;
        if (get_string("speed", &s) && !PlaybackSpeedFromName(s, &clock_.speed))
            return fail("speed must be day, week, month, quarter or year");
        if (get_string("cursor", &s))
        {
            TimeSec t;
            if (!ParseDateTime(s, &t))
                return fail("cannot parse cursor '" + s + "'");
            if (!clock_.active)
                PlaybackSetPlaying(&clock_, false, window_);
            clock_.active = true;
            clock_.cursor = std::clamp(t, window_.t0, window_.t1);
            clock_.carry = clock_.hold_s = 0;
        }
        auto step = args.find("step");
        if (step != args.end() && step->is_number())
            PlaybackStep(&clock_, step->get<int>(), window_);
        auto stop = args.find("stop");
        if (stop != args.end() && stop->is_boolean() && stop->get<bool>())
            PlaybackStop(&clock_);
        auto playing = args.find("playing");
        if (playing != args.end() && playing->is_boolean())
            PlaybackSetPlaying(&clock_, playing->get<bool>(), window_);
    }
    else if (name == "timelineGrouping")
    {
        std::string g;
        LaneGrouping grouping;
        if (!get_string("grouping", &g) || !GroupingFromName(g, &grouping))
            return fail("grouping must be team, category, street or community");
        SetGrouping(grouping);
    }
    else if (name == "timelinePreset")
    {
        std::string p;
        RangePreset preset;
        if (!get_string("preset", &p) || !RangePresetFromName(p, &preset))
            return fail("preset must be all, year, quarter, month, week or day");
        std::string a;
        TimeSec anchor;
        if (get_string("anchor", &a))
        {
            if (!ParseDateTime(a, &anchor))
                return fail("cannot parse anchor '" + a + "'");
            SetWindow(PresetWindow(preset, anchor, data_t0_, data_t1_), false);
        }
        else
        {
            ApplyPreset(preset);
        }
    }
    *result = StateSection();
    return true;
}

json TimelineTab::ExportCsv(UiContext& ctx)
{
    const std::vector<int32_t> rows = index_.PassingActivities(window_.t0, window_.t1);
    const std::string file = ActivitiesCsvFileName(window_.t0, window_.t1);
    if (ctx.hooks.save_file)
        ctx.hooks.save_file(file, ActivitiesToCsv(rows, *ds_, CurrentLanguage() == Lang::En), "text/csv;charset=utf-8");
    return json{{"filename", file}, {"rows", rows.size()}};
}

json TimelineTab::SceneSettings() const
{
    json st = StateSection();
    return json{{"start", st["range"]["start"]},
                {"end", st["range"]["end"]},
                {"grouping", st["grouping"]},
                {"playing", st["playback"]["playing"]},
                {"speed", st["playback"]["speed"]}};
}

void TimelineTab::ApplySceneSettings(UiContext& ctx, const json& settings)
{
    json result;
    if (settings.contains("grouping"))
        HandleCommand(ctx, "timelineGrouping", json{{"grouping", settings["grouping"]}}, &result);
    if (settings.contains("start") && settings.contains("end"))
        HandleCommand(ctx, "timelineRange", json{{"start", settings["start"]}, {"end", settings["end"]}}, &result);
    json play = json::object();
    if (settings.contains("speed"))
        play["speed"] = settings["speed"];
    if (settings.value("playing", false))
    {
        play["stop"] = true; // a playing scene starts its sweep from the beginning, the same at every rehearsal
        HandleCommand(ctx, "timelinePlay", play, &result);
        play.erase("stop");
        play["playing"] = true;
    }
    if (!play.empty())
        HandleCommand(ctx, "timelinePlay", play, &result);
}

} // namespace gridstar::ui::tl
