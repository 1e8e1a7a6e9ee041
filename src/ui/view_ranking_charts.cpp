#include "ui/view_ranking_charts.h"

#include <algorithm>
#include <cmath>

namespace gridstar::ui::rk
{

ImU32 StarLevelColor(int level)
{
    static const ImU32 kColors[7] = {
        IM_COL32(74, 92, 128, 255),  // no star
        IM_COL32(84, 128, 190, 255), // 1
        IM_COL32(70, 160, 200, 255), // 2
        IM_COL32(80, 190, 160, 255), // 3
        IM_COL32(235, 170, 60, 255), // 4
        IM_COL32(255, 110, 70, 255), // 5
        IM_COL32(48, 58, 80, 255),   // unranked
    };
    return kColors[std::min(6, std::max(0, level))];
}

ImU32 WithAlpha(ImU32 col, float alpha)
{
    const unsigned a = unsigned(float((col >> IM_COL32_A_SHIFT) & 0xFF) * std::min(1.0f, std::max(0.0f, alpha)));
    return (col & ~IM_COL32_A_MASK) | (ImU32(a) << IM_COL32_A_SHIFT);
}

void DrawStars(ImDrawList* dl, ImVec2 pos, float size, int filled, int count)
{
    ImFont* font = ImGui::GetFont();
    for (int i = 0; i < count; ++i)
    {
        dl->AddText(font, size, ImVec2(pos.x + float(i) * size, pos.y), i < filled ? kGold : kStarOff, "★");
    }
}

float DrawFlag(ImDrawList* dl, ImVec2 pos, float h)
{
    const float w = h * 0.75f;
    dl->AddLine(ImVec2(pos.x + 1, pos.y), ImVec2(pos.x + 1, pos.y + h), IM_COL32(230, 230, 230, 255), 1.5f);
    dl->AddTriangleFilled(ImVec2(pos.x + 2, pos.y), ImVec2(pos.x + w, pos.y + h * 0.28f),
                          ImVec2(pos.x + 2, pos.y + h * 0.56f), kAccent);
    return w;
}

void DrawIndicatorBar(ImDrawList* dl, ImVec2 p0, ImVec2 p1, double score, double max, const std::vector<double>& ticks,
                      double highlight, ImU32 fill)
{
    dl->AddRectFilled(p0, p1, kTrack, 3.0f);
    const float w = p1.x - p0.x;
    auto x_of = [&](double v) { return p0.x + w * float(std::min(1.0, std::max(0.0, max > 0 ? v / max : 0.0))); };
    if (std::isfinite(score) && score > 0)
    {
        dl->AddRectFilled(p0, ImVec2(x_of(score), p1.y), fill, 3.0f);
    }
    for (double t : ticks)
    {
        const float x = std::floor(x_of(t)) + 0.5f;
        dl->AddLine(ImVec2(x, p0.y - 2), ImVec2(x, p1.y + 2), IM_COL32(200, 210, 230, 150), 1.0f);
    }
    if (std::isfinite(highlight))
    {
        const float x = std::floor(x_of(highlight)) + 0.5f;
        dl->AddLine(ImVec2(x, p0.y - 4), ImVec2(x, p1.y + 4), kGold, 2.0f);
    }
}

void DrawLineChart(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<double>& values, double lo, double hi,
                   bool invert, ImU32 col, int current)
{
    dl->AddRectFilled(p0, p1, kPanel, 4.0f);
    const int n = int(values.size());
    if (n == 0 || !(hi > lo))
    {
        return;
    }
    const float pad = 8;
    const float x0 = p0.x + pad, x1 = p1.x - pad, y0 = p0.y + pad, y1 = p1.y - pad;
    auto pt = [&](int i) {
        const float x = n > 1 ? x0 + (x1 - x0) * float(i) / float(n - 1) : (x0 + x1) * 0.5f;
        float f = float((values[size_t(i)] - lo) / (hi - lo));
        if (invert)
        {
            f = 1.0f - f;
        }
        return ImVec2(x, y1 - (y1 - y0) * f);
    };
    for (int i = 0; i < n; ++i)
    {
        const float x = n > 1 ? x0 + (x1 - x0) * float(i) / float(n - 1) : (x0 + x1) * 0.5f;
        dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), i == current ? IM_COL32(90, 110, 150, 255) : kGrid, 1.0f);
    }
    for (int i = 1; i < n; ++i)
    {
        if (std::isfinite(values[size_t(i - 1)]) && std::isfinite(values[size_t(i)]))
        {
            dl->AddLine(pt(i - 1), pt(i), col, 2.0f);
        }
    }
    for (int i = 0; i < n; ++i)
    {
        if (std::isfinite(values[size_t(i)]))
        {
            dl->AddCircleFilled(pt(i), i == current ? 4.5f : 3.0f, col);
            if (i == current)
            {
                dl->AddCircle(pt(i), 7.0f, col, 0, 1.5f);
            }
        }
    }
}

void DrawBumpChart(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const RankMatrix& m, int max_rank,
                   const std::vector<int32_t>& draw_order, const std::vector<BumpStyle>& styles, int current)
{
    dl->AddRectFilled(p0, p1, kPanel, 4.0f);
    const int n = m.period_count;
    if (n <= 0 || max_rank <= 0)
    {
        return;
    }
    const float pad = 8;
    const float x0 = p0.x + pad, x1 = p1.x - pad, y0 = p0.y + pad, y1 = p1.y - pad;
    auto x_of = [&](int p) { return n > 1 ? x0 + (x1 - x0) * float(p) / float(n - 1) : (x0 + x1) * 0.5f; };
    auto y_of = [&](int rank) {
        return max_rank > 1 ? y0 + (y1 - y0) * float(rank - 1) / float(max_rank - 1) : (y0 + y1) * 0.5f;
    };
    if (current >= 0 && current < n)
    {
        dl->AddLine(ImVec2(x_of(current), y0), ImVec2(x_of(current), y1), IM_COL32(90, 110, 150, 255), 1.0f);
    }
    std::vector<ImVec2> pts;
    for (int32_t row : draw_order)
    {
        if (row < 0 || size_t(row) >= m.units.size() || size_t(row) >= styles.size())
        {
            continue;
        }
        const BumpStyle& st = styles[size_t(row)];
        // Polyline runs between unranked gaps.
        pts.clear();
        for (int p = 0; p <= n; ++p)
        {
            const int32_t rank = p < n ? m.ranks[size_t(row) * size_t(n) + size_t(p)] : 0;
            if (rank > 0)
            {
                pts.push_back(ImVec2(x_of(p), y_of(rank)));
                continue;
            }
            if (pts.size() >= 2)
            {
                dl->AddPolyline(pts.data(), int(pts.size()), st.col, 0, st.thickness);
            }
            else if (pts.size() == 1)
            {
                dl->AddCircleFilled(pts[0], st.thickness + 1, st.col);
            }
            pts.clear();
        }
    }
}

void DrawStarColumns(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<StarDistribution>& by_period,
                     int current)
{
    const int n = int(by_period.size());
    if (n == 0)
    {
        return;
    }
    int max_total = 1;
    for (const StarDistribution& d : by_period)
    {
        int total = d.unranked;
        for (int c : d.by_stars)
        {
            total += c;
        }
        max_total = std::max(max_total, total);
    }
    const float slot = (p1.x - p0.x) / float(n);
    const float bar_w = std::max(4.0f, slot * 0.62f);
    const float h = p1.y - p0.y;
    for (int i = 0; i < n; ++i)
    {
        const StarDistribution& d = by_period[size_t(i)];
        const float x = p0.x + slot * float(i) + (slot - bar_w) * 0.5f;
        float y = p1.y;
        auto segment = [&](int count, int level) {
            if (count <= 0)
            {
                return;
            }
            const float sh = h * float(count) / float(max_total);
            dl->AddRectFilled(ImVec2(x, y - sh), ImVec2(x + bar_w, y), StarLevelColor(level));
            y -= sh;
        };
        segment(d.unranked, 6);
        for (int s = 0; s <= kMaxStars; ++s)
        {
            segment(d.by_stars[size_t(s)], s);
        }
        if (i == current)
        {
            dl->AddRect(ImVec2(x - 2, y - 2), ImVec2(x + bar_w + 2, p1.y + 2), kGold, 2.0f, 0, 2.0f);
        }
    }
}

void TextRightInCell(const char* text, ImU32 col)
{
    const float w = ImGui::CalcTextSize(text).x;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > w)
    {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

} // namespace gridstar::ui::rk
