// GridStar's entry point, readable as a script: set up SDL, create the window, set up ImGui, load data,
// run the main loop. The web and native builds share all of it; main_loop_*.cpp and storage_*.cpp differ.
#include <SDL.h>
#include <algorithm>
#include <chrono>
#include <memory>
#include <cstdio>
#include <vector>
#include <string>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"

#include "core/dataset_export.h"
#include "core/snapshot.h"
#include "core/word_hash.h"
#include "platform/app.h"
#include "platform/platform.h"
#include "platform/storage.h"
#include "ui/strings.h"

namespace gridstar
{

static double NowMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

App& GetApp()
{
    static App app;
    return app;
}

void SaveCurrentDataset(App& app, std::string_view json_text)
{
    if (const Dataset* ds = app.session.dataset())
        storage::Save(EncodeSnapshot(*ds), json_text, ds->info.name);
}

namespace
{
// What follows every load, wherever it was parsed: the store (from the file's text), the toast, the fault list.
const LoadResult& AfterLoad(App& app, const LoadResult& r, std::string_view text, DatasetOrigin origin, bool save)
{
    double now = double(SDL_GetTicks()) / 1000.0;
    if (r.ok)
    {
        if (origin == DatasetOrigin::Loaded && save)
            SaveCurrentDataset(app, text);
        if (origin != DatasetOrigin::Sample)
            app.workspace.SetToast(ui::Str::LoadOk, false, now);
    }
    else
    {
        app.workspace.SetToast(ui::Str::LoadFailed, true, now);
        app.session.view = ViewId::Data; // show the fault list
    }
    return r;
}
std::string ResultText(App& app, const LoadResult& r)
{
    return app.session.LoadResultJson(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
} // namespace

const LoadResult& LoadDataset(App& app, std::string_view text, DatasetOrigin origin, bool save)
{
    return AfterLoad(app, app.session.LoadJson(text, origin), text, origin, save);
}

std::string AdoptParsedLoad(App& app, LoadResult r, DatasetOrigin origin)
{
    return ResultText(app, AfterLoad(app, app.session.TakeLoadResult(std::move(r), origin), {}, origin, false));
}

std::string LoadDatasetFromText(App& app, std::string_view text, DatasetOrigin origin, bool save)
{
    return ResultText(app, LoadDataset(app, text, origin, save));
}

void PersistDataset()
{
    App& app = GetApp();
    app.session.StoreScenesInDataset();
    const Dataset* ds = app.session.dataset();
    if (ds) // the sample too: its playlist is the user's work
        storage::Save(EncodeSnapshot(*ds), DatasetToJsonText(*ds), ds->info.name);
}

void LoadSampleDataset()
{
    App& app = GetApp();
    // The snapshot made from the sample at build time: decoding it is several times faster than parsing the JSON.
    std::string snap;
    if (ReadAsset(Asset::SampleSnapshot, &snap))
    {
        auto ds = std::make_unique<Dataset>();
        if (DecodeSnapshot(reinterpret_cast<const uint8_t*>(snap.data()), snap.size(), ds.get()) == SnapshotStatus::Ok)
        {
            app.session.ForgetLoadResult();
            app.session.Adopt(std::move(ds), DatasetOrigin::Sample);
            return;
        }
        fprintf(stderr, "GridStar: the sample's snapshot is unusable\n");
    }
    std::string text; // the desktop build ships the sample as JSON
    if (ReadAsset(Asset::Sample, &text))
        LoadDataset(app, text, DatasetOrigin::Sample);
}

namespace
{

void ApplyTheme()
{
    ImGuiStyle& style = ImGui::GetStyle();
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 6;
    style.FrameRounding = 4;
    style.TabRounding = 4;
    style.ItemSpacing = ImVec2(10, 7);
    style.FramePadding = ImVec2(10, 5);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.055f, 0.086f, 0.15f, 1.0f);   // deep navy, like the big-screen dashboards
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.09f, 0.13f, 0.22f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.12f, 0.18f, 0.30f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.80f, 0.22f, 0.18f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.72f, 0.16f, 0.14f, 1.0f);    // 党建红 for the active tab
    c[ImGuiCol_Header] = ImVec4(0.20f, 0.30f, 0.48f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.38f, 0.60f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.12f, 0.18f, 0.30f, 1.0f);
}

void ApplyLanguage(App& app)
{
    ui::SetLanguage(app.session.language == "en" ? ui::Lang::En : ui::Lang::Zh);
}

} // namespace

void SetPresenting(App& app, bool on)
{
    Presentation& p = app.session.presentation;
    if (on == p.on)
        return;
    if (on)
        p.Start(double(SDL_GetTicks()) / 1000.0);
    else
        p.Stop();
    RequestFullscreen(on);
}

bool HandleAppKey(App& app, int sym, int mod)
{
    // ImGui 1.86 has no named letter or function keys: the app's own shortcuts are read from SDL here.
    if (sym == SDLK_o && (mod & KMOD_CTRL))
    {
        PlatformUiHooks().open_file_picker();
        return true;
    }
    if (sym == SDLK_F5)
    {
        SetPresenting(app, !app.session.presentation.on);
        return true;
    }
    if (!app.session.presentation.on)
        return false;
    ui::UiContext ctx = MakeUiContext(app);
    switch (sym)
    {
    case SDLK_PAGEDOWN: case SDLK_RIGHT: case SDLK_DOWN: case SDLK_SPACE: case SDLK_RETURN:
        app.workspace.OnPresentKey(ctx, PresentKey::Next);
        return true;
    case SDLK_PAGEUP: case SDLK_LEFT: case SDLK_UP: case SDLK_BACKSPACE:
        app.workspace.OnPresentKey(ctx, PresentKey::Previous);
        return true;
    case SDLK_HOME:
        app.workspace.OnPresentKey(ctx, PresentKey::First);
        return true;
    case SDLK_END:
        app.workspace.OnPresentKey(ctx, PresentKey::Last);
        return true;
    case SDLK_ESCAPE:
        SetPresenting(app, false);
        return true;
    default:
        return false;
    }
}

ui::UiContext MakeUiContext(App& app)
{
    ui::UiContext ctx{app.session};
    ctx.body = app.fonts.body;
    ctx.heading = app.fonts.heading;
    ctx.big = app.fonts.big;
    ctx.hooks = PlatformUiHooks();
    ctx.time_s = double(SDL_GetTicks()) / 1000.0;
    ctx.dt = ImGui::GetIO().DeltaTime;
    ctx.presenting = app.session.presentation.on;
    ctx.mask_personal = ctx.presenting ? app.session.presentation.masking : app.session.mask_personal;
    return ctx;
}

// The caret of the active ImGui text field, from ImGui's IME hook (1.86: ImeSetInputScreenPosFn).
static float g_caret_x = 0, g_caret_y = 0;
void OnImeCaret(int x, int y)
{
    g_caret_x = float(x);
    g_caret_y = float(y);
}

// Tells the platform when a text field gains or loses the keyboard, or its caret moves (see SetTextEntry).
static void SyncTextEntry(const ImGuiIO& io)
{
    static bool was_active = false;
    static float last_x = -1, last_y = -1;
    const bool active = io.WantTextInput;
    if (active == was_active && (!active || (g_caret_x == last_x && g_caret_y == last_y)))
        return;
    was_active = active;
    last_x = g_caret_x;
    last_y = g_caret_y;
    SetTextEntry(active, g_caret_x, g_caret_y);
}

// One invisible draw (a pixel at alpha 0) through ImGui's GL backend before the data and the atlas, which the GPU runs
// while this thread decodes the data and rasterises glyphs: Chromium's software GL (SwiftShader) compiles its routines
// for ImGui's shader, blending, vertex layout and texture format on the other core then, instead of between the first
// frame's commands and its pixels (the first readback after ready: median 140 ms without it, 92 ms with it, over six
// traced starts each). The first frame clears it.
static void WarmUpDraw(int width, int height)
{
    ImDrawList list(ImGui::GetDrawListSharedData());
    list._ResetForNewFrame();
    list.PushClipRect(ImVec2(0, 0), ImVec2(1, 1));
    list.PushTextureID(ImGui::GetIO().Fonts->TexID); // ImGui's own font texture: the same format as the atlas's
    list.PrimReserve(6, 4);
    list.PrimRectUV(ImVec2(0, 0), ImVec2(1, 1), ImVec2(0, 0), ImVec2(1, 1), IM_COL32(255, 255, 255, 0));
    ImDrawList* lists[] = {&list};
    ImDrawData data;
    data.Valid = true;
    data.CmdLists = lists;
    data.CmdListsCount = 1;
    data.TotalVtxCount = list.VtxBuffer.Size;
    data.TotalIdxCount = list.IdxBuffer.Size;
    data.DisplayPos = ImVec2(0, 0);
    data.DisplaySize = ImVec2(float(width), float(height));
    data.FramebufferScale = ImVec2(1, 1);
    ImGui_ImplOpenGL3_RenderDrawData(&data);
}

// What a frame would put on the canvas: the framebuffer's size and every draw list's vertices, indices and commands
// (clip rectangles, textures, ranges). Equal signatures draw equal pictures: ImGui builds its lists deterministically.
static uint64_t DrawSignature(const ImDrawData& data, int fb_width, int fb_height)
{
    uint64_t h = 0x9E3779B97F4A7C15ull;
    auto mix = [&h](uint64_t x) {
        h = (h ^ x) * 0x100000001B3ull;
        h ^= h >> 31;
    };
    mix((uint64_t(uint32_t(fb_width)) << 32) | uint32_t(fb_height));
    mix(WordHash64(&data.DisplaySize, sizeof(data.DisplaySize)));
    for (int i = 0; i < data.CmdListsCount; ++i)
    {
        const ImDrawList& list = *data.CmdLists[i];
        mix(WordHash64(list.VtxBuffer.Data, size_t(list.VtxBuffer.Size) * sizeof(ImDrawVert)));
        mix(WordHash64(list.IdxBuffer.Data, size_t(list.IdxBuffer.Size) * sizeof(ImDrawIdx)));
        mix(WordHash64(list.CmdBuffer.Data, size_t(list.CmdBuffer.Size) * sizeof(ImDrawCmd)));
    }
    return h;
}

static void RecordFrameTime(App& app, float build_ms, float submit_ms, uint32_t vertices, bool drawn)
{
    constexpr size_t kKept = 1024;
    if (app.frame_times.size() < kKept)
        app.frame_times.push_back({build_ms, submit_ms, vertices, drawn});
    else
        app.frame_times[app.frame_times_next % kKept] = {build_ms, submit_ms, vertices, drawn};
    app.frame_times_next = (app.frame_times_next + 1) % kKept;
}

void MainLoopStep(void* arg)
{
    App& app = *static_cast<App*>(arg);
    ImGuiIO& io = ImGui::GetIO();

    // ---- events ----
    // ImGui 1.86 keeps key state, not a queue: a key pressed and released within one frame (a clicker, a
    // quick tap) would never be seen. Such a release is held back to the next frame.
    static std::vector<SDL_Event> deferred;
    std::vector<SDL_Event> pending;
    pending.swap(deferred);
    bool input = !pending.empty(); // the user did something this frame (keys, mouse, wheel, touch, text)
    for (SDL_Event& e : pending)
        ImGui_ImplSDL2_ProcessEvent(&e);
    std::vector<SDL_Keycode> down_this_frame;
    SDL_Event event;
    while (SDL_PollEvent(&event))
    {
        if (event.type == SDL_QUIT)
            app.running = false;
        if ((event.type >= SDL_KEYDOWN && event.type < SDL_JOYAXISMOTION) ||
            (event.type >= SDL_FINGERDOWN && event.type <= SDL_FINGERMOTION))
            input = true;
        if (event.type == SDL_FINGERDOWN || event.type == SDL_FINGERMOTION || event.type == SDL_FINGERUP)
        {
            // Normalised to the window; SDL also turns the first finger into mouse events for taps and drags.
            int w = 0, h = 0;
            SDL_GetWindowSize(app.window, &w, &h);
            const float x = event.tfinger.x * float(w), y = event.tfinger.y * float(h);
            const int64_t id = int64_t(event.tfinger.fingerId);
            if (event.type == SDL_FINGERDOWN)
                app.pinch.Down(id, x, y);
            else if (event.type == SDL_FINGERMOTION)
                app.pinch.Move(id, x, y);
            else
                app.pinch.Up(id);
        }
        if (event.type == SDL_KEYDOWN && HandleAppKey(app, event.key.keysym.sym, event.key.keysym.mod))
            continue; // the app took it (presentation clicker, F5, Ctrl+O): the views do not see it
        if (event.type == SDL_KEYDOWN)
            down_this_frame.push_back(event.key.keysym.sym);
        if (event.type == SDL_KEYUP &&
            std::find(down_this_frame.begin(), down_this_frame.end(), event.key.keysym.sym) != down_this_frame.end())
        {
            deferred.push_back(event);
            continue;
        }
        if (event.type == SDL_TEXTINPUT) // the desktop's input method; the web's arrives through gs_text_input
            app.fonts.AddTypedText(event.text.text);
        ImGui_ImplSDL2_ProcessEvent(&event);
    }
    SyncWindowSize(app.window);
    ApplyLanguage(app);

    // ---- fonts follow the dataset's characters and the screen's pixel density ----
    int win_w = 0, win_h = 0, fb_w = 0, fb_h = 0;
    SDL_GetWindowSize(app.window, &win_w, &win_h);
    SDL_GL_GetDrawableSize(app.window, &fb_w, &fb_h);
    float dpr = win_w > 0 ? float(fb_w) / float(win_w) : 1.0f;
    // Presentations scale a 1920×1080 design to the screen; fonts are rasterised at the final pixel size, so
    // text stays crisp at any size instead of being stretched.
    float ui_scale = app.session.presentation.on ? PresentationScale(float(win_w), float(win_h), app.workspace_scale)
                                                 : app.workspace_scale;
    app.fonts.SetScale(dpr * ui_scale, dpr);
    // A slide's headline figures are read from the back of the room: 1.75× their size on screen.
    app.fonts.SetFigureScale(app.session.presentation.on ? 1.75f : 1.0f);
    if (ui_scale != app.style_scale)
    {
        app.style_scale = ui_scale;
        ImGuiStyle& style = ImGui::GetStyle();
        style = app.base_style;
        style.ScaleAllSizes(ui_scale);
    }
    if (app.session.load_count() != app.fonts_load_count)
    {
        // The last load's fault messages quote the file's own text.
        app.fonts_load_count = app.session.load_count();
        std::vector<uint32_t> cps;
        if (app.session.has_load_result())
            for (const Fault& f : app.session.last_load().faults)
                AppendCodepoints(f.message_zh, &cps);
        SortUniqueCodepoints(&cps);
        app.fonts.SetMessageCodepoints(std::move(cps));
    }
    // The app opens on the overview with the atlas holding, of the dataset's text, only what the overview shows (its
    // name, district, date and source), not every name and title: the first frame comes sooner. The rest follows a
    // quarter second later, or before the first frame that could draw it: on any input, another view, a slide.
    const bool opening = app.session.view == ViewId::Overview && !app.session.presentation.on && !input &&
                         (!app.first_frame_done || NowMs() - app.startup.frame_end < 250);
    if (app.session.generation() != app.fonts_generation || (app.fonts_opening && !opening))
    {
        app.fonts_generation = app.session.generation();
        app.fonts_opening = false;
        if (const Dataset* ds = app.session.dataset())
        {
            if (opening && !app.first_frame_done)
            {
                app.fonts_opening = true;
                std::vector<uint32_t> shown = CollectOverviewCodepoints(*ds);
                app.fonts.SetExtraCodepoints(shown);
                app.fonts.SetHeadingCodepoints(std::move(shown));
            }
            else
            {
                app.fonts.SetExtraCodepoints(CollectCodepoints(*ds));
                app.fonts.SetHeadingCodepoints(CollectHeadingCodepoints(*ds));
            }
        }
    }
    if (!app.first_frame_done)
        app.startup.frame_begin = NowMs();
    if (app.fonts.NeedsRebuild())
    {
        app.fonts.Rebuild();
        app.force_draw = true; // a new texture may come back under the old one's name, with the same glyph places
    }
    if (!app.first_frame_done)
        app.startup.atlas = NowMs();
    if (app.fonts.WantsWideFont())
        RequestWideFont(app);

    // ---- frame ----
    using Clock = std::chrono::steady_clock;
    const Clock::time_point t_build = Clock::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // ImGui 1.86's SDL backend reports three buttons; the map goes up a level on the mouse's Back button.
    io.MouseDown[3] = (SDL_GetMouseState(nullptr, nullptr) & SDL_BUTTON(SDL_BUTTON_X1)) != 0;
    ImGui::NewFrame();
    ui::UiContext ctx = MakeUiContext(app);
    ctx.pinch = app.pinch.Take();
    app.workspace.Draw(ctx);
    ImGui::Render();
    const Clock::time_point t_submit = Clock::now();
    SyncTextEntry(io);

    const int draw_w = int(io.DisplaySize.x * io.DisplayFramebufferScale.x);
    const int draw_h = int(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    const uint64_t signature = DrawSignature(*ImGui::GetDrawData(), draw_w, draw_h);
    const bool draw = app.force_draw || app.redraw_always || signature != app.last_draw_signature;
    if (draw)
    {
        ClearFrame(draw_w, draw_h);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }
    const Clock::time_point t_end = Clock::now();
    if (draw)
    {
        SDL_GL_SwapWindow(app.window);
        app.last_draw_signature = signature;
        app.force_draw = false;
        ++app.frames_drawn;
    }
    else
    {
        ++app.frames_skipped;
    }
    RecordFrameTime(app, std::chrono::duration<float, std::milli>(t_submit - t_build).count(),
                    std::chrono::duration<float, std::milli>(t_end - t_submit).count(),
                    uint32_t(ImGui::GetDrawData()->TotalVtxCount), draw);

    storage::Poll(&app.session.storage);
    ++app.frame;
    if (!app.first_frame_done)
    {
        app.first_frame_done = true;
        app.startup.frame_end = NowMs();
        NotifyFirstFrame();
    }
}

nlohmann::json StateJson(App& app)
{
    nlohmann::json s = app.session.StateJson();
    app.workspace.AppendState(app.session, s);
    const FontStats& f = app.fonts.stats;
    s["fonts"] = {{"atlas_width", f.atlas_width}, {"atlas_height", f.atlas_height}, {"glyphs", f.glyphs},
                  {"missing", f.missing},         {"build_ms", f.build_ms},         {"wide_loaded", f.wide_loaded},
                  {"figure_px", f.figure_px},     {"opening", app.fonts_opening}};
    s["frame"] = app.frame;
    s["frames_drawn"] = app.frames_drawn;     // sent to the GPU
    s["frames_skipped"] = app.frames_skipped; // the same picture as the frame before: not sent
    const App::StartupMarks& m = app.startup;
    s["startup"] = {{"main_at_ms", m.main},
                    {"graphics_ms", m.graphics - m.main},
                    {"imgui_ms", m.imgui - m.graphics},
                    {"data_ms", m.data - m.imgui},
                    {"to_first_frame_ms", m.frame_begin - m.data},
                    {"atlas_ms", m.atlas - m.frame_begin},
                    {"first_frame_ms", m.frame_end - m.atlas},
                    {"first_frame_at_ms", m.frame_end}};
    return s;
}

} // namespace gridstar

int main(int, char**)
{
    using namespace gridstar;
    App& app = GetApp();
    app.startup.main = NowMs();

    // ---- setup SDL ----
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0)
    {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        ReportNoGraphics(SDL_GetError());
        return 1;
    }
    // WebGL2 / OpenGL ES 3.0 on the web; desktop GL 3.0 natively (see platform_paths).
    ConfigureGlAttributes();

    // ---- create window ----
    app.window = SDL_CreateWindow("GridStar 网格·争星", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720,
                                  SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!app.window)
    {
        fprintf(stderr, "SDL_CreateWindow: %s\n", SDL_GetError());
        ReportNoGraphics(SDL_GetError());
        return 1;
    }
    app.gl_context = SDL_GL_CreateContext(app.window);
    if (!app.gl_context)
    {
        fprintf(stderr, "SDL_GL_CreateContext: %s\n", SDL_GetError());
        ReportNoGraphics(SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(app.window, app.gl_context);
    PrepareGraphics();
    SDL_GL_SetSwapInterval(1);
    SyncWindowSize(app.window);

    app.startup.graphics = NowMs();

    // ---- setup ImGui ----
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // layout is ours, not a file on disk
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ApplyTheme();
    app.base_style = ImGui::GetStyle();
    ImGui_ImplSDL2_InitForOpenGL(app.window, app.gl_context);
    io.ImeSetInputScreenPosFn = OnImeCaret; // where the page's input method should compose
    ImGui_ImplOpenGL3_Init(GlslVersion());
    // The backend's shaders and buffers now, not in the first NewFrame: that call also uploads the font texture, so
    // the atlas our first Rebuild had just uploaded went up a second time (and the first texture leaked).
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    WarmUpGraphics(app.window, WarmUpDraw);
    std::string core_font;
    if (!ReadAsset(Asset::CoreFont, &core_font) || !app.fonts.SetCoreFont(std::move(core_font)))
        fprintf(stderr, "GridStar: core font missing; falling back to ImGui's font\n");

    app.startup.imgui = NowMs();

    // ---- data: what storage kept, else the embedded sample ----
    storage::Init(&app.session.storage);
    storage::Restored restored = storage::Restore();
    if (restored.dataset)
        app.session.Adopt(std::move(restored.dataset), DatasetOrigin::Restored);
    else
        LoadSampleDataset();
    if (!restored.message.empty())
        app.session.storage.message = restored.message;
    app.session.storage.restore_decode_ms = restored.decode_ms;
    app.startup.data = NowMs();

    // ---- main loop ----
    RunMainLoop(MainLoopStep, &app);

    // ---- cleanup (native only: the web loop never returns) ----
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(app.gl_context);
    SDL_DestroyWindow(app.window);
    SDL_Quit();
    return 0;
}
