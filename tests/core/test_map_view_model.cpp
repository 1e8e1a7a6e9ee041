#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/dataset_json.h"
#include "core/map_view_model.h"

using namespace gridstar;

namespace
{

const Dataset& Sample()
{
    static std::unique_ptr<Dataset> ds = [] {
        std::ifstream f(std::string(GS_ASSETS_DIR) + "/sample/laoshan.json", std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        LoadResult r = LoadDatasetJson(ss.str());
        REQUIRE(r.ok);
        return std::move(r.dataset);
    }();
    return *ds;
}

// A tiny hand-made hierarchy whose figures are easy to add up by hand.
Dataset Tiny()
{
    Dataset ds;
    ds.district.id = "D";
    ds.district.name = "测试区";
    ds.streets = {{"S0", "甲街道", false, {}}, {"S1", "乙镇", true, {}}};
    Community c0;
    c0.id = "C0";
    c0.name = "东山社区";
    c0.street = 0;
    c0.households = 1000;
    c0.population = 2500;
    Community c1 = c0;
    c1.id = "C1";
    c1.name = "西山村";
    c1.street = 0;
    c1.households = 500;
    c1.population = 1200;
    c1.kind = CommunityKind::Village;
    Community c2 = c0;
    c2.id = "C2";
    c2.name = "南岭社区";
    c2.street = 1;
    c2.households = 0;
    c2.population = 0;
    ds.communities = {c0, c1, c2};
    Grid g0;
    g0.id = "G0";
    g0.name = "第1网格";
    g0.community = 0;
    g0.households = 400;
    Grid g1 = g0;
    g1.id = "G1";
    g1.name = "第2网格";
    g1.households = 600;
    Grid g2 = g0;
    g2.id = "G2";
    g2.name = "第1网格";
    g2.community = 1;
    g2.households = 500;
    ds.grids = {g0, g1, g2};
    MicroGrid m0;
    m0.id = "M0";
    m0.name = "1-1微网格";
    m0.grid = 0;
    m0.households = 150;
    ds.micro_grids = {m0};
    Activity a;
    a.community = 0;
    a.grid = 0;
    a.hours = 10;
    a.start = 100;
    Activity b = a;
    b.grid = -1;
    b.hours = 5;
    b.start = 300;
    Activity c = a;
    c.community = 1;
    c.grid = 2;
    c.hours = 2.5;
    c.start = 200;
    ds.activities = {a, b, c};
    Event open;
    open.grid = 1;
    Event closed = open;
    closed.closed_at = 5000;
    closed.status = EventStatus::Closed;
    Event open2 = open;
    open2.grid = 2;
    ds.events = {open, closed, open2, open};
    Team t0;
    t0.name = "东山志愿队";
    t0.community = 0;
    Team t1;
    t1.name = "区志愿总队";
    t1.community = -1;
    ds.teams = {t0, t1};
    return ds;
}

} // namespace

TEST_CASE("map view model: keys round-trip", "[map_view]")
{
    for (int i = 0; i < kMapMetricCount; ++i)
    {
        MapMetric m;
        REQUIRE(MapMetricFromKey(MapMetricKey(MapMetric(i)), &m));
        CHECK(int(m) == i);
    }
    for (int i = 0; i < kMapColorModeCount; ++i)
    {
        MapColorMode m;
        REQUIRE(MapColorModeFromKey(MapColorModeKey(MapColorMode(i)), &m));
        CHECK(int(m) == i);
    }
    for (int i = 0; i < kLevelCount; ++i)
    {
        Level l;
        REQUIRE(LevelFromKey(LevelKey(Level(i)), &l));
        CHECK(int(l) == i);
    }
    MapMetric m;
    CHECK_FALSE(MapMetricFromKey("nope", &m));
}

TEST_CASE("map view model: metrics add up on a hand-made district", "[map_view]")
{
    Dataset ds = Tiny();
    MapMetrics mm;
    ComputeMapMetrics(ds, &mm);
    auto get = [&](Level l, int i, MapMetric m) { return mm.Get(UnitRef{l, i}, m); };

    CHECK(get(Level::District, 0, MapMetric::Households) == 1500);
    CHECK(get(Level::Street, 0, MapMetric::Households) == 1500);
    CHECK(get(Level::Street, 1, MapMetric::Households) == 0);
    CHECK(get(Level::Grid, 1, MapMetric::Households) == 600);
    CHECK(get(Level::MicroGrid, 0, MapMetric::Households) == 150);
    CHECK(get(Level::Street, 0, MapMetric::Population) == 3700);
    CHECK(std::isnan(get(Level::Grid, 0, MapMetric::Population)));

    CHECK(get(Level::Community, 0, MapMetric::VolunteerHours) == 15);
    CHECK(get(Level::Grid, 0, MapMetric::VolunteerHours) == 10);
    CHECK(get(Level::Grid, 1, MapMetric::VolunteerHours) == 0);
    CHECK(get(Level::Street, 0, MapMetric::VolunteerHours) == 17.5);
    CHECK(get(Level::District, 0, MapMetric::VolunteerHours) == 17.5);
    CHECK(std::isnan(get(Level::MicroGrid, 0, MapMetric::VolunteerHours)));

    // 2 activities / 1,000 households; a community without households has no rate rather than infinity.
    CHECK(get(Level::Community, 0, MapMetric::ActivitiesPer1000) == Approx(2.0));
    CHECK(get(Level::Grid, 0, MapMetric::ActivitiesPer1000) == Approx(1000.0 / 400.0));
    CHECK(get(Level::Street, 0, MapMetric::ActivitiesPer1000) == Approx(3 * 1000.0 / 1500.0));
    CHECK(std::isnan(get(Level::Community, 2, MapMetric::ActivitiesPer1000)));

    CHECK(get(Level::Grid, 1, MapMetric::OpenIssues) == 2);
    CHECK(get(Level::Grid, 2, MapMetric::OpenIssues) == 1);
    CHECK(get(Level::Community, 0, MapMetric::OpenIssues) == 2);
    CHECK(get(Level::Street, 0, MapMetric::OpenIssues) == 3);
    CHECK(get(Level::District, 0, MapMetric::OpenIssues) == 3);

    // No competition: no star scores, and no crash.
    CHECK(mm.star_period == -1);
    CHECK(std::isnan(get(Level::Community, 0, MapMetric::StarScore)));
}

TEST_CASE("map view model: star score on the sample is the latest period's total", "[map_view]")
{
    const Dataset& ds = Sample();
    MapMetrics mm;
    ComputeMapMetrics(ds, &mm);
    REQUIRE(mm.star_period >= 0);
    CHECK(ds.competition.periods[size_t(mm.star_period)].id == "2024-Q4");
    int finite = 0;
    double lo = 1e9, hi = -1e9;
    for (double v : mm.Of(Level::Community, MapMetric::StarScore))
        if (std::isfinite(v))
        {
            ++finite;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    CHECK(finite > 100);
    CHECK(lo > 0);
    CHECK(hi <= 600);
    double d = mm.Get(UnitRef{Level::District, 0}, MapMetric::StarScore);
    CHECK(d >= lo);
    CHECK(d <= hi);
    // Households of the district equal the sum over communities.
    double sum = 0;
    for (const Community& c : ds.communities)
        sum += double(c.households);
    CHECK(mm.Get(UnitRef{Level::District, 0}, MapMetric::Households) == sum);
}

TEST_CASE("map view model: drilling, leaves and going back up", "[map_view]")
{
    Dataset ds = Tiny();
    MapNavigator nav;
    nav.Reset(&ds);
    CHECK(nav.focus() == UnitRef{Level::District, 0});
    CHECK_FALSE(nav.selected().Valid());
    CHECK(nav.ShownLevel() == Level::Street);
    CHECK(nav.Breadcrumb().size() == 1);
    CHECK_FALSE(nav.Up());

    REQUIRE(nav.Focus(UnitRef{Level::Street, 0}));
    CHECK(nav.ShownLevel() == Level::Community);
    CHECK(nav.ShownParent() == UnitRef{Level::Street, 0});
    CHECK(nav.selected() == UnitRef{Level::Street, 0});
    REQUIRE(nav.Focus(UnitRef{Level::Community, 0}));
    CHECK(nav.ShownLevel() == Level::Grid);
    REQUIRE(nav.Focus(UnitRef{Level::Grid, 0}));
    CHECK(nav.ShownLevel() == Level::MicroGrid);
    CHECK(nav.ShownParent() == UnitRef{Level::Grid, 0});

    // A micro-grid is a leaf: shown among its siblings, its grid stays the shown parent.
    REQUIRE(nav.Focus(UnitRef{Level::MicroGrid, 0}));
    CHECK(nav.ShownLevel() == Level::MicroGrid);
    CHECK(nav.ShownParent() == UnitRef{Level::Grid, 0});
    std::vector<UnitRef> crumbs = nav.Breadcrumb();
    REQUIRE(crumbs.size() == 5);
    CHECK(crumbs[0] == UnitRef{Level::District, 0});
    CHECK(crumbs[2] == UnitRef{Level::Community, 0});
    CHECK(crumbs[4] == UnitRef{Level::MicroGrid, 0});

    // A grid without micro-grids is a leaf too.
    REQUIRE(nav.Focus(UnitRef{Level::Grid, 1}));
    CHECK(nav.ShownLevel() == Level::Grid);
    CHECK(nav.ShownParent() == UnitRef{Level::Community, 0});

    // Up walks the breadcrumb back to the district, which is never selected.
    REQUIRE(nav.Up());
    CHECK(nav.focus() == UnitRef{Level::Community, 0});
    REQUIRE(nav.Up());
    REQUIRE(nav.Up());
    CHECK(nav.focus() == UnitRef{Level::District, 0});
    CHECK_FALSE(nav.selected().Valid());
    CHECK_FALSE(nav.Up());

    CHECK_FALSE(nav.Focus(UnitRef{Level::Grid, 99}));
    CHECK(nav.focus() == UnitRef{Level::District, 0});
    CHECK(nav.ChildrenOf(UnitRef{Level::Street, 0}).size() == 2);
    CHECK(nav.ChildrenOf(UnitRef{Level::MicroGrid, 0}).empty());
}

TEST_CASE("map view model: hierarchy lookups", "[map_view]")
{
    Dataset ds = Tiny();
    UnitRef m{Level::MicroGrid, 0};
    CHECK(UnitName(ds, m) == "1-1微网格");
    CHECK(UnitParent(ds, m) == UnitRef{Level::Grid, 0});
    CHECK(UnitAncestorAt(ds, m, Level::Street) == UnitRef{Level::Street, 0});
    CHECK(UnitAncestorAt(ds, m, Level::District) == UnitRef{Level::District, 0});
    CHECK(IsAncestorOrSelf(ds, UnitRef{Level::Community, 0}, m));
    CHECK_FALSE(IsAncestorOrSelf(ds, UnitRef{Level::Community, 1}, m));
    CHECK_FALSE(UnitParent(ds, UnitRef{Level::District, 0}).Valid());
    CHECK(UnitName(ds, UnitRef{Level::Grid, 7}).empty());
    ds.grids[0].community = 42; // dangling: no parent, no crash
    CHECK_FALSE(UnitParent(ds, UnitRef{Level::Grid, 0}).Valid());
    CHECK_FALSE(UnitAncestorAt(ds, m, Level::Street).Valid());
}

TEST_CASE("map view model: search by name, path and id", "[map_view]")
{
    Dataset ds = Tiny();
    MapSearch s;
    s.Build(ds);
    std::vector<UnitRef> r = s.Find("第1网格", 10);
    REQUIRE(r.size() == 2);
    // Narrowed by an ancestor's name.
    r = s.Find("西山 第1网格", 10);
    REQUIRE(r.size() == 1);
    CHECK(r[0] == UnitRef{Level::Grid, 2});
    // An ancestor name alone does not list every descendant.
    r = s.Find("西山", 10);
    REQUIRE(r.size() == 1);
    CHECK(r[0] == UnitRef{Level::Community, 1});
    // Exact before prefix before substring; ids case-insensitively.
    r = s.Find("g1", 10);
    REQUIRE(r.size() == 1);
    CHECK(r[0] == UnitRef{Level::Grid, 1});
    CHECK(s.FindById("M0") == UnitRef{Level::MicroGrid, 0});
    CHECK(s.FindById("D") == UnitRef{Level::District, 0});
    CHECK_FALSE(s.FindById("nope").Valid());
    CHECK(s.Find("", 10).empty());
    CHECK(s.Find("   ", 10).empty());
    CHECK(s.Find("社区", 1).size() == 1);

    const Dataset& sample = Sample();
    MapSearch big;
    big.Build(sample);
    r = big.Find("段家埠", 5);
    REQUIRE_FALSE(r.empty());
    CHECK(r[0].level == Level::Community);
    CHECK(UnitName(sample, r[0]).find("段家埠") != std::string::npos);
}

TEST_CASE("map view model: teams and recent activities of a unit", "[map_view]")
{
    Dataset ds = Tiny();
    CHECK(TeamsOfUnit(ds, UnitRef{Level::District, 0}).size() == 2);
    CHECK(TeamsOfUnit(ds, UnitRef{Level::Street, 0}) == std::vector<int32_t>{0});
    CHECK(TeamsOfUnit(ds, UnitRef{Level::MicroGrid, 0}) == std::vector<int32_t>{0});
    CHECK(TeamsOfUnit(ds, UnitRef{Level::Community, 1}).empty());

    CHECK(RecentActivitiesOfUnit(ds, UnitRef{Level::District, 0}, 10) == std::vector<int32_t>{1, 2, 0});
    CHECK(RecentActivitiesOfUnit(ds, UnitRef{Level::District, 0}, 2) == std::vector<int32_t>{1, 2});
    CHECK(RecentActivitiesOfUnit(ds, UnitRef{Level::Community, 0}, 10) == std::vector<int32_t>{1, 0});
    CHECK(RecentActivitiesOfUnit(ds, UnitRef{Level::Grid, 0}, 10) == std::vector<int32_t>{0});
    CHECK(RecentActivitiesOfUnit(ds, UnitRef{Level::MicroGrid, 0}, 10) == std::vector<int32_t>{0});
    CHECK(RecentActivitiesOfUnit(ds, UnitRef{Level::Street, 1}, 10).empty());
}
