#include "core/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gridstar
{

// Numbers for people: at most 2 decimals, no trailing zeros; NaN = empty cell.
std::string FormatNumber(double x)
{
    if (!std::isfinite(x))
    {
        return std::string();
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f", x);
    std::string text = buf;
    while (!text.empty() && text.back() == '0')
    {
        text.pop_back();
    }
    if (!text.empty() && text.back() == '.')
    {
        text.pop_back();
    }
    return text == "-0" ? "0" : text;
}

std::string CsvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
    {
        return text;
    }
    std::string out = "\"";
    for (char ch : text)
    {
        if (ch == '"')
        {
            out += '"';
        }
        out += ch;
    }
    out += '"';
    return out;
}

std::string CsvText(const std::string& text)
{
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    {
        return CsvField("'" + text);
    }
    return CsvField(text);
}

std::string MaskPersonName(const std::string& name)
{
    if (name.empty())
    {
        return name;
    }
    // Length of the first UTF-8 sequence, from its lead byte (invalid lead bytes count as one byte).
    const unsigned char lead = static_cast<unsigned char>(name[0]);
    size_t first = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    first = std::min(first, name.size());
    std::string out = name.substr(0, first);
    for (size_t i = first; i < name.size(); ++i)
    {
        if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) // count characters, not bytes
        {
            out += '*';
        }
    }
    return out;
}

} // namespace gridstar
