// The Map view's state that is not drawing: the drill state (which unit is focused, what is shown, the
// breadcrumb, the selection), per-unit metrics for the choropleth, and search by name. Built once per dataset;
// every query is cheap enough for a frame or a JavaScript call. No ImGui here: the view only maps this to pixels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace gridstar
{

// A unit anywhere in the hierarchy: a level and an index into that level's dataset array.
struct UnitRef
{
    Level level = Level::District;
    int32_t index = -1; // -1 = none

    bool Valid() const { return index >= 0; }
    bool operator==(const UnitRef& o) const { return level == o.level && index == o.index; }
    bool operator!=(const UnitRef& o) const { return !(*this == o); }
};

const char* LevelKey(Level level); // "district", "street", "community", "grid", "micro_grid"
bool LevelFromKey(std::string_view key, Level* out);

// ---- hierarchy lookups on the dataset ------------------------------------------------------
size_t UnitCount(const Dataset& ds, Level level);
bool UnitExists(const Dataset& ds, UnitRef u);
const std::string& UnitName(const Dataset& ds, UnitRef u); // "" for a unit that does not exist
const std::string& UnitId(const Dataset& ds, UnitRef u);
UnitRef UnitParent(const Dataset& ds, UnitRef u);           // none for the district or a dangling parent
UnitRef UnitAncestorAt(const Dataset& ds, UnitRef u, Level level); // u itself when level == u.level
bool IsAncestorOrSelf(const Dataset& ds, UnitRef ancestor, UnitRef u);

// ---- metrics -------------------------------------------------------------------------------
enum class MapMetric : uint8_t
{
    Households = 0,        // households (户)
    Population = 1,        // residents; communities and above only
    VolunteerHours = 2,    // Σ service hours of activities held there; grids and above
    ActivitiesPer1000 = 3, // activities per 1,000 households; grids and above
    OpenIssues = 4,        // grid issues not yet closed (closed_at = 0); grids and above
    StarScore = 5,         // total in the latest scored period; communities, and the mean of them above
};
constexpr int kMapMetricCount = 6;
const char* MapMetricKey(MapMetric m); // "households", "population", "volunteer_hours", "activities_per_1000", ...
bool MapMetricFromKey(std::string_view key, MapMetric* out);

enum class MapColorMode : uint8_t
{
    GridColor = 0,     // 五色网格: grid type colour (levels above grids show the grids inside)
    CommunityKind = 1, // urban / village / 村改居 (levels above communities show the communities inside)
    Metric = 2,        // choropleth of a MapMetric at the shown level
};
constexpr int kMapColorModeCount = 3;
const char* MapColorModeKey(MapColorMode m); // "grid_color", "community_kind", "metric"
bool MapColorModeFromKey(std::string_view key, MapColorMode* out);

struct MapMetrics
{
    // [level][metric][unit]; NaN = no data for that unit (shown as "—" and the no-data colour).
    std::vector<double> values[kLevelCount][kMapMetricCount];
    int32_t star_period = -1; // index into competition.periods used for StarScore, -1 = none

    double Get(UnitRef u, MapMetric m) const;
    const std::vector<double>& Of(Level level, MapMetric m) const
    {
        return values[static_cast<int>(level)][static_cast<int>(m)];
    }
};

// Aggregates activities, events and scores onto every unit. O(dataset size).
void ComputeMapMetrics(const Dataset& ds, MapMetrics* out);

// ---- drill state ---------------------------------------------------------------------------
// The focused unit is what the user drilled into. The map shows its children (district → streets → ...); a unit
// without children (a micro-grid, or a grid without micro-grids) is shown among its siblings instead, highlighted.
// Focusing a unit also selects it (the side panel shows it); the district is never "selected".
class MapNavigator
{
public:
    // Builds the child lists; focus goes to the district, the selection is cleared.
    void Reset(const Dataset* ds);

    UnitRef focus() const { return focus_; }
    UnitRef selected() const { return selected_; }
    // Children of this unit are the ones drawn, at ShownLevel().
    UnitRef ShownParent() const;
    Level ShownLevel() const;
    // District first, the focused unit last.
    std::vector<UnitRef> Breadcrumb() const;

    bool HasChildren(UnitRef u) const { return !ChildrenOf(u).empty(); }
    const std::vector<int32_t>& ChildrenOf(UnitRef u) const; // indices at u.level + 1

    // Focuses any unit (drill down, jump, or a breadcrumb step up). False when the unit does not exist.
    bool Focus(UnitRef u);
    // One level up; false at the district.
    bool Up();
    void Select(UnitRef u) { selected_ = UnitExists(*ds_, u) ? u : UnitRef{}; }
    void ClearSelection() { selected_ = UnitRef{}; }

    const Dataset* dataset() const { return ds_; }

private:
    const Dataset* ds_ = nullptr;
    UnitRef focus_{Level::District, 0};
    UnitRef selected_;
    std::vector<std::vector<int32_t>> children_[kLevelCount - 1]; // [parent level][parent index] → child indices
    std::vector<int32_t> empty_;
};

// ---- search --------------------------------------------------------------------------------
// Name search over every unit. The query is split at spaces; each token must occur in the unit's name or in an
// ancestor's name (so "段家埠 第3网格" finds that grid), and at least one in the unit's own name. ASCII is matched
// case-insensitively, also against ids. Exact and prefix matches of the own name rank first, then higher levels.
// Pinyin initials are not supported (they need a character table the app does not carry).
class MapSearch
{
public:
    void Build(const Dataset& ds);
    std::vector<UnitRef> Find(std::string_view query, size_t limit) const;
    // The unit with this id at any level, or none.
    UnitRef FindById(std::string_view id) const;

private:
    const Dataset* ds_ = nullptr;
    struct Entry
    {
        UnitRef unit;
        std::string name; // ASCII lower-cased
        std::string id;   // ASCII lower-cased
        int32_t parent_entry = -1;
    };
    std::vector<Entry> entries_;
};

// ---- side panel contents -------------------------------------------------------------------
// Teams working in the unit: the communities under it (for a grid or micro-grid, its community). District-level
// teams (community -1) are listed for the district only.
std::vector<int32_t> TeamsOfUnit(const Dataset& ds, UnitRef u);
// The latest activities held in the unit (by grid where the activity names one, else by community), newest
// first, at most `limit`. Activities name no micro-grid, so a micro-grid gets its grid's.
std::vector<int32_t> RecentActivitiesOfUnit(const Dataset& ds, UnitRef u, size_t limit);

} // namespace gridstar
