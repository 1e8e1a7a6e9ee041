// Ranking view: the JavaScript commands (GridStar.ranking, explain, rankingRace, ...) and GridStar.state().ranking.
// Each command goes through the same setters as the widgets.
#include <algorithm>

#include "core/ranking_export.h"
#include "ui/strings.h"
#include "ui/view_ranking_view.h"

namespace gridstar::ui::rk
{

// ---- API -----------------------------------------------------------------------------------------------------------

json RankingView::RowsJson() const
{
    json rows = RankingRowsToJson(rows_, ds_->competition, CurrentLanguage() == Lang::En);
    for (size_t i = 0; i < rows.size() && i < rows_.size(); ++i)
    {
        const RankingRow& row = rows_[i];
        rows[i]["pinned"] = std::find(pinned_.begin(), pinned_.end(), row.id) != pinned_.end();
        rows[i]["street"] = row.street >= 0 && size_t(row.street) < ds_->streets.size()
                                ? json(ds_->streets[size_t(row.street)].name)
                                : json(nullptr);
    }
    return rows;
}

json RankingView::RaceJson() const
{
    const Competition& comp = ds_->competition;
    return {{"playing", race_.playing},
            {"t", race_.Fraction()},
            {"position", race_.position},
            {"from", comp.periods[size_t(race_.FromPeriod())].id},
            {"to", comp.periods[size_t(race_.ToPeriod())].id}};
}

bool RankingView::HandleCommand(UiContext& ctx, const std::string& name, const json& args, json* result)
{
    static const char* const kMine[] = {"ranking",       "explain",     "rankingRace",   "exportRankingCsv",
                                        "rankingSort",   "rankingPin",  "rankingWhatIf", "rankingMode",
                                        "rankingSelect", "rankingPanel", "rankingRuleSet"};
    if (std::find_if(std::begin(kMine), std::end(kMine), [&](const char* n) { return name == n; }) == std::end(kMine))
    {
        return false;
    }
    if (!Sync(ctx.session))
    {
        *result = {{"error", "no star-competition data in the current dataset"}};
        return true;
    }
    const Competition& comp = ds_->competition;
    auto fail = [&](const std::string& message) {
        *result = {{"error", message}};
        return true;
    };
    const json a = args.is_object() ? args : json::object();

    if (name == "ranking")
    {
        int32_t p = period_, c = cls_;
        if (a.contains("period") && !ParsePeriod(a["period"], &p))
        {
            return fail("unknown period: " + a["period"].dump());
        }
        if (a.contains("class") && !ParseClass(a["class"], &c))
        {
            return fail("unknown class: " + a["class"].dump());
        }
        SetPeriod(p);
        SetClass(c);
        EnsureRows();
        *result = RowsJson();
        return true;
    }
    if (name == "explain" || name == "rankingSelect")
    {
        const int32_t unit = a.contains("id") && a["id"].is_string() ? UnitIndex(a["id"].get<std::string>()) : -1;
        if (unit < 0)
        {
            return fail("unknown unit id");
        }
        int32_t p = period_;
        if (a.contains("period") && !a["period"].is_null() && !ParsePeriod(a["period"], &p))
        {
            return fail("unknown period: " + a["period"].dump());
        }
        SetPeriod(p);
        if (published_.unit_class[size_t(unit)] >= 0)
        {
            SetClass(published_.unit_class[size_t(unit)]);
        }
        Select(unit, true);
        EnsureRows();
        *result = ExplanationToJson(explain_, *ds_);
        (*result)["simulated"] = what_if_.active;
        return true;
    }
    if (name == "rankingSort")
    {
        RowColumn col;
        if (!a.contains("column") || !a["column"].is_string() ||
            !ColumnFromName(a["column"].get<std::string>(), comp, &col) || ColumnIndexOf(col) < 0)
        {
            return fail("unknown column");
        }
        sort_col_ = col;
        sort_asc_ = a.value("ascending", true);
        pending_sort_ = true;
        rows_dirty_ = true;
        EnsureRows();
        *result = RowsJson();
        return true;
    }
    if (name == "rankingPin")
    {
        if (!a.contains("id") || !a["id"].is_string() || UnitIndex(a["id"].get<std::string>()) < 0)
        {
            return fail("unknown unit id");
        }
        const std::string id = a["id"].get<std::string>();
        const bool is_pinned = std::find(pinned_.begin(), pinned_.end(), id) != pinned_.end();
        const bool want = a.value("pinned", !is_pinned);
        if (want != is_pinned)
        {
            TogglePin(&pinned_, id, kMaxPins);
        }
        *result = {{"pinned", pinned_}};
        return true;
    }
    if (name == "rankingMode")
    {
        const std::string mode = a.value("mode", std::string("table"));
        if (mode != "table" && mode != "race")
        {
            return fail("mode must be table or race");
        }
        if (mode == "race" && mode_ != Mode::Race)
        {
            mode_ = Mode::Race;
            focus_race_ = true;
            race_.playing = false;
            race_.Seek(double(period_ > 0 ? period_ - 1 : 0));
        }
        else if (mode == "table")
        {
            mode_ = Mode::Table;
        }
        *result = {{"mode", mode}, {"race", RaceJson()}};
        return true;
    }
    if (name == "rankingRace")
    {
        const std::string action = a.value("action", std::string("state"));
        if (action == "play")
        {
            if (!race_.playing)
            {
                race_.TogglePlay();
            }
        }
        else if (action == "pause")
        {
            race_.playing = false;
        }
        else if (action == "toggle")
        {
            race_.TogglePlay();
        }
        else if (action == "step")
        {
            race_.StepForward();
        }
        else if (action == "back")
        {
            race_.StepBack();
        }
        else if (action == "seek")
        {
            if (!a.contains("position") || !a["position"].is_number())
            {
                return fail("seek needs a numeric position (in periods)");
            }
            race_.playing = false;
            race_.Seek(a["position"].get<double>());
        }
        else if (action != "state")
        {
            return fail("unknown race action: " + action);
        }
        json out = RaceJson();
        json bars = json::array();
        for (const RaceBar& b : RaceFrame(*ds_, Shown(), cls_, race_.position))
        {
            bars.push_back({{"id", ds_->communities[size_t(b.unit)].id},
                            {"slot", b.slot},
                            {"value", b.value},
                            {"rank", b.rank_shown},
                            {"alpha", b.alpha}});
        }
        out["bars"] = bars;
        *result = out;
        return true;
    }
    if (name == "exportRankingCsv")
    {
        const std::string file = ExportCsv(ctx);
        *result = {{"filename", file}, {"rows", rows_.size()}, {"simulated", what_if_.active}};
        return true;
    }
    if (name == "rankingPanel")
    {
        const std::string tab = a.value("tab", std::string("explain"));
        for (int i = 0; i < int(SideTab::Count); ++i)
        {
            if (tab == kSideTabNames[i])
            {
                tab_ = SideTab(i);
                force_tab_ = true;
                *result = {{"tab", tab}};
                return true;
            }
        }
        return fail("unknown panel: " + tab);
    }
    if (name == "rankingRuleSet")
    {
        // {action: 'list' | 'save' | 'load' | 'delete', name}: the saved simulations kept with the dataset.
        const std::string action = a.value("action", std::string("list"));
        const std::string set_name = a.value("name", std::string());
        if (action != "list" && set_name.empty())
        {
            return fail("rankingRuleSet: a name is needed");
        }
        if (action == "save")
        {
            if (!what_if_.active)
            {
                return fail("rankingRuleSet: nothing to save, the simulation is off");
            }
            SaveRuleSet(ctx, set_name);
        }
        else if (action == "load" || action == "delete")
        {
            const auto it = std::find_if(comp.rule_sets.begin(), comp.rule_sets.end(),
                                         [&](const RuleSet& set) { return set.name == set_name; });
            const RuleSet* found = it == comp.rule_sets.end() ? nullptr : &*it;
            if (!found)
            {
                return fail("rankingRuleSet: no saved rule set named " + set_name);
            }
            if (action == "load")
            {
                LoadRuleSet(*found);
                sim_dirty_ = true;
                rows_dirty_ = true;
                EnsureRows();
            }
            else if (ctx.session.RemoveRuleSet(set_name) && ctx.hooks.persist_dataset)
            {
                ctx.hooks.persist_dataset();
            }
        }
        else if (action != "list")
        {
            return fail("rankingRuleSet: action must be list, save, load or delete");
        }
        *result = RuleSetsJson();
        return true;
    }
    if (name == "rankingWhatIf")
    {
        if (a.value("reset", false))
        {
            what_if_.Reset(comp);
            loaded_rule_set_.clear();
        }
        if (a.contains("weights") && a["weights"].is_object())
        {
            for (size_t k = 0; k < comp.indicators.size(); ++k)
            {
                const json& w = a["weights"];
                if (w.contains(comp.indicators[k].id) && w[comp.indicators[k].id].is_number())
                {
                    what_if_.weights[k] = w[comp.indicators[k].id].get<double>();
                }
            }
            what_if_.active = true;
        }
        if (a.contains("stars") && a["stars"].is_array())
        {
            for (const json& s : a["stars"])
            {
                for (StarRule& sr : what_if_.rules.stars)
                {
                    if (s.is_object() && s.value("stars", 0) == sr.stars)
                    {
                        sr.min_each = s.value("min_each", sr.min_each);
                        sr.min_total = s.value("min_total", sr.min_total);
                    }
                }
            }
            what_if_.active = true;
        }
        if (a.contains("active") && a["active"].is_boolean())
        {
            what_if_.active = a["active"].get<bool>();
        }
        sim_dirty_ = true;
        rows_dirty_ = true;
        EnsureRows();
        const WhatIfSummary s = SummarizeDiff(diffs_, published_, sim_, period_);
        json moves = json::array();
        for (const UnitDiff& d : diffs_)
        {
            moves.push_back({{"id", ds_->communities[size_t(d.unit)].id},
                             {"rank_before", d.rank_before},
                             {"rank_after", d.rank_after},
                             {"stars_before", d.stars_before},
                             {"stars_after", d.stars_after},
                             {"reward_before", d.reward_before},
                             {"reward_after", d.reward_after}});
        }
        *result = {{"active", what_if_.active},
                   {"modified", what_if_.Modified(comp)},
                   {"rank_changed", s.rank_changed},
                   {"stars_changed", s.stars_changed},
                   {"title_changed", s.title_changed},
                   {"reward_published", s.reward_before},
                   {"reward_simulated", s.reward_after},
                   {"compute_ms", sim_compute_ms_},
                   {"update_ms", sim_update_ms_},
                   {"moves", moves}};
        return true;
    }
    return false;
}

json RankingView::RuleSetsJson() const
{
    json sets = json::array();
    for (const RuleSet& set : ds_->competition.rule_sets)
    {
        sets.push_back({{"name", set.name}, {"saved_at", set.saved_at}});
    }
    return {{"rule_sets", sets},
            {"loaded", what_if_.active && !loaded_rule_set_.empty() ? json(loaded_rule_set_) : json(nullptr)}};
}

void RankingView::AppendState(json& state) const
{
    if (!ds_ || !ds_->competition.present || ds_->competition.periods.empty() || ds_->competition.classes.empty())
    {
        state["ranking"] = nullptr;
        return;
    }
    const Competition& comp = ds_->competition;
    json pinned = pinned_;
    state["ranking"] = {
        {"period", comp.periods[size_t(period_)].id},
        {"class", comp.classes[size_t(cls_)].id},
        {"sort", {{"column", ColumnName(sort_col_, comp)}, {"ascending", sort_asc_}}},
        {"selected", selected_ >= 0 ? json(ds_->communities[size_t(selected_)].id) : json(nullptr)},
        {"what_if", what_if_.active},
        {"what_if_modified", what_if_.Modified(comp)},
        {"rule_sets", RuleSetsJson()},
        {"race", RaceJson()},
        {"mode", mode_ == Mode::Race ? "race" : "table"},
        {"panel", kSideTabNames[int(tab_)]},
        {"pinned", pinned},
        {"show_names", show_names_},
        {"rows", rows_.size()},
        {"compute_ms", {{"published", published_compute_ms_}, {"what_if", sim_compute_ms_},
                        {"what_if_update", sim_update_ms_}}},
        {"hit", hit_},
    };
}

json RankingView::SceneSettings() const
{
    json s = json::object();
    if (!ds_)
        return s;
    const Competition& c = ds_->competition;
    if (period_ >= 0 && size_t(period_) < c.periods.size())
        s["period"] = c.periods[size_t(period_)].id;
    if (cls_ >= 0 && size_t(cls_) < c.classes.size())
        s["class"] = c.classes[size_t(cls_)].id;
    s["mode"] = mode_ == Mode::Race ? "race" : "table";
    return s;
}

void RankingView::ApplySceneSettings(UiContext& ctx, const json& settings)
{
    presenting_ = ctx.presenting;
    if (!Sync(ctx.session))
        return;
    int32_t p = 0, c = 0;
    if (settings.contains("period") && ParsePeriod(settings["period"], &p))
        SetPeriod(p);
    if (settings.contains("class") && ParseClass(settings["class"], &c))
        SetClass(c);
    // A race scene starts from the first period so the clicker can walk it forward.
    mode_ = settings.value("mode", "race") == "race" ? Mode::Race : Mode::Table;
    if (mode_ == Mode::Race)
    {
        race_.playing = false;
        race_.Seek(0);
    }
}

bool RankingView::StepInScene(UiContext& ctx, int dir)
{
    presenting_ = ctx.presenting;
    if (mode_ != Mode::Race || race_.period_count <= 1)
        return false;
    if (dir > 0 && race_.ToPeriod() < race_.period_count - 1)
    {
        race_.StepForward();
        return true;
    }
    if (dir < 0 && race_.position > 0)
    {
        race_.StepBack();
        return true;
    }
    return false;
}

} // namespace gridstar::ui::rk
