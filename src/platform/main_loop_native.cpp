// The desktop platform (debugging aid): a plain while loop and desktop OpenGL 3.0.
#include <SDL.h>
#include <SDL_opengl.h>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "platform/app.h"
#include "platform/platform.h"

namespace gridstar
{

void SetTextEntry(bool, float, float) {} // SDL delivers IME text natively

void RunMainLoop(void (*step)(void*), void* arg)
{
    App& app = *static_cast<App*>(arg);
    while (app.running)
        step(arg);
}

void ConfigureGlAttributes()
{
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
}

const char* GlslVersion()
{
    return "#version 150";
}

void SyncWindowSize(SDL_Window*)
{
    // The desktop window is resized by the user; SDL reports it.
}

void SetWindowSizeOverride(SDL_Window* window, int css_width, int css_height)
{
    if (css_width > 0 && css_height > 0)
        SDL_SetWindowSize(window, css_width, css_height);
}

void ClearFrame(int fb_width, int fb_height)
{
    glViewport(0, 0, fb_width, fb_height);
    glClearColor(0.055f, 0.086f, 0.15f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

void PrepareGraphics()
{
}

void WarmUpGraphics(SDL_Window*, void (*)(int, int))
{
    // Desktop drivers build their pipelines fast enough; nothing to hide.
}

void RequestFullscreen(bool on)
{
    SDL_SetWindowFullscreen(GetApp().window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

void NotifyFirstFrame()
{
    fprintf(stderr, "GridStar: first frame\n");
}

void ReportNoGraphics(const char*) {} // main() has printed SDL's reason

namespace
{
bool ReadFile(const char* path, std::string* out)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        return false;
    out->assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    return true;
}
} // namespace

bool ReadAsset(Asset which, std::string* out)
{
    switch (which)
    {
    case Asset::CoreFont: return ReadFile(GS_FONT_DIR "/gridstar-core.ttf", out);
    case Asset::Sample: return ReadFile(GS_SAMPLE_PATH, out);
    case Asset::SampleSnapshot: return false;
    }
    return false;
}

void RequestWideFont(App& app)
{
    if (app.fonts.stats.wide_requested)
        return;
    app.fonts.stats.wide_requested = true;
    std::string font;
    if (ReadFile(GS_FONT_DIR "/gridstar-wide.ttf", &font))
        app.fonts.SetWideFont(std::move(font));
}

namespace
{
void SaveFile(const std::string& filename, const std::string& data, const char*)
{
    std::ofstream(filename, std::ios::binary).write(data.data(), std::streamsize(data.size()));
    fprintf(stderr, "GridStar: wrote %s\n", filename.c_str());
}
void NoPicker()
{
    fprintf(stderr, "GridStar desktop: pass a dataset path on the command line instead of a picker\n");
}
} // namespace

ui::PlatformHooks PlatformUiHooks()
{
    ui::PlatformHooks h;
    h.open_file_picker = NoPicker;
    h.save_file = SaveFile;
    h.load_sample = LoadSampleDataset;
    h.persist_dataset = PersistDataset;
    return h;
}

} // namespace gridstar
