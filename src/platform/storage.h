// Keeping the loaded dataset on this computer (web: IndexedDB; native: files). CMake picks storage_web.cpp or
// storage_native.cpp. A save never replaces what is stored until the new copy is confirmed written.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/session.h"

namespace gridstar::storage
{

// What the start-up restore found.
struct Restored
{
    std::unique_ptr<Dataset> dataset; // decoded snapshot, or nullptr
    bool needs_rederive = false;      // a snapshot of another version or corrupt: re-derive from the kept JSON
    std::string message;
    double decode_ms = 0; // snapshot -> model
};

void Init(StorageInfo* info);
Restored Restore();
// Writes snapshot + original JSON as a new record; the current pointer moves once the write is confirmed.
void Save(const std::vector<uint8_t>& snapshot, std::string_view json, const std::string& name);
// Refreshes usage and persistence figures into *info (web: asynchronously, applied on a later frame).
void Poll(StorageInfo* info);

} // namespace gridstar::storage
