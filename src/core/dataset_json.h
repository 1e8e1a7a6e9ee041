// Reading a `gridstar/1` JSON file into the model, with validation that names every fault by its JSON path.
// Never throws and never aborts on hostile input: size, depth, string length and array length are capped.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace gridstar
{

enum class Severity : uint8_t
{
    Error = 0,   // blocks loading
    Warning = 1, // shown, loading goes on
};

struct Fault
{
    Severity severity = Severity::Error;
    std::string path;       // JSON Pointer, e.g. /grids/3/boundary/coordinates/0/2; "" for the whole file
    std::string message_zh; // plain message for a data clerk
    std::string message_en;
    int line = 0;           // 1-based, syntax errors only (0 = not known)
    int column = 0;         // 1-based, in characters
};

struct LoadOptions
{
    size_t max_bytes = size_t(512) << 20;  // whole file
    int max_depth = 64;                    // nesting of arrays/objects
    size_t max_string_bytes = 4096;        // one string value or key
    size_t max_array_items = 5000000;      // one array
    size_t max_faults_listed = 500;        // faults beyond this are counted, not listed
    // Called now and then while the activities stream by (every 4,096), with the bytes read so far: a load in a
    // worker reports its progress to the page this way.
    std::function<void(size_t bytes_done)> progress;
};

struct LoadResult
{
    bool ok = false;                   // no errors (warnings allowed)
    std::unique_ptr<Dataset> dataset;  // set when ok
    std::vector<Fault> faults;         // errors first, then warnings, each in document order
    size_t error_count = 0;            // including those not listed
    size_t warning_count = 0;
    double parse_ms = 0;               // JSON syntax pass; when the activities are streamed (the usual key order) it
                                       // also validates the sections before them and the activities themselves
    double validate_ms = 0;            // the remaining checks + model building (and freeing the parsed document)
    size_t json_nodes = 0;             // values and keys in the parsed document
    size_t json_bytes = 0;             // memory the parsed document held (freed before returning)
};

LoadResult LoadDatasetJson(std::string_view text, const LoadOptions& options = {});

// The message in the UI language ("zh" or "en").
const std::string& FaultMessage(const Fault& f, std::string_view language);
// One line for logs and tests: "error /grids/3/households: must be an integer >= 0".
std::string FaultToString(const Fault& f, std::string_view language = "en");

} // namespace gridstar
