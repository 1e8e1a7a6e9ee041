// The running app's state that is not drawing: the dataset in use, what the last load said, the language and
// the open view. The UI and the JavaScript API both act through it, so `GridStar.setView("map")` and a click on
// the Map tab take the same path.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/dataset_json.h"
#include "core/model.h"
#include "core/presentation.h"

namespace gridstar
{

enum class ViewId : uint8_t
{
    Overview = 0,
    Map,
    Timeline,
    Ranking,
    Data,
};
constexpr int kViewCount = 5;
const char* ViewName(ViewId v);                      // "overview", "map", ...
bool ViewFromName(std::string_view name, ViewId* out);

struct StorageInfo
{
    bool available = false;       // false in private mode, under file:// or after a quota error
    bool persisted = false;       // navigator.storage.persist() granted
    int64_t bytes_used = 0;       // as the browser reports (estimate), -1 when unknown
    int64_t quota = 0;
    std::string stored_name;      // name of the dataset in storage, "" when none
    std::string message;          // last storage problem, in English, "" when none
    double restore_read_ms = 0;   // reading the stored record (web: IndexedDB)
    double restore_decode_ms = 0; // decoding the snapshot into the model
};

// Where the current dataset came from.
enum class DatasetOrigin : uint8_t
{
    None,
    Sample,    // embedded sample
    Restored,  // from storage at start-up
    Loaded,    // opened, dropped or passed to loadDataset
};

class Session
{
public:
    Session();

    // Parses and validates; on success the new dataset replaces the current one and `generation` grows.
    // On failure nothing changes except `last_load` (the fault list).
    const LoadResult& LoadJson(std::string_view text, DatasetOrigin origin);
    // The same for a load done elsewhere (a worker): its result, with the dataset when it succeeded.
    const LoadResult& TakeLoadResult(LoadResult r, DatasetOrigin origin);
    // Adopts an already validated dataset (a restored snapshot).
    void Adopt(std::unique_ptr<Dataset> ds, DatasetOrigin origin);

    const Dataset* dataset() const { return dataset_.get(); }
    // Copies the presentation playlist into the dataset (it is exported and stored with it).
    void StoreScenesInDataset();
    // The user's saved simulations (争星夺旗 what-if "save as new rule set"): added to or removed from the dataset
    // in place. The published rules and everything derived stay as they are, so the generation does not change.
    // Add replaces a set of the same name; false when there is no dataset or (Remove) no such set.
    bool AddRuleSet(RuleSet set);
    bool RemoveRuleSet(const std::string& name);
    const Counts& counts() const { return counts_; }
    DatasetOrigin origin() const { return origin_; }
    uint64_t generation() const { return generation_; } // grows with each dataset change
    uint64_t load_count() const { return load_count_; }  // grows whenever the last load's result changes
    const LoadResult& last_load() const { return last_load_; }
    bool has_load_result() const { return has_load_result_; }
    // Drops the last load's result (a dataset adopted without a load, like the sample's snapshot, replaces it).
    void ForgetLoadResult()
    {
        last_load_ = LoadResult{};
        has_load_result_ = false;
        ++load_count_;
    }

    ViewId view = ViewId::Overview;
    std::string language = "zh"; // "zh" or "en"
    StorageInfo storage;
    Presentation presentation;
    bool mask_personal = true; // outside presentations the user may turn masking off

    // `GridStar.state()`; views append their own sections through `extra_state`.
    nlohmann::json StateJson() const;
    nlohmann::json extra_state = nlohmann::json::object();

    // Load outcome as `{ok, errors:[{path, message, severity, line, column}], warnings: n}` in the UI language.
    nlohmann::json LoadResultJson(const LoadResult& r) const;

private:
    std::unique_ptr<Dataset> dataset_;
    Counts counts_;
    DatasetOrigin origin_ = DatasetOrigin::None;
    uint64_t generation_ = 0;
    uint64_t load_count_ = 0;
    LoadResult last_load_;
    bool has_load_result_ = false;
};

// Every code point used by the dataset's strings (for building the font atlas), sorted and unique.
std::vector<uint32_t> CollectCodepoints(const Dataset& ds);
// The code points of the dataset's text that the views draw in the heading font: the dataset's and every unit's
// name (the map's breadcrumb, side panel and tooltip title any unit), teams, periods, classes, indicators, scenes.
std::vector<uint32_t> CollectHeadingCodepoints(const Dataset& ds);
// The few the overview draws (the dataset's name, district, as-of date and source): the app opens on them, and the
// atlas takes the rest of the dataset's characters a moment later.
std::vector<uint32_t> CollectOverviewCodepoints(const Dataset& ds);
// Appends the code points of a UTF-8 string; invalid bytes are skipped.
void AppendCodepoints(std::string_view utf8, std::vector<uint32_t>* out);
// Sorts code points and drops duplicates, in linear time (a bitmap over the 21-bit range): the font atlas asks for
// this on tens of thousands of code points at start-up, while the wasm still runs unoptimised code.
void SortUniqueCodepoints(std::vector<uint32_t>* cps);

} // namespace gridstar
