// The app as the platform layer sees it: one struct, one step function shared by the web and native loops.
#pragma once

#include <vector>

#include <cstdint>
#include <string>

#include "imgui.h"

#include "core/session.h"
#include "platform/fonts.h"
#include "core/gesture.h"
#include "ui/workspace.h"

struct SDL_Window;

namespace gridstar
{

struct App
{
    SDL_Window* window = nullptr;
    void* gl_context = nullptr;
    Session session;
    FontManager fonts;
    ui::Workspace workspace;
    bool running = true;
    bool first_frame_done = false;
    uint64_t frame = 0;
    uint64_t fonts_generation = ~uint64_t(0); // dataset generation the atlas was built for
    uint64_t fonts_load_count = ~uint64_t(0); // and the load whose fault messages it holds
    bool fonts_opening = false;               // the atlas holds only the dataset's text the overview shows (start-up)
    float workspace_scale = 1.0f;             // user font scale
    float style_scale = 1.0f;                 // scale the ImGui style was last sized for
    ImGuiStyle base_style;                    // the theme at scale 1
    // CPU time of recent frames, for the browser frame benchmarks (GridStar.frameTimes): `build` is the UI and
    // ImGui building the draw lists (NewFrame .. Render), `submit` is handing them to WebGL/GL. Ring of 1024.
    struct FrameTime
    {
        float build_ms = 0;
        float submit_ms = 0;
        uint32_t vertices = 0;
        bool drawn = true; // false: the same picture as the last frame, not sent to the GPU
    };
    std::vector<FrameTime> frame_times;
    // A frame whose draw data equal the last drawn frame's (hover, animation, typing, data: nothing changed) is not
    // sent to the GPU: the canvas keeps showing it, and an idle dashboard costs a laptop next to nothing instead of a
    // full redraw every display frame. `force_draw` sends the next frame regardless (exportPng reads the canvas).
    uint64_t last_draw_signature = 0;
    bool force_draw = true;
    bool redraw_always = false; // GridStar.redrawEveryFrame(true): the frame benchmarks, screen recorders
    uint64_t frames_drawn = 0;
    uint64_t frames_skipped = 0;
    // Where start-up time goes (state().startup; the bench prints it): each mark is milliseconds on the steady
    // clock, which on the web counts from navigation (performance.now()).
    struct StartupMarks
    {
        double main = 0;        // main() entered (web: the wasm is compiled and instantiated, the data package in)
        double graphics = 0;    // SDL, window and GL context up
        double imgui = 0;       // ImGui and its GL backend set up, core font read
        double data = 0;        // dataset restored or sample decoded
        double frame_begin = 0; // first frame: events handled, the dataset's code points collected, atlas next
        double atlas = 0;       // first atlas built and uploaded
        double frame_end = 0;   // first frame submitted
    } startup;
    PinchTracker pinch; // touch screens: two-finger zoom for the map
    size_t frame_times_next = 0;
};

App& GetApp();
void MainLoopStep(void* app);

// Loads JSON from any source (file picker, drop, API, ?data=, the embedded sample) and, when it is valid, stores it.
// save: store a successfully loaded dataset at once. The web API passes false and calls SaveCurrentDataset()
// after the dataset is live (the save is storage, not part of loading).
const LoadResult& LoadDataset(App& app, std::string_view text, DatasetOrigin origin, bool save = true);
// The same, answering with the `{ok, errors, ...}` object as JSON text (for the JS API).
std::string LoadDatasetFromText(App& app, std::string_view text, DatasetOrigin origin, bool save = true);
// A load parsed elsewhere (web: in a worker), taken as LoadDataset takes one (toast, fault list; the caller stores it).
// Returns the same JSON as LoadDatasetFromText.
std::string AdoptParsedLoad(App& app, LoadResult r, DatasetOrigin origin);
// Snapshot of the current dataset + the JSON it was loaded from, as a new stored record (two-phase).
void SaveCurrentDataset(App& app, std::string_view json_text);
// Presentation mode on/off (F5, Esc, the menu, GridStar.present); asks the page for full screen.
void SetPresenting(App& app, bool on);
// The app's own keys (Ctrl+O, F5, the clicker while presenting). True if taken.
bool HandleAppKey(App& app, int sym, int mod);
// The context views get, for frames and for JavaScript API commands alike.
ui::UiContext MakeUiContext(App& app);
// Stores the dataset with the presentation playlist and saved rule sets in local storage.
void PersistDataset();
// Loads the embedded sample (not stored: it is always there).
void LoadSampleDataset();
// ImGui's IME hook: the active text field's caret, in window pixels.
void OnImeCaret(int x, int y);
// `GridStar.state()`: the session's state plus every view's section, fonts and frame count.
nlohmann::json StateJson(App& app);

} // namespace gridstar
