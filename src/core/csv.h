// Text for spreadsheets, shared by every CSV the app writes (ranking table, timeline activities): UTF-8 with a BOM
// so Excel reads Chinese, CRLF line ends, RFC 4180 quoting, and data text defused so it never runs as a formula.
#pragma once

#include <string>

namespace gridstar
{

constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

// One CSV field, quoted when it holds a comma, quote, CR or LF (quotes doubled).
std::string CsvField(const std::string& text);
// Free text from the data: a leading = + - @ gets a ' so spreadsheets do not run it as a formula; then CsvField.
std::string CsvText(const std::string& text);
// Numbers for people: at most 2 decimals, no trailing zeros ("92.5", "100"); "" when not finite.
std::string FormatNumber(double x);
// "张三丰" -> "张**": keeps the first UTF-8 character, one '*' per further character.
std::string MaskPersonName(const std::string& name);

} // namespace gridstar
