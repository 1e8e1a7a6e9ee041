// The web platform: emscripten's main loop, the canvas that follows the page, and small JS calls (web/*.js).
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include "platform/app.h"
#include "platform/platform.h"

#include <cstring>

// SDL looks a few GL entry points up by name (to read the version and the extensions). Emscripten's own
// eglGetProcAddress answers from a table of every WebGL call, which links all ~270 of them into the page's JS and
// wasm whether used or not. The app calls GL directly, so SDL's lookups are answered here, from the calls it makes.
extern "C" void* eglGetProcAddress(const char* name)
{
    struct Entry
    {
        const char* name;
        void* fn;
    };
    static const Entry kEntries[] = {
        {"glGetString", reinterpret_cast<void*>(&glGetString)},
        {"glGetStringi", reinterpret_cast<void*>(&glGetStringi)},
        {"glGetIntegerv", reinterpret_cast<void*>(&glGetIntegerv)},
        {"glGetError", reinterpret_cast<void*>(&glGetError)},
    };
    for (const Entry& e : kEntries)
        if (name && std::strcmp(name, e.name) == 0)
            return e.fn;
    return nullptr;
}

namespace gridstar
{

// clang-format off
EM_JS(int, gs_js_inner_width, (), { return window.innerWidth | 0; });
EM_JS(int, gs_js_inner_height, (), { return window.innerHeight | 0; });
EM_JS(void, gs_js_shadow_gl_state, (), { if (Module.gsShadowGlState) Module.gsShadowGlState(GLctx); });
EM_JS(void, gs_js_first_frame, (), { if (Module.gsOnFirstFrame) Module.gsOnFirstFrame(); });
EM_JS(void, gs_js_open_file_picker, (), { if (Module.gsOpenFilePicker) Module.gsOpenFilePicker(); });
EM_JS(void, gs_js_fetch_wide_font, (), { if (Module.gsFetchWideFont) Module.gsFetchWideFont(); });
EM_JS(void, gs_js_fullscreen, (int on), {
    var c = Module.canvas;
    try {
        if (on && !document.fullscreenElement && c.requestFullscreen) c.requestFullscreen().catch(function () {});
        if (!on && document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    } catch (e) {}
});
EM_JS(void, gs_js_save_file, (const char* name, const char* data, int len, const char* mime), {
    Module.gsSaveFile(UTF8ToString(name), HEAPU8.slice(data, data + len), UTF8ToString(mime));
});
// clang-format on

EM_JS(void, gs_js_text_entry, (int on, float x, float y), {
    if (Module.gsTextEntry) Module.gsTextEntry(on !== 0, x, y);
});

void SetTextEntry(bool active, float caret_x, float caret_y)
{
    gs_js_text_entry(active ? 1 : 0, caret_x, caret_y);
}

void RunMainLoop(void (*step)(void*), void* arg)
{
    // The first frame now, not at the next animation frame: the wait for it was 15-60 ms of start-up in which the
    // page had nothing else to do. WebGL draws outside requestAnimationFrame too; the page shows it at the next
    // composite. The browser drives every later frame.
    step(arg);
    emscripten_set_main_loop_arg(step, arg, 0, 1);
}

void ConfigureGlAttributes()
{
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
}

const char* GlslVersion()
{
    return "#version 300 es";
}

namespace
{
int g_override_w = 0, g_override_h = 0; // exportPng renders at a chosen size
bool g_force_sync = false;
} // namespace

void SetWindowSizeOverride(SDL_Window* window, int css_w, int css_h)
{
    g_override_w = css_w;
    g_override_h = css_h;
    g_force_sync = true;
    SyncWindowSize(window);
}

void SyncWindowSize(SDL_Window* window)
{
    // The canvas fills the page; its backing store is CSS size × devicePixelRatio (SDL applies the ratio
    // because the window was created with SDL_WINDOW_ALLOW_HIGHDPI).
    static int last_w = 0, last_h = 0;
    static double last_dpr = 0;
    int w = g_override_w > 0 ? g_override_w : gs_js_inner_width();
    int h = g_override_h > 0 ? g_override_h : gs_js_inner_height();
    double dpr = emscripten_get_device_pixel_ratio();
    if (w <= 0 || h <= 0 || (w == last_w && h == last_h && dpr == last_dpr && !g_force_sync))
        return;
    g_force_sync = false;
    if (dpr != last_dpr && w == last_w && h == last_h)
        SDL_SetWindowSize(window, w + 1, h); // SDL only re-reads the ratio when the size changes
    SDL_SetWindowSize(window, w, h);
    last_w = w;
    last_h = h;
    last_dpr = dpr;
}

void ClearFrame(int fb_width, int fb_height)
{
    glViewport(0, 0, fb_width, fb_height);
    glClearColor(0.055f, 0.086f, 0.15f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

void PrepareGraphics()
{
    gs_js_shadow_gl_state(); // web/pre.js: ImGui's per-frame reads of GL state without round trips to the GPU
}

void WarmUpGraphics(SDL_Window* window, void (*draw)(int width, int height))
{
    int width = 0, height = 0;
    SDL_GL_GetDrawableSize(window, &width, &height);
    if (width <= 0 || height <= 0)
        return;
    draw(width, height);
    // A flush alone would send nothing on: ANGLE keeps the canvas's render pass open until the frame is read back. A
    // fence makes it submit the pass; nothing here waits for it.
    GLsync fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    glFlush();
    glDeleteSync(fence);
}

void RequestFullscreen(bool on)
{
    gs_js_fullscreen(on ? 1 : 0);
}

void NotifyFirstFrame()
{
    gs_js_first_frame();
}

// clang-format off
EM_JS(void, gs_js_no_graphics, (const char* reason), {
    if (window.gsShell && window.gsShell.noWebGL2) window.gsShell.noWebGL2(UTF8ToString(reason));
});
// clang-format on

void ReportNoGraphics(const char* reason)
{
    gs_js_no_graphics(reason ? reason : "");
}

// clang-format off
EM_JS(int, gs_js_asset_size, (int which), { return Module.gsAssets.size(which); });
EM_JS(void, gs_js_asset_copy, (int which, char* dst), { Module.gsAssets.copy(which, dst); });
// clang-format on

bool ReadAsset(Asset which, std::string* out)
{
    const int n = gs_js_asset_size(int(which));
    if (n < 0)
        return false;
    out->resize(size_t(n));
    gs_js_asset_copy(int(which), &(*out)[0]);
    return true;
}

void RequestWideFont(App& app)
{
    if (app.fonts.stats.wide_requested)
        return;
    app.fonts.stats.wide_requested = true;
    gs_js_fetch_wide_font();
}

namespace
{
void SaveFile(const std::string& filename, const std::string& data, const char* mime)
{
    gs_js_save_file(filename.c_str(), data.data(), int(data.size()), mime);
}
} // namespace

ui::PlatformHooks PlatformUiHooks()
{
    ui::PlatformHooks h;
    h.open_file_picker = gs_js_open_file_picker;
    h.save_file = SaveFile;
    h.load_sample = LoadSampleDataset;
    h.persist_dataset = PersistDataset;
    return h;
}

} // namespace gridstar
