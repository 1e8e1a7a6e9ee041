#include "core/dataset_export.h"

#include <cmath>

#include "core/time_util.h"

namespace gridstar
{
using nlohmann::json;

namespace
{

const char* KindName(CommunityKind k)
{
    switch (k)
    {
    case CommunityKind::Village: return "village";
    case CommunityKind::Transition: return "transition";
    default: return "urban";
    }
}

json Geometry(const MultiPolygon& mp)
{
    json coords = json::array();
    for (const Polygon& poly : mp)
    {
        json rings = json::array();
        for (const Ring& ring : poly)
        {
            json pts = json::array();
            for (const LonLat& p : ring)
                pts.push_back(json::array({p.lon, p.lat}));
            rings.push_back(std::move(pts));
        }
        coords.push_back(std::move(rings));
    }
    if (mp.size() == 1)
        return json{{"type", "Polygon"}, {"coordinates", coords[0]}};
    return json{{"type", "MultiPolygon"}, {"coordinates", coords}};
}

void PutBoundary(json& o, const MultiPolygon& mp)
{
    if (!mp.empty())
        o["boundary"] = Geometry(mp);
}

void PutIfNotEmpty(json& o, const char* key, const std::string& s)
{
    if (!s.empty())
        o[key] = s;
}

json Items(const std::vector<PointItem>& items)
{
    json a = json::array();
    for (const PointItem& it : items)
        a.push_back(json{{"points", it.points}, {"reason", it.reason}});
    return a;
}

// The rating rules in the format of competition.rules (also used for saved rule sets).
json RulesToJson(const RatingRules& r)
{
    json rules;
    json stars = json::array();
    for (const StarRule& s : r.stars)
        stars.push_back(json{{"stars", s.stars}, {"min_each", s.min_each}, {"min_total", s.min_total}});
    rules["stars"] = std::move(stars);
    if (!r.top_title.name.empty())
        rules["top_title"] = json{{"name", r.top_title.name},
                                  {"min_each", r.top_title.min_each},
                                  {"min_total", r.top_title.min_total},
                                  {"quota_pct", r.top_title.quota_pct}};
    json rewards = json::array();
    for (const RewardBand& b : r.rewards)
        rewards.push_back(json{{"rank_from", b.rank_from},
                               {"rank_to", b.rank_to},
                               {"community", b.community},
                               {"secretary", b.secretary}});
    rules["rewards"] = std::move(rewards);
    json srew = json::array();
    for (const StarReward& s : r.star_rewards)
        srew.push_back(json{{"stars", s.stars}, {"community", s.community}, {"secretary", s.secretary}});
    rules["star_rewards"] = std::move(srew);
    rules["budget"] = r.budget;
    rules["missing"] = r.missing == MissingRule::Zero ? "zero" : "exclude";
    rules["late"] = r.late == LateRule::Penalty ? "penalty" : r.late == LateRule::Exclude ? "exclude" : "accept";
    rules["late_penalty"] = r.late_penalty;
    json tb = json::array();
    for (TieBreak t : r.tie_break)
        tb.push_back(t == TieBreak::MinIndicator ? "min_indicator"
                     : t == TieBreak::FewerDeductions ? "fewer_deductions"
                                                      : "id");
    rules["tie_break"] = std::move(tb);
    return rules;
}

} // namespace

json DatasetToJson(const Dataset& ds)
{
    json root;
    root["format"] = "gridstar/1";
    json info{{"name", ds.info.name}, {"as_of", ds.info.as_of}, {"synthetic", ds.info.synthetic},
              {"language", ds.info.language}};
    PutIfNotEmpty(info, "source", ds.info.source);
    root["dataset"] = std::move(info);
    json district{{"id", ds.district.id}, {"name", ds.district.name}};
    PutBoundary(district, ds.district.boundary);
    root["district"] = std::move(district);

    json streets = json::array();
    for (const Street& s : ds.streets)
    {
        json o{{"id", s.id}, {"name", s.name}, {"kind", s.is_town ? "town" : "street"}};
        PutBoundary(o, s.boundary);
        streets.push_back(std::move(o));
    }
    root["streets"] = std::move(streets);

    json comms = json::array();
    for (const Community& c : ds.communities)
    {
        json o{{"id", c.id},
               {"name", c.name},
               {"street_id", ds.streets[size_t(c.street)].id},
               {"kind", KindName(c.kind)},
               {"households", c.households},
               {"population", c.population}};
        PutIfNotEmpty(o, "secretary", c.secretary);
        PutIfNotEmpty(o, "class_id", c.class_id);
        PutBoundary(o, c.boundary);
        comms.push_back(std::move(o));
    }
    root["communities"] = std::move(comms);

    static const char* kColors[] = {"", "red", "orange", "yellow", "green", "blue"};
    json grids = json::array();
    for (const Grid& g : ds.grids)
    {
        json o{{"id", g.id},
               {"name", g.name},
               {"community_id", ds.communities[size_t(g.community)].id},
               {"households", g.households}};
        if (g.color != GridColor::None)
            o["color"] = kColors[int(g.color)];
        PutIfNotEmpty(o, "category", g.category);
        PutIfNotEmpty(o, "party_branch", g.party_branch);
        if (!g.worker.name.empty() || !g.worker.phone.empty())
        {
            json w = json::object();
            PutIfNotEmpty(w, "name", g.worker.name);
            PutIfNotEmpty(w, "phone", g.worker.phone);
            o["worker"] = std::move(w);
        }
        PutBoundary(o, g.boundary);
        grids.push_back(std::move(o));
    }
    root["grids"] = std::move(grids);

    json micro = json::array();
    for (const MicroGrid& m : ds.micro_grids)
    {
        json o{{"id", m.id}, {"name", m.name}, {"grid_id", ds.grids[size_t(m.grid)].id}, {"households", m.households}};
        PutIfNotEmpty(o, "leader", m.leader);
        PutBoundary(o, m.boundary);
        micro.push_back(std::move(o));
    }
    root["micro_grids"] = std::move(micro);

    json teams = json::array();
    for (const Team& t : ds.teams)
    {
        json o{{"id", t.id}, {"name", t.name}, {"members", t.members}};
        if (t.community >= 0)
            o["community_id"] = ds.communities[size_t(t.community)].id;
        PutIfNotEmpty(o, "focus", t.focus);
        teams.push_back(std::move(o));
    }
    root["teams"] = std::move(teams);

    json acts = json::array();
    for (const Activity& a : ds.activities)
    {
        json o{{"id", a.id},
               {"title", a.title},
               {"category", ds.categories[size_t(a.category)]},
               {"team_id", ds.teams[size_t(a.team)].id},
               {"community_id", ds.communities[size_t(a.community)].id},
               {"start", FormatIsoCst(a.start)},
               {"end", FormatIsoCst(a.end)},
               {"participants", a.participants},
               {"hours", a.hours}};
        if (a.grid >= 0)
            o["grid_id"] = ds.grids[size_t(a.grid)].id;
        PutIfNotEmpty(o, "beneficiary", a.beneficiary);
        acts.push_back(std::move(o));
    }
    root["activities"] = std::move(acts);

    if (!ds.volunteers.empty())
    {
        json vols = json::array();
        for (const Volunteer& v : ds.volunteers)
        {
            json o{{"id", v.id}, {"team_id", ds.teams[size_t(v.team)].id}, {"hours", v.hours}};
            PutIfNotEmpty(o, "since", v.since);
            vols.push_back(std::move(o));
        }
        root["volunteers"] = std::move(vols);
    }

    json marks = json::array();
    for (const MarkedDate& m : ds.marked_dates)
    {
        char buf[16];
        if (m.year > 0)
            snprintf(buf, sizeof buf, "%04d-%02d-%02d", m.year, m.month, m.day);
        else
            snprintf(buf, sizeof buf, "%02d-%02d", m.month, m.day);
        marks.push_back(json{{"date", buf}, {"label", m.label}});
    }
    root["marked_dates"] = std::move(marks);

    const Competition& c = ds.competition;
    if (c.present)
    {
        json comp;
        json periods = json::array();
        for (const Period& p : c.periods)
            periods.push_back(json{{"id", p.id}, {"name", p.name}, {"start", p.start}, {"end", p.end}});
        comp["periods"] = std::move(periods);
        json classes = json::array();
        for (const CompetitionClass& k : c.classes)
        {
            json kinds = json::array();
            for (CommunityKind kind : k.kinds)
                kinds.push_back(KindName(kind));
            classes.push_back(json{{"id", k.id}, {"name", k.name}, {"kinds", kinds}});
        }
        comp["classes"] = std::move(classes);
        json inds = json::array();
        for (const Indicator& i : c.indicators)
            inds.push_back(json{{"id", i.id}, {"name", i.name}, {"weight", i.weight}, {"max", i.max}});
        comp["indicators"] = std::move(inds);
        comp["rules"] = RulesToJson(c.rules);
        if (!c.rule_sets.empty())
        {
            json sets = json::array();
            for (const RuleSet& rs : c.rule_sets)
            {
                json weights = json::object();
                for (size_t k = 0; k < c.indicators.size() && k < rs.weights.size(); ++k)
                    weights[c.indicators[k].id] = rs.weights[k];
                json o{{"name", rs.name}};
                if (!rs.saved_at.empty())
                    o["saved_at"] = rs.saved_at;
                o["weights"] = std::move(weights);
                o["rules"] = RulesToJson(rs.rules);
                sets.push_back(std::move(o));
            }
            comp["saved_rule_sets"] = std::move(sets);
        }
        json scores = json::array();
        for (const ScoreEntry& e : c.scores)
        {
            json vals = json::object();
            for (size_t i = 0; i < e.values.size() && i < c.indicators.size(); ++i)
                if (!std::isnan(e.values[i]))
                    vals[c.indicators[i].id] = e.values[i];
            json o{{"period", c.periods[size_t(e.period)].id},
                   {"community_id", ds.communities[size_t(e.community)].id},
                   {"values", std::move(vals)}};
            if (!e.bonus.empty())
                o["bonus"] = Items(e.bonus);
            if (!e.deductions.empty())
                o["deductions"] = Items(e.deductions);
            if (e.late)
                o["late"] = true;
            if (e.disqualified)
                o["disqualified"] = true;
            PutIfNotEmpty(o, "note", e.note);
            scores.push_back(std::move(o));
        }
        comp["scores"] = std::move(scores);
        root["competition"] = std::move(comp);
    }

    static const char* kStatus[] = {"发现", "上报", "处置", "反馈", "评价", "closed"};
    json events = json::array();
    for (const Event& e : ds.events)
    {
        json o{{"id", e.id},
               {"grid_id", ds.grids[size_t(e.grid)].id},
               {"status", kStatus[int(e.status)]},
               {"reported_at", FormatIsoCst(e.reported_at)}};
        PutIfNotEmpty(o, "type", e.type);
        if (e.closed_at != 0)
            o["closed_at"] = FormatIsoCst(e.closed_at);
        if (e.satisfaction > 0)
            o["satisfaction"] = e.satisfaction;
        events.push_back(std::move(o));
    }
    root["events"] = std::move(events);

    json scenes = json::array();
    for (const Scene& s : ds.scenes)
    {
        json o{{"title", s.title}, {"view", s.view}, {"dwell_s", s.dwell_s}};
        json settings = json::parse(s.settings, nullptr, false);
        o["settings"] = settings.is_discarded() ? json::object() : settings;
        scenes.push_back(std::move(o));
    }
    root["scenes"] = std::move(scenes);
    return root;
}

std::string DatasetToJsonText(const Dataset& ds)
{
    // Replace invalid UTF-8 rather than abort: dump() would otherwise throw (an abort without exceptions).
    return DatasetToJson(ds).dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace gridstar
