// The storage format: a compact binary snapshot of a validated Dataset, restored without re-parsing JSON.
// Layout: "GSNP" magic, u32 format version, u64 payload bytes, u32 checksum of the payload, payload.
// Version 2 stores activities as columns (titles and beneficiaries interned, integers in the narrowest width) with a
// word-wise checksum; version 1 (one record per activity, bytewise FNV-1a) is still read, as written (migration).
// A snapshot from any other version is refused (the caller re-derives it from the JSON kept beside it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/model.h"

namespace gridstar
{

constexpr uint32_t kSnapshotVersion = 2;

std::vector<uint8_t> EncodeSnapshot(const Dataset& ds);
// An older layout (1), for migration tests; any other value writes the current version.
std::vector<uint8_t> EncodeSnapshotVersion(const Dataset& ds, uint32_t version);

enum class SnapshotStatus
{
    Ok,
    NotASnapshot,   // wrong magic or too short
    OtherVersion,   // written by another format version: re-derive from JSON
    Corrupt,        // checksum or structure mismatch
};

// Fills *out only on Ok (versions 1 and 2). *version_out (optional) receives the version found in the header.
SnapshotStatus DecodeSnapshot(const uint8_t* data, size_t size, Dataset* out, uint32_t* version_out = nullptr);

// The same decode in steps, so a page can spread a large snapshot over several frames (DecodeSnapshot runs it to the
// end in one call). `data` must outlive the decoder.
class SnapshotDecoder
{
public:
    SnapshotDecoder(const uint8_t* data, size_t size);
    ~SnapshotDecoder();
    SnapshotDecoder(const SnapshotDecoder&) = delete;
    SnapshotDecoder& operator=(const SnapshotDecoder&) = delete;

    // Decodes a part: the header and checksum, the units, about `budget` activities at a time (ids, then rows),
    // the rest. True when finished; then status() says how, and Take() gives the dataset when Ok.
    bool Step(size_t budget);
    SnapshotStatus status() const;
    uint32_t version() const;
    size_t activities() const;
    double progress() const; // 0..1
    std::unique_ptr<Dataset> Take();

private:
    struct State;
    std::unique_ptr<State> s_;
};

} // namespace gridstar
