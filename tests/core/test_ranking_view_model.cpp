// The Ranking view's non-drawing parts: race interpolation and clock, what-if state, pins, column names, money text.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/ranking.h"
#include "core/ranking_view_model.h"

using namespace gridstar;

namespace
{

// One class, three periods, units a..d with totals chosen so the order changes:
// P0: a > b > c (d no entry)   P1: c > a > b, d new   P2: d > c > a (b disqualified)
Dataset RaceDataset()
{
    Dataset ds;
    ds.streets.push_back({"S1", "东城街道", false, {}});
    Competition& c = ds.competition;
    c.present = true;
    for (int p = 0; p < 3; ++p)
    {
        c.periods.push_back({"P" + std::to_string(p), "第" + std::to_string(p + 1) + "期", "", ""});
    }
    c.classes.push_back({"urban", "城市社区", {CommunityKind::Urban}});
    c.indicators.push_back({"x", "党建引领", 1, 100});
    c.rules.stars = {{1, 50, 50}, {2, 80, 80}};
    for (const char* id : {"a", "b", "c", "d"})
    {
        Community u;
        u.id = id;
        u.name = std::string("社区") + id;
        u.street = 0;
        u.kind = CommunityKind::Urban;
        ds.communities.push_back(u);
    }
    auto add = [&](int32_t unit, int32_t period, double v, bool dq = false) {
        ScoreEntry e;
        e.period = period;
        e.community = unit;
        e.values = {v};
        e.disqualified = dq;
        c.scores.push_back(e);
    };
    add(0, 0, 90), add(1, 0, 80), add(2, 0, 70);
    add(0, 1, 85), add(1, 1, 60), add(2, 1, 95), add(3, 1, 50);
    add(0, 2, 70), add(1, 2, 99, true), add(2, 2, 80), add(3, 2, 90);
    return ds;
}

const RaceBar* Find(const std::vector<RaceBar>& bars, int32_t unit)
{
    for (const RaceBar& b : bars)
    {
        if (b.unit == unit)
        {
            return &b;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("race frames: whole periods show the ranking, in between bars slide and fade", "[ranking_view]")
{
    const Dataset ds = RaceDataset();
    RankingResult r;
    ComputeRanking(ds, &r);

    SECTION("at a whole period the slots are the ranks")
    {
        std::vector<RaceBar> bars = RaceFrame(ds, r, 0, 0.0);
        REQUIRE(bars.size() == 3); // d has no entry in P0 and no later side at position 0
        CHECK(bars[0].unit == 0);
        CHECK(bars[1].unit == 1);
        CHECK(bars[2].unit == 2);
        for (size_t i = 0; i < bars.size(); ++i)
        {
            CHECK(bars[i].slot == Approx(float(i)));
            CHECK(bars[i].alpha == Approx(1.0f));
        }
        CHECK(bars[0].value == Approx(90));

        bars = RaceFrame(ds, r, 0, 1.0);
        REQUIRE(bars.size() == 4);
        CHECK(bars[0].unit == 2); // c first in P1
        CHECK(bars[1].unit == 0);
        CHECK(bars[2].unit == 1);
        CHECK(bars[3].unit == 3);
        CHECK(bars[3].slot == Approx(3.0f));
        CHECK(bars[3].alpha == Approx(1.0f));
    }

    SECTION("halfway: positions and totals are the eased mix, entering units fade in from below the last")
    {
        const std::vector<RaceBar> bars = RaceFrame(ds, r, 0, 0.5);
        const RaceBar* c = Find(bars, 2);
        const RaceBar* d = Find(bars, 3);
        REQUIRE(c);
        REQUIRE(d);
        CHECK(RaceEase(0.5f) == Approx(0.5f));
        CHECK(c->slot == Approx(1.0f));              // 2 → 0
        CHECK(c->value == Approx((70.0 + 95.0) / 2)); // 70 → 95
        CHECK(d->slot == Approx(3.0f));              // from slot 3 (below the 3 ranked) to 3
        CHECK(d->alpha == Approx(0.5f));
        CHECK(d->rank_from == 0);
        CHECK(d->rank_to == 4);
        CHECK(d->rank_shown == 4);
    }

    SECTION("a unit leaving the ranking sinks below the last and fades out")
    {
        const std::vector<RaceBar> bars = RaceFrame(ds, r, 0, 1.75);
        const RaceBar* b = Find(bars, 1); // ranked 3rd (slot 2) in P1, disqualified in P2
        REQUIRE(b);
        const float e = RaceEase(0.75f);
        CHECK(b->slot == Approx(2.0f + (3.0f - 2.0f) * e));
        CHECK(b->alpha == Approx(1.0f - e));
        CHECK(b->value == Approx(60.0));
        CHECK(b->rank_shown == 3); // keeps its last rank while fading
    }

    SECTION("deterministic and monotone in time for each bar; bars sorted by slot")
    {
        const std::vector<RaceBar> x = RaceFrame(ds, r, 0, 1.3);
        const std::vector<RaceBar> y = RaceFrame(ds, r, 0, 1.3);
        REQUIRE(x.size() == y.size());
        for (size_t i = 0; i < x.size(); ++i)
        {
            CHECK(x[i].unit == y[i].unit);
            CHECK(x[i].slot == y[i].slot);
            if (i > 0)
            {
                CHECK(x[i - 1].slot <= x[i].slot);
            }
        }
        float last = -1;
        for (int i = 0; i <= 20; ++i)
        {
            const RaceBar* c = Find(RaceFrame(ds, r, 0, 1.0 + i / 20.0), 2);
            REQUIRE(c);
            if (last >= 0)
            {
                CHECK(c->slot >= last - 1e-6f); // c goes 0 → 1 over P1 → P2
            }
            last = c->slot;
        }
    }

    SECTION("out-of-range positions clamp; bad class gives nothing")
    {
        CHECK(RaceFrame(ds, r, 0, -5).size() == 3);
        CHECK(RaceFrame(ds, r, 0, 99).size() == 3); // P2: d, c, a
        CHECK(RaceFrame(ds, r, 0, 99)[0].unit == 3);
        CHECK(RaceFrame(ds, r, 1, 0).empty());
        CHECK(RaceFrame(ds, r, -1, 0).empty());
    }
}

TEST_CASE("race clock: play to the end and stop, steps land on whole periods", "[ranking_view]")
{
    RaceClock clock;
    clock.period_count = 4;
    clock.seconds_per_period = 2;
    clock.Advance(1.0);
    CHECK(clock.position == 0); // paused: time does not move it

    clock.TogglePlay();
    CHECK(clock.playing);
    clock.Advance(1.0);
    CHECK(clock.position == Approx(0.5));
    CHECK(clock.FromPeriod() == 0);
    CHECK(clock.ToPeriod() == 1);
    CHECK(clock.Fraction() == Approx(0.5));
    clock.Advance(100);
    CHECK(clock.position == Approx(3));
    CHECK_FALSE(clock.playing);
    CHECK(clock.FromPeriod() == 3);
    CHECK(clock.ToPeriod() == 3);

    clock.TogglePlay(); // at the end: restart
    CHECK(clock.playing);
    CHECK(clock.position == 0);

    clock.Seek(1.25);
    clock.StepForward();
    CHECK_FALSE(clock.playing);
    CHECK(clock.position == Approx(2));
    clock.StepForward();
    clock.StepForward();
    CHECK(clock.position == Approx(3)); // clamped
    clock.Seek(1.25);
    clock.StepBack();
    CHECK(clock.position == Approx(1));
    clock.StepBack();
    CHECK(clock.position == Approx(0));
    clock.StepBack();
    CHECK(clock.position == Approx(0));

    RaceClock single;
    single.period_count = 1;
    single.TogglePlay();
    CHECK_FALSE(single.playing); // nothing to race
}

TEST_CASE("what-if: reset restores the published rules, edits are detected, diff summarised", "[ranking_view]")
{
    const Dataset ds = RaceDataset();
    WhatIf w;
    w.Reset(ds.competition);
    CHECK_FALSE(w.Modified(ds.competition));
    w.weights[0] = 2;
    CHECK(w.Modified(ds.competition));
    w.Reset(ds.competition);
    w.rules.stars[1].min_each = 60; // two stars at 60 each and 60 in total: b (60 in P1) gains a star
    w.rules.stars[1].min_total = 60;
    CHECK(w.Modified(ds.competition));

    RankingResult published, sim;
    ComputeRanking(ds, &published);
    ComputeRanking(ds, w.rules, w.weights, &sim);
    const std::vector<UnitDiff> diffs = DiffRankings(published, sim, 1);
    REQUIRE(diffs.size() == 1);
    CHECK(diffs[0].unit == 1);
    CHECK(diffs[0].stars_before == 1);
    CHECK(diffs[0].stars_after == 2);
    const WhatIfSummary s = SummarizeDiff(diffs, published, sim, 1);
    CHECK(s.rank_changed == 0);
    CHECK(s.stars_changed == 1);
    CHECK(s.title_changed == 0);

    w.Reset(ds.competition);
    CHECK_FALSE(w.Modified(ds.competition));
    ComputeRanking(ds, w.rules, w.weights, &sim);
    CHECK(DiffRankings(published, sim, 1).empty());
}

TEST_CASE("pins keep table order; toggling and the limit", "[ranking_view]")
{
    std::vector<RankingRow> rows(4);
    rows[0].id = "c";
    rows[1].id = "a";
    rows[2].id = "d";
    rows[3].id = "b";
    std::vector<std::string> pinned;
    CHECK(TogglePin(&pinned, "b", 2));
    CHECK(TogglePin(&pinned, "c", 2));
    std::vector<const RankingRow*> shown = PinnedRows(rows, pinned);
    REQUIRE(shown.size() == 2);
    CHECK(shown[0]->id == "c"); // table order, not pin order
    CHECK(shown[1]->id == "b");
    CHECK(TogglePin(&pinned, "a", 2)); // over the limit: the oldest ("b") goes
    CHECK(pinned == std::vector<std::string>{"c", "a"});
    CHECK_FALSE(TogglePin(&pinned, "c", 2));
    CHECK(pinned == std::vector<std::string>{"a"});
}

TEST_CASE("column names round-trip, including indicators", "[ranking_view]")
{
    const Dataset ds = RaceDataset();
    for (RowColumn c : {RowColumn::Rank, RowColumn::Name, RowColumn::Total, RowColumn::Delta, RowColumn::Stars,
                        RowColumn::RewardCommunity, IndicatorColumn(0)})
    {
        RowColumn back = RowColumn::Status;
        REQUIRE(ColumnFromName(ColumnName(c, ds.competition), ds.competition, &back));
        CHECK(back == c);
    }
    CHECK(ColumnName(IndicatorColumn(0), ds.competition) == "ind:x");
    RowColumn out;
    CHECK_FALSE(ColumnFromName("ind:nope", ds.competition, &out));
    CHECK_FALSE(ColumnFromName("", ds.competition, &out));
}

TEST_CASE("money and points text", "[ranking_view]")
{
    CHECK(FormatYuan(0) == "¥0");
    CHECK(FormatYuan(999) == "¥999");
    CHECK(FormatYuan(150000) == "¥150,000");
    CHECK(FormatYuan(12000000) == "¥12,000,000");
    CHECK(FormatYuan(1234.5) == "¥1,235");
    CHECK(FormatYuan(-37500) == "-¥37,500");
    CHECK(FormatYuan(std::nan("")) == "—");
    CHECK(FormatPoints(462.5) == "462.5");
    CHECK(FormatPoints(80) == "80");
    CHECK(FormatPoints(0.1 + 0.2) == "0.3");
    CHECK(FormatPoints(-0.001) == "0");
    CHECK(FormatPoints(std::nan("")) == "—");
    CHECK(RankingCsvFileName("2024-Q4", "urban") == "ranking-2024-Q4-urban.csv");
    CHECK(RankingCsvFileName("第1期", "a/b") == "ranking-___1___-a_b.csv");
}
