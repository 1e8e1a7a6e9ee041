#include "core/gesture.h"

#include <algorithm>
#include <cmath>

namespace gridstar
{

PinchTracker::Finger* PinchTracker::Find(int64_t finger)
{
    for (Finger& f : fingers_)
        if (f.id == finger)
            return &f;
    return nullptr;
}

void PinchTracker::Down(int64_t finger, float x, float y)
{
    if (Finger* f = Find(finger))
        *f = {finger, x, y};
    else
        fingers_.push_back({finger, x, y});
    Restart();
}

void PinchTracker::Move(int64_t finger, float x, float y)
{
    if (Finger* f = Find(finger))
    {
        f->x = x;
        f->y = y;
        Update();
    }
}

void PinchTracker::Up(int64_t finger)
{
    fingers_.erase(std::remove_if(fingers_.begin(), fingers_.end(), [&](const Finger& f) { return f.id == finger; }),
                   fingers_.end());
    Restart();
}

void PinchTracker::Restart()
{
    pending_.active = fingers_.size() == 2;
    if (fingers_.size() != 2)
        return;
    const Finger& a = fingers_[0];
    const Finger& b = fingers_[1];
    last_dist_ = std::hypot(b.x - a.x, b.y - a.y);
    last_cx_ = (a.x + b.x) * 0.5f;
    last_cy_ = (a.y + b.y) * 0.5f;
    pending_.center_x = last_cx_;
    pending_.center_y = last_cy_;
}

void PinchTracker::Update()
{
    if (fingers_.size() != 2)
        return;
    const Finger& a = fingers_[0];
    const Finger& b = fingers_[1];
    const float dist = std::hypot(b.x - a.x, b.y - a.y);
    const float cx = (a.x + b.x) * 0.5f, cy = (a.y + b.y) * 0.5f;
    // Fingers closer than a few pixels give no usable ratio: keep the scale, still pan.
    constexpr float kMinDist = 8.0f;
    if (last_dist_ >= kMinDist && dist >= kMinDist)
        pending_.scale *= dist / last_dist_;
    pending_.pan_x += cx - last_cx_;
    pending_.pan_y += cy - last_cy_;
    pending_.center_x = cx;
    pending_.center_y = cy;
    last_dist_ = dist;
    last_cx_ = cx;
    last_cy_ = cy;
}

PinchDelta PinchTracker::Take()
{
    PinchDelta out = pending_;
    pending_.scale = 1;
    pending_.pan_x = pending_.pan_y = 0;
    return out;
}

} // namespace gridstar
