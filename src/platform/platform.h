// What differs between the web and the desktop build. CMake compiles main_loop_web.cpp or main_loop_native.cpp;
// nothing else in the app branches on the platform.
#pragma once

#include <string>

#include "ui/ui_context.h"

struct SDL_Window;

namespace gridstar
{
struct App;

// Runs `step(arg)` once per display frame until the app quits (web: never returns).
void RunMainLoop(void (*step)(void*), void* arg);
// GL context attributes before the window exists: WebGL2 (GLES 3.0) on the web, GL 3.0 natively.
void ConfigureGlAttributes();
const char* GlslVersion();
// Keeps the window's size in step with the page (web: the canvas's CSS size and devicePixelRatio).
void SyncWindowSize(SDL_Window* window);
// Renders at a fixed CSS size instead of the page's (0, 0 = follow the page again). Web only.
void SetWindowSizeOverride(SDL_Window* window, int css_width, int css_height);
// Called once the GL context is current, before anything draws (web: the page answers ImGui's reads of GL state
// from its own copy instead of asking the GPU process).
void PrepareGraphics();
// Clears the framebuffer before ImGui draws into it.
void ClearFrame(int fb_width, int fb_height);
// Runs draw(width, height) (the drawable's pixels) into the window's framebuffer and has the GPU start on it without
// waiting: the GPU prepares what draw() uses while the CPU goes on with start-up. Web only (natively nothing is drawn).
void WarmUpGraphics(SDL_Window* window, void (*draw)(int width, int height));
// Tells the host page that the first frame is on screen (web: resolves GridStar.ready).
void NotifyFirstFrame();
// No GL context could be created (web: the page says WebGL2 is unavailable, with the reason).
void ReportNoGraphics(const char* reason);
// What ships with the app: the core font subset and the embedded sample. Web: the gridstar.data package, which the
// page downloads in parallel with the wasm, before main() (web/pre.js), holds the sample as its snapshot (made at
// build time by tools/snapshot). Desktop: files in the build tree, the sample as JSON.
enum class Asset
{
    CoreFont,
    Sample,
    SampleSnapshot,
};
bool ReadAsset(Asset which, std::string* out);
// Starts fetching the wide CJK font; it is added to the atlas when it arrives.
void RequestWideFont(App& app);
// Full screen for presentations (web: the Fullscreen API on the canvas; it needs a recent user gesture).
void RequestFullscreen(bool on);
// Text entry for Chinese: while an ImGui text field is active, the web build focuses a hidden text area at the
// caret (CSS pixels) so the system's input method (拼音 IME) composes there, and its committed text, and pasted or
// inserted text, reach ImGui. Native builds get IME text from SDL itself. Called when the state or caret changes.
void SetTextEntry(bool active, float caret_x, float caret_y);
// File picker, downloads, sample: the UI's access to the platform.
ui::PlatformHooks PlatformUiHooks();

} // namespace gridstar
