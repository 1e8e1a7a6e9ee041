// What every view receives each frame: the session to read and act on, the fonts, and the few things only the
// platform can do (open a file picker, save a file).
#pragma once

#include <string>

#include "core/gesture.h"
#include "core/session.h"

struct ImFont;

namespace gridstar::ui
{

struct PlatformHooks
{
    void (*open_file_picker)() = nullptr;
    // Offers `data` to the user as a download named `filename`.
    void (*save_file)(const std::string& filename, const std::string& data, const char* mime) = nullptr;
    void (*load_sample)() = nullptr;
    // Writes the presentation playlist into the dataset and stores it, with the saved rule sets (the user's work
    // travels with the data).
    void (*persist_dataset)() = nullptr;
};

struct UiContext
{
    Session& session;
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* big = nullptr;
    PlatformHooks hooks;
    double time_s = 0; // seconds since start, for animations
    float dt = 0;      // seconds since the last frame
    // Two-finger pinch / pan on a touch screen since the last frame (scale 1 and no pan when none).
    PinchDelta pinch;
    // Presentation mode: no editing chrome, the clicker owns PageUp/PageDown/arrows/space.
    bool presenting = false;
    // Personal data (grid workers' names and phones, secretaries, volunteers) is masked when true.
    bool mask_personal = true;
};

} // namespace gridstar::ui
