#include "ui/format.h"

#include <cmath>
#include <cstdio>

#include "core/session.h"

namespace gridstar::ui
{

std::string FormatInt(int64_t v)
{
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    int n = int(digits.size());
    for (int i = 0; i < n; ++i)
    {
        out += digits[size_t(i)];
        if ((n - i - 1) % 3 == 0 && i != n - 1)
            out += ',';
    }
    return v < 0 ? "-" + out : out;
}

std::string FormatFixed(double v, int decimals)
{
    double scale = std::pow(10.0, decimals);
    double r = std::round(v * scale) / scale;
    int64_t whole = int64_t(std::trunc(r));
    std::string s = FormatInt(whole);
    if (whole == 0 && r < 0)
        s = "-" + s;
    if (decimals > 0)
    {
        char buf[32];
        snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(r - double(whole)));
        s += (buf + 1); // skip the leading "0"
    }
    return s;
}

std::string FormatFigure(double v, bool chinese)
{
    if (chinese && std::fabs(v) >= 1e8)
        return FormatFixed(v / 1e8, 2) + "亿";
    if (chinese && std::fabs(v) >= 1e5)
        return FormatFixed(v / 1e4, 1) + "万";
    if (std::fabs(v - std::round(v)) < 1e-9)
        return FormatInt(int64_t(std::llround(v)));
    return FormatFixed(v, 1);
}

std::string MaskPhone(const std::string& phone)
{
    if (phone.size() < 8)
        return std::string(phone.size(), '*');
    return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::string MaskName(const std::string& name)
{
    std::vector<uint32_t> cps;
    // Work in code points so a Chinese name keeps whole characters.
    size_t first_len = 0;
    if (!name.empty())
    {
        unsigned char c = static_cast<unsigned char>(name[0]);
        first_len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    }
    if (first_len >= name.size())
        return name.empty() ? name : "*";
    AppendCodepoints(name, &cps);
    return name.substr(0, first_len) + (cps.size() > 2 ? "*" + std::string(name.end() - 3, name.end()) : "*");
}

} // namespace gridstar::ui
