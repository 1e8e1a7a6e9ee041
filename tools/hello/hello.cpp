// A bare ImGui + SDL2 + WebGL2 page built with the same toolchain as GridStar: the reference point for the
// "time to ready" ratio in scripts/bench.sh. Deliberately minimal.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"

static SDL_Window* g_window;
static bool g_first = true;

static void Step(void*)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        ImGui_ImplSDL2_ProcessEvent(&e);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    ImGui::Begin("hello");
    ImGui::Text("Hello, world");
    ImGui::End();
    ImGui::Render();
    ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, int(io.DisplaySize.x), int(io.DisplaySize.y));
    glClearColor(0.1f, 0.1f, 0.1f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(g_window);
    if (g_first)
    {
        g_first = false;
        EM_ASM({ if (window.onHelloReady) window.onHelloReady(); });
    }
}

int main(int, char**)
{
    SDL_Init(SDL_INIT_VIDEO);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    g_window = SDL_CreateWindow("hello", 0, 0, 1280, 720, SDL_WINDOW_OPENGL);
    SDL_GLContext gl = SDL_GL_CreateContext(g_window);
    ImGui::CreateContext();
    ImGui_ImplSDL2_InitForOpenGL(g_window, gl);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop_arg(Step, nullptr, 0, 1);
}
