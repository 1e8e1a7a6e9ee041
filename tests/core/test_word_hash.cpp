#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/word_hash.h"

using namespace gridstar;

namespace
{
std::vector<uint8_t> Bytes(size_t n)
{
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i)
        v[i] = uint8_t((i * 131 + 7) ^ (i >> 3));
    return v;
}
} // namespace

TEST_CASE("word hash: the snapshot checksum's values do not move (they are in every stored snapshot)")
{
    const std::string text = "GridStar 网格·争星 snapshot checksum, pinned";
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    // Pinned when the hash moved out of snapshot.cpp (a snapshot written before the move decoded with it); a change
    // here makes users' stored datasets unreadable.
    CHECK(WordHash(p, text.size()) == 0xE3FEE333u);
    CHECK(WordHash(p, 0) == 0x0AFD1041u);
    CHECK(WordHash(p, text.size()) == uint32_t(WordHash64(p, text.size())));
}

TEST_CASE("word hash: any flipped bit, in a whole block or in the tail, and the length change it")
{
    for (size_t n : {0u, 1u, 31u, 32u, 33u, 100u, 4096u + 17u})
    {
        std::vector<uint8_t> v = Bytes(n);
        const uint64_t h = WordHash64(v.data(), n);
        CHECK(WordHash64(v.data(), n) == h);
        for (size_t at : {size_t(0), n / 2, n > 0 ? n - 1 : 0})
        {
            if (n == 0)
                break;
            for (int bit : {0, 7})
            {
                v[at] ^= uint8_t(1u << bit);
                CHECK(WordHash64(v.data(), n) != h);
                v[at] ^= uint8_t(1u << bit);
            }
        }
        // The same bytes followed by a zero byte are a different input.
        std::vector<uint8_t> longer = v;
        longer.push_back(0);
        CHECK(WordHash64(longer.data(), longer.size()) != h);
    }
}

TEST_CASE("word hash: taken in steps it equals the hash taken at once")
{
    const std::vector<uint8_t> v = Bytes(10000);
    const uint64_t whole = WordHash64(v.data(), v.size());
    for (size_t step : {1u, 32u, 100u, 4096u})
    {
        WordHashState s;
        size_t until = 0;
        bool done = false;
        while (!done)
        {
            until += step;
            done = WordHashBlocks(s, v.data(), v.size(), until);
        }
        CHECK(WordHashFinish64(s, v.data(), v.size()) == whole);
        CHECK(WordHashFinish(s, v.data(), v.size()) == uint32_t(whole));
    }
}
