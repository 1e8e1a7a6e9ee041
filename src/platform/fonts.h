// The font atlas holds only the glyphs the UI strings and the loaded dataset use, rasterised at the pixel size
// the screen needs (CSS size × devicePixelRatio × user scale), and is rebuilt when either changes.
// ImGui 1.86 cannot load glyphs on demand, and a full CJK atlas would take a 4096² texture and over a second.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace gridstar
{

struct FontStats
{
    int atlas_width = 0;
    int atlas_height = 0;
    int glyphs = 0;          // code points requested and found in a font
    int missing = 0;         // code points in no loaded font (drawn as a placeholder)
    double build_ms = 0;     // last atlas build incl. texture upload
    float figure_px = 0;     // the headline figures' font, in physical pixels
    bool wide_loaded = false;
    bool wide_requested = false;
};

class FontManager
{
public:
    // The core font file's bytes. False if empty (the app then runs with ImGui's default font).
    bool SetCoreFont(std::string bytes);
    // Adds the wide font (all CJK ideographs); called when a dataset needs it and it has arrived.
    bool SetWideFont(std::string bytes);

    // Glyphs wanted beyond the UI strings (e.g. every code point of the dataset).
    void SetExtraCodepoints(std::vector<uint32_t> cps);
    // Text typed into a field (an input method's Chinese; on the web also pasted text): the atlas takes the characters
    // it lacks at the next rebuild, so what is typed is drawn, not placeholders.
    void AddTypedText(std::string_view utf8);
    // The last load's fault messages' code points (they quote the file's own text); rebuilds only when they change.
    void SetMessageCodepoints(std::vector<uint32_t> cps);
    // The few the heading font needs beyond the UI strings (dataset and unit names), so it stays small.
    void SetHeadingCodepoints(std::vector<uint32_t> cps);
    // Pixel scale = devicePixelRatio × user scale × presentation scale.
    void SetScale(float pixel_scale, float dpr);
    // The headline figures' size relative to their normal 52 px (larger on presentation slides), rasterised at that
    // size so they stay crisp.
    void SetFigureScale(float scale);
    bool NeedsRebuild() const { return dirty_; }
    // Rebuilds the atlas (and the GL texture). Call between frames.
    void Rebuild();
    // True when some wanted glyph is missing from the core font and the wide font is not loaded yet.
    bool WantsWideFont() const { return wants_wide_ && !wide_loaded_; }

    // The characters of a UTF-8 text a font (body, heading or big) cannot draw now (each once, in order; control
    // characters are not counted): they would show as the placeholder. Empty when all are in the atlas.
    std::string MissingGlyphs(std::string_view utf8, const ImFont* font) const;

    ImFont* body = nullptr;    // UI text
    ImFont* heading = nullptr; // view titles, names
    ImFont* big = nullptr;     // headline figures
    float dpr = 1;
    FontStats stats;

private:
    std::string core_, wide_; // the font files' bytes
    std::vector<uint32_t> extra_, heading_extra_, typed_, messages_;
    float pixel_scale_ = 1;
    float figure_scale_ = 1;
    bool dirty_ = true;
    bool wants_wide_ = false;
    bool wide_loaded_ = false;
};

} // namespace gridstar
