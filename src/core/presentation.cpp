#include "core/presentation.h"

#include <algorithm>

namespace gridstar
{

void Presentation::Start(double now_s)
{
    on = true;
    index_ = scenes.empty() ? 0 : std::clamp(index_, 0, int(scenes.size()) - 1);
    scene_started_s_ = now_s;
}

void Presentation::Stop()
{
    on = false;
}

bool Presentation::GoTo(int index, double now_s)
{
    if (scenes.empty() || index < 0 || index >= int(scenes.size()))
        return false;
    index_ = index;
    scene_started_s_ = now_s;
    return true;
}

bool Presentation::Key(PresentKey key, double now_s, StepHandler* steps)
{
    const int n = int(scenes.size());
    if (n == 0)
        return false;
    switch (key)
    {
    case PresentKey::Next:
        if (steps && steps->StepInScene(+1))
            return false;
        if (index_ + 1 < n)
            return GoTo(index_ + 1, now_s);
        return loop ? GoTo(0, now_s) : false;
    case PresentKey::Previous:
        if (steps && steps->StepInScene(-1))
            return false;
        if (index_ > 0)
            return GoTo(index_ - 1, now_s);
        return loop ? GoTo(n - 1, now_s) : false;
    case PresentKey::First:
        return GoTo(0, now_s);
    case PresentKey::Last:
        return GoTo(n - 1, now_s);
    }
    return false;
}

bool Presentation::Tick(double now_s)
{
    if (!on || !auto_advance || scenes.empty())
        return false;
    const Scene& s = scenes[size_t(index_)];
    if (SceneTime(now_s) < std::max(0.5, s.dwell_s))
        return false;
    if (index_ + 1 < int(scenes.size()))
        return GoTo(index_ + 1, now_s);
    return loop ? GoTo(0, now_s) : false;
}

void Presentation::Add(Scene s)
{
    scenes.push_back(std::move(s));
}

bool Presentation::Remove(int index)
{
    if (index < 0 || index >= int(scenes.size()))
        return false;
    scenes.erase(scenes.begin() + index);
    if (index_ >= int(scenes.size()))
        index_ = std::max(0, int(scenes.size()) - 1);
    return true;
}

bool Presentation::Move(int index, int delta)
{
    int to = index + delta;
    if (index < 0 || index >= int(scenes.size()) || to < 0 || to >= int(scenes.size()))
        return false;
    std::swap(scenes[size_t(index)], scenes[size_t(to)]);
    if (index_ == index)
        index_ = to;
    else if (index_ == to)
        index_ = index;
    return true;
}

float PresentationScale(float width_css, float height_css, float user_scale)
{
    if (width_css <= 0 || height_css <= 0)
        return user_scale;
    // Presentation type is larger than the desk layout (×1.3) so the back row of a hall can read it.
    float s = std::min(width_css / 1920.0f, height_css / 1080.0f) * 1.3f;
    return std::max(0.6f, s) * user_scale;
}

} // namespace gridstar
