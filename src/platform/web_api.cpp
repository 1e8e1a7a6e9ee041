// The C side of `window.GridStar` (web/api.js). Each call goes through the same Session methods the UI uses.
#include <emscripten.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "imgui.h"

#include "core/dataset_export.h"
#include "core/dataset_json.h"
#include "core/parsed_load.h"
#include "core/snapshot.h"

#include "platform/app.h"
#include "platform/platform.h"
#include "platform/storage.h"

using namespace gridstar;

namespace
{
// Returned strings stay valid until the next call that returns one; api.js copies them at once.
std::string g_out;
const char* Out(std::string s)
{
    g_out = std::move(s);
    return g_out.c_str();
}
std::string Dump(const nlohmann::json& j)
{
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
} // namespace

// ---- the parser's warm-up, run by web/api.js in a worker on a second instance of this module ----
// Start-up decodes the sample's snapshot, so nothing has run the JSON parser when the user opens a file: V8 would run
// that first load on its baseline code. Half a second after the first frame, a worker takes the sample's snapshot to
// JSON and parses that on its own instance of the same compiled module; V8 optimises the parser's functions in the
// module both instances share, and the user's first load runs optimised code. The worker reaches these two through
// the function table (its instance has no JS runtime around it), and runs the static constructors itself first.
extern "C" void __wasm_call_ctors(void);

namespace
{
void* WarmupAlloc(int n)
{
    static bool constructed = false;
    if (!constructed)
    {
        constructed = true;
        __wasm_call_ctors();
    }
    return std::malloc(size_t(n));
}

// Takes the snapshot's bytes (and frees them); 1 when its JSON parsed and validated.
int WarmupRun(uint8_t* snapshot, int len)
{
    Dataset ds;
    const bool decoded = DecodeSnapshot(snapshot, size_t(len), &ds) == SnapshotStatus::Ok;
    std::free(snapshot);
    if (!decoded)
        return 0;
    const std::string text = DatasetToJsonText(ds);
    return LoadDatasetJson(text).ok ? 1 : 0;
}
} // namespace

// ---- files the user opens, parsed in a worker on a second instance (web/api.js loadOffThread) ----
// The same instance-without-runtime as the warm-up: the worker hands the file's bytes to WorkerParse, which loads
// them as LoadDatasetJson does here and packs the result with the dataset's snapshot (PackParsedLoad); the page
// then takes that with gs_adopt_begin/gs_adopt_step, decoding the snapshot a few ms a frame, so its own thread never
// parses JSON and keeps drawing.
// Progress reaches the worker's JS through this import (a no-op in the page's own instance).
EM_JS(void, gs_parse_progress, (double fraction), {});

namespace
{
// Takes the file's bytes (and frees them); returns the PackParsedLoad block (its header gives its length), which the
// worker copies out. It stays here: this instance is thrown away with its worker once the page has the block.
uint8_t* WorkerParse(uint8_t* text, int len)
{
    LoadOptions options;
    options.progress = [len](size_t done) { gs_parse_progress(double(done) / double(len > 0 ? len : 1)); };
    LoadResult r = LoadDatasetJson(std::string_view(reinterpret_cast<const char*>(text), size_t(len)), options);
    std::free(text);
    static std::vector<uint8_t> packed;
    packed = PackParsedLoad(r);
    // Not freed item by item either (100k activities: about 10 ms), for the same reason.
    (void)r.dataset.release();
    return packed.data();
}
// A worker's load being taken in steps (gs_adopt_begin / gs_adopt_step): its block, its result, the decoder.
struct PendingAdopt
{
    uint8_t* block = nullptr; // malloc'd by api.js, ours from gs_adopt_begin on
    LoadResult result;        // without its dataset until the decoder is done
    std::unique_ptr<SnapshotDecoder> decoder;
    DatasetOrigin origin = DatasetOrigin::Loaded;
    ~PendingAdopt()
    {
        decoder.reset();
        std::free(block);
    }
};
std::unique_ptr<PendingAdopt> g_adopt;
} // namespace

extern "C" {

// Function-table indices of the worker's entry points: 0 allocate, 1 warm up on the sample's snapshot, 2 parse a file.
EMSCRIPTEN_KEEPALIVE int gs_warmup_entry(int which)
{
    if (which == 0)
        return int(reinterpret_cast<intptr_t>(&WarmupAlloc));
    return which == 1 ? int(reinterpret_cast<intptr_t>(&WarmupRun)) : int(reinterpret_cast<intptr_t>(&WorkerParse));
}

// A worker's packed load (PackParsedLoad), in a block api.js allocated and hands over. A failed load is taken at
// once; a good one's snapshot is decoded in steps (gs_adopt_step, a few ms each, one per animation frame), so a
// large dataset does not stop the page either, and is taken as gs_load_json takes a parse when complete.
// Returns the result's JSON when done now, "" when steps follow, "!" when the block does not unpack (api.js then
// parses the file here).
EMSCRIPTEN_KEEPALIVE const char* gs_adopt_begin(uint8_t* block, int len, int origin)
{
    auto pending = std::make_unique<PendingAdopt>();
    pending->block = block;
    pending->origin = origin == 2 ? DatasetOrigin::Sample : DatasetOrigin::Loaded;
    size_t at = 0, n = 0;
    std::string error;
    if (!UnpackParsedLoadSummary(block, size_t(len), &pending->result, &at, &n, &error))
    {
        fprintf(stderr, "GridStar: the worker's load does not unpack (%s)\n", error.c_str());
        return Out("!");
    }
    if (!pending->result.ok)
        return Out(AdoptParsedLoad(GetApp(), std::move(pending->result), pending->origin));
    pending->decoder = std::make_unique<SnapshotDecoder>(block + at, n);
    g_adopt = std::move(pending);
    return Out(std::string());
}

// Decodes for about `ms` milliseconds. "" while more is left; then as gs_adopt_begin (the result, or "!").
EMSCRIPTEN_KEEPALIVE const char* gs_adopt_step(double ms)
{
    if (!g_adopt)
        return Out("!");
    const auto t0 = std::chrono::steady_clock::now();
    bool done = false;
    do
        done = g_adopt->decoder->Step(20000);
    while (!done && std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() < ms);
    if (!done)
        return Out(std::string());
    std::unique_ptr<PendingAdopt> pending = std::move(g_adopt);
    if (pending->decoder->status() != SnapshotStatus::Ok)
        return Out("!");
    pending->result.dataset = pending->decoder->Take();
    pending->decoder.reset();
    return Out(AdoptParsedLoad(GetApp(), std::move(pending->result), pending->origin));
}

// Drops a load being taken in steps (a newer one came).
EMSCRIPTEN_KEEPALIVE void gs_adopt_cancel()
{
    g_adopt.reset();
}

// The session's dataset generation (grows with each dataset change).
EMSCRIPTEN_KEEPALIVE double gs_generation()
{
    return double(GetApp().session.generation());
}

// origin: 0 = opened/dropped/API (stored), 1 = re-derived from storage (stored again), 2 = sample
EMSCRIPTEN_KEEPALIVE const char* gs_load_json(const char* text, int len, int origin)
{
    App& app = GetApp();
    DatasetOrigin o = origin == 2 ? DatasetOrigin::Sample : DatasetOrigin::Loaded;
    // api.js stores the dataset after it is live (SaveCurrentDataset below, from the bytes it keeps meanwhile).
    std::string result = LoadDatasetFromText(app, std::string_view(text, size_t(len)), o, false);
    return Out(std::move(result));
}

// Gives back the unused tail of a block api.js over-allocated for encoding text (it cannot know the UTF-8 length
// up front), so the tail serves the parse instead of raising the peak. Shrinking in place never moves the block.
EMSCRIPTEN_KEEPALIVE void* gs_shrink(void* p, int n)
{
    return realloc(p, size_t(n));
}

// The deferred save of the dataset loaded last from `text` (still the current one: api.js cancels it otherwise).
// text is null when api.js hands over the File the dataset came from instead.
EMSCRIPTEN_KEEPALIVE void gs_save_current(const char* text, int len)
{
    SaveCurrentDataset(GetApp(), text ? std::string_view(text, size_t(len)) : std::string_view());
}

EMSCRIPTEN_KEEPALIVE const char* gs_state_json()
{
    App& app = GetApp();
    storage::Poll(&app.session.storage); // current even between frames
    return Out(Dump(StateJson(app)));
}

EMSCRIPTEN_KEEPALIVE int gs_set_view(const char* name)
{
    ViewId v;
    if (!ViewFromName(name, &v))
        return 0;
    GetApp().session.view = v;
    return 1;
}

EMSCRIPTEN_KEEPALIVE int gs_set_language(const char* lang)
{
    std::string l(lang);
    if (l != "zh" && l != "en")
        return 0;
    GetApp().session.language = l;
    return 1;
}

// A view command: name plus JSON arguments, answered with JSON (GridStar.timelineRange, GridStar.ranking, ...).
EMSCRIPTEN_KEEPALIVE const char* gs_command(const char* name, const char* args_json)
{
    App& app = GetApp();
    nlohmann::json args = nlohmann::json::parse(args_json, nullptr, false);
    if (args.is_discarded())
        return Out(R"({"error":"arguments are not valid JSON"})");
    ui::UiContext ctx = MakeUiContext(app);
    return Out(Dump(app.workspace.HandleCommand(ctx, name, args)));
}

// ---- text composed by the page's input method (拼音), pasted or inserted, for the active text field ----
EMSCRIPTEN_KEEPALIVE void gs_text_input(const char* utf8)
{
    if (utf8 && *utf8)
    {
        ImGui::GetIO().AddInputCharactersUTF8(utf8);
        GetApp().fonts.AddTypedText(utf8);
    }
}

// ---- frame timing: the last frames' CPU times, oldest first; reset = forget them (start of a benchmark) ----
EMSCRIPTEN_KEEPALIVE const char* gs_frame_times(int reset)
{
    App& app = GetApp();
    nlohmann::json build = nlohmann::json::array(), submit = nlohmann::json::array(),
                   vertices = nlohmann::json::array(), drawn = nlohmann::json::array();
    const size_t n = app.frame_times.size();
    const size_t first = n < 1024 ? 0 : app.frame_times_next;
    for (size_t i = 0; i < n; ++i)
    {
        const App::FrameTime& f = app.frame_times[(first + i) % n];
        build.push_back(f.build_ms);
        submit.push_back(f.submit_ms);
        vertices.push_back(f.vertices);
        drawn.push_back(f.drawn);
    }
    if (reset)
    {
        app.frame_times.clear();
        app.frame_times_next = 0;
    }
    return Out(Dump({{"build_ms", build}, {"submit_ms", submit}, {"vertices", vertices}, {"drawn", drawn}}));
}

// Every frame to the GPU even when it shows what the last one did (the frame benchmarks; a screen recorder that
// wants a steady stream of frames); off by default.
EMSCRIPTEN_KEEPALIVE void gs_redraw_always(int on)
{
    GetApp().redraw_always = on != 0;
}

// ---- presentation ----
EMSCRIPTEN_KEEPALIVE void gs_present(int on)
{
    SetPresenting(GetApp(), on != 0);
}

EMSCRIPTEN_KEEPALIVE const char* gs_scenes_json()
{
    nlohmann::json a = nlohmann::json::array();
    for (const Scene& s : GetApp().session.presentation.scenes)
    {
        nlohmann::json settings = nlohmann::json::parse(s.settings, nullptr, false);
        a.push_back({{"title", s.title}, {"view", s.view}, {"dwell_s", s.dwell_s},
                     {"settings", settings.is_discarded() ? nlohmann::json::object() : settings}});
    }
    return Out(Dump(a));
}

// dir: +1 next, -1 previous (as the clicker would), 0 = add the current view as a scene
EMSCRIPTEN_KEEPALIVE void gs_scene_key(int dir)
{
    App& app = GetApp();
    ui::UiContext ctx = MakeUiContext(app);
    if (dir == 0)
    {
        app.session.presentation.Add(app.workspace.CaptureScene(ctx));
        PersistDataset();
    }
    else
        app.workspace.OnPresentKey(ctx, dir > 0 ? PresentKey::Next : PresentKey::Previous);
}

// Renders frames at a chosen size (CSS pixels × devicePixelRatio = the PNG's pixels) for exportPng; the page
// reads the canvas right after, in the same task, then calls gs_render_restore().
EMSCRIPTEN_KEEPALIVE void gs_render_at(int css_width, int css_height)
{
    App& app = GetApp();
    SetWindowSizeOverride(app.window, css_width, css_height);
    for (int i = 0; i < 3; ++i) // fonts and layout settle on the new size
    {
        app.force_draw = true; // the caller reads the canvas right after: it must hold this picture
        MainLoopStep(&app);
    }
}

EMSCRIPTEN_KEEPALIVE void gs_render_restore()
{
    App& app = GetApp();
    SetWindowSizeOverride(app.window, 0, 0);
    app.force_draw = true;
    MainLoopStep(&app);
}

// The wide font's bytes, fetched by web/api.js into memory from malloc, which this takes over (null: unavailable).
EMSCRIPTEN_KEEPALIVE void gs_wide_font_bytes(char* bytes, int len)
{
    if (!bytes)
        return;
    std::string font(bytes, size_t(len > 0 ? len : 0));
    free(bytes);
    GetApp().fonts.SetWideFont(std::move(font));
}

// The characters of a text the app cannot draw right now (they would show as the placeholder): see fonts.h.
// font: 0 body, 1 heading, 2 the headline figures.
EMSCRIPTEN_KEEPALIVE const char* gs_glyphs_missing(const char* text, int font)
{
    const FontManager& f = GetApp().fonts;
    return Out(f.MissingGlyphs(text ? text : "", font == 1 ? f.heading : font == 2 ? f.big : f.body));
}

EMSCRIPTEN_KEEPALIVE void gs_set_font_scale(float scale)
{
    if (scale >= 0.5f && scale <= 4.0f)
        GetApp().workspace_scale = scale;
}

} // extern "C"
