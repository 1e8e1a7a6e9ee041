// Two-finger pinch and pan from raw touch points, for touch screens and touch tables (the map zooms with it).
// The platform feeds finger events in window pixels; a view takes the accumulated change once per frame.
// With exactly two fingers down, moving them apart zooms in about their midpoint and moving both pans; a third
// finger is ignored until fewer than three remain.
#pragma once

#include <cstdint>
#include <vector>

namespace gridstar
{

struct PinchDelta
{
    bool active = false; // two fingers are down (a view should not also pan with the emulated mouse)
    float center_x = 0, center_y = 0; // the fingers' midpoint now, window pixels
    float scale = 1;     // distance now / distance at the last Take(): > 1 spreads (zoom in)
    float pan_x = 0, pan_y = 0; // midpoint movement since the last Take()
};

class PinchTracker
{
public:
    void Down(int64_t finger, float x, float y);
    void Move(int64_t finger, float x, float y);
    void Up(int64_t finger);
    void Reset() { fingers_.clear(); pending_ = PinchDelta(); }

    int FingerCount() const { return int(fingers_.size()); }
    // The change since the last call; scale and pan then start again from 1 and 0.
    PinchDelta Take();

private:
    struct Finger
    {
        int64_t id;
        float x, y;
    };
    Finger* Find(int64_t finger); // nullptr when not down
    void Update(); // folds the current two-finger geometry into pending_
    void Restart(); // new pair: measure from here, no jump

    std::vector<Finger> fingers_;
    PinchDelta pending_;
    float last_dist_ = 0, last_cx_ = 0, last_cy_ = 0;
};

} // namespace gridstar
