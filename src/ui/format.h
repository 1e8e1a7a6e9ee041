// Number formatting for figures in Chinese and English (万/亿 vs thousands separators).
#pragma once

#include <cstdint>
#include <string>

namespace gridstar::ui
{

std::string FormatInt(int64_t v);            // 12,345
std::string FormatFixed(double v, int decimals); // 12,345.6
// Headline figure: "14.5万" in Chinese above 100,000, "145,000" in English.
std::string FormatFigure(double v, bool chinese);
// "138****1234" unless masking is off; keeps the first 3 and last 4 digits.
std::string MaskPhone(const std::string& phone);
// "张*华" / "张*" for personal names under masking.
std::string MaskName(const std::string& name);

} // namespace gridstar::ui
