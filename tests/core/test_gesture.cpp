#include <catch2/catch.hpp>

#include <cmath>

#include "core/gesture.h"

using namespace gridstar;

TEST_CASE("Pinch: spreading two fingers zooms about their midpoint, moving both pans", "[gesture]")
{
    PinchTracker p;
    p.Down(1, 100, 100);
    CHECK_FALSE(p.Take().active); // one finger: the emulated mouse pans, not the pinch
    p.Down(2, 200, 100);
    PinchDelta d = p.Take();
    CHECK(d.active);
    CHECK(d.scale == Approx(1)); // the second finger landing is not a jump
    CHECK(d.center_x == Approx(150));

    p.Move(1, 50, 100);  // apart: 100 -> 150
    p.Move(2, 250, 100); // 150 -> 200
    d = p.Take();
    CHECK(d.scale == Approx(2.0));
    CHECK(d.center_x == Approx(150));
    CHECK(d.pan_x == Approx(0));

    p.Move(1, 60, 130); // both move by (+10, +30): a pan, no zoom
    p.Move(2, 260, 130);
    d = p.Take();
    CHECK(d.scale == Approx(1.0));
    CHECK(d.pan_x == Approx(10));
    CHECK(d.pan_y == Approx(30));

    // Several moves between two frames multiply.
    p.Move(2, 160, 130); // 200 -> 100
    p.Move(1, 110, 130); // 100 -> 50
    d = p.Take();
    CHECK(d.scale == Approx(0.25));
}

TEST_CASE("Pinch: a third finger or a lifted finger ends it without jumps", "[gesture]")
{
    PinchTracker p;
    p.Down(1, 0, 0);
    p.Down(2, 100, 0);
    p.Down(3, 50, 50);
    p.Move(1, -100, 0);
    CHECK_FALSE(p.Take().active);
    p.Up(3);
    PinchDelta d = p.Take();
    CHECK(d.active);
    CHECK(d.scale == Approx(1)); // measured afresh from the pair that remains
    p.Up(1);
    d = p.Take();
    CHECK_FALSE(d.active);
    CHECK(p.FingerCount() == 1);
    p.Move(99, 5, 5); // unknown finger: ignored
    p.Up(99);
    CHECK(p.FingerCount() == 1);
    // Fingers on top of each other: no division by ~0.
    p.Down(4, 0, 0);
    p.Move(4, 1, 0);
    p.Move(2, 300, 0);
    d = p.Take();
    CHECK(std::isfinite(d.scale));
}
