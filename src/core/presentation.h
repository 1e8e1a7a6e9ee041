// Presentation mode without drawing: the scene playlist, which scene is on, the clicker's steps, auto-advance
// by dwell time and the deterministic animation clock. A rehearsal and the show run the same sequence because
// everything here is a function of the scene index and the seconds spent in it, never of the wall clock alone.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"

namespace gridstar
{

// What a clicker or keyboard asks for.
enum class PresentKey
{
    Next,     // PageDown, →, ↓, space
    Previous, // PageUp, ←, ↑
    First,    // Home
    Last,     // End
};

// A view answers whether it consumed a step inside the current scene (e.g. the ranking race's next period).
struct StepHandler
{
    virtual ~StepHandler() = default;
    // dir = +1 or -1. Returns true if the view moved within the scene; false lets the playlist move on.
    virtual bool StepInScene(int dir) = 0;
};

class Presentation
{
public:
    bool on = false;
    bool masking = true;        // personal data masked while presenting; a badge says so
    bool auto_advance = false;  // kiosk: move on after each scene's dwell time
    bool loop = true;           // after the last scene, start again

    std::vector<Scene> scenes;

    void Start(double now_s);
    void Stop();
    int index() const { return index_; }
    // Seconds since the current scene began (drives counters rolling up, bars growing).
    double SceneTime(double now_s) const { return now_s - scene_started_s_; }
    // Handles a clicker key. `steps` may consume it inside the scene. Returns true if the scene changed.
    bool Key(PresentKey key, double now_s, StepHandler* steps);
    // Called every frame: advances when the dwell time is over (auto-advance only). Returns true on a change.
    bool Tick(double now_s);
    bool GoTo(int index, double now_s);

    // Playlist editing.
    void Add(Scene s);
    bool Remove(int index);
    bool Move(int index, int delta); // reorder: delta -1 moves it earlier

private:
    int index_ = 0;
    double scene_started_s_ = 0;
};

// The scale that makes a layout designed for 1920×1080 fill a screen of any size and aspect ratio without
// stretching: the smaller of the two axis ratios, ×1.3 for presentation type, times the user's font scale.
float PresentationScale(float width_css, float height_css, float user_scale);

} // namespace gridstar
