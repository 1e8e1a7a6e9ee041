#include "core/parsed_load.h"

#include <cstring>

#include <nlohmann/json.hpp>

#include "core/snapshot.h"

namespace gridstar
{
namespace
{
using json = nlohmann::json;

void PutU32(std::vector<uint8_t>* out, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out->push_back(uint8_t(v >> (8 * i)));
}
uint32_t GetU32(const uint8_t* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
// Typed reads that never throw (the core is built without exceptions): a wrong type reads as the default.
std::string Str(const json& o, const char* key)
{
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}
double Num(const json& o, const char* key)
{
    auto it = o.find(key);
    return it != o.end() && it->is_number() ? it->get<double>() : 0.0;
}
} // namespace

std::vector<uint8_t> PackParsedLoad(const LoadResult& r)
{
    json faults = json::array();
    for (const Fault& f : r.faults)
        faults.push_back({{"s", f.severity == Severity::Error ? "e" : "w"},
                          {"p", f.path},
                          {"zh", f.message_zh},
                          {"en", f.message_en},
                          {"l", f.line},
                          {"c", f.column}});
    const json summary{{"ok", r.ok},
                       {"faults", std::move(faults)},
                       {"errors", r.error_count},
                       {"warnings", r.warning_count},
                       {"parse_ms", r.parse_ms},
                       {"validate_ms", r.validate_ms},
                       {"json_nodes", r.json_nodes},
                       {"json_bytes", r.json_bytes}};
    const std::string text = summary.dump(-1, ' ', false, json::error_handler_t::replace);
    std::vector<uint8_t> snapshot;
    if (r.ok && r.dataset)
        snapshot = EncodeSnapshot(*r.dataset);
    std::vector<uint8_t> out;
    out.reserve(8 + text.size() + snapshot.size());
    PutU32(&out, uint32_t(text.size()));
    PutU32(&out, uint32_t(snapshot.size()));
    out.insert(out.end(), text.begin(), text.end());
    out.insert(out.end(), snapshot.begin(), snapshot.end());
    return out;
}

bool UnpackParsedLoadSummary(const uint8_t* data, size_t size, LoadResult* out, size_t* snapshot_at,
                             size_t* snapshot_size, std::string* error)
{
    *out = LoadResult{};
    if (size < 8)
    {
        *error = "too short";
        return false;
    }
    const uint64_t text_size = GetU32(data), snap_size = GetU32(data + 4);
    if (8 + text_size + snap_size != size)
    {
        *error = "lengths do not match the buffer";
        return false;
    }
    const json s = json::parse(data + 8, data + 8 + text_size, nullptr, false);
    if (!s.is_object() || !s.contains("ok") || !s["ok"].is_boolean())
    {
        *error = "unreadable summary";
        return false;
    }
    LoadResult r;
    r.ok = s["ok"].get<bool>();
    if (auto it = s.find("faults"); it != s.end() && it->is_array())
        for (const json& f : *it)
        {
            if (!f.is_object())
                continue;
            Fault fault;
            fault.severity = Str(f, "s") == "w" ? Severity::Warning : Severity::Error;
            fault.path = Str(f, "p");
            fault.message_zh = Str(f, "zh");
            fault.message_en = Str(f, "en");
            fault.line = int(Num(f, "l"));
            fault.column = int(Num(f, "c"));
            r.faults.push_back(std::move(fault));
        }
    r.error_count = size_t(Num(s, "errors"));
    r.warning_count = size_t(Num(s, "warnings"));
    r.parse_ms = Num(s, "parse_ms");
    r.validate_ms = Num(s, "validate_ms");
    r.json_nodes = size_t(Num(s, "json_nodes"));
    r.json_bytes = size_t(Num(s, "json_bytes"));
    if (r.ok == (snap_size == 0))
    {
        *error = r.ok ? "a good load without its dataset" : "a failed load with a dataset";
        return false;
    }
    *snapshot_at = size_t(8 + text_size);
    *snapshot_size = size_t(snap_size);
    *out = std::move(r);
    return true;
}

bool UnpackParsedLoad(const uint8_t* data, size_t size, LoadResult* out, std::string* error)
{
    size_t at = 0, n = 0;
    if (!UnpackParsedLoadSummary(data, size, out, &at, &n, error))
        return false;
    if (out->ok)
    {
        auto ds = std::make_unique<Dataset>();
        if (DecodeSnapshot(data + at, n, ds.get()) != SnapshotStatus::Ok)
        {
            *out = LoadResult{};
            *error = "the dataset's snapshot does not decode";
            return false;
        }
        out->dataset = std::move(ds);
    }
    return true;
}

} // namespace gridstar
