#include <catch2/catch.hpp>

#include "test_support.h"

#include <string>
#include <vector>

#include "core/time_util.h"
#include "core/timeline_export.h"

using namespace gridstar;
using gridstar::test::At;

namespace
{

std::vector<std::string> Lines(const std::string& csv)
{
    std::vector<std::string> out;
    size_t at = 0;
    while (at < csv.size())
    {
        const size_t end = csv.find("\r\n", at);
        REQUIRE(end != std::string::npos); // every line, the last included, ends in CRLF
        out.push_back(csv.substr(at, end - at));
        at = end + 2;
    }
    return out;
}

Dataset SmallDataset()
{
    Dataset ds;
    ds.streets.push_back(Street{});
    ds.streets[0].id = "S1";
    ds.streets[0].name = "沙子口街道";
    Community c;
    c.id = "C1";
    c.name = "段家埠社区";
    c.street = 0;
    ds.communities.push_back(c);
    Grid g;
    g.id = "G1";
    g.name = "网格3";
    g.community = 0;
    ds.grids.push_back(g);
    Team t;
    t.id = "T1";
    t.name = "红色管家, 志愿队"; // a comma: must be quoted
    t.community = 0;
    ds.teams.push_back(t);
    ds.categories = {"一老", "一小"};
    Activity a;
    a.id = "A1";
    a.title = "=HYPERLINK(\"x\")"; // a formula: must be defused
    a.category = 0;
    a.team = 0;
    a.community = 0;
    a.grid = 0;
    a.start = At("2024-03-05T09:00");
    a.end = At("2024-03-05T11:30");
    a.participants = 12;
    a.hours = 30.5;
    a.beneficiary = "独居老人";
    ds.activities.push_back(a);
    Activity b;
    b.id = "A2";
    b.title = "跨夜值守";
    b.category = 1;
    b.start = At("2024-03-05T23:00:15");
    b.end = At("2024-03-06T01:00");
    b.hours = 2;
    ds.activities.push_back(b);
    return ds;
}

} // namespace

TEST_CASE("Timeline CSV: BOM, header, quoting, formula defusing, CST times", "[timeline][csv]")
{
    const Dataset ds = SmallDataset();
    const std::string csv = ActivitiesToCsv({0, 1, 7, -1}, ds, false); // 7 and -1 are out of range: skipped
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    const std::vector<std::string> lines = Lines(csv.substr(3));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "编号,活动名称,类别,队伍,街道,社区,网格,开始时间,结束时间,参与人数,服务时长（小时）,服务对象");
    CHECK(lines[1] == "A1,\"'=HYPERLINK(\"\"x\"\")\",一老,\"红色管家, 志愿队\",沙子口街道,段家埠社区,网格3,"
                      "2024-03-05 09:00,2024-03-05 11:30,12,30.5,独居老人");
    // No team, community or grid: empty cells, not "-1" or garbage; seconds shown only when present.
    CHECK(lines[2] == "A2,跨夜值守,一小,,,,,2024-03-05 23:00:15,2024-03-06 01:00,0,2,");

    const std::vector<std::string> en = Lines(ActivitiesToCsv({}, ds, true).substr(3));
    REQUIRE(en.size() == 1);
    CHECK(en[0].rfind("ID,Title,Category,Team,", 0) == 0);
}

TEST_CASE("Timeline CSV file name spans the CST days of the range", "[timeline][csv]")
{
    CHECK(ActivitiesCsvFileName(At("2024-01-01"), At("2025-01-01")) == "activities-2024-01-01_2024-12-31.csv");
    CHECK(ActivitiesCsvFileName(At("2024-03-05T08:00"), At("2024-03-05T17:00")) ==
          "activities-2024-03-05_2024-03-05.csv");
    // UTC midnight is 08:00 CST: the browser's zone must not shift the day.
    CHECK(ActivitiesCsvFileName(At("2024-03-04T16:00:00Z"), At("2024-03-05T16:00:00Z")) ==
          "activities-2024-03-05_2024-03-05.csv");
}
