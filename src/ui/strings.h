// All UI text, Chinese and English, in one table (strings_table.inc): no string literals in the views.
#pragma once

namespace gridstar::ui
{

enum class Str : int
{
#define GS_STR(id, zh, en) id,
#include "ui/strings_table.inc"
#undef GS_STR
    Count
};

enum class Lang : int
{
    Zh = 0,
    En = 1,
};

void SetLanguage(Lang lang);
Lang CurrentLanguage();
const char* Tr(Str id);            // in the current language
const char* Tr(Str id, Lang lang); // in a given language

} // namespace gridstar::ui
