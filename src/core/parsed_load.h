// A load done elsewhere, handed over in one buffer. The web build parses a file the user opens in a worker, on a
// second instance of the same module, so the page keeps drawing frames meanwhile; what comes back is the load's
// result without its dataset (faults, counts, timings) and the dataset as its snapshot, which the page decodes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset_json.h"

namespace gridstar
{

// [u32 summary length][u32 snapshot length][summary: JSON][snapshot: EncodeSnapshot, empty unless r.ok]
std::vector<uint8_t> PackParsedLoad(const LoadResult& r);

// The summary alone: the result without its dataset, and where the dataset's snapshot lies in the block (empty unless
// the load succeeded), to decode in steps (SnapshotDecoder). False (with the reason) when the block is not one
// PackParsedLoad made.
bool UnpackParsedLoadSummary(const uint8_t* data, size_t size, LoadResult* out, size_t* snapshot_at,
                             size_t* snapshot_size, std::string* error);

// The result as the load gave it, its dataset decoded from the snapshot when the load succeeded. False (with the
// reason in *error) when the buffer is not one PackParsedLoad made; *out is then left empty.
bool UnpackParsedLoad(const uint8_t* data, size_t size, LoadResult* out, std::string* error);

} // namespace gridstar
