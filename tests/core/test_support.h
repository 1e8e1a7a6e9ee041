// Small helpers shared by the Catch2 test files.
#pragma once

#include <catch2/catch.hpp>

#include "core/time_util.h"

namespace gridstar::test
{

// "2024-03-05T09:30" (no offset = China Standard Time) -> UTC seconds; fails the test if it does not parse.
inline TimeSec At(const char* text)
{
    TimeSec t = 0;
    REQUIRE(ParseDateTime(text, &t));
    return t;
}

} // namespace gridstar::test
