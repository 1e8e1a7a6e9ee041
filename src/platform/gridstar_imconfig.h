// Our ImGui configuration, used by every translation unit that includes imgui.h (set via IMGUI_USER_CONFIG).
#pragma once

// Maps and timelines put far more than 65,535 vertices in one draw list; 16-bit indices would wrap silently.
#define ImDrawIdx unsigned int
// Chinese text from real data reaches beyond the Basic Multilingual Plane (CJK Extension B).
#define IMGUI_USE_WCHAR32
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
