#include "ui/strings.h"

namespace gridstar::ui
{
namespace
{
struct Row
{
    const char* zh;
    const char* en;
};
const Row kRows[] = {
#define GS_STR(id, zh, en) {zh, en},
#include "ui/strings_table.inc"
#undef GS_STR
};
static_assert(sizeof(kRows) / sizeof(kRows[0]) == int(Str::Count), "one row per string id");
Lang g_lang = Lang::Zh;
} // namespace

void SetLanguage(Lang lang)
{
    g_lang = lang;
}

Lang CurrentLanguage()
{
    return g_lang;
}

const char* Tr(Str id, Lang lang)
{
    const Row& r = kRows[int(id)];
    return lang == Lang::En ? r.en : r.zh;
}

const char* Tr(Str id)
{
    return Tr(id, g_lang);
}

} // namespace gridstar::ui
