// The storage format: a compact binary snapshot of a validated Dataset, restored without re-parsing JSON.
// Layout: "GSNP" magic, u32 format version, u64 payload bytes, u32 FNV-1a checksum of the payload, payload.
// A snapshot from another version is refused (the caller re-derives it from the JSON kept beside it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace gridstar
{

constexpr uint32_t kSnapshotVersion = 1;

std::vector<uint8_t> EncodeSnapshot(const Dataset& ds);

enum class SnapshotStatus
{
    Ok,
    NotASnapshot,   // wrong magic or too short
    OtherVersion,   // written by another format version: re-derive from JSON
    Corrupt,        // checksum or structure mismatch
};

// Fills *out only on Ok. *version_out (optional) receives the version found in the header.
SnapshotStatus DecodeSnapshot(const uint8_t* data, size_t size, Dataset* out, uint32_t* version_out = nullptr);

} // namespace gridstar
