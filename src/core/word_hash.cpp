#include "core/word_hash.h"

#include <algorithm>
#include <cstring>

namespace gridstar
{
namespace
{
constexpr uint64_t kWordHashPrime = 0x100000001B3ull;
}

bool WordHashBlocks(WordHashState& s, const uint8_t* p, size_t n, size_t until)
{
    until = std::min(until, n);
    for (; s.i + 32 <= until; s.i += 32)
        for (int k = 0; k < 4; ++k)
        {
            uint64_t w;
            std::memcpy(&w, p + s.i + size_t(k) * 8, 8);
            s.h[k] = (s.h[k] ^ w) * kWordHashPrime;
            s.h[k] ^= s.h[k] >> 29;
        }
    return s.i + 32 > n;
}

uint64_t WordHashFinish64(const WordHashState& s, const uint8_t* p, size_t n)
{
    uint64_t t = s.h[0] ^ (s.h[1] * 3) ^ (s.h[2] * 5) ^ (s.h[3] * 7) ^ uint64_t(n);
    for (size_t i = s.i; i < n; ++i)
        t = (t ^ p[i]) * kWordHashPrime;
    t ^= t >> 32;
    t *= 0xFF51AFD7ED558CCDull;
    t ^= t >> 29;
    return t;
}

uint64_t WordHash64(const void* data, size_t n)
{
    const auto* p = static_cast<const uint8_t*>(data);
    WordHashState s;
    WordHashBlocks(s, p, n, n);
    return WordHashFinish64(s, p, n);
}

} // namespace gridstar
