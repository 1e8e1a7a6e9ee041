#include <catch2/catch.hpp>

#include "core/presentation.h"

using namespace gridstar;

namespace
{
Presentation ThreeScenes()
{
    Presentation p;
    p.Add({"总览", "overview", 5, "{}"});
    p.Add({"地图", "map", 8, "{}"});
    p.Add({"排名", "ranking", 10, "{}"});
    return p;
}
struct TwoSteps : StepHandler
{
    int left = 2;
    bool StepInScene(int dir) override
    {
        if (dir > 0 && left > 0)
        {
            --left;
            return true;
        }
        return false;
    }
};
} // namespace

TEST_CASE("clicker keys step through scenes and loop", "[presentation]")
{
    Presentation p = ThreeScenes();
    p.Start(0);
    CHECK(p.index() == 0);
    CHECK(p.Key(PresentKey::Next, 1, nullptr));
    CHECK(p.index() == 1);
    CHECK(p.Key(PresentKey::Next, 2, nullptr));
    CHECK(p.Key(PresentKey::Next, 3, nullptr));
    CHECK(p.index() == 0); // looped
    CHECK(p.Key(PresentKey::Previous, 4, nullptr));
    CHECK(p.index() == 2);
    p.loop = false;
    CHECK_FALSE(p.Key(PresentKey::Next, 5, nullptr));
    CHECK(p.index() == 2);
    CHECK(p.Key(PresentKey::First, 6, nullptr));
    CHECK(p.index() == 0);
}

TEST_CASE("steps inside a scene come before the next scene", "[presentation]")
{
    Presentation p = ThreeScenes();
    p.Start(0);
    TwoSteps steps;
    CHECK_FALSE(p.Key(PresentKey::Next, 1, &steps));
    CHECK_FALSE(p.Key(PresentKey::Next, 2, &steps));
    CHECK(p.index() == 0);
    CHECK(p.Key(PresentKey::Next, 3, &steps));
    CHECK(p.index() == 1);
}

TEST_CASE("auto-advance follows dwell times, deterministically", "[presentation]")
{
    Presentation p = ThreeScenes();
    p.auto_advance = true;
    p.Start(100);
    CHECK_FALSE(p.Tick(104.9));
    CHECK(p.Tick(105.0));
    CHECK(p.index() == 1);
    CHECK(p.SceneTime(106.0) == Approx(1.0));
    CHECK_FALSE(p.Tick(112.9));
    CHECK(p.Tick(113.0));
    CHECK(p.index() == 2);
    CHECK(p.Tick(123.0));
    CHECK(p.index() == 0);
}

TEST_CASE("the playlist reorders and removes scenes", "[presentation]")
{
    Presentation p = ThreeScenes();
    p.Start(0);
    p.GoTo(2, 0);
    CHECK(p.Move(2, -1));
    CHECK(p.scenes[1].view == "ranking");
    CHECK(p.index() == 1); // the scene on screen stays on screen
    CHECK_FALSE(p.Move(0, -1));
    CHECK(p.Remove(0));
    CHECK(p.scenes.size() == 2);
    CHECK_FALSE(p.Remove(5));
}

TEST_CASE("presentation scale keeps 1920x1080 proportions on any screen", "[presentation]")
{
    CHECK(PresentationScale(1920, 1080, 1) == Approx(1.3));
    CHECK(PresentationScale(3840, 2160, 1) == Approx(2.6));
    CHECK(PresentationScale(6656, 1792, 1) == Approx(1.3 * 1792.0 / 1080.0)); // ultra-wide LED wall: height decides
    CHECK(PresentationScale(1280, 720, 1.25f) == Approx(1.3 * 1280.0 / 1920.0 * 1.25));
}
