// Map: the JavaScript commands (mapFocus / mapPick / mapOptions / mapUp / mapLabel), GridStar.state().map and
// scene settings. They go through the same MapView members the mouse and keyboard use.
#include <string>
#include <vector>

#include "ui/view_map_view.h"

namespace gridstar::ui::map
{

nlohmann::json MapView::UnitJson(UnitRef u) const
{
    if (!Loaded() || !UnitExists(*ds_, u))
        return nullptr;
    return nlohmann::json{{"id", UnitId(*ds_, u)}, {"name", UnitName(*ds_, u)}, {"level", LevelKey(u.level)}};
}

int MapView::VisibleUnits() const
{
    if (!Loaded() || canvas_.IsEmpty())
        return 0;
    static std::vector<int32_t> scratch;
    scratch.clear();
    model_.UnitsInView(nav_.ShownLevel(), nav_.ShownParent().index, view_.WorldRect(canvas_), &scratch);
    return int(scratch.size());
}

nlohmann::json MapView::MapStateJson() const
{
    nlohmann::json m;
    if (!Loaded())
        return m;
    nlohmann::json crumbs = nlohmann::json::array();
    std::vector<UnitRef> chain = nav_.Breadcrumb();
    for (size_t i = 0; i < chain.size(); ++i)
    {
        nlohmann::json c = UnitJson(chain[i]);
        // Where the item was drawn last frame (CSS pixels), so automation can click it like a person.
        if (chain.size() == crumb_rects_.size())
            c["rect"] = {crumb_rects_[i].first.x, crumb_rects_[i].first.y, crumb_rects_[i].second.x,
                         crumb_rects_[i].second.y};
        crumbs.push_back(c);
    }
    m["level"] = LevelKey(nav_.focus().level);
    m["shown_level"] = LevelKey(nav_.ShownLevel());
    m["focused"] = UnitJson(nav_.focus());
    m["breadcrumb"] = crumbs;
    m["desk_controls"] = desk_controls_;
    m["color_mode"] = MapColorModeKey(mode_);
    m["metric"] = MapMetricKey(metric_);
    m["visible_units"] = VisibleUnits();
    m["selected"] = UnitJson(nav_.selected());
    m["masking"] = masking_;
    m["labels"] = labels_;
    m["finest"] = finest_;
    m["fill_level"] = LevelKey(FillLevel());
    m["fill_units_drawn"] = out_fill_.units_drawn; // in the last frame
    m["labels_drawn"] = labels_drawn_;
    m["scale"] = view_.scale; // pixels per metre
    m["lod"] = lod_;
    m["canvas"] = canvas_.IsEmpty() ? nlohmann::json(nullptr)
                                    : nlohmann::json{canvas_.min_x, canvas_.min_y, canvas_.max_x, canvas_.max_y};
    return m;
}

void MapView::AppendState(nlohmann::json& state) const
{
    state["map"] = MapStateJson();
}

bool MapView::HandleCommand(UiContext& ctx, const std::string& name, const nlohmann::json& args,
                            nlohmann::json* result)
{
    if (name != "mapFocus" && name != "mapPick" && name != "mapOptions" && name != "mapUp" && name != "mapLabel")
        return false;
    const Dataset* ds = ctx.session.dataset();
    if (ctx.session.generation() != generation_ || ds != ds_)
        Rebuild(ds, ctx.session.generation());
    if (!ds)
    {
        *result = nlohmann::json{{"error", "no dataset loaded"}};
        return true;
    }
    if (name == "mapFocus")
    {
        std::string id = args.contains("id") && args["id"].is_string() ? args["id"].get<std::string>() : "";
        UnitRef u = search_.FindById(id);
        if (!u.Valid())
        {
            *result = nlohmann::json{{"error", "unknown unit id: " + id}};
            return true;
        }
        FocusUnit(u);
        *result = MapStateJson();
        return true;
    }
    if (name == "mapUp")
    {
        GoUp();
        *result = MapStateJson();
        return true;
    }
    if (name == "mapPick")
    {
        double x = args.value("x", -1.0), y = args.value("y", -1.0);
        *result = UnitJson(Pick(ImVec2(float(x), float(y))));
        return true;
    }
    if (name == "mapLabel")
    {
        // Where a unit's label point is on the screen now (CSS pixels), for tests and tours: {x, y} or null.
        std::string id = args.contains("id") && args["id"].is_string() ? args["id"].get<std::string>() : "";
        UnitRef u = search_.FindById(id);
        const MapLevel& ml = model_.At(u.level);
        if (!u.Valid() || size_t(u.index) >= ml.units.size() || !ml.units[size_t(u.index)].has_shape)
        {
            *result = nullptr;
            return true;
        }
        Vec2 s = view_.ToScreen(ml.units[size_t(u.index)].label);
        *result = nlohmann::json{{"x", s.x}, {"y", s.y}};
        return true;
    }
    // mapOptions: {color_mode, metric, masking, labels, finest}; unknown values are refused.
    if (args.contains("color_mode"))
    {
        MapColorMode m;
        if (!args["color_mode"].is_string() || !MapColorModeFromKey(args["color_mode"].get<std::string>(), &m))
        {
            *result = nlohmann::json{{"error", "unknown color_mode"}};
            return true;
        }
        mode_ = m;
    }
    if (args.contains("metric"))
    {
        MapMetric m;
        if (!args["metric"].is_string() || !MapMetricFromKey(args["metric"].get<std::string>(), &m))
        {
            *result = nlohmann::json{{"error", "unknown metric"}};
            return true;
        }
        metric_ = m;
    }
    if (args.contains("masking") && args["masking"].is_boolean())
        masking_ = args["masking"].get<bool>();
    if (args.contains("labels") && args["labels"].is_boolean())
        labels_ = args["labels"].get<bool>();
    if (args.contains("finest") && args["finest"].is_boolean())
        finest_ = args["finest"].get<bool>();
    *result = MapStateJson();
    return true;
}

nlohmann::json MapView::SceneSettings() const
{
    nlohmann::json st = MapStateJson();
    nlohmann::json out{{"color_mode", st.value("color_mode", "")}, {"metric", st.value("metric", "")}};
    if (st.contains("focused") && st["focused"].is_object() && st["focused"].contains("id"))
        out["focus"] = st["focused"]["id"];
    return out;
}

void MapView::ApplySceneSettings(UiContext& ctx, const nlohmann::json& settings)
{
    nlohmann::json result, options = nlohmann::json::object();
    for (const char* key : {"color_mode", "metric"})
        if (settings.contains(key) && settings[key].is_string() && !settings[key].get<std::string>().empty())
            options[key] = settings[key];
    if (!options.empty())
        HandleCommand(ctx, "mapOptions", options, &result);
    if (settings.contains("focus") && settings["focus"].is_string())
        HandleCommand(ctx, "mapFocus", nlohmann::json{{"id", settings["focus"]}}, &result);
}

} // namespace gridstar::ui::map
