// A fast non-cryptographic hash of bytes: FNV-1a style over 8-byte words in four independent lanes (about 8x fewer
// steps than bytewise FNV-1a), with the tail bytes and a final mix. The snapshot's checksum (folded to 32 bits; the
// value is part of the stored format) and the frame loop's "has anything changed" signature of its draw data.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gridstar
{

// Incremental form, for data hashed in steps: the lanes over whole 32-byte blocks, then the tail and the mix.
struct WordHashState
{
    uint64_t h[4] = {0xCBF29CE484222325ull, 0x84222325CBF29CE4ull, 0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full};
    size_t i = 0; // bytes taken so far (whole blocks)
};
// Takes the whole blocks of the n bytes at p up to byte `until`; true once every whole block is in.
bool WordHashBlocks(WordHashState& s, const uint8_t* p, size_t n, size_t until);
// The 64-bit hash of all n bytes, once WordHashBlocks has taken every whole block.
uint64_t WordHashFinish64(const WordHashState& s, const uint8_t* p, size_t n);
inline uint32_t WordHashFinish(const WordHashState& s, const uint8_t* p, size_t n)
{
    return uint32_t(WordHashFinish64(s, p, n));
}

uint64_t WordHash64(const void* p, size_t n);
inline uint32_t WordHash(const uint8_t* p, size_t n)
{
    return uint32_t(WordHash64(p, n));
}

} // namespace gridstar
