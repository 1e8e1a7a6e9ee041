// The 争星夺旗 rule engine: totals, stars, top title, ranks, rewards and explanations, per class and period.
//
// One call, ComputeRanking(), scores every community in every period and keeps the outcome in flat arrays indexed
// by [period * unit_count + unit] (numbers and indices, no strings), so a full recompute stays within a frame in the
// browser. Everything a person reads (rows, explanations, trends) is built from those arrays on demand; Explain()
// recomputes a unit's numbers with the very function ComputeRanking() used, so it is exact, not an approximation.
//
// The rules and the indicator weights are parameters, not read from the dataset, so the Ranking view can try other
// weights and thresholds ("what if") and diff the outcome against the published result (DiffRankings).
//
// ---- Decisions where docs/data-format.md leaves room (keep in step with tests/core/test_ranking.cpp) -------------
// D1 Comparisons. Totals and thresholds are compared after rounding to 1e-6 points (kScoreQuantum), so that weighted
//    sums which differ only by floating-point noise (0.1*3 vs 0.3) tie, and 449.9999999999 meets a 450 threshold.
// D2 Class membership. community.class_id names the class if set; an unknown class_id leaves the unit in no class
//    (status "no class", never ranked) rather than silently falling back to its kind. Without class_id, the first
//    class whose kinds include the community's kind. Class size = units ranked in that class in that period.
// D3 Missing scores. An indicator is missing when its value is NaN or absent (values shorter than the indicator
//    list); a unit without any ScoreEntry in a period has every indicator missing ("no entry"). Under
//    MissingRule::Exclude the unit is unranked and its total is NaN (shown as "—", never 0); under MissingRule::Zero
//    missing indicators score 0, the unit is ranked and flagged. A duplicate entry for the same unit and period is
//    ignored (the first wins); validation is expected to reject it.
// D4 Late entries. Accept: ranked, flagged. Penalty: rules.late_penalty points are subtracted from the total, shown
//    as its own line, separate from deductions. Exclude: unranked (the total is still computed and shown).
// D5 Disqualified entries are unranked with the entry's note; the total is still computed and shown.
//    Precedence of the reason shown when several apply: no class > disqualified > late excluded > missing excluded.
// D6 Unranked units get no stars, no top title and no reward. Stars apply to ranked units only: the highest level
//    whose min_each (every indicator's raw score, after the missing rule) and min_total are met; star rules outside
//    1..5 are ignored.
// D7 Ties. Totals are compared first (higher wins). With an empty tie_break, equal totals share a rank (competition
//    ranking 1,2,2,4). Otherwise the listed criteria apply in order: min_indicator = the higher lowest raw indicator
//    score wins (raw, as min_each is — the rules already put indicators on one scale); fewer_deductions = the lower
//    Σ deduction items wins (the late penalty is not a deduction item); id = byte-wise ascending community id.
//    Units still equal after the listed criteria share a rank. With `id` in the list, ranks are unique.
// D8 Top title quota = floor(quota_pct% × class size), at least 1 when the class has a ranked unit. The title is
//    awarded in rank order to units meeting its min_each and min_total, skipping ineligible ones. A group of
//    eligible units sharing a rank is awarded together or not at all: if the whole group does not fit in the
//    remaining quota, none of it is awarded and awarding stops (the cap is "at most", and a lower-ranked unit never
//    takes a slot its tied betters could not). Configure tie_break to avoid this.
// D9 Rewards. Rank band: the first band with rank_from <= rank <= rank_to, by rank within the class (units sharing a
//    rank each get that rank's band). Star reward: the first star_rewards entry with the unit's star level. Both are
//    added, for the community and for the secretary separately. The budget is per period for the whole district;
//    budget 0 = not set (no over/under verdict).
// D10 Movement compares with the previous period in time order: ▲n = n places up, ▼n = down, same, new (ranked now,
//    unranked or absent before, or the first period). Unranked now = no movement.
// D11 Next star level = the lowest configured level above the current stars (for an unranked unit, above 0).
// ---------------------------------------------------------------------------------------------------------------
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace gridstar
{

constexpr double kScoreQuantum = 1e-6; // points; see D1
constexpr int kMaxStars = 5;

// Per-cell status bits (RankingResult::flags, RankingRow::flags).
enum RankFlag : uint16_t
{
    kRankRanked = 1 << 0,          // has a rank in its class
    kRankNoEntry = 1 << 1,         // no ScoreEntry for this unit and period
    kRankMissing = 1 << 2,         // at least one indicator missing (also set with kRankNoEntry)
    kRankMissingExcluded = 1 << 3, // unranked because of the missing rule
    kRankLate = 1 << 4,            // the entry came in late
    kRankLatePenalized = 1 << 5,   // late_penalty subtracted
    kRankLateExcluded = 1 << 6,    // unranked because late
    kRankDisqualified = 1 << 7,    // unranked, see the note
    kRankNoClass = 1 << 8,         // the unit belongs to no competition class
    kRankTopTitle = 1 << 9,        // holds the top title (e.g. 红旗社区)
    kRankTitleOverQuota = 1 << 10, // met the title's thresholds but fell beyond the quota
};

enum class Movement : uint8_t
{
    None = 0, // unranked now
    New = 1,  // ranked now, not in the previous period
    Same = 2,
    Up = 3,   // delta places up
    Down = 4, // delta places down
};

struct PeriodBudget
{
    double community = 0;   // yuan paid to communities this period
    double secretary = 0;   // yuan paid to secretaries
    double total = 0;       // community + secretary
    double budget = 0;      // rules.budget, 0 = not set
    double over = 0;        // total - budget: > 0 over budget, < 0 under; 0 when no budget is set
    bool budget_set = false;
};

// The outcome for every unit (community) and period. Cells are [period * unit_count + unit];
// class cells are [period * class_count + class].
struct RankingResult
{
    int32_t unit_count = 0;
    int32_t period_count = 0;
    int32_t indicator_count = 0;
    int32_t class_count = 0;
    RatingRules rules;                  // the rules this result was computed with (may differ from the dataset's)
    std::vector<double> weights;        // the effective weight of each indicator

    std::vector<int32_t> unit_class;    // per unit: class index, -1 = none
    std::vector<int32_t> class_members; // per class: units assigned to it

    std::vector<int32_t> entry;         // index into competition.scores, -1 = no entry
    std::vector<double> total;          // points; NaN when a missing indicator excludes the unit
    std::vector<double> bonus;          // Σ bonus items
    std::vector<double> deductions;     // Σ deduction items (the late penalty is separate)
    std::vector<double> min_raw;        // lowest raw indicator score after the missing rule; NaN if one is missing
    std::vector<int32_t> rank;          // 1-based within class and period, 0 = unranked
    std::vector<int8_t> stars;          // 0..5
    std::vector<uint16_t> flags;        // RankFlag bits
    std::vector<int16_t> missing_first; // first missing indicator, -1 = none
    std::vector<int16_t> missing_count; // number of missing indicators
    std::vector<double> reward_community; // yuan
    std::vector<double> reward_secretary; // yuan

    std::vector<int32_t> class_size;    // per class cell: ranked units
    std::vector<int32_t> title_quota;   // per class cell: how many may hold the top title
    std::vector<int32_t> star_counts;   // per class cell × 7: ranked units with 0..5 stars, then [6] = unranked
    std::vector<PeriodBudget> budgets;  // per period

    size_t Cell(int32_t period, int32_t unit) const { return size_t(period) * size_t(unit_count) + size_t(unit); }
    size_t ClassCell(int32_t period, int32_t cls) const
    {
        return size_t(period) * size_t(class_count) + size_t(cls);
    }
};

// The class of a community (D2): -1 = none.
int32_t ClassOfCommunity(const Competition& competition, const Community& community);

// Scores everything with `rules` and `weights` (one per indicator; a missing or non-finite weight falls back to the
// indicator's own). Never fails: an empty competition yields an empty result.
void ComputeRanking(const Dataset& ds, const RatingRules& rules, const std::vector<double>& weights,
                    RankingResult* out);
// The published result: the dataset's own rules and weights.
void ComputeRanking(const Dataset& ds, RankingResult* out);

// ---- explanation -------------------------------------------------------------------------------------------------
struct IndicatorLine
{
    int32_t indicator = -1;
    double raw = 0;          // as entered, NaN = missing
    double score = 0;        // as used: raw, 0 when missing under MissingRule::Zero, NaN when excluded
    double max = 0;          // the indicator's maximum raw score
    double weight = 0;       // effective weight
    double contribution = 0; // score × weight
    bool missing = false;
};

struct IndicatorShortfall
{
    int32_t indicator = -1;
    double score = 0;    // as used (NaN = missing)
    double required = 0; // min_each
    double short_by = 0; // required - score (> 0); required when missing
};

struct StarCheck
{
    int stars = 0;
    double min_each = 0;
    double min_total = 0;
    bool met = false;                     // both thresholds (for a ranked unit: it holds at least this level)
    bool total_met = false;
    bool each_met = false;
    double total_margin = 0;              // total - min_total (negative = short; NaN when the total is)
    std::vector<IndicatorShortfall> each_short; // indicators below min_each
};

enum class TitleStatus : uint8_t
{
    NoRule = 0,      // the rules have no top title
    Awarded = 1,
    BelowThreshold = 2,
    OverQuota = 3,   // met the thresholds, but the quota was used up by better-ranked units (see D8)
    Unranked = 4,
};

struct Explanation
{
    int32_t unit = -1;
    int32_t period = -1;
    int32_t class_index = -1;
    uint16_t flags = 0;
    std::string note; // the entry's note

    std::vector<IndicatorLine> indicators;
    std::vector<PointItem> bonus;
    std::vector<PointItem> deductions;
    double weighted_sum = 0;   // Σ contribution
    double bonus_sum = 0;
    double deduction_sum = 0;
    double late_penalty = 0;   // subtracted under LateRule::Penalty
    double total = 0;          // weighted_sum + bonus_sum - deduction_sum - late_penalty; NaN when excluded for missing

    int32_t rank = 0;          // 0 = unranked
    int32_t prev_rank = 0;     // 0 = unranked or no previous period
    Movement movement = Movement::None;
    int32_t delta = 0;         // places moved (>= 0), see movement
    int32_t class_size = 0;    // units ranked in the class this period
    int32_t class_members = 0; // units assigned to the class

    int stars = 0;
    std::vector<StarCheck> star_checks; // every configured level, ascending
    int next_stars = 0;                 // 0 = already at the highest configured level
    double next_total_short = 0;        // points short on the total for next_stars (the X in 距四星差 X 分)
    std::vector<IndicatorShortfall> next_each_short;

    TitleStatus title = TitleStatus::NoRule;
    int32_t title_quota = 0;
    double title_total_short = 0;
    std::vector<IndicatorShortfall> title_each_short;

    double rank_reward_community = 0;
    double rank_reward_secretary = 0;
    double star_reward_community = 0;
    double star_reward_secretary = 0;
    double reward_community = 0;
    double reward_secretary = 0;
};

// Exact: recomputes the unit's numbers with the function ComputeRanking() used. Out-of-range unit or period gives
// an Explanation with unit = -1.
Explanation Explain(const Dataset& ds, const RankingResult& result, int32_t unit, int32_t period);

// ---- rows for the table ------------------------------------------------------------------------------------------
struct RankingRow
{
    int32_t unit = -1;          // community index
    std::string id;
    std::string name;
    int32_t street = -1;        // index into Dataset::streets
    int32_t class_index = -1;   // -1 = no class
    int32_t rank = 0;           // 0 = unranked, see flags / RowStatusText
    int32_t prev_rank = 0;
    Movement movement = Movement::None;
    int32_t delta = 0;          // signed: prev_rank - rank (> 0 = moved up); 0 when new or unranked
    bool is_new = false;
    int stars = 0;
    bool top_title = false;
    double total = 0;           // NaN = not computable (missing, excluded)
    std::vector<double> values; // raw per indicator, NaN = missing (the status says whether it scored 0)
    double bonus = 0;
    double deductions = 0;      // Σ deduction items + late_penalty, so total = Σ score × weight + bonus - deductions
    double late_penalty = 0;    // the late part of deductions
    double reward_community = 0;
    double reward_secretary = 0;
    uint16_t flags = 0;
    int16_t missing_first = -1;
    int16_t missing_count = 0;
    std::string note;
};

constexpr int32_t kAllClasses = -1;

// The rows of one period, for one class or all (kAllClasses also lists units in no class), in rank order
// (ranked first by rank, then id; unranked after, by id).
std::vector<RankingRow> BuildRows(const Dataset& ds, const RankingResult& result, int32_t period, int32_t cls);

// Status for a row: empty for a plain ranked row; otherwise e.g. "缺少指标：党建引领" / "missing indicator 党建引领".
std::string RowStatusText(const RankingRow& row, const Competition& competition, bool english);

enum class RowColumn : int32_t
{
    Rank = 0,
    Id,
    Name,
    Street,
    Class,
    Delta,
    Stars,
    TopTitle,
    Total,
    Bonus,
    Deductions,
    RewardCommunity,
    RewardSecretary,
    Status,
    IndicatorFirst = 100, // IndicatorFirst + i = raw value of indicator i
};
inline RowColumn IndicatorColumn(int32_t indicator)
{
    return RowColumn(int32_t(RowColumn::IndicatorFirst) + indicator);
}

// Stable sort by one column. NaN values, and the rank, delta (also of new units), stars, title and rewards of unranked
// rows, go last in either direction. Equal keys fall back to rank ascending (unranked last), then id ascending,
// whatever the direction, so the order never depends on the input's. Text compares byte-wise (UTF-8 order, not
// pinyin); street and class compare by their index, i.e. the dataset's order; status by its flags.
void SortRows(std::vector<RankingRow>* rows, RowColumn column, bool ascending);

// ---- what-if, trends, distribution -------------------------------------------------------------------------------
struct UnitDiff
{
    int32_t unit = -1;
    int32_t rank_before = 0, rank_after = 0; // 0 = unranked
    int stars_before = 0, stars_after = 0;
    bool title_before = false, title_after = false;
    double reward_before = 0, reward_after = 0; // community + secretary, yuan
};
// Units whose rank, stars, title or reward differ in `period`. Empty when the results have different shapes.
std::vector<UnitDiff> DiffRankings(const RankingResult& before, const RankingResult& after, int32_t period);

struct UnitTrend
{
    std::vector<int32_t> rank;  // per period, 0 = unranked
    std::vector<double> total;  // per period, NaN = none
    std::vector<int32_t> stars; // per period
};
UnitTrend TrendOfUnit(const RankingResult& result, int32_t unit);

struct RankMatrix
{
    std::vector<int32_t> units; // class members, by rank in the last period (unranked last), then dataset order
    int32_t period_count = 0;
    std::vector<int32_t> ranks; // units.size() × period_count, row-major; 0 = unranked
};
RankMatrix ClassRankMatrix(const RankingResult& result, int32_t cls);

struct StarDistribution
{
    std::array<int32_t, kMaxStars + 1> by_stars{}; // ranked units with 0..5 stars
    int32_t unranked = 0;                          // class members not ranked this period
};
StarDistribution StarsOfClass(const RankingResult& result, int32_t period, int32_t cls);

} // namespace gridstar
