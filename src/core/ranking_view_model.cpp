#include "core/ranking_view_model.h"

#include "core/ranking_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gridstar
{

// ---- race ----------------------------------------------------------------------------------------------------------

float RaceEase(float t)
{
    t = std::min(1.0f, std::max(0.0f, t));
    return t * t * (3.0f - 2.0f * t);
}

namespace
{

// Slot of every unit of the class in one period: rank order, ties by id; -1 = unranked.
std::vector<int32_t> SlotsOf(const Dataset& ds, const RankingResult& r, int32_t cls, int32_t period, int32_t* count)
{
    std::vector<int32_t> ranked;
    for (int32_t u = 0; u < r.unit_count; ++u)
    {
        if (r.unit_class[size_t(u)] == cls && r.rank[r.Cell(period, u)] > 0)
        {
            ranked.push_back(u);
        }
    }
    std::sort(ranked.begin(), ranked.end(), [&](int32_t a, int32_t b) {
        const int32_t ra = r.rank[r.Cell(period, a)];
        const int32_t rb = r.rank[r.Cell(period, b)];
        if (ra != rb)
        {
            return ra < rb;
        }
        return ds.communities[size_t(a)].id < ds.communities[size_t(b)].id;
    });
    std::vector<int32_t> slots(size_t(r.unit_count), -1);
    for (size_t i = 0; i < ranked.size(); ++i)
    {
        slots[size_t(ranked[i])] = int32_t(i);
    }
    *count = int32_t(ranked.size());
    return slots;
}

} // namespace

std::vector<RaceBar> RaceFrame(const Dataset& ds, const RankingResult& r, int32_t cls, double position)
{
    std::vector<RaceBar> bars;
    if (r.period_count <= 0 || cls < 0 || cls >= r.class_count || r.unit_count != int32_t(ds.communities.size()))
    {
        return bars;
    }
    RaceClock clock;
    clock.period_count = r.period_count;
    clock.Seek(position);
    const int32_t from = clock.FromPeriod();
    const int32_t to = clock.ToPeriod();
    const float e = RaceEase(float(clock.Fraction()));
    int32_t n_from = 0, n_to = 0;
    const std::vector<int32_t> s_from = SlotsOf(ds, r, cls, from, &n_from);
    const std::vector<int32_t> s_to = SlotsOf(ds, r, cls, to, &n_to);
    for (int32_t u = 0; u < r.unit_count; ++u)
    {
        const int32_t a = s_from[size_t(u)];
        const int32_t b = s_to[size_t(u)];
        if (a < 0 && b < 0)
        {
            continue;
        }
        RaceBar bar;
        bar.unit = u;
        bar.rank_from = r.rank[r.Cell(from, u)];
        bar.rank_to = r.rank[r.Cell(to, u)];
        const double v_from = r.total[r.Cell(from, u)];
        const double v_to = r.total[r.Cell(to, u)];
        if (a >= 0 && b >= 0)
        {
            bar.slot = float(a) + (float(b) - float(a)) * e;
            bar.value = v_from + (v_to - v_from) * double(e);
        }
        else if (b >= 0) // enters the ranking: rises from below the last place
        {
            bar.slot = float(n_from) + (float(b) - float(n_from)) * e;
            bar.value = v_to;
            bar.alpha = e;
        }
        else // leaves the ranking: sinks below the last place
        {
            bar.slot = float(a) + (float(n_to) - float(a)) * e;
            bar.value = v_from;
            bar.alpha = 1.0f - e;
        }
        if (!std::isfinite(bar.value))
        {
            bar.value = std::isfinite(v_to) ? v_to : (std::isfinite(v_from) ? v_from : 0.0);
        }
        const int32_t first = bar.rank_from > 0 ? bar.rank_from : bar.rank_to;
        const int32_t second = bar.rank_to > 0 ? bar.rank_to : bar.rank_from;
        bar.rank_shown = e < 0.5f ? first : second;
        bars.push_back(bar);
    }
    std::stable_sort(bars.begin(), bars.end(), [](const RaceBar& x, const RaceBar& y) { return x.slot < y.slot; });
    return bars;
}

void RaceClock::Seek(double p)
{
    const double last = double(std::max(0, period_count - 1));
    position = std::isfinite(p) ? std::min(last, std::max(0.0, p)) : 0.0;
}

void RaceClock::Advance(double dt)
{
    if (!playing || !(dt > 0) || seconds_per_period <= 0)
    {
        return;
    }
    Seek(position + dt / seconds_per_period);
    if (position >= double(period_count - 1))
    {
        playing = false;
    }
}

void RaceClock::TogglePlay()
{
    if (playing)
    {
        playing = false;
        return;
    }
    if (period_count < 2)
    {
        return;
    }
    if (position >= double(period_count - 1))
    {
        position = 0;
    }
    playing = true;
}

void RaceClock::StepForward()
{
    playing = false;
    Seek(std::floor(position + 1e-9) + 1.0);
}

void RaceClock::StepBack()
{
    playing = false;
    Seek(std::ceil(position - 1e-9) - 1.0);
}

int32_t RaceClock::FromPeriod() const
{
    if (period_count <= 0)
    {
        return 0;
    }
    const int32_t p = int32_t(std::floor(position + 1e-9));
    return std::min(std::max(p, 0), period_count - 1);
}

int32_t RaceClock::ToPeriod() const
{
    return std::min(FromPeriod() + (Fraction() > 0 ? 1 : 0), std::max(0, period_count - 1));
}

double RaceClock::Fraction() const
{
    const double f = position - double(FromPeriod());
    return f > 1e-9 ? std::min(1.0, f) : 0.0;
}

// ---- what-if -------------------------------------------------------------------------------------------------------

void WhatIf::Reset(const Competition& published)
{
    rules = published.rules;
    weights.clear();
    for (const Indicator& ind : published.indicators)
    {
        weights.push_back(ind.weight);
    }
}

bool WhatIf::Modified(const Competition& published) const
{
    if (weights.size() != published.indicators.size() || rules.stars.size() != published.rules.stars.size())
    {
        return true;
    }
    for (size_t k = 0; k < weights.size(); ++k)
    {
        if (weights[k] != published.indicators[k].weight)
        {
            return true;
        }
    }
    for (size_t i = 0; i < rules.stars.size(); ++i)
    {
        const StarRule& a = rules.stars[i];
        const StarRule& b = published.rules.stars[i];
        if (a.stars != b.stars || a.min_each != b.min_each || a.min_total != b.min_total)
        {
            return true;
        }
    }
    return rules.top_title.min_each != published.rules.top_title.min_each ||
           rules.top_title.min_total != published.rules.top_title.min_total ||
           rules.top_title.quota_pct != published.rules.top_title.quota_pct;
}

WhatIfSummary SummarizeDiff(const std::vector<UnitDiff>& diffs, const RankingResult& before,
                            const RankingResult& after, int32_t period)
{
    WhatIfSummary s;
    for (const UnitDiff& d : diffs)
    {
        s.rank_changed += d.rank_before != d.rank_after;
        s.stars_changed += d.stars_before != d.stars_after;
        s.title_changed += d.title_before != d.title_after;
    }
    if (period >= 0 && size_t(period) < before.budgets.size() && size_t(period) < after.budgets.size())
    {
        s.reward_before = before.budgets[size_t(period)].total;
        s.reward_after = after.budgets[size_t(period)].total;
    }
    return s;
}

// ---- table ---------------------------------------------------------------------------------------------------------

std::vector<const RankingRow*> PinnedRows(const std::vector<RankingRow>& rows, const std::vector<std::string>& pinned)
{
    std::vector<const RankingRow*> out;
    for (const RankingRow& row : rows)
    {
        if (std::find(pinned.begin(), pinned.end(), row.id) != pinned.end())
        {
            out.push_back(&row);
        }
    }
    return out;
}

bool TogglePin(std::vector<std::string>* pinned, const std::string& id, size_t limit)
{
    auto it = std::find(pinned->begin(), pinned->end(), id);
    if (it != pinned->end())
    {
        pinned->erase(it);
        return false;
    }
    pinned->push_back(id);
    while (limit > 0 && pinned->size() > limit)
    {
        pinned->erase(pinned->begin());
    }
    return true;
}

namespace
{
struct NamedColumn
{
    RowColumn column;
    const char* name;
};
const NamedColumn kColumnNames[] = {
    {RowColumn::Rank, "rank"},
    {RowColumn::Id, "id"},
    {RowColumn::Name, "name"},
    {RowColumn::Street, "street"},
    {RowColumn::Class, "class"},
    {RowColumn::Delta, "delta"},
    {RowColumn::Stars, "stars"},
    {RowColumn::TopTitle, "title"},
    {RowColumn::Total, "total"},
    {RowColumn::Bonus, "bonus"},
    {RowColumn::Deductions, "deductions"},
    {RowColumn::RewardCommunity, "reward"},
    {RowColumn::RewardSecretary, "reward_secretary"},
    {RowColumn::Status, "status"},
};
} // namespace

std::string ColumnName(RowColumn column, const Competition& comp)
{
    for (const NamedColumn& c : kColumnNames)
    {
        if (c.column == column)
        {
            return c.name;
        }
    }
    const int32_t k = int32_t(column) - int32_t(RowColumn::IndicatorFirst);
    if (k >= 0 && size_t(k) < comp.indicators.size())
    {
        return "ind:" + comp.indicators[size_t(k)].id;
    }
    return std::string();
}

bool ColumnFromName(const std::string& name, const Competition& comp, RowColumn* out)
{
    for (const NamedColumn& c : kColumnNames)
    {
        if (name == c.name)
        {
            *out = c.column;
            return true;
        }
    }
    if (name.compare(0, 4, "ind:") == 0)
    {
        for (size_t k = 0; k < comp.indicators.size(); ++k)
        {
            if (comp.indicators[k].id == name.substr(4))
            {
                *out = IndicatorColumn(int32_t(k));
                return true;
            }
        }
    }
    return false;
}

// ---- text ----------------------------------------------------------------------------------------------------------

std::string FormatYuan(double yuan)
{
    if (!std::isfinite(yuan))
    {
        return "—";
    }
    const long long v = std::llround(std::fabs(yuan));
    const std::string digits = std::to_string(v);
    std::string grouped;
    const size_t n = digits.size();
    for (size_t i = 0; i < n; ++i)
    {
        grouped += digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 != n)
        {
            grouped += ',';
        }
    }
    return (yuan < 0 && v != 0 ? "-¥" : "¥") + grouped;
}

std::string FormatPoints(double points)
{
    return std::isfinite(points) ? FormatNumber(points) : "—";
}

std::string RankingCsvFileName(const std::string& period_id, const std::string& class_id)
{
    std::string name = "ranking-" + period_id + "-" + class_id;
    for (char& ch : name)
    {
        const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                        ch == '.' || ch == '_' || ch == '-';
        if (!ok)
        {
            ch = '_';
        }
    }
    return name + ".csv";
}

} // namespace gridstar
