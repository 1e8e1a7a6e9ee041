// The GridStar data model: what a validated `gridstar/1` file becomes in memory.
// Plain structs, no behaviour beyond lookups. Fields are named after the JSON keys (docs/data-format.md).
// Parents are referenced by index into the parent array (resolved at load time), not by id string.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace gridstar
{

// Seconds since 1970-01-01T00:00:00Z. Dates in the data are China Standard Time (UTC+8) unless they say otherwise.
using TimeSec = int64_t;
constexpr int64_t kCstOffsetSec = 8 * 3600;

struct LonLat
{
    double lon = 0; // degrees, [-180, 180]
    double lat = 0; // degrees, [-85, 85]
};

using Ring = std::vector<LonLat>;     // closing point removed, >= 3 points
using Polygon = std::vector<Ring>;    // [0] outer ring, [1..] holes
using MultiPolygon = std::vector<Polygon>; // empty when the unit has no boundary

enum class Level : uint8_t
{
    District = 0,
    Street = 1,
    Community = 2,
    Grid = 3,
    MicroGrid = 4,
};
constexpr int kLevelCount = 5;

enum class CommunityKind : uint8_t
{
    Urban = 0,      // 城市社区
    Village = 1,    // 村
    Transition = 2, // 村改居
};
constexpr int kCommunityKindCount = 3;

enum class GridColor : uint8_t
{
    None = 0,
    Red,
    Orange,
    Yellow,
    Green,
    Blue,
};
constexpr int kGridColorCount = 6;

struct DatasetInfo
{
    std::string name;            // shown on every slide
    std::string as_of;           // YYYY-MM-DD, 数据截至
    std::string source;          // free text, may be empty
    bool synthetic = false;      // true when figures are made up
    std::string language = "zh-Hans";
};

struct District
{
    std::string id;
    std::string name;
    MultiPolygon boundary;
};

struct Street
{
    std::string id;
    std::string name;
    bool is_town = false; // 镇 rather than 街道
    MultiPolygon boundary;
};

struct Community
{
    std::string id;
    std::string name;
    int32_t street = -1;          // index into Dataset::streets
    CommunityKind kind = CommunityKind::Urban;
    int64_t households = 0;       // >= 0
    int64_t population = 0;       // >= 0
    std::string secretary;        // personal data, may be empty
    std::string class_id;         // competition class, empty = by kind
    MultiPolygon boundary;
};

struct GridWorker
{
    std::string name;  // personal data
    std::string phone; // personal data, masked as 138****1234 by default
};

struct Grid
{
    std::string id;
    std::string name;
    int32_t community = -1;       // index into Dataset::communities
    GridColor color = GridColor::None;
    std::string category;         // free category, may be empty
    int64_t households = 0;       // >= 0
    std::string party_branch;
    GridWorker worker;            // empty name = no worker (a warning)
    MultiPolygon boundary;
};

struct MicroGrid
{
    std::string id;
    std::string name;
    int32_t grid = -1;            // index into Dataset::grids
    int64_t households = 0;       // >= 0
    std::string leader;           // personal data, may be empty
    MultiPolygon boundary;
};

struct Team
{
    std::string id;
    std::string name;
    int32_t community = -1;       // index into communities, -1 for district-level teams
    std::string focus;            // 一老 / 一小 / 一新 / 邻里守望 / ...
    int64_t members = 0;          // >= 0
};

struct Activity
{
    std::string id;
    std::string title;
    int32_t category = -1;        // index into Dataset::categories
    int32_t team = -1;            // index into teams
    int32_t community = -1;       // index into communities
    int32_t grid = -1;            // index into grids, -1 if not given
    TimeSec start = 0;            // UTC seconds
    TimeSec end = 0;              // UTC seconds, >= start
    int32_t participants = 0;     // >= 0
    double hours = 0;             // service hours, >= 0
    std::string beneficiary;
};

struct Volunteer
{
    std::string id;
    int32_t team = -1;
    std::string since; // YYYY-MM-DD or empty
    double hours = 0;
};

struct MarkedDate
{
    int month = 0;   // 1..12
    int day = 0;     // 1..31
    int year = 0;    // 0 = every year
    std::string label;
};

// ---- 争星夺旗 ------------------------------------------------------------------------------
struct Period
{
    std::string id;    // e.g. 2024-Q1
    std::string name;  // e.g. 2024年第一季度
    std::string start; // YYYY-MM-DD
    std::string end;   // YYYY-MM-DD
};

struct CompetitionClass
{
    std::string id;
    std::string name;
    std::vector<CommunityKind> kinds;
};

struct Indicator
{
    std::string id;
    std::string name;
    double weight = 1; // > 0
    double max = 100;  // > 0, maximum raw score
};

struct StarRule
{
    int stars = 0;          // 1..5
    double min_each = 0;    // every raw indicator score must reach this
    double min_total = 0;   // total must reach this
};

struct TopTitleRule
{
    std::string name;       // e.g. 红旗社区; empty = no top title
    double min_each = 0;
    double min_total = 0;
    double quota_pct = 10;  // at most this % of the class, rounded down, at least 1
};

struct RewardBand
{
    int rank_from = 1;
    int rank_to = 1;
    double community = 0; // yuan
    double secretary = 0; // yuan
};

struct StarReward
{
    int stars = 0;
    double community = 0;
    double secretary = 0;
};

enum class MissingRule : uint8_t { Exclude = 0, Zero = 1 };
enum class LateRule : uint8_t { Accept = 0, Penalty = 1, Exclude = 2 };
enum class TieBreak : uint8_t { MinIndicator = 0, FewerDeductions = 1, Id = 2 };

struct RatingRules
{
    std::vector<StarRule> stars;          // any order; highest satisfied level wins
    TopTitleRule top_title;
    std::vector<RewardBand> rewards;
    std::vector<StarReward> star_rewards;
    double budget = 0;                    // yuan a period, 0 = not set
    MissingRule missing = MissingRule::Exclude;
    LateRule late = LateRule::Accept;
    double late_penalty = 0;              // points, under LateRule::Penalty
    std::vector<TieBreak> tie_break;      // empty = equal totals share a rank
};

struct PointItem
{
    double points = 0; // >= 0
    std::string reason;
};

struct ScoreEntry
{
    int32_t period = -1;                  // index into Competition::periods
    int32_t community = -1;               // index into Dataset::communities
    std::vector<double> values;           // per indicator, NaN = missing
    std::vector<PointItem> bonus;
    std::vector<PointItem> deductions;
    bool late = false;
    bool disqualified = false;
    std::string note;
};

// A rule set a user saved from the what-if simulation ("save as new rule set"): kept with the dataset, shown on
// request and always labelled as not published. weights has one entry per indicator.
struct RuleSet
{
    std::string name;
    std::string saved_at; // YYYY-MM-DD, may be empty
    std::vector<double> weights;
    RatingRules rules;
};

struct Competition
{
    std::vector<Period> periods;
    std::vector<CompetitionClass> classes;
    std::vector<Indicator> indicators;
    RatingRules rules;                 // the published 评定办法
    std::vector<RuleSet> rule_sets;    // saved simulations, never used unless chosen
    std::vector<ScoreEntry> scores;
    bool present = false;
};

// ---- events --------------------------------------------------------------------------------
enum class EventStatus : uint8_t
{
    Found = 0,    // 发现
    Reported = 1, // 上报
    Handling = 2, // 处置
    Feedback = 3, // 反馈
    Rated = 4,    // 评价
    Closed = 5,
};

struct Event
{
    std::string id;
    int32_t grid = -1;
    std::string type;
    EventStatus status = EventStatus::Found;
    TimeSec reported_at = 0;
    TimeSec closed_at = 0; // 0 = open
    int satisfaction = 0;  // 1..5, 0 = not rated
};

struct Scene
{
    std::string title;
    std::string view;      // overview / map / timeline / ranking
    double dwell_s = 10;   // seconds, > 0
    std::string settings;  // JSON text of view settings
};

struct Dataset
{
    DatasetInfo info;
    District district;
    std::vector<Street> streets;
    std::vector<Community> communities;
    std::vector<Grid> grids;
    std::vector<MicroGrid> micro_grids;
    std::vector<Team> teams;
    std::vector<std::string> categories; // activity categories, in first-seen order
    std::vector<Activity> activities;
    std::vector<Volunteer> volunteers;
    std::vector<MarkedDate> marked_dates;
    Competition competition;
    std::vector<Event> events;
    std::vector<Scene> scenes;
};

// Headline figures for the Overview view.
struct Counts
{
    int64_t streets = 0;
    int64_t communities = 0;
    int64_t grids = 0;
    int64_t micro_grids = 0;
    int64_t grid_workers = 0;  // grids with a named worker
    int64_t volunteers = 0;    // listed volunteers, else the sum of team members
    int64_t teams = 0;
    int64_t activities = 0;
    double service_hours = 0;
    int64_t households = 0;
    int64_t population = 0;
    int64_t events = 0;
    int64_t events_closed = 0;
};

Counts ComputeCounts(const Dataset& ds);

} // namespace gridstar
