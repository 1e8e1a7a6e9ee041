#include "platform/fonts.h"

#include <algorithm>
#include <chrono>

#include "imgui.h"
#include "imgui_impl_opengl3.h"

#include "core/json_reader.h"
#include "core/session.h"
#include "ui/strings.h"

// ImGui compiles stb_truetype privately; we need only its cmap lookup, compiled here as static functions too.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include "imstb_truetype.h"

#include "display_chars.inc" // generated: kDisplayChars

namespace gridstar
{
namespace
{

class Cmap
{
public:
    explicit Cmap(const std::string& font)
    {
        const auto* data = reinterpret_cast<const unsigned char*>(font.data());
        ok_ = !font.empty() && stbtt_InitFont(&info_, data, stbtt_GetFontOffsetForIndex(data, 0)) != 0;
    }
    bool Has(uint32_t cp) const { return ok_ && stbtt_FindGlyphIndex(&info_, int(cp)) != 0; }

private:
    stbtt_fontinfo info_{};
    bool ok_ = false;
};

// The UI strings' code points in both languages, sorted and unique: the same on every rebuild, so collected once.
const std::vector<uint32_t>& UiCodepoints()
{
    static const std::vector<uint32_t> cps = [] {
        std::vector<uint32_t> v;
        for (int i = 0; i < int(ui::Str::Count); ++i)
        {
            AppendCodepoints(ui::Tr(ui::Str(i), ui::Lang::Zh), &v);
            AppendCodepoints(ui::Tr(ui::Str(i), ui::Lang::En), &v);
        }
        // Everything else the app's own code writes (symbols the views draw, the core's fault messages and ranking
        // statuses, the built-in marked days): the sources' string literals, collected at build time.
        AppendCodepoints(kDisplayChars, &v);
        SortUniqueCodepoints(&v);
        return v;
    }();
    return cps;
}

// ImGui's range format (pairs of first/last, zero-terminated) straight from the code points. ImGui's own
// ImFontGlyphRangesBuilder walks a bit per code point up to U+10FFFF (with 32-bit ImWchar) on every call.
void ToRanges(const std::vector<uint32_t>& cps, ImVector<ImWchar>* ranges)
{
    // Basic Latin always (what anyone types); other characters, Latin-1's included, only where the UI or the data
    // use them: every glyph costs rasterising time at start-up.
    std::vector<uint32_t> all;
    all.reserve(cps.size() + 0x5F);
    for (uint32_t cp = 0x20; cp <= 0x7E; ++cp)
        all.push_back(cp);
    for (uint32_t cp : cps)
        if (cp > 0 && cp <= IM_UNICODE_CODEPOINT_MAX)
            all.push_back(cp);
    SortUniqueCodepoints(&all);
    ranges->clear();
    for (size_t i = 0; i < all.size();)
    {
        size_t j = i;
        while (j + 1 < all.size() && all[j + 1] == all[j] + 1)
            ++j;
        ranges->push_back(ImWchar(all[i]));
        ranges->push_back(ImWchar(all[j]));
        i = j + 1;
    }
    ranges->push_back(0);
}

} // namespace

std::string FontManager::MissingGlyphs(std::string_view utf8, const ImFont* font) const
{
    std::vector<uint32_t> cps;
    AppendCodepoints(utf8, &cps);
    std::string out;
    std::vector<uint32_t> seen;
    for (uint32_t cp : cps)
    {
        if (cp < 0x20 || cp == 0x7F) // control characters are not drawn
            continue;
        if (font && cp <= IM_UNICODE_CODEPOINT_MAX && font->FindGlyphNoFallback(ImWchar(cp)))
            continue;
        if (std::find(seen.begin(), seen.end(), cp) != seen.end())
            continue;
        seen.push_back(cp);
        AppendUtf8(&out, cp);
    }
    return out;
}

bool FontManager::SetCoreFont(std::string bytes)
{
    core_ = std::move(bytes);
    dirty_ = true;
    return !core_.empty();
}

bool FontManager::SetWideFont(std::string bytes)
{
    wide_ = std::move(bytes);
    wide_loaded_ = !wide_.empty();
    stats.wide_loaded = wide_loaded_;
    dirty_ = true;
    return wide_loaded_;
}

void FontManager::SetExtraCodepoints(std::vector<uint32_t> cps)
{
    extra_ = std::move(cps);
    dirty_ = true;
}

void FontManager::AddTypedText(std::string_view utf8)
{
    std::vector<uint32_t> cps;
    AppendCodepoints(utf8, &cps);
    for (uint32_t cp : cps)
    {
        const bool drawn = body && cp <= IM_UNICODE_CODEPOINT_MAX && body->FindGlyphNoFallback(ImWchar(cp));
        if (!drawn && std::find(typed_.begin(), typed_.end(), cp) == typed_.end())
        {
            typed_.push_back(cp);
            dirty_ = true;
        }
    }
}

void FontManager::SetMessageCodepoints(std::vector<uint32_t> cps)
{
    if (cps != messages_)
    {
        messages_ = std::move(cps);
        dirty_ = true;
    }
}

void FontManager::SetHeadingCodepoints(std::vector<uint32_t> cps)
{
    heading_extra_ = std::move(cps);
    dirty_ = true;
}

void FontManager::SetScale(float pixel_scale, float new_dpr)
{
    if (pixel_scale != pixel_scale_ || new_dpr != dpr)
    {
        pixel_scale_ = pixel_scale;
        dpr = new_dpr;
        dirty_ = true;
    }
}

void FontManager::SetFigureScale(float scale)
{
    if (scale != figure_scale_)
    {
        figure_scale_ = scale;
        dirty_ = true;
    }
}

void FontManager::Rebuild()
{
    auto t0 = std::chrono::steady_clock::now();
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    body = heading = big = nullptr;

    std::vector<uint32_t> wanted = UiCodepoints();
    if (!extra_.empty() || !typed_.empty() || !messages_.empty())
    {
        wanted.insert(wanted.end(), extra_.begin(), extra_.end());
        wanted.insert(wanted.end(), typed_.begin(), typed_.end());
        wanted.insert(wanted.end(), messages_.begin(), messages_.end());
        SortUniqueCodepoints(&wanted);
    }

    // Split the wanted code points between the core font and the wide font (if loaded); count the rest.
    Cmap core_map(core_), wide_map(wide_);
    std::vector<uint32_t> in_core, in_wide;
    int missing = 0;
    for (uint32_t cp : wanted)
    {
        if (core_map.Has(cp))
            in_core.push_back(cp);
        else if (wide_loaded_ && wide_map.Has(cp))
            in_wide.push_back(cp);
        else if (cp >= 0x80)
            ++missing;
    }
    wants_wide_ = false;
    if (!wide_loaded_)
        for (uint32_t cp : wanted)
            if (cp >= 0x3400 && !core_map.Has(cp))
            {
                wants_wide_ = true;
                break;
            }

    // Figures and the labels around them: digits, separators and units only, so the big font stays small.
    std::vector<uint32_t> big_cps;
    AppendCodepoints("0123456789.,%+-−万亿小时户人个·%", &big_cps);

    std::vector<uint32_t> heading_cps = UiCodepoints();
    if (!heading_extra_.empty())
    {
        heading_cps.insert(heading_cps.end(), heading_extra_.begin(), heading_extra_.end());
        SortUniqueCodepoints(&heading_cps);
    }
    // Headings show dataset and unit names, so their rare characters come from the wide font as the body's do.
    std::vector<uint32_t> heading_core, heading_wide;
    for (uint32_t cp : heading_cps)
        if (core_map.Has(cp))
            heading_core.push_back(cp);
        else if (wide_loaded_ && wide_map.Has(cp))
            heading_wide.push_back(cp);

    // ImGui reads the ranges when the atlas is built, so they live on past this call.
    static ImVector<ImWchar> core_ranges, wide_ranges, big_ranges, heading_ranges, heading_wide_ranges;
    ToRanges(in_core, &core_ranges);
    ToRanges(heading_core, &heading_ranges);
    ToRanges(in_wide, &wide_ranges);
    ToRanges(heading_wide, &heading_wide_ranges);
    ToRanges(big_cps, &big_ranges);

    const float body_px = 17.0f * pixel_scale_;
    const float heading_px = 24.0f * pixel_scale_;
    const float big_px = 52.0f * figure_scale_ * pixel_scale_;
    auto add = [&](float px, const ImVector<ImWchar>& ranges, const ImVector<ImWchar>* wide) -> ImFont* {
        if (core_.empty())
        {
            ImFontConfig cfg;
            cfg.SizePixels = px;
            return io.Fonts->AddFontDefault(&cfg);
        }
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;
        cfg.OversampleH = 1; // pixel size already matches the screen: no need to oversample
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        ImFont* f = io.Fonts->AddFontFromMemoryTTF(&core_[0], int(core_.size()), px, &cfg, ranges.Data);
        if (wide && wide_loaded_)
        {
            ImFontConfig merge = cfg;
            merge.MergeMode = true;
            io.Fonts->AddFontFromMemoryTTF(&wide_[0], int(wide_.size()), px, &merge, wide->Data);
        }
        return f;
    };
    body = add(body_px, core_ranges, in_wide.empty() ? nullptr : &wide_ranges);
    heading = add(heading_px, heading_ranges, heading_wide.empty() ? nullptr : &heading_wide_ranges);
    big = add(big_px, big_ranges, nullptr);
    io.Fonts->TexDesiredWidth = 2048;
    io.Fonts->Build();
    io.FontDefault = body;
    // Glyphs are rasterised at physical pixels; ImGui lays out in CSS pixels.
    io.FontGlobalScale = 1.0f / dpr;

    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();

    stats.atlas_width = io.Fonts->TexWidth;
    stats.atlas_height = io.Fonts->TexHeight;
    stats.glyphs = int(in_core.size() + in_wide.size());
    stats.missing = missing;
    stats.figure_px = big_px;
    stats.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    dirty_ = false;
}

} // namespace gridstar
