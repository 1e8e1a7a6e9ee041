// The 争星夺旗 rule engine: hand-computed cases for each rule (decisions D1..D11 in ranking.h), then properties on
// random data, then the JSON/CSV exports.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <nlohmann/json.hpp>

#include "core/ranking.h"
#include "core/ranking_export.h"

using namespace gridstar;

namespace
{

const double kMissing = std::numeric_limits<double>::quiet_NaN();

// A district with one street, classes urban (urban + transition) and village, and indicators A (weight 2) and
// B (weight 1), both out of 100. Stars 3..5 are listed out of order on purpose.
Dataset MakeDataset(int periods = 1)
{
    Dataset ds;
    ds.streets.push_back({"S1", "东城街道", false, {}});
    Competition& c = ds.competition;
    c.present = true;
    for (int p = 0; p < periods; ++p)
    {
        c.periods.push_back({"P" + std::to_string(p), "第" + std::to_string(p + 1) + "期", "", ""});
    }
    c.classes.push_back({"urban", "城市社区", {CommunityKind::Urban, CommunityKind::Transition}});
    c.classes.push_back({"village", "村", {CommunityKind::Village}});
    c.indicators.push_back({"a", "党建引领", 2, 100});
    c.indicators.push_back({"b", "平安建设", 1, 100});
    c.rules.stars = {{4, 70, 240}, {3, 60, 200}, {5, 85, 270}};
    return ds;
}

int32_t AddUnit(Dataset* ds, const std::string& id, CommunityKind kind = CommunityKind::Urban,
                const std::string& class_id = "")
{
    Community c;
    c.id = id;
    c.name = "社区" + id;
    c.street = 0;
    c.kind = kind;
    c.class_id = class_id;
    c.secretary = "张三丰";
    ds->communities.push_back(c);
    return int32_t(ds->communities.size() - 1);
}

ScoreEntry& AddScore(Dataset* ds, int32_t unit, std::vector<double> values, int32_t period = 0)
{
    ScoreEntry e;
    e.period = period;
    e.community = unit;
    e.values = std::move(values);
    ds->competition.scores.push_back(e);
    return ds->competition.scores.back();
}

RankingResult Compute(const Dataset& ds)
{
    RankingResult r;
    ComputeRanking(ds, &r);
    return r;
}

int32_t RankOf(const RankingResult& r, int32_t unit, int32_t period = 0)
{
    return r.rank[r.Cell(period, unit)];
}

} // namespace

TEST_CASE("total = Σ score × weight + Σ bonus − Σ deductions", "[ranking]")
{
    Dataset ds = MakeDataset();
    const int32_t u = AddUnit(&ds, "C1");
    ScoreEntry& e = AddScore(&ds, u, {80, 90});
    e.bonus = {{5, "市级荣誉"}, {1.5, "媒体报道"}};
    e.deductions = {{3, "安全事故"}};
    RankingResult r = Compute(ds);
    CHECK(r.total[r.Cell(0, u)] == Approx(80 * 2 + 90 * 1 + 6.5 - 3)); // 253.5
    CHECK(r.bonus[r.Cell(0, u)] == Approx(6.5));
    CHECK(r.deductions[r.Cell(0, u)] == Approx(3));
    CHECK(RankOf(r, u) == 1);

    Explanation ex = Explain(ds, r, u, 0);
    REQUIRE(ex.indicators.size() == 2);
    CHECK(ex.indicators[0].contribution == Approx(160));
    CHECK(ex.indicators[1].contribution == Approx(90));
    CHECK(ex.indicators[0].max == 100);
    REQUIRE(ex.bonus.size() == 2);
    CHECK(ex.bonus[0].reason == "市级荣誉");
    CHECK(ex.deductions[0].reason == "安全事故");
    CHECK(ex.total == r.total[r.Cell(0, u)]); // exact, not approximately

    SECTION("what-if weights are parameters")
    {
        RankingResult w;
        ComputeRanking(ds, ds.competition.rules, {1, 3}, &w);
        CHECK(w.total[w.Cell(0, u)] == Approx(80 + 270 + 3.5));
        // A missing weight falls back to the indicator's own.
        ComputeRanking(ds, ds.competition.rules, {1}, &w);
        CHECK(w.total[w.Cell(0, u)] == Approx(80 + 90 + 3.5));
    }
}

TEST_CASE("stars: highest level whose per-indicator and total minimums are met", "[ranking]")
{
    Dataset ds = MakeDataset();
    const int32_t four = AddUnit(&ds, "C1");   // 160 + 90 = 250, min 80: 4 stars (5 needs 85 each and 270)
    const int32_t five = AddUnit(&ds, "C2");   // 180 + 90 = 270, min 90: 5 stars
    const int32_t low_each = AddUnit(&ds, "C3"); // 190 + 55 = 245: total fits 4, but B = 55 < 60: no star
    const int32_t three = AddUnit(&ds, "C4");  // 140 + 65 = 205, min 65: 3 stars
    const int32_t boundary = AddUnit(&ds, "C5"); // exactly 70/240 after float noise: 4 stars (D1)
    AddScore(&ds, four, {80, 90});
    AddScore(&ds, five, {90, 90});
    AddScore(&ds, low_each, {95, 55});
    AddScore(&ds, three, {70, 65});
    AddScore(&ds, boundary, {85, 0.1 + 0.2 + 69.7});
    RankingResult r = Compute(ds);
    CHECK(r.stars[r.Cell(0, four)] == 4);
    CHECK(r.stars[r.Cell(0, five)] == 5);
    CHECK(r.stars[r.Cell(0, low_each)] == 0);
    CHECK(r.stars[r.Cell(0, three)] == 3);
    CHECK(r.stars[r.Cell(0, boundary)] == 4);

    Explanation ex = Explain(ds, r, low_each, 0);
    REQUIRE(ex.star_checks.size() == 3);
    CHECK(ex.star_checks[0].stars == 3); // ascending
    CHECK(ex.star_checks[0].total_met);
    CHECK_FALSE(ex.star_checks[0].each_met);
    REQUIRE(ex.star_checks[0].each_short.size() == 1);
    CHECK(ex.star_checks[0].each_short[0].indicator == 1);
    CHECK(ex.star_checks[0].each_short[0].short_by == Approx(5));
    CHECK(ex.star_checks[0].total_margin == Approx(45));
    CHECK(ex.next_stars == 3);
    CHECK(ex.next_total_short == 0);
    REQUIRE(ex.next_each_short.size() == 1);
    CHECK(ex.next_each_short[0].short_by == Approx(5));

    // "距五星差 X 分": the 4-star unit is 20 points short on the total and 5 on each indicator below 85.
    Explanation ex4 = Explain(ds, r, four, 0);
    CHECK(ex4.next_stars == 5);
    CHECK(ex4.next_total_short == Approx(20));
    REQUIRE(ex4.next_each_short.size() == 1);
    CHECK(ex4.next_each_short[0].indicator == 0);
    CHECK(ex4.next_each_short[0].short_by == Approx(5));
    CHECK(Explain(ds, r, five, 0).next_stars == 0); // already at the top

    StarDistribution dist = StarsOfClass(r, 0, 0);
    CHECK(dist.by_stars[0] == 1);
    CHECK(dist.by_stars[3] == 1);
    CHECK(dist.by_stars[4] == 2);
    CHECK(dist.by_stars[5] == 1);
    CHECK(dist.unranked == 0);
}

TEST_CASE("ties: shared competition ranks without tie_break, broken in order with it", "[ranking]")
{
    Dataset ds = MakeDataset();
    const int32_t a = AddUnit(&ds, "C4"); // 300
    const int32_t b = AddUnit(&ds, "C3"); // 250, min 50, no deductions
    const int32_t c = AddUnit(&ds, "C2"); // 250, min 70, 5 deducted
    const int32_t d = AddUnit(&ds, "C1"); // 250, min 70, 2 deducted
    const int32_t e = AddUnit(&ds, "C0"); // 250, min 70, 2 deducted: only the id separates it from d
    const int32_t f = AddUnit(&ds, "C5"); // 200
    AddScore(&ds, a, {100, 100});
    AddScore(&ds, b, {100, 50});
    AddScore(&ds, c, {70, 115}).deductions = {{5, "x"}};
    AddScore(&ds, d, {70, 112}).deductions = {{2, "x"}};
    AddScore(&ds, e, {70, 112}).deductions = {{2, "x"}};
    AddScore(&ds, f, {50, 100});

    SECTION("empty tie_break: 1,2,2,2,2,6")
    {
        RankingResult r = Compute(ds);
        CHECK(RankOf(r, a) == 1);
        CHECK(RankOf(r, b) == 2);
        CHECK(RankOf(r, c) == 2);
        CHECK(RankOf(r, d) == 2);
        CHECK(RankOf(r, e) == 2);
        CHECK(RankOf(r, f) == 6);
    }
    SECTION("min_indicator, fewer_deductions, id: unique ranks")
    {
        ds.competition.rules.tie_break = {TieBreak::MinIndicator, TieBreak::FewerDeductions, TieBreak::Id};
        RankingResult r = Compute(ds);
        CHECK(RankOf(r, a) == 1);
        CHECK(RankOf(r, e) == 2); // min 70, 2 deducted, id C0 < C1
        CHECK(RankOf(r, d) == 3);
        CHECK(RankOf(r, c) == 4); // min 70 but 5 deducted
        CHECK(RankOf(r, b) == 5); // min 50
        CHECK(RankOf(r, f) == 6);
    }
    SECTION("criteria that leave a tie still share the rank")
    {
        ds.competition.rules.tie_break = {TieBreak::MinIndicator};
        RankingResult r = Compute(ds);
        CHECK(RankOf(r, c) == 2);
        CHECK(RankOf(r, d) == 2);
        CHECK(RankOf(r, e) == 2);
        CHECK(RankOf(r, b) == 5);
    }
}

TEST_CASE("top title: thresholds, quota floor with at least 1, ties at the boundary", "[ranking]")
{
    Dataset ds = MakeDataset();
    RatingRules& rules = ds.competition.rules;
    rules.top_title = {"红旗社区", 85, 270, 10};

    SECTION("quota = floor(10% of class), at least 1, awarded in rank order skipping the ineligible")
    {
        // 25 units: quota 2. The best total has B = 80 < 85, so it is skipped.
        for (int i = 0; i < 25; ++i)
        {
            const int32_t u = AddUnit(&ds, "C" + std::to_string(100 + i));
            AddScore(&ds, u, i == 0 ? std::vector<double>{100, 80} : std::vector<double>{95 - i * 0.5, 90});
        }
        RankingResult r = Compute(ds);
        CHECK(r.title_quota[r.ClassCell(0, 0)] == 2);
        CHECK_FALSE(r.flags[r.Cell(0, 0)] & kRankTopTitle);
        CHECK(r.flags[r.Cell(0, 1)] & kRankTopTitle);
        CHECK(r.flags[r.Cell(0, 2)] & kRankTopTitle);
        CHECK_FALSE(r.flags[r.Cell(0, 3)] & kRankTopTitle);
        CHECK(r.flags[r.Cell(0, 3)] & kRankTitleOverQuota); // 94*2+90 = 278: eligible, beyond the cap
        CHECK(Explain(ds, r, 0, 0).title == TitleStatus::BelowThreshold);
        CHECK(Explain(ds, r, 0, 0).title_each_short.size() == 1);
        CHECK(Explain(ds, r, 1, 0).title == TitleStatus::Awarded);
        CHECK(Explain(ds, r, 3, 0).title == TitleStatus::OverQuota);
        CHECK(Explain(ds, r, 24, 0).title == TitleStatus::BelowThreshold); // 83*2+90 = 256 < 270
    }
    SECTION("small classes still get one; 10% of 30 is 3 despite binary fractions")
    {
        for (int i = 0; i < 30; ++i)
        {
            AddScore(&ds, AddUnit(&ds, "C" + std::to_string(100 + i)), {95 - i * 0.1, 90});
        }
        RankingResult r = Compute(ds);
        CHECK(r.title_quota[r.ClassCell(0, 0)] == 3);
        ds.communities.resize(5);
        ds.competition.scores.resize(5);
        r = Compute(ds);
        CHECK(r.title_quota[r.ClassCell(0, 0)] == 1);
        CHECK(r.flags[r.Cell(0, 0)] & kRankTopTitle);
        CHECK_FALSE(r.flags[r.Cell(0, 1)] & kRankTopTitle);
    }
    SECTION("a tie straddling the cap: all tied units are left out (D8); a tie-break resolves it")
    {
        // 20 units, quota 2: one clear leader, then two tied at 280, then the rest.
        for (int i = 0; i < 20; ++i)
        {
            const int32_t u = AddUnit(&ds, "C" + std::to_string(100 + i));
            const double a = i == 0 ? 100 : (i <= 2 ? 95 : 80);
            AddScore(&ds, u, {a, 90});
        }
        RankingResult r = Compute(ds);
        CHECK(RankOf(r, 1) == 2);
        CHECK(RankOf(r, 2) == 2);
        CHECK(r.flags[r.Cell(0, 0)] & kRankTopTitle);
        CHECK(r.flags[r.Cell(0, 1)] & kRankTitleOverQuota);
        CHECK(r.flags[r.Cell(0, 2)] & kRankTitleOverQuota);

        rules.tie_break = {TieBreak::Id};
        r = Compute(ds);
        CHECK(r.flags[r.Cell(0, 0)] & kRankTopTitle);
        CHECK(r.flags[r.Cell(0, 1)] & kRankTopTitle); // C101 < C102
        CHECK_FALSE(r.flags[r.Cell(0, 2)] & kRankTopTitle);
    }
    SECTION("a tie that fits entirely is awarded together")
    {
        for (int i = 0; i < 30; ++i) // quota 3: leader + two tied
        {
            AddScore(&ds, AddUnit(&ds, "C" + std::to_string(100 + i)), {i == 0 ? 100.0 : (i <= 2 ? 95.0 : 80.0), 90});
        }
        RankingResult r = Compute(ds);
        CHECK(r.flags[r.Cell(0, 1)] & kRankTopTitle);
        CHECK(r.flags[r.Cell(0, 2)] & kRankTopTitle);
        CHECK_FALSE(r.flags[r.Cell(0, 3)] & kRankTopTitle);
    }
}

TEST_CASE("missing scores: exclude or zero, never silently zero", "[ranking]")
{
    Dataset ds = MakeDataset();
    const int32_t full = AddUnit(&ds, "C1");
    const int32_t part = AddUnit(&ds, "C2");
    const int32_t none = AddUnit(&ds, "C3"); // no ScoreEntry at all
    const int32_t short_values = AddUnit(&ds, "C4");
    AddScore(&ds, full, {80, 90});
    AddScore(&ds, part, {95, kMissing});
    AddScore(&ds, short_values, {95}); // B absent

    SECTION("exclude: unranked, total NaN, status names the indicator")
    {
        RankingResult r = Compute(ds);
        CHECK(RankOf(r, full) == 1);
        CHECK(RankOf(r, part) == 0);
        CHECK(std::isnan(r.total[r.Cell(0, part)]));
        CHECK(r.flags[r.Cell(0, part)] & kRankMissingExcluded);
        CHECK(RankOf(r, none) == 0);
        CHECK(r.flags[r.Cell(0, none)] & kRankNoEntry);
        CHECK(RankOf(r, short_values) == 0);
        CHECK(r.stars[r.Cell(0, part)] == 0);
        CHECK(r.class_size[r.ClassCell(0, 0)] == 1);
        CHECK(StarsOfClass(r, 0, 0).unranked == 3);

        std::vector<RankingRow> rows = BuildRows(ds, r, 0, kAllClasses);
        REQUIRE(rows.size() == 4);
        CHECK(rows[0].unit == full); // ranked first, unranked after by id
        CHECK(rows[1].unit == part);
        CHECK(RowStatusText(rows[1], ds.competition, false) == "缺少指标：平安建设，不参与排名");
        CHECK(RowStatusText(rows[1], ds.competition, true) == "missing indicator 平安建设, not ranked");
        CHECK(std::isnan(rows[1].values[1]));
        CHECK(RowStatusText(rows[2], ds.competition, false) == "本期无评分记录，不参与排名");
        CHECK(RowStatusText(rows[0], ds.competition, false).empty());

        Explanation ex = Explain(ds, r, part, 0);
        CHECK(ex.indicators[1].missing);
        CHECK(std::isnan(ex.total));
        CHECK(ex.rank == 0);
        CHECK(ex.title == TitleStatus::NoRule);
    }
    SECTION("zero: scored 0 and flagged")
    {
        ds.competition.rules.missing = MissingRule::Zero;
        RankingResult r = Compute(ds);
        CHECK(r.total[r.Cell(0, part)] == Approx(190));
        CHECK(r.total[r.Cell(0, short_values)] == Approx(190));
        CHECK(r.total[r.Cell(0, none)] == 0);
        CHECK(RankOf(r, full) == 1);
        CHECK(RankOf(r, part) == 2);
        CHECK(RankOf(r, short_values) == 2);
        CHECK(RankOf(r, none) == 4);
        CHECK(r.flags[r.Cell(0, part)] & kRankMissing);
        CHECK(r.stars[r.Cell(0, part)] == 0); // B = 0 fails every min_each
        std::vector<RankingRow> rows = BuildRows(ds, r, 0, 0);
        const auto it = std::find_if(rows.begin(), rows.end(), [&](const RankingRow& row) { return row.unit == part; });
        REQUIRE(it != rows.end());
        CHECK(RowStatusText(*it, ds.competition, false) == "缺少指标：平安建设，按0分计");
        CHECK(std::isnan(it->values[1])); // the row shows the gap, the status says it counted as 0
        Explanation ex = Explain(ds, r, part, 0);
        CHECK(ex.indicators[1].missing);
        CHECK(ex.indicators[1].score == 0);
        CHECK(ex.indicators[1].contribution == 0);
    }
}

TEST_CASE("late entries: accept, penalty, exclude; disqualification", "[ranking]")
{
    Dataset ds = MakeDataset();
    const int32_t on_time = AddUnit(&ds, "C1");
    const int32_t late = AddUnit(&ds, "C2");
    const int32_t out = AddUnit(&ds, "C3");
    AddScore(&ds, on_time, {80, 90});      // 250
    AddScore(&ds, late, {82, 90}).late = true; // 254
    ScoreEntry& dq = AddScore(&ds, out, {100, 100});
    dq.disqualified = true;
    dq.note = "数据造假";
    RatingRules& rules = ds.competition.rules;
    rules.late_penalty = 5;

    SECTION("accept")
    {
        RankingResult r = Compute(ds);
        CHECK(RankOf(r, late) == 1);
        CHECK(r.total[r.Cell(0, late)] == Approx(254));
        CHECK(r.flags[r.Cell(0, late)] & kRankLate);
        std::vector<RankingRow> rows = BuildRows(ds, r, 0, 0);
        CHECK(RowStatusText(rows[0], ds.competition, false) == "逾期报送");
    }
    SECTION("penalty")
    {
        rules.late = LateRule::Penalty;
        RankingResult r = Compute(ds);
        CHECK(r.total[r.Cell(0, late)] == Approx(249));
        CHECK(RankOf(r, on_time) == 1);
        CHECK(RankOf(r, late) == 2);
        Explanation ex = Explain(ds, r, late, 0);
        CHECK(ex.late_penalty == 5);
        CHECK(ex.deduction_sum == 0);
        std::vector<RankingRow> rows = BuildRows(ds, r, 0, 0);
        CHECK(rows[1].deductions == Approx(5));
        CHECK(RowStatusText(rows[1], ds.competition, false) == "逾期报送，扣5分");
        CHECK(RowStatusText(rows[1], ds.competition, true) == "late entry, -5 points");
    }
    SECTION("exclude")
    {
        rules.late = LateRule::Exclude;
        RankingResult r = Compute(ds);
        CHECK(RankOf(r, late) == 0);
        CHECK(r.total[r.Cell(0, late)] == Approx(254)); // still shown
        CHECK(r.flags[r.Cell(0, late)] & kRankLateExcluded);
    }
    SECTION("disqualified: unranked with the note, no stars or reward")
    {
        rules.rewards = {{1, 3, 1000, 100}};
        RankingResult r = Compute(ds);
        CHECK(RankOf(r, out) == 0);
        CHECK(r.stars[r.Cell(0, out)] == 0);
        CHECK(r.reward_community[r.Cell(0, out)] == 0);
        std::vector<RankingRow> rows = BuildRows(ds, r, 0, 0);
        CHECK(rows.back().unit == out);
        CHECK(RowStatusText(rows.back(), ds.competition, false) == "取消资格：数据造假");
        CHECK(Explain(ds, r, out, 0).title == TitleStatus::NoRule);
    }
}

TEST_CASE("rewards from rank bands and stars, against the budget", "[ranking]")
{
    Dataset ds = MakeDataset();
    RatingRules& rules = ds.competition.rules;
    rules.rewards = {{1, 1, 150000, 37500}, {2, 3, 50000, 10000}};
    rules.star_rewards = {{5, 20000, 5000}, {4, 10000, 2000}};
    rules.budget = 300000;
    const int32_t u1 = AddUnit(&ds, "C1");
    const int32_t u2 = AddUnit(&ds, "C2");
    const int32_t u3 = AddUnit(&ds, "C3");
    const int32_t u4 = AddUnit(&ds, "C4");
    const int32_t v1 = AddUnit(&ds, "V1", CommunityKind::Village);
    AddScore(&ds, u1, {90, 90}); // 270, 5 stars, rank 1: 170000 + 42500
    AddScore(&ds, u2, {80, 90}); // 250, 4 stars, rank 2: 60000 + 12000
    AddScore(&ds, u3, {70, 65}); // 205, 3 stars, rank 3: 50000 + 10000
    AddScore(&ds, u4, {10, 10}); // rank 4: nothing
    AddScore(&ds, v1, {50, 50}); // rank 1 of its own class: 150000 + 37500
    RankingResult r = Compute(ds);
    CHECK(r.reward_community[r.Cell(0, u1)] == 170000);
    CHECK(r.reward_secretary[r.Cell(0, u1)] == 42500);
    CHECK(r.reward_community[r.Cell(0, u2)] == 60000);
    CHECK(r.reward_secretary[r.Cell(0, u2)] == 12000);
    CHECK(r.reward_community[r.Cell(0, u3)] == 50000);
    CHECK(r.reward_community[r.Cell(0, u4)] == 0);
    CHECK(r.reward_community[r.Cell(0, v1)] == 150000);
    const PeriodBudget& b = r.budgets[0];
    CHECK(b.community == 430000);
    CHECK(b.secretary == 102000);
    CHECK(b.total == 532000);
    CHECK(b.budget_set);
    CHECK(b.over == 232000);
    Explanation ex = Explain(ds, r, u2, 0);
    CHECK(ex.rank_reward_community == 50000);
    CHECK(ex.star_reward_community == 10000);
    CHECK(ex.reward_community == 60000);

    rules.budget = 0;
    r = Compute(ds);
    CHECK_FALSE(r.budgets[0].budget_set);
    CHECK(r.budgets[0].over == 0);

    // Units sharing a rank each get that rank's band.
    ds.competition.scores[1].values = {90, 90}; // u2 now ties u1 at 270
    r = Compute(ds);
    CHECK(RankOf(r, u2) == 1);
    CHECK(r.reward_community[r.Cell(0, u2)] == 170000);
}

TEST_CASE("class membership: class_id first, else the first class whose kinds match", "[ranking]")
{
    Dataset ds = MakeDataset();
    ds.competition.classes.push_back({"mixed", "混合", {CommunityKind::Urban, CommunityKind::Village}});
    const int32_t urban = AddUnit(&ds, "C1", CommunityKind::Urban);
    const int32_t transition = AddUnit(&ds, "C2", CommunityKind::Transition);
    const int32_t village = AddUnit(&ds, "C3", CommunityKind::Village);
    const int32_t assigned = AddUnit(&ds, "C4", CommunityKind::Urban, "mixed");
    const int32_t unknown = AddUnit(&ds, "C5", CommunityKind::Urban, "nope");
    for (int32_t u = 0; u < 5; ++u)
    {
        AddScore(&ds, u, {50, 50});
    }
    RankingResult r = Compute(ds);
    CHECK(r.unit_class[size_t(urban)] == 0);
    CHECK(r.unit_class[size_t(transition)] == 0);
    CHECK(r.unit_class[size_t(village)] == 1);
    CHECK(r.unit_class[size_t(assigned)] == 2);
    CHECK(r.unit_class[size_t(unknown)] == -1);
    CHECK(RankOf(r, unknown) == 0);
    CHECK(r.flags[r.Cell(0, unknown)] & kRankNoClass);
    CHECK(RankOf(r, village) == 1);
    CHECK(RankOf(r, assigned) == 1);
    CHECK(BuildRows(ds, r, 0, 0).size() == 2);
    CHECK(BuildRows(ds, r, 0, kAllClasses).size() == 5);
    std::vector<RankingRow> rows = BuildRows(ds, r, 0, kAllClasses);
    CHECK(RowStatusText(rows.back(), ds.competition, false) == "未归入比拼类别");

    ds.competition.classes.clear(); // no classes at all: nobody is ranked, nothing breaks
    r = Compute(ds);
    CHECK(RankOf(r, urban) == 0);
}

TEST_CASE("movement, trend, bump matrix and what-if diff across periods", "[ranking]")
{
    Dataset ds = MakeDataset(3);
    const int32_t a = AddUnit(&ds, "C1");
    const int32_t b = AddUnit(&ds, "C2");
    const int32_t c = AddUnit(&ds, "C3");
    AddScore(&ds, a, {90, 90}, 0);
    AddScore(&ds, b, {80, 80}, 0);
    // c missing in period 0
    AddScore(&ds, a, {70, 70}, 1);
    AddScore(&ds, b, {85, 85}, 1);
    AddScore(&ds, c, {60, 60}, 1);
    AddScore(&ds, a, {70, 70}, 2);
    AddScore(&ds, b, {85, 85}, 2);
    AddScore(&ds, c, {90, 90}, 2);
    RankingResult r = Compute(ds);

    Explanation ea = Explain(ds, r, a, 1);
    CHECK(ea.prev_rank == 1);
    CHECK(ea.rank == 2);
    CHECK(ea.movement == Movement::Down);
    CHECK(ea.delta == 1);
    CHECK(ea.class_size == 3);
    CHECK(Explain(ds, r, b, 1).movement == Movement::Up);
    CHECK(Explain(ds, r, c, 1).movement == Movement::New);
    CHECK(Explain(ds, r, a, 0).movement == Movement::New); // the first period
    CHECK(Explain(ds, r, c, 0).movement == Movement::None);

    std::vector<RankingRow> rows = BuildRows(ds, r, 2, 0);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].unit == c);
    CHECK(rows[0].delta == 2); // 3 -> 1
    CHECK(rows[0].movement == Movement::Up);
    CHECK(rows[1].unit == b);
    CHECK(rows[1].delta == -1);
    CHECK(rows[2].unit == a);
    CHECK(rows[2].delta == -1);
    CHECK(rows[2].movement == Movement::Down);
    CHECK(BuildRows(ds, r, 1, 0)[0].movement == Movement::Up);

    UnitTrend t = TrendOfUnit(r, c);
    CHECK(t.rank == std::vector<int32_t>{0, 3, 1});
    CHECK(std::isnan(t.total[0]));
    CHECK(t.total[2] == Approx(270));

    RankMatrix m = ClassRankMatrix(r, 0);
    CHECK(m.units == std::vector<int32_t>{c, b, a});
    CHECK(m.period_count == 3);
    CHECK(m.ranks == std::vector<int32_t>{0, 3, 1, 2, 1, 2, 1, 2, 3});

    // What-if: weigh B ten times more; only period 0 order can change.
    RankingResult w;
    ComputeRanking(ds, ds.competition.rules, {2, 1}, &w);
    CHECK(DiffRankings(r, w, 2).empty());
    ds.competition.scores[1].values = {80, 95}; // b: 255 published
    r = Compute(ds);
    ComputeRanking(ds, ds.competition.rules, {1, 10}, &w); // a: 990, b: 1030
    std::vector<UnitDiff> diff = DiffRankings(r, w, 0);
    REQUIRE(diff.size() == 2);
    CHECK(diff[0].unit == a);
    CHECK(diff[0].rank_before == 1);
    CHECK(diff[0].rank_after == 2);
    CHECK(diff[0].stars_before == 5);
    CHECK(diff[1].unit == b);
    CHECK(diff[1].rank_after == 1);
}

TEST_CASE("SortRows: any column, stable, explicit tie-breaker, unranked and NaN last", "[ranking]")
{
    Dataset ds = MakeDataset();
    ds.competition.rules.rewards = {{1, 2, 100, 10}};
    const int32_t a = AddUnit(&ds, "C1");
    const int32_t b = AddUnit(&ds, "C2");
    const int32_t c = AddUnit(&ds, "C3");
    const int32_t d = AddUnit(&ds, "C4");
    AddScore(&ds, a, {80, 90});
    AddScore(&ds, b, {80, 90});
    AddScore(&ds, c, {70, 65});
    AddScore(&ds, d, {99, kMissing});
    RankingResult r = Compute(ds);
    std::vector<RankingRow> rows = BuildRows(ds, r, 0, 0);

    auto ids = [&]() {
        std::vector<std::string> out;
        for (const RankingRow& row : rows)
        {
            out.push_back(row.id);
        }
        return out;
    };
    SortRows(&rows, RowColumn::Stars, false);
    CHECK(ids() == std::vector<std::string>{"C1", "C2", "C3", "C4"});
    SortRows(&rows, RowColumn::Stars, true);
    CHECK(ids() == std::vector<std::string>{"C3", "C1", "C2", "C4"}); // C4 unranked: last either way
    SortRows(&rows, RowColumn::Total, true);
    CHECK(ids() == std::vector<std::string>{"C3", "C1", "C2", "C4"}); // NaN total last
    SortRows(&rows, RowColumn::Rank, false);
    CHECK(ids() == std::vector<std::string>{"C3", "C1", "C2", "C4"});
    SortRows(&rows, IndicatorColumn(1), true);
    CHECK(ids() == std::vector<std::string>{"C3", "C1", "C2", "C4"});
    SortRows(&rows, IndicatorColumn(0), false);
    CHECK(ids() == std::vector<std::string>{"C4", "C1", "C2", "C3"});
    SortRows(&rows, RowColumn::Name, false);
    CHECK(ids() == std::vector<std::string>{"C4", "C3", "C2", "C1"});
    SortRows(&rows, RowColumn::RewardCommunity, true);
    CHECK(ids() == std::vector<std::string>{"C3", "C1", "C2", "C4"});
}

TEST_CASE("properties on random data", "[ranking]")
{
    std::mt19937 rng(20240601);
    for (int round = 0; round < 30; ++round)
    {
        Dataset ds = MakeDataset(3);
        Competition& comp = ds.competition;
        comp.indicators.push_back({"c", "社会治理", 0.5, 50});
        RatingRules& rules = comp.rules;
        rules.top_title = {"红旗社区", 40, 180, 10 + double(round % 3) * 5};
        rules.rewards = {{1, 1, 1000, 100}, {2, 5, 500, 50}};
        rules.star_rewards = {{3, 10, 1}, {4, 20, 2}, {5, 30, 3}};
        rules.missing = round % 2 ? MissingRule::Zero : MissingRule::Exclude;
        rules.late = LateRule(round % 3);
        rules.late_penalty = 2;
        switch (round % 4)
        {
        case 0: rules.tie_break = {}; break;
        case 1: rules.tie_break = {TieBreak::MinIndicator}; break;
        case 2: rules.tie_break = {TieBreak::MinIndicator, TieBreak::FewerDeductions, TieBreak::Id}; break;
        default: rules.tie_break = {TieBreak::Id}; break;
        }
        std::uniform_int_distribution<int> coarse(5, 10); // coarse scores make ties common
        std::uniform_int_distribution<int> pct(0, 99);
        const int units = 5 + round * 3;
        for (int u = 0; u < units; ++u)
        {
            AddUnit(&ds, "U" + std::to_string((u * 37) % 1000), CommunityKind(u % 3));
            for (int p = 0; p < 3; ++p)
            {
                if (pct(rng) < 5)
                {
                    continue; // no entry
                }
                std::vector<double> v = {coarse(rng) * 10.0, coarse(rng) * 10.0, coarse(rng) * 5.0};
                if (pct(rng) < 5)
                {
                    v[size_t(pct(rng) % 3)] = kMissing;
                }
                ScoreEntry& e = AddScore(&ds, u, v, p);
                if (pct(rng) < 30)
                {
                    e.deductions.push_back({double(pct(rng) % 3), "扣"});
                }
                if (pct(rng) < 20)
                {
                    e.bonus.push_back({double(pct(rng) % 4), "荣誉"});
                }
                e.late = pct(rng) < 10;
                e.disqualified = pct(rng) < 3;
            }
        }
        RankingResult r = Compute(ds);
        for (int32_t p = 0; p < 3; ++p)
        {
            for (int32_t cls = 0; cls < 2; ++cls)
            {
                // Ranks in a class are a competition ranking: sorted, each is its position or equals the one before.
                std::vector<std::pair<int32_t, double>> ranked;
                for (int32_t u = 0; u < units; ++u)
                {
                    if (r.unit_class[size_t(u)] == cls && RankOf(r, u, p) > 0)
                    {
                        ranked.push_back({RankOf(r, u, p), r.total[r.Cell(p, u)]});
                    }
                }
                std::sort(ranked.begin(), ranked.end());
                CHECK(int32_t(ranked.size()) == r.class_size[r.ClassCell(p, cls)]);
                int32_t titles = 0;
                for (size_t i = 0; i < ranked.size(); ++i)
                {
                    if (i > 0 && ranked[i].first == ranked[i - 1].first)
                    {
                        CHECK(ranked[i].second == Approx(ranked[i - 1].second));
                        CHECK_FALSE(rules.tie_break.size() == 3);
                    }
                    else
                    {
                        CHECK(ranked[i].first == int32_t(i + 1));
                    }
                    if (i > 0)
                    {
                        CHECK(ranked[i].second <= ranked[i - 1].second + 1e-9);
                    }
                }
                for (int32_t u = 0; u < units; ++u)
                {
                    titles += r.unit_class[size_t(u)] == cls && (r.flags[r.Cell(p, u)] & kRankTopTitle);
                }
                CHECK(titles <= r.title_quota[r.ClassCell(p, cls)]);

                // The rows of a class, shuffled and sorted by stars, come out the same whatever the input order.
                std::vector<RankingRow> rows = BuildRows(ds, r, p, cls);
                std::vector<RankingRow> shuffled = rows;
                std::shuffle(shuffled.begin(), shuffled.end(), rng);
                SortRows(&rows, RowColumn::Stars, false);
                SortRows(&shuffled, RowColumn::Stars, false);
                for (size_t i = 0; i < rows.size(); ++i)
                {
                    CHECK(rows[i].unit == shuffled[i].unit);
                    if (i > 0 && rows[i].rank > 0 && rows[i - 1].rank > 0 && rows[i].stars == rows[i - 1].stars)
                    {
                        CHECK(rows[i - 1].rank <= rows[i].rank); // the explicit tie-breaker
                    }
                }
            }
            double reward_total = 0;
            for (int32_t u = 0; u < units; ++u)
            {
                const size_t cell = r.Cell(p, u);
                reward_total += r.reward_community[cell] + r.reward_secretary[cell];
                Explanation ex = Explain(ds, r, u, p);
                // Contributions sum to the total, exactly as stored.
                double sum = 0;
                for (const IndicatorLine& line : ex.indicators)
                {
                    sum += line.contribution;
                }
                sum += ex.bonus_sum - ex.deduction_sum - ex.late_penalty;
                if (std::isnan(r.total[cell]))
                {
                    CHECK(std::isnan(ex.total));
                    CHECK(std::isnan(sum));
                }
                else
                {
                    CHECK(ex.total == r.total[cell]);
                    CHECK(sum == Approx(ex.total).margin(1e-9));
                }
                // Stars never exceed what the scores allow: the held level is met, no higher level is.
                for (const StarCheck& check : ex.star_checks)
                {
                    if (check.stars == ex.stars)
                    {
                        CHECK(check.met);
                    }
                    if (check.stars > ex.stars && ex.rank > 0)
                    {
                        CHECK_FALSE(check.met);
                    }
                }
                if (ex.rank == 0)
                {
                    CHECK(ex.stars == 0);
                    CHECK(ex.reward_community == 0);
                }
                CHECK(ex.reward_community == ex.rank_reward_community + ex.star_reward_community);
            }
            CHECK(r.budgets[size_t(p)].total == Approx(reward_total));
        }
    }
}

TEST_CASE("CSV export: BOM, quoting, headers, masking", "[ranking]")
{
    Dataset ds = MakeDataset();
    ds.competition.rules.top_title = {"红旗社区", 0, 0, 50};
    const int32_t a = AddUnit(&ds, "C1");
    const int32_t b = AddUnit(&ds, "C2");
    ds.communities[size_t(a)].name = "和平, \"幸福\"\n社区";
    ds.communities[size_t(b)].name = "=HYPERLINK(1)";
    AddScore(&ds, a, {80, 90.25});
    AddScore(&ds, b, {70, kMissing});
    RankingResult r = Compute(ds);
    std::vector<RankingRow> rows = BuildRows(ds, r, 0, kAllClasses);

    const std::string csv = RankingRowsToCsv(rows, ds, CsvOptions());
    REQUIRE(csv.size() > 3);
    CHECK(csv.compare(0, 3, "\xEF\xBB\xBF") == 0);
    CHECK(csv.find("排名,变动,编号,名称,街道,类别,书记,星级,称号,总分,党建引领,平安建设,附加分,扣分,社区奖励（元）,"
                   "书记奖励（元）,状态\r\n") == 3);
    CHECK(csv.find("1,新,C1,\"和平, \"\"幸福\"\"\n社区\",东城街道,城市社区,张**,4,红旗社区,250.25,80,90.25,0,0,0,0,\r\n") !=
          std::string::npos);
    CHECK(csv.find(",'=HYPERLINK(1),") != std::string::npos);
    CHECK(csv.find(",70,,0,0,0,0,缺少指标：平安建设，不参与排名\r\n") != std::string::npos);

    CsvOptions en;
    en.english = true;
    en.mask_personal = false;
    const std::string csv_en = RankingRowsToCsv(rows, ds, en);
    CHECK(csv_en.find("\xEF\xBB\xBFRank,Movement,ID,Name,Street,Class,Secretary,Stars,Title,Total,") == 0);
    CHECK(csv_en.find(",张三丰,") != std::string::npos);
    CHECK(csv_en.find("missing indicator 平安建设, not ranked") != std::string::npos);
    en.include_secretary = false;
    CHECK(RankingRowsToCsv(rows, ds, en).find("Secretary") == std::string::npos);

    CHECK(CsvField("plain") == "plain");
    CHECK(CsvField("a,b") == "\"a,b\"");
    CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(CsvField("two\r\nlines") == "\"two\r\nlines\"");
    CHECK(MaskPersonName("张三丰") == "张**");
    CHECK(MaskPersonName("Li") == "L*");
    CHECK(MaskPersonName("") == "");
}

TEST_CASE("JSON for the JS API", "[ranking]")
{
    Dataset ds = MakeDataset(2);
    ds.competition.rules.rewards = {{1, 1, 1000, 200}};
    const int32_t a = AddUnit(&ds, "C1");
    const int32_t b = AddUnit(&ds, "C2");
    AddScore(&ds, a, {80, 90}, 0);
    AddScore(&ds, a, {80, 90}, 1).bonus = {{5, "荣誉"}};
    AddScore(&ds, b, {80, kMissing}, 1);
    RankingResult r = Compute(ds);
    nlohmann::json rows = RankingRowsToJson(BuildRows(ds, r, 1, 0), ds.competition, false);
    REQUIRE(rows.is_array());
    REQUIRE(rows.size() == 2);
    CHECK(rows[0]["id"] == "C1");
    CHECK(rows[0]["rank"] == 1);
    CHECK(rows[0]["delta"] == 0);
    CHECK(rows[0]["new"] == false);
    CHECK(rows[0]["stars"] == 4);
    CHECK(rows[0]["total"] == 255.0);
    CHECK(rows[0]["reward"] == 1200.0);
    CHECK(rows[1]["rank"].is_null());
    CHECK(rows[1]["total"].is_null());
    CHECK(rows[1]["status"] == "缺少指标：平安建设，不参与排名");

    nlohmann::json ex = ExplanationToJson(Explain(ds, r, a, 1), ds);
    CHECK(ex["id"] == "C1");
    CHECK(ex["period"] == "P1");
    CHECK(ex["movement"] == "same");
    CHECK(ex["indicators"].size() == 2);
    CHECK(ex["indicators"][0]["contribution"] == 160.0);
    CHECK(ex["bonus"][0]["reason"] == "荣誉");
    CHECK(ex["next_stars"] == 5);
    CHECK(ex["next_total_short"] == 15.0);
    CHECK(ex["reward"]["community"] == 1000.0);
    CHECK(ExplanationToJson(Explain(ds, r, a, 7), ds).empty());
}

// The scoring loop has a fast path for entries with every value present and the class slices are radix-sorted;
// both must give exactly what the plain definitions give: totals as Explain() adds them, the minimum of the values
// used, and competition ranks by quantized total (no tie-break: equal totals share a rank).
TEST_CASE("fast scoring and radix sort agree with the plain definitions", "[ranking]")
{
    std::mt19937 rng(77);
    for (int round = 0; round < 6; ++round)
    {
        Dataset ds = MakeDataset(2);
        Competition& comp = ds.competition;
        comp.indicators.clear();
        const int indicators = 13; // three unrolled blocks of four and a remainder
        // Rounds 4 and 5 spread totals beyond 2^40 micro-points, which takes the comparison-sort fallback.
        const double scale = round >= 4 ? 1e5 : 1.0;
        for (int k = 0; k < indicators; ++k)
        {
            comp.indicators.push_back({"i" + std::to_string(k), "指标", (0.25 + 0.5 * (k % 5)) * scale, 100});
        }
        comp.rules.stars = {};
        comp.rules.tie_break = {};
        comp.rules.missing = round % 2 ? MissingRule::Zero : MissingRule::Exclude;
        std::uniform_int_distribution<int> pct(0, 99);
        std::uniform_int_distribution<int> hundredths(-500, 10000);
        const int units = 700;
        for (int u = 0; u < units; ++u)
        {
            AddUnit(&ds, "U" + std::to_string(u), CommunityKind(u % 3));
            for (int p = 0; p < 2; ++p)
            {
                std::vector<double> v(static_cast<size_t>(indicators));
                for (double& x : v)
                {
                    const int r = pct(rng);
                    x = r < 2 ? kMissing : r < 3 ? std::numeric_limits<double>::infinity() : r < 4 ? -0.0
                        : r < 60 ? double(hundredths(rng) / 50) : hundredths(rng) / 100.0; // many ties
                }
                if (pct(rng) < 10)
                {
                    v.resize(size_t(indicators - 3)); // fewer values than indicators: the rest are missing
                }
                AddScore(&ds, u, v, p);
            }
        }
        const RankingResult r = Compute(ds);
        const bool zero = comp.rules.missing == MissingRule::Zero;
        for (int32_t p = 0; p < 2; ++p)
        {
            std::vector<int64_t> quantized(static_cast<size_t>(units));
            for (int32_t u = 0; u < units; ++u)
            {
                const size_t cell = r.Cell(p, u);
                const ScoreEntry& e = comp.scores[size_t(u * 2 + p)];
                double sum = 0, lowest = std::numeric_limits<double>::infinity();
                bool missing = false;
                for (int k = 0; k < indicators; ++k)
                {
                    double x = size_t(k) < e.values.size() ? e.values[size_t(k)] : kMissing;
                    if (!std::isfinite(x))
                    {
                        missing = true;
                        x = 0;
                    }
                    sum += x * comp.indicators[size_t(k)].weight;
                    lowest = std::min(lowest, x);
                }
                const Explanation ex = Explain(ds, r, u, p);
                if (missing && !zero)
                {
                    CHECK(std::isnan(r.total[cell]));
                    CHECK(std::isnan(r.min_raw[cell]));
                    CHECK(RankOf(r, u, p) == 0);
                    continue;
                }
                CHECK(r.total[cell] == ex.total); // the fast path adds exactly as Explain() does
                CHECK(r.total[cell] == Approx(sum).epsilon(1e-12).margin(1e-9));
                CHECK(r.min_raw[cell] == lowest + 0.0);
                CHECK_FALSE((r.min_raw[cell] == 0 && std::signbit(r.min_raw[cell]))); // never -0
                quantized[size_t(u)] = std::llround(r.total[cell] / kScoreQuantum);
            }
            for (int32_t u = 0; u < units; ++u)
            {
                const int32_t rank = RankOf(r, u, p);
                if (rank == 0)
                {
                    continue;
                }
                int32_t above = 0;
                for (int32_t v = 0; v < units; ++v)
                {
                    above += RankOf(r, v, p) > 0 && r.unit_class[size_t(v)] == r.unit_class[size_t(u)] &&
                             quantized[size_t(v)] > quantized[size_t(u)];
                }
                CHECK(rank == above + 1);
            }
        }
    }
}
