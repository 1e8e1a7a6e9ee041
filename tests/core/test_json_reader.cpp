// The JSON reader behind the dataset loader: strict RFC 8259 syntax, UTF-8 validation, numbers, escapes, caps,
// error positions, and the accessors the validator uses.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/json_reader.h"

using namespace gridstar;

namespace
{
struct Parsed
{
    std::string text; // the document views it
    JsonDocument doc;
    JsonParseError err;
    bool ok = false;
};
std::unique_ptr<Parsed> Parse(std::string text, JsonLimits lim = {})
{
    auto p = std::make_unique<Parsed>();
    p->text = std::move(text);
    p->ok = p->doc.Parse(p->text, lim, &p->err);
    return p;
}
bool Valid(const std::string& text) { return Parse(text)->ok; }
JsonValue Root(const std::unique_ptr<Parsed>& p) { return p->doc.Root(); }
} // namespace

TEST_CASE("json reader: scalars and containers", "[json]")
{
    auto p = Parse(R"({"a": [1, -2, 3.5, true, false, null, "s"], "o": {"k": {}}, "e": []})");
    REQUIRE(p->ok);
    JsonValue r = Root(p);
    REQUIRE(r.IsObject());
    CHECK(r.Size() == 3);
    JsonValue a = r.Find("a");
    REQUIRE(a.IsArray());
    CHECK(a.Size() == 7);
    CHECK(a.At(0).IsInteger());
    CHECK(a.At(0).GetInt64() == 1);
    CHECK(a.At(1).GetInt64() == -2);
    CHECK(a.At(2).IsDouble());
    CHECK(a.At(2).GetDouble() == 3.5);
    CHECK(a.At(3).IsBool());
    CHECK(a.At(3).GetBool());
    CHECK_FALSE(a.At(4).GetBool());
    CHECK(a.At(5).IsNull());
    CHECK(a.At(6).GetString() == "s");
    CHECK_FALSE(a.At(7));
    CHECK(r.Find("o").Find("k").IsObject());
    CHECK(r.Find("o").Find("k").Empty());
    CHECK(r.Find("e").IsArray());
    CHECK(r.Find("e").Empty());
    CHECK_FALSE(r.Find("missing"));
    CHECK_FALSE(r.Find("missing").IsNull());
    CHECK_FALSE(a.Find("a")); // not an object
    size_t n = 0;
    for (JsonValue v : a.Items())
        n += v ? 1 : 0;
    CHECK(n == 7);
    std::string keys;
    for (auto m : r.Members())
        keys += std::string(m.key) + ",";
    CHECK(keys == "a,o,e,");
    // Lookups in any order, repeatedly (the reader remembers where it found the last key).
    CHECK(r.Find("e").IsArray());
    CHECK(r.Find("a").IsArray());
    CHECK(r.Find("o").IsObject());
    CHECK(r.Find("a").IsArray());
    CHECK(r.Contains("o"));
}

TEST_CASE("json reader: top-level scalars and whitespace", "[json]")
{
    CHECK(Root(Parse("  42 \n")).GetInt64() == 42);
    CHECK(Root(Parse("\"x\"")).GetString() == "x");
    CHECK(Root(Parse("null")).IsNull());
    CHECK(Root(Parse("\t[]\r\n")).IsArray());
    CHECK(Valid("\xEF\xBB\xBF{}")); // BOM
    CHECK_FALSE(Valid("{} \xEF\xBB\xBF"));
    CHECK_FALSE(Valid("\xEF\xBB\xBF"));
}

TEST_CASE("json reader: numbers", "[json]")
{
    std::vector<std::unique_ptr<Parsed>> keep; // values view their documents
    auto num = [&](const char* t) {
        keep.push_back(Parse(t));
        INFO(t);
        REQUIRE(keep.back()->ok);
        return Root(keep.back());
    };
    CHECK(num("0").GetInt64() == 0);
    CHECK(num("-0").IsInteger());
    CHECK(num("-0").GetInt64() == 0);
    JsonValue nz = num("-0.0");
    CHECK(nz.IsDouble());
    CHECK(std::signbit(nz.GetDouble()));
    CHECK(num("9223372036854775807").GetInt64() == INT64_MAX);
    CHECK(num("-9223372036854775808").GetInt64() == INT64_MIN);
    JsonValue big = num("18446744073709551615");
    CHECK(big.IsUnsigned());
    CHECK(big.GetUint64() == UINT64_MAX);
    CHECK(big.GetInt64() == INT64_MAX);
    JsonValue huge = num("18446744073709551616");
    CHECK(huge.IsDouble());
    CHECK(huge.GetDouble() == 18446744073709551616.0);
    CHECK(num("-9223372036854775809").IsDouble());
    CHECK(num("123456789012345678901234567890").GetDouble() == 1.2345678901234568e29);
    CHECK(num("1e2").IsDouble());
    CHECK(num("1e2").GetDouble() == 100.0);
    CHECK(num("1E+2").GetDouble() == 100.0);
    CHECK(num("1e-2").GetDouble() == 0.01);
    CHECK(num("-1.5e-3").GetDouble() == -0.0015);
    CHECK(num("120.4482421875").GetDouble() == 120.4482421875);
    CHECK(num("36.123456789").GetDouble() == 36.123456789);
    CHECK(num("0.1").GetDouble() == 0.1);
    CHECK(num("0.30000000000000004").GetDouble() == 0.30000000000000004);
    CHECK(num("2.2250738585072014e-308").GetDouble() == 2.2250738585072014e-308);
    CHECK(num("4.9e-324").GetDouble() == 4.9e-324);
    CHECK(num("1.7976931348623157e308").GetDouble() == 1.7976931348623157e308);
    CHECK(num("1e-400").GetDouble() == 0.0);
    CHECK(num("0.000001").GetDouble() == 0.000001);
    CHECK(num("1.00000000000000000000000000001").GetDouble() == 1.0);
    CHECK(num("9007199254740993").GetInt64() == 9007199254740993); // exact as an integer
    CHECK(num("9007199254740993.0").GetDouble() == 9007199254740992.0);
    CHECK(num("2.5").GetInt64() == 2);

    for (const char* bad : {"01", "-", "+1", ".5", "1.", "1.e5", "1e", "1e+", "-a", "0x10", "NaN", "Infinity",
                            "-Infinity", "1 2", "--1", "00", "1.5.2", "1e400", "-1e400",
                            "1797693134862315807937289714053034150799341327081380465"
                            "6612476049069449213208893106498935862945262098917466667"
                            "87891508722484224729451327654049437929003546093232323233"
                            "343498273984712983749182734981728937498127349823749823743"
                            "9872349827349872394872394872398472938472398472938472983749"
                            "2387492837492384729384729384729387492837492837492837498237"})
    {
        INFO(bad);
        CHECK_FALSE(Valid(bad));
    }
}

TEST_CASE("json reader: strings and escapes", "[json]")
{
    auto str = [](const std::string& t) {
        auto p = Parse(t);
        INFO(t);
        REQUIRE(p->ok);
        return std::string(Root(p).GetString());
    };
    CHECK(str(R"("plain ASCII longer than eight bytes")") == "plain ASCII longer than eight bytes");
    CHECK(str("\"网格·争星\"") == "网格·争星");
    CHECK(str(R"("a\"b\\c\/d\b\f\n\r\t")") == "a\"b\\c/d\b\f\n\r\t");
    CHECK(str(R"("\u00e9\u7F51")") == "\xC3\xA9\xE7\xBD\x91");
    CHECK(str(R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80"); // surrogate pair -> U+1F600
    CHECK(str(R"("\uD800\uDC00")") == "\xF0\x90\x80\x80");
    CHECK(str(R"("x\u0000y")") == std::string("x\0y", 3));
    CHECK(str(R"("")").empty());
    CHECK(str("\"\xF4\x8F\xBF\xBF\"") == "\xF4\x8F\xBF\xBF"); // U+10FFFF
    // escaped keys are decoded too
    auto p = Parse(R"({"k\u0065y": 1, "a/b~c": 2})");
    REQUIRE(p->ok);
    CHECK(Root(p).Find("key").GetInt64() == 1);
    CHECK(Root(p).Find("a/b~c").GetInt64() == 2);

    for (const char* bad : {R"("\x")", R"("\u12")", R"("\u12G4")", R"("\ud800")", R"("\ud800x")", R"("\ud800\u0041")",
                            R"("\udc00")", R"("\ud800\ud800")", "\"tab\there\"", "\"nl\nhere\"", "\"unterminated",
                            "\"\\", "'single'"})
    {
        INFO(bad);
        CHECK_FALSE(Valid(bad));
    }
}

TEST_CASE("json reader: invalid UTF-8 is a syntax error", "[json]")
{
    const char* bad[] = {
        "\"\x80\"",                 // lone continuation byte
        "\"\xC0\xAF\"",             // overlong '/'
        "\"\xC1\xBF\"",             // overlong
        "\"\xE0\x80\xAF\"",         // overlong 3-byte
        "\"\xF0\x80\x80\xAF\"",     // overlong 4-byte
        "\"\xED\xA0\x80\"",         // UTF-16 surrogate D800 encoded
        "\"\xED\xBF\xBF\"",         // surrogate DFFF
        "\"\xF4\x90\x80\x80\"",     // above U+10FFFF
        "\"\xF5\x80\x80\x80\"",     // invalid lead
        "\"\xFF\xFE\"",             // never valid
        "\"\xE7\xBD\"",             // truncated before the quote
        "\"\xE7\xBD",               // truncated at the end of input
        "\"abc\xC3\"",              // lead without continuation
        "\"\\n\x80\"",              // invalid after an escape (slow path)
    };
    for (const char* t : bad)
    {
        auto p = Parse(t);
        INFO(t);
        CHECK_FALSE(p->ok);
        CHECK(p->err.kind == JsonParseError::Kind::Syntax);
    }
    CHECK(Valid("\"\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xF0\x90\x80\x80\""));
    // Invalid bytes never reach the message raw.
    auto p = Parse("{\"a\": \"\xFF\"}");
    REQUIRE_FALSE(p->ok);
    CHECK(p->err.near.find("<0xFF>") != std::string::npos);
}

TEST_CASE("json reader: Chinese runs (the two-character fast path) still find every invalid sequence", "[json]")
{
    // A bad sequence after 0..9 valid CJK characters and before more of them, so that it falls at every offset of
    // the fast path's 8-byte window; its first invalid byte must be the one reported.
    struct Bad
    {
        const char* bytes;
        size_t first_bad; // offset of the offending byte within the sequence
    };
    const Bad bad[] = {
        {"\xE0\x80\xAF", 1}, // overlong
        {"\xED\xA0\x80", 1}, // surrogate
        {"\xE7\x3F\x91", 1}, // ASCII where a continuation byte belongs
        {"\xE7\xBD\xC1", 2}, // a lead byte where the last continuation belongs
        {"\xE7\xBD\"", 2},   // truncated by the closing quote
        {"\x80", 0},          // lone continuation byte
        {"\xFF", 0},          // never valid
    };
    const std::string cjk = "\xE7\xBD\x91";              // 网
    for (const Bad& b : bad)
        for (int k = 0; k <= 9; ++k)
        {
            std::string text = "\"";
            for (int i = 0; i < k; ++i)
                text += cjk;
            text += b.bytes;
            for (int i = 0; i < 4; ++i)
                text += cjk;
            text += "\"";
            auto p = Parse(text);
            INFO("k = " << k << ", sequence " << (&b - bad));
            REQUIRE_FALSE(p->ok);
            CHECK(p->err.kind == JsonParseError::Kind::Syntax);
            CHECK(p->err.offset == 1 + 3 * size_t(k) + b.first_bad);
        }
    // Valid edges of the 3-byte range inside runs: U+0800 (E0 A0 80), U+D7FF (ED 9F BF), U+E000 and U+FFFD.
    std::string ok = "\"";
    for (int k = 0; k < 5; ++k)
        ok += "\xE7\xBD\x91\xE0\xA0\x80\xE7\xBD\x91\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBD";
    ok += "\"";
    auto p = Parse(ok);
    REQUIRE(p->ok);
    CHECK(p->doc.Root().GetString() == ok.substr(1, ok.size() - 2));
}

TEST_CASE("json reader: syntax errors name the line and column of the offending character", "[json]")
{
    auto err = [](const std::string& t) {
        auto p = Parse(t);
        INFO(t);
        REQUIRE_FALSE(p->ok);
        REQUIRE(p->err.kind == JsonParseError::Kind::Syntax);
        return p->err;
    };
    JsonParseError e = err("{\n  \"format\": \"gridstar/1\",\n  \"a\": [1, 2,, 3]\n}");
    CHECK(e.line == 3);
    CHECK(e.column == 14);
    CHECK(e.near == ",");
    CHECK_FALSE(e.at_end);

    e = err("[1, 2,]");
    CHECK(e.line == 1);
    CHECK(e.column == 7);
    e = err("{\"a\": 1,}");
    CHECK(e.column == 9);
    e = err("{\"a\" 1}");
    CHECK(e.column == 6);
    e = err("{\"name\": \"x\" \"as_of\": 1}");
    CHECK(e.column == 14);
    CHECK(e.near == "\"as_of\"");
    e = err("[tru]");
    CHECK(e.column == 5);
    e = err("[nan]");
    CHECK(e.column == 3);
    // Columns count characters, not bytes; a BOM is not a column.
    e = err("\xEF\xBB\xBF{\"名称\": x}");
    CHECK(e.line == 1);
    CHECK(e.column == 8);
    e = err("[\"网格\", \xFF]");
    CHECK(e.column == 8);
    e = err("\"abc\xE7\xBD!\"");
    CHECK(e.column == 6); // the byte that breaks the sequence
    e = err("{\"a\":\r\n[1,\r\n 2 3]}");
    CHECK(e.line == 3);
    CHECK(e.column == 4);

    // Truncation
    for (const char* t : {"{", "{\"a\"", "{\"a\":", "{\"a\":1", "[1,", "\"abc", "tr", "-", "1.", "[1e"})
    {
        e = err(t);
        INFO(t);
        CHECK(e.at_end);
        CHECK(e.offset == std::strlen(t));
    }
    // Empty input
    e = err("");
    CHECK(e.at_end);
    CHECK(e.line == 1);
    CHECK(e.column == 1);
    e = err(" \n ");
    CHECK(e.at_end);
    CHECK(e.line == 2);
    CHECK(e.column == 2);
    // Trailing content
    e = err("{} x");
    CHECK(e.column == 4);
    CHECK(e.near == "x");
    e = err("{}{}");
    CHECK(e.column == 3);
}

TEST_CASE("json reader: caps stop the parse with the JSON Pointer of the value", "[json]")
{
    JsonLimits lim;
    lim.max_depth = 3;
    auto p = Parse(R"({"a": [[1]]})", lim);
    CHECK(p->ok);
    p = Parse(R"({"a": [{"b": [1]}]})", lim);
    REQUIRE_FALSE(p->ok);
    CHECK(p->err.kind == JsonParseError::Kind::Limit);
    CHECK(p->err.path == "/a/0/b");
    CHECK(p->err.message_en == "nesting too deep (limit 3 levels)");

    lim = {};
    lim.max_array_items = 3;
    p = Parse(R"({"x": [1, 2, 3]})", lim);
    CHECK(p->ok);
    p = Parse(R"({"x": [1, 2, 3, 4]})", lim);
    REQUIRE_FALSE(p->ok);
    CHECK(p->err.path == "/x/3");
    CHECK(p->err.message_en == "too many array items (limit 3)");

    lim = {};
    lim.max_string_bytes = 4;
    p = Parse(R"({"k": ["abcd", "abcde"]})", lim);
    REQUIRE_FALSE(p->ok);
    CHECK(p->err.path == "/k/1");
    CHECK(p->err.message_en == "string too long (5 bytes, limit 4)");
    // decoded length counts: six escapes are six bytes
    p = Parse(R"({"k": "\n\n\n\n\n\n"})", lim);
    REQUIRE_FALSE(p->ok);
    CHECK(p->err.message_en == "string too long (6 bytes, limit 4)");
    p = Parse(R"({"k": "\u7f51\u7f51"})", lim); // two CJK characters = 6 bytes
    REQUIRE_FALSE(p->ok);
    p = Parse(R"({"a/b": {"toolong": 1}})", lim);
    REQUIRE_FALSE(p->ok);
    CHECK(p->err.message_en == "key too long");
    CHECK(p->err.path == "/a~1b");

    // Deep nesting far past the cap neither recurses nor hangs.
    std::string deep(1000000, '[');
    deep += std::string(1000000, ']');
    p = Parse(deep);
    REQUIRE_FALSE(p->ok);
    CHECK(p->err.message_en == "nesting too deep (limit 64 levels)");
}

TEST_CASE("json reader: duplicate keys resolve to the last one", "[json]")
{
    auto p = Parse(R"({"a": 1, "b": [1, {"a": 0}], "a": 2})");
    REQUIRE(p->ok);
    CHECK(Root(p).Size() == 3);
    CHECK(Root(p).Find("a").GetInt64() == 2);
    CHECK(Root(p).Find("b").IsArray());
    // many keys: the duplicate filter still finds the repeat
    std::string t = "{";
    for (int i = 0; i < 200; ++i)
        t += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
    t += "\"k7\": -7}";
    p = Parse(t);
    REQUIRE(p->ok);
    CHECK(Root(p).Find("k7").GetInt64() == -7);
    CHECK(Root(p).Find("k199").GetInt64() == 199);
    CHECK(Root(p).Find("k0").GetInt64() == 0);
}

TEST_CASE("json reader: large documents span node blocks", "[json]")
{
    std::string t = "[";
    const int n = 200000;
    for (int i = 0; i < n; ++i)
    {
        if (i)
            t += ',';
        t += "{\"i\":" + std::to_string(i) + ",\"s\":\"v" + std::to_string(i) + "\"}";
    }
    t += "]";
    auto p = Parse(t);
    REQUIRE(p->ok);
    CHECK(Root(p).Size() == size_t(n));
    CHECK(p->doc.node_count() == size_t(1 + 5 * n));
    int64_t sum = 0;
    bool strings_ok = true;
    int i = 0;
    for (JsonValue v : Root(p).Items())
    {
        sum += v.Find("i").GetInt64();
        strings_ok &= v.Find("s").GetString() == "v" + std::to_string(i++);
    }
    CHECK(sum == int64_t(n) * (n - 1) / 2);
    CHECK(strings_ok);
}

namespace
{
// A canonical text of a value: members in order, plus what Find answers for each key (the last occurrence).
std::string Dump(JsonValue v)
{
    switch (v.type())
    {
    case JsonType::Null: return "null";
    case JsonType::False: return "false";
    case JsonType::True: return "true";
    case JsonType::Int:
    case JsonType::UInt:
    case JsonType::Double: return std::to_string(v.GetDouble());
    case JsonType::String: return "\"" + std::string(v.GetString()) + "\"";
    case JsonType::Array:
    {
        std::string s = "[";
        for (JsonValue x : v.Items())
            s += Dump(x) + ",";
        return s + "]";
    }
    case JsonType::Object:
    {
        std::string s = "{";
        for (auto m : v.Members())
            s += std::string(m.key) + ":" + Dump(m.value) + "," + std::string(m.key) + "=>" + Dump(v.Find(m.key)) + ";";
        return s + "}";
    }
    }
    return "?";
}
// Parses {"x":0,"items":[...]} with the items streamed; returns each item's Dump, or the error.
std::vector<std::string> StreamItems(const std::string& text, JsonParseError* err)
{
    JsonDocument doc;
    JsonStreamHook hook;
    hook.root_key = "items";
    std::vector<std::string> out;
    hook.begin = [](JsonValue) { return true; };
    hook.item = [&](JsonValue item, size_t, size_t) { out.push_back(Dump(item)); };
    if (!doc.Parse(text, JsonLimits{}, err, &hook))
        out.push_back("error " + err->what);
    return out;
}
std::vector<std::string> WholeItems(const std::string& text, JsonParseError* err)
{
    JsonDocument doc;
    std::vector<std::string> out;
    if (!doc.Parse(text, JsonLimits{}, err))
    {
        out.push_back("error " + err->what);
        return out;
    }
    for (JsonValue item : doc.Root().Find("items").Items())
        out.push_back(Dump(item));
    return out;
}
} // namespace

TEST_CASE("json reader: streamed items whose keys follow the previous item's read as without streaming", "[json]")
{
    // Each case is a run of items: the first sets the keys the next is checked against.
    const std::vector<std::string> cases = {
        R"({"id":"a","title":"t","n":1},{"id":"b","title":"u","n":2},{"id":"c","title":"v","n":3})",
        R"({"id":"a","title":"t"},{"id":"b","titl":"u"},{"id":"c","title2":"v"},{"id":"d","title":"w"})",
        R"({"id":"a","title":"t"},{"id":"b","ti\u0074le":"u"},{"id":"c","title":"v"})",
        // a repeat after a matching prefix, of a predicted key and of the key just taken
        R"({"a":1,"b":2,"c":3},{"a":1,"b":2,"a":5},{"a":1,"b":2,"c":3},{"a":1,"b":2,"b":7})",
        // an item with a repeat predicts nothing for the next; the next repeats too
        R"({"a":1,"b":2,"a":3},{"a":1,"b":2,"a":4},{"a":9})",
        R"({"a":1,"b":2},{"b":1,"a":2,"b":3},{"a":0,"b":0})",
        // items that are not objects, empty objects, nested objects (their keys are not predicted)
        R"({"a":1},42,{"a":2},{},{"a":{"a":1,"a":2}},[{"a":1}],{"a":3,"a":4})",
        // whitespace around keys and colons
        R"({ "a" : 1 , "b" :2},{"a"  :3,
 "b": 4 },{"a":5,"b":6})",
        // a key made of bytes of the previous key's closing quote region
        R"({"ab":1},{"a":1,"b":2},{"abc":3},{"ab":4})",
        R"({"名称":"甲","值":1},{"名称":"乙","值":2},{"名称":"丙","值x":3})",
    };
    for (const std::string& items : cases)
    {
        const std::string text = R"({"x":0,"items":[)" + items + "]}";
        JsonParseError e1, e2;
        const std::vector<std::string> a = StreamItems(text, &e1), b = WholeItems(text, &e2);
        INFO(text);
        CHECK(a == b);
        CHECK(a.size() >= 3);
    }
    // The repeats were seen: Find gives the last occurrence.
    JsonParseError err;
    const auto r = StreamItems(R"({"x":0,"items":[{"a":1,"b":2,"c":3},{"a":1,"b":2,"a":5}]})", &err);
    REQUIRE(r.size() == 2);
    CHECK(r[1] == "{a:1.000000,a=>5.000000;b:2.000000,b=>2.000000;a:5.000000,a=>5.000000;}");

    SECTION("errors inside a predicted key are the same as without streaming")
    {
        const std::string head = R"({"x":0,"items":[{"title":1},)";
        std::vector<std::string> bads = {head + R"({"title)", head + R"({"title" 1}]})", head + R"({"title":1,}]})"};
        bads.push_back(head + "{\"tit\x01le\":1}]}");
        for (const std::string& bad : bads)
        {
            JsonParseError e1, e2;
            const auto a = StreamItems(bad, &e1);
            const auto b = WholeItems(bad, &e2);
            INFO(bad);
            REQUIRE(!a.empty());
            CHECK(a.back() == b.back());
            CHECK(e1.line == e2.line);
            CHECK(e1.column == e2.column);
            CHECK(e1.offset == e2.offset);
        }
    }
}
