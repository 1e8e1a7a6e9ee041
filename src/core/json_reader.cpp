#include "core/json_reader.h"

#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <limits>

namespace gridstar
{

void AppendJsonPointerEscaped(std::string* out, std::string_view key)
{
    for (char c : key)
    {
        if (c == '~')
            out->append("~0");
        else if (c == '/')
            out->append("~1");
        else
            out->push_back(c);
    }
}

std::string JsonPointerEscape(std::string_view key)
{
    std::string out;
    out.reserve(key.size());
    AppendJsonPointerEscaped(&out, key);
    return out;
}

namespace
{

using Node = JsonDocument::Node;

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), or 0
// with *bad set to the first byte that makes it invalid (== e when the input ends inside the sequence).
inline int Utf8Sequence(const unsigned char* p, const unsigned char* e, const unsigned char** bad)
{
    const unsigned char c = p[0];
    int len;
    unsigned char lo = 0x80, hi = 0xBF; // range of the second byte
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
    {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; // overlong
        else if (c == 0xED)
            hi = 0x9F; // surrogates
    }
    else if (c >= 0xF0 && c <= 0xF4)
    {
        len = 4;
        if (c == 0xF0)
            lo = 0x90; // overlong
        else if (c == 0xF4)
            hi = 0x8F; // above U+10FFFF
    }
    else
    {
        *bad = p;
        return 0;
    }
    for (int k = 1; k < len; ++k)
    {
        if (p + k >= e)
        {
            *bad = e;
            return 0;
        }
        const unsigned char b = p[k];
        if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
        {
            *bad = p + k;
            return 0;
        }
    }
    return len;
}

// True when any of the 8 bytes is '"', '\\', a control character (< 0x20) or not ASCII (>= 0x80).
inline bool HasSpecialByte(uint64_t v)
{
    constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t q = v ^ (ones * '"');
    const uint64_t b = v ^ (ones * '\\');
    const uint64_t has_quote = (q - ones) & ~q;
    const uint64_t has_bs = (b - ones) & ~b;
    const uint64_t has_ctrl = (v - ones * 0x20) & ~v;
    return ((has_quote | has_bs | has_ctrl | v) & highs) != 0;
}

inline int HexValue(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// The token text for a syntax error message: at most 40 bytes, whole UTF-8 characters only, control characters
// as <U+XXXX> and invalid bytes as <0xXX>.
std::string Printable(const char* b, const char* e)
{
    std::string out;
    const auto* p = reinterpret_cast<const unsigned char*>(b);
    const auto* end = reinterpret_cast<const unsigned char*>(e);
    size_t taken = 0;
    while (p < end)
    {
        if (taken >= 40)
        {
            out += "…";
            break;
        }
        char buf[16];
        if (*p < 0x20 || *p == 0x7F)
        {
            snprintf(buf, sizeof buf, "<U+%04X>", unsigned(*p));
            out += buf;
            ++p;
            ++taken;
            continue;
        }
        const unsigned char* bad = nullptr;
        int n = Utf8Sequence(p, end, &bad);
        if (n == 0)
        {
            snprintf(buf, sizeof buf, "<0x%02X>", unsigned(*p));
            out += buf;
            ++p;
            ++taken;
            continue;
        }
        out.append(reinterpret_cast<const char*>(p), size_t(n));
        p += n;
        taken += size_t(n);
    }
    return out;
}

} // namespace

void AppendUtf8(std::string* out, uint32_t cp)
{
    if (cp < 0x80)
        out->push_back(char(cp));
    else if (cp < 0x800)
    {
        out->push_back(char(0xC0 | (cp >> 6)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    }
    else if (cp < 0x10000)
    {
        out->push_back(char(0xE0 | (cp >> 12)));
        out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    }
    else
    {
        out->push_back(char(0xF0 | (cp >> 18)));
        out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    }
}

class JsonParser
{
public:
    JsonParser(JsonDocument& d, std::string_view text, const JsonLimits& lim, JsonParseError* err, JsonStreamHook* hook)
        : d_(d), beg_(text.data()), p_(text.data()), end_(text.data() + text.size()), lim_(lim), err_(err), hook_(hook)
    {
        stack_.reserve(size_t(std::min(std::max(lim.max_depth, 1), 1024)) + 1);
    }

    bool Run();

private:
    struct Frame
    {
        uint32_t node;     // the container's node
        uint32_t last_key; // objects: node of the current key (0 = none yet)
        uint64_t bloom;    // objects: cheap filter over the keys seen, for duplicate detection
        bool is_array;
    };

    JsonDocument& d_;
    const char* beg_;
    const char* p_;
    const char* end_;
    const char* text_start_ = nullptr; // after a BOM
    const JsonLimits& lim_;
    JsonParseError* err_;
    std::vector<Frame> stack_;
    std::string scratch_; // a string with escapes, while it is decoded
    // Streaming (JsonStreamHook): the streamed array's node, the first node of the current item, items so far.
    JsonStreamHook* hook_;
    bool hook_tried_ = false;
    uint32_t stream_node_ = UINT32_MAX;
    uint32_t item_start_ = 0;
    size_t stream_index_ = 0;
    void MaybeStartStream(uint32_t array_node);
    // The streamed items are, as a rule, objects with the same keys in the same order. Each key of an item is first
    // checked against the previous item's key at the same place: when the bytes match (a key already validated, with
    // no escapes, followed by its closing quote) it is taken without scanning, and without the duplicate check while
    // every key so far matched a previous item that had no repeated key. Any other key goes the usual way.
    std::vector<std::string_view> prev_keys_, item_keys_;
    bool item_keys_plain_ = true; // every key of the current item so far views the input
    bool item_predicted_ = true;  // every key of the current item so far matched prev_keys_
    bool PredictedKey();
    static uint64_t BloomBit(std::string_view key)
    {
        uint32_t h = uint32_t(key.size()) * 0x9E3779B1u;
        if (!key.empty())
            h += uint32_t(static_cast<unsigned char>(key.front())) * 31u + static_cast<unsigned char>(key.back());
        return uint64_t(1) << ((h ^ (h >> 7)) & 63);
    }

    uint32_t NewNode()
    {
        uint32_t k = d_.node_count_;
        if ((k & JsonDocument::kBlockMask) == 0 && (k >> JsonDocument::kBlockShift) == d_.blocks_.size())
            d_.blocks_.emplace_back(new Node[size_t(1) << JsonDocument::kBlockShift]);
        ++d_.node_count_;
        return k;
    }
    // A node of every kind but a number: its type, flags, count (string length, items, members) and x.
    uint32_t NewNode(JsonType type, uint8_t flags, uint32_t n, uint64_t x)
    {
        const uint32_t k = NewNode();
        Node& node = d_.node(k);
        node.type = type;
        node.flags = flags;
        node.reserved = 0;
        node.n = n;
        node.x = x;
        return k;
    }
    void SkipWs()
    {
        while (p_ < end_)
        {
            const char c = *p_;
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                break;
            ++p_;
        }
    }
    void Close()
    {
        const Frame& f = stack_.back();
        d_.node(f.node).x = d_.node_count_;
        stack_.pop_back();
    }

    bool Fail(const char* at, const char* token, const char* what);
    // An unexpected token at p: the error points at its first character and quotes the whole token.
    bool Unexpected(const char* p, const char* what)
    {
        const char* e = p;
        if (e < end_ && *e == '"')
        {
            ++e;
            while (e < end_ && *e != '"' && *e != '\n' && e - p < 48)
                e += (*e == '\\' && e + 1 < end_) ? 2 : 1;
            if (e < end_ && *e == '"')
                ++e;
        }
        else
        {
            while (e < end_ && e - p < 48 &&
                   ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') || *e == '-' ||
                    *e == '+' || *e == '.' || *e == '_'))
                ++e;
            if (e == p)
                ++e;
        }
        Fail(p, p, what);
        err_->near = Printable(p, e);
        return false;
    }
    bool Limit(std::string zh, std::string en, bool exclude_top);
    bool String(bool is_key);
    bool Number();
    bool Literal(const char* word, size_t len, JsonType type);
    void NoteKey(uint32_t key_node);
};

bool JsonParser::Fail(const char* at, const char* token, const char* what)
{
    if (at > end_)
        at = end_;
    err_->kind = JsonParseError::Kind::Syntax;
    err_->offset = size_t(at - beg_);
    err_->at_end = at >= end_;
    err_->what = what;
    int line = 1, col = 1;
    for (const char* q = text_start_ ? text_start_ : beg_; q < at; ++q)
    {
        const unsigned char ch = static_cast<unsigned char>(*q);
        if (ch == '\n')
        {
            ++line;
            col = 1;
        }
        else if ((ch & 0xC0) != 0x80) // count characters, not UTF-8 continuation bytes
            ++col;
    }
    err_->line = line;
    err_->column = col;
    err_->near = Printable(token, at < end_ ? at + 1 : end_);
    return false;
}

bool JsonParser::Limit(std::string zh, std::string en, bool exclude_top)
{
    err_->kind = JsonParseError::Kind::Limit;
    err_->message_zh = std::move(zh);
    err_->message_en = std::move(en);
    std::string path;
    const size_t n = stack_.size() - (exclude_top && !stack_.empty() ? 1 : 0);
    for (size_t i = 0; i < n; ++i)
    {
        const Frame& f = stack_[i];
        path += '/';
        if (f.is_array)
        {
            const uint32_t items = d_.node(f.node).n;
            path += std::to_string(items == 0 ? 0 : items - 1);
        }
        else if (f.last_key)
            AppendJsonPointerEscaped(&path, d_.str(d_.node(f.last_key)));
    }
    err_->path = std::move(path);
    err_->offset = size_t(p_ - beg_);
    return false;
}

void JsonParser::NoteKey(uint32_t key_node)
{
    Frame& f = stack_.back();
    Node& obj = d_.node(f.node);
    ++obj.n;
    f.last_key = key_node;
    if (obj.flags & JsonDocument::kDupKeys)
        return;
    const Node& kn = d_.node(key_node);
    const std::string_view key = d_.str(kn);
    const uint64_t bit = BloomBit(key);
    if (f.bloom & bit)
    {
        for (uint32_t k = f.node + 1; k < key_node; k = d_.next(k + 1))
            if (d_.str(d_.node(k)) == key)
            {
                obj.flags |= JsonDocument::kDupKeys;
                break;
            }
    }
    f.bloom |= bit;
}

bool JsonParser::PredictedKey()
{
    const size_t i = item_keys_.size();
    if (!item_predicted_ || i >= prev_keys_.size())
        return false;
    const std::string_view k = prev_keys_[i];
    if (size_t(end_ - p_) < k.size() + 2 || p_[k.size() + 1] != '"' || !BytesEqual(p_ + 1, k.data(), k.size()))
        return false;
    const uint32_t kn = NewNode(JsonType::String, 0, uint32_t(k.size()), uint64_t(p_ + 1 - beg_));
    item_keys_.emplace_back(p_ + 1, k.size());
    p_ += k.size() + 2;
    Frame& f = stack_.back();
    ++d_.node(f.node).n;
    f.last_key = kn;
    f.bloom |= BloomBit(k);
    return true;
}

bool JsonParser::Literal(const char* word, size_t len, JsonType type)
{
    const char* start = p_;
    for (size_t i = 0; i < len; ++i)
    {
        if (p_ + i >= end_)
            return Fail(end_, start, "unexpected end of input in a literal");
        if (p_[i] != word[i])
            return Fail(p_ + i, start, "invalid literal");
    }
    p_ += len;
    NewNode(type, 0, 0, 0);
    return true;
}

bool JsonParser::String(bool is_key)
{
    const char* const quote = p_;
    const char* const s = ++p_;
    // Fast path: no escapes, the string is a view into the input.
    for (;;)
    {
        while (end_ - p_ >= 8)
        {
            uint64_t v;
            memcpy(&v, p_, 8);
            if (HasSpecialByte(v))
                break;
            p_ += 8;
        }
        if (p_ >= end_)
            return Fail(end_, quote, "unterminated string");
        const unsigned char c = static_cast<unsigned char>(*p_);
        if (c == '"')
            break;
        if (c == '\\')
            break;
        if (c < 0x20)
            return Fail(p_, quote, "control character in a string");
        if (c < 0x80)
        {
            ++p_;
            continue;
        }
        // Chinese text: runs of 3-byte sequences, two at a time while both lead bytes are E1..EC or EE..EF (no
        // overlong or surrogate forms to rule out) and all four continuation bytes are 10xxxxxx.
        while (end_ - p_ >= 8)
        {
            uint64_t v;
            memcpy(&v, p_, 8);
            if ((v & 0x0000C0C0F0C0C0F0ull) != 0x00008080E08080E0ull)
                break;
            const unsigned char a = static_cast<unsigned char>(p_[0]), b = static_cast<unsigned char>(p_[3]);
            if (a == 0xE0 || a == 0xED || b == 0xE0 || b == 0xED)
                break;
            p_ += 6;
        }
        if (p_ < end_ && static_cast<unsigned char>(*p_) < 0x80)
            continue;
        if (p_ >= end_)
            return Fail(end_, quote, "unterminated string");
        const unsigned char* bad = nullptr;
        int len = Utf8Sequence(reinterpret_cast<const unsigned char*>(p_), reinterpret_cast<const unsigned char*>(end_),
                               &bad);
        if (len == 0)
            return Fail(reinterpret_cast<const char*>(bad), quote, "invalid UTF-8");
        p_ += len;
    }
    uint32_t length;
    uint8_t flags = 0;
    uint64_t offset;
    if (*p_ == '"')
    {
        const size_t len = size_t(p_ - s);
        ++p_;
        if (len > lim_.max_string_bytes)
        {
            if (is_key)
                return Limit("键名过长", "key too long", true);
            return Limit("字符串过长（" + std::to_string(len) + " 字节，上限 " + std::to_string(lim_.max_string_bytes) + "）",
                         "string too long (" + std::to_string(len) + " bytes, limit " +
                             std::to_string(lim_.max_string_bytes) + ")",
                         false);
        }
        length = uint32_t(len);
        offset = uint64_t(s - beg_);
    }
    else
    {
        // Slow path: decode into the document's side buffer. Past the cap, bytes are counted but not kept.
        std::string& out = scratch_;
        out.clear();
        size_t dlen = size_t(p_ - s);
        const size_t cap = lim_.max_string_bytes;
        if (dlen <= cap)
            out.append(s, dlen);
        auto put = [&](const char* b, size_t n) {
            if (dlen + n <= cap)
                out.append(b, n);
            dlen += n;
        };
        for (;;)
        {
            if (p_ >= end_)
                return Fail(end_, quote, "unterminated string");
            const unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"')
            {
                ++p_;
                break;
            }
            if (c == '\\')
            {
                const char* esc = p_;
                if (p_ + 1 >= end_)
                    return Fail(end_, quote, "unterminated string");
                const char e = p_[1];
                p_ += 2;
                char ch = 0;
                switch (e)
                {
                case '"': ch = '"'; break;
                case '\\': ch = '\\'; break;
                case '/': ch = '/'; break;
                case 'b': ch = '\b'; break;
                case 'f': ch = '\f'; break;
                case 'n': ch = '\n'; break;
                case 'r': ch = '\r'; break;
                case 't': ch = '\t'; break;
                case 'u':
                {
                    auto hex4 = [&](uint32_t* cp) {
                        uint32_t v = 0;
                        for (int k = 0; k < 4; ++k)
                        {
                            if (p_ >= end_)
                                return Fail(end_, quote, "unterminated \\u escape");
                            int h = HexValue(static_cast<unsigned char>(*p_));
                            if (h < 0)
                                return Fail(p_, quote, "invalid \\u escape");
                            v = v * 16 + uint32_t(h);
                            ++p_;
                        }
                        *cp = v;
                        return true;
                    };
                    uint32_t cp = 0;
                    if (!hex4(&cp))
                        return false;
                    if (cp >= 0xDC00 && cp <= 0xDFFF)
                        return Fail(p_ - 1, quote, "lone low surrogate in \\u escape");
                    if (cp >= 0xD800 && cp <= 0xDBFF)
                    {
                        if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
                            return Fail(p_ < end_ ? p_ : end_, quote, "high surrogate without a low surrogate");
                        p_ += 2;
                        uint32_t lo = 0;
                        if (!hex4(&lo))
                            return false;
                        if (lo < 0xDC00 || lo > 0xDFFF)
                            return Fail(p_ - 1, quote, "high surrogate without a low surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    std::string tmp;
                    AppendUtf8(&tmp, cp);
                    put(tmp.data(), tmp.size());
                    continue;
                }
                default:
                    return Fail(esc + 1, quote, "invalid escape");
                }
                put(&ch, 1);
                continue;
            }
            if (c < 0x20)
                return Fail(p_, quote, "control character in a string");
            // A run of plain bytes.
            const char* run = p_;
            while (p_ < end_)
            {
                const unsigned char b = static_cast<unsigned char>(*p_);
                if (b == '"' || b == '\\' || b < 0x20)
                    break;
                if (b < 0x80)
                {
                    ++p_;
                    continue;
                }
                const unsigned char* bad = nullptr;
                int len = Utf8Sequence(reinterpret_cast<const unsigned char*>(p_),
                                       reinterpret_cast<const unsigned char*>(end_), &bad);
                if (len == 0)
                    return Fail(reinterpret_cast<const char*>(bad), quote, "invalid UTF-8");
                p_ += len;
            }
            put(run, size_t(p_ - run));
        }
        if (dlen > cap)
        {
            if (is_key)
                return Limit("键名过长", "key too long", true);
            return Limit("字符串过长（" + std::to_string(dlen) + " 字节，上限 " + std::to_string(cap) + "）",
                         "string too long (" + std::to_string(dlen) + " bytes, limit " + std::to_string(cap) + ")",
                         false);
        }
        length = uint32_t(dlen);
        offset = d_.StoreDecoded(out.data(), out.size());
        flags = JsonDocument::kDecoded;
    }
    const uint32_t k = NewNode(JsonType::String, flags, length, offset);
    if (is_key)
        NoteKey(k);
    return true;
}

bool JsonParser::Number()
{
    const char* const start = p_;
    const char* q = p_;
    bool neg = false;
    if (*q == '-')
    {
        neg = true;
        ++q;
    }
    if (q >= end_)
        return Fail(end_, start, "unexpected end of input in a number");
    uint64_t m = 0;
    int digits = 0;   // significant digits accumulated in m (leading zeros excluded)
    bool ovf = false; // m no longer exact
    int exp10 = 0;
    bool is_float = false;
    auto add_digit = [&](unsigned d) {
        if (digits == 0 && d == 0)
            return;
        if (digits >= 19)
        {
            // 19 digits always fit; a 20th may; more never do (for the fast path they are all too many anyway).
            if (digits == 19 && m <= (UINT64_MAX - d) / 10)
                m = m * 10 + d;
            else
                ovf = true;
        }
        else
            m = m * 10 + d;
        ++digits;
    };
    if (*q == '0')
    {
        ++q;
        if (q < end_ && *q >= '0' && *q <= '9')
            return Fail(q, start, "leading zero in a number");
    }
    else if (*q >= '1' && *q <= '9')
    {
        while (q < end_ && *q >= '0' && *q <= '9')
            add_digit(unsigned(*q++ - '0'));
    }
    else
        return Fail(q, start, "invalid number");
    if (q < end_ && *q == '.')
    {
        is_float = true;
        ++q;
        if (q >= end_)
            return Fail(end_, start, "unexpected end of input in a number");
        if (!(*q >= '0' && *q <= '9'))
            return Fail(q, start, "expected a digit after the decimal point");
        while (q < end_ && *q >= '0' && *q <= '9')
        {
            add_digit(unsigned(*q++ - '0'));
            --exp10;
        }
    }
    if (q < end_ && (*q == 'e' || *q == 'E'))
    {
        is_float = true;
        ++q;
        bool eneg = false;
        if (q < end_ && (*q == '+' || *q == '-'))
        {
            eneg = *q == '-';
            ++q;
        }
        if (q >= end_)
            return Fail(end_, start, "unexpected end of input in a number");
        if (!(*q >= '0' && *q <= '9'))
            return Fail(q, start, "expected a digit in the exponent");
        int e = 0;
        while (q < end_ && *q >= '0' && *q <= '9')
        {
            if (e < 100000)
                e = e * 10 + (*q - '0');
            ++q;
        }
        exp10 += eneg ? -e : e;
    }
    p_ = q;
    Node& n = d_.node(NewNode());
    n.flags = 0;
    n.reserved = 0;
    n.n = 0;
    if (!is_float && !ovf && digits <= 20)
    {
        if (!neg)
        {
            if (m <= uint64_t(INT64_MAX))
            {
                n.type = JsonType::Int;
                n.i = int64_t(m);
            }
            else
            {
                n.type = JsonType::UInt;
                n.u = m;
            }
            return true;
        }
        if (m <= uint64_t(INT64_MAX) + 1)
        {
            n.type = JsonType::Int;
            n.i = m == uint64_t(INT64_MAX) + 1 ? INT64_MIN : -int64_t(m);
            return true;
        }
    }
    n.type = JsonType::Double;
    if (!ovf && digits <= 19 && m <= (uint64_t(1) << 53) && exp10 >= -22 && exp10 <= 22)
    {
        double d = double(m);
        d = exp10 < 0 ? d / kPow10[-exp10] : d * kPow10[exp10];
        n.d = neg ? -d : d;
        return true;
    }
    // Exact conversion by the C library; the token is copied so it is terminated and uses the locale's point.
    const size_t len = size_t(q - start);
    char small[64];
    std::string big;
    char* buf = small;
    if (len + 1 > sizeof small)
    {
        big.resize(len + 1);
        buf = &big[0];
    }
    memcpy(buf, start, len);
    buf[len] = 0;
    const char point = *std::localeconv()->decimal_point;
    if (point != '.')
        for (size_t i = 0; i < len; ++i)
            if (buf[i] == '.')
                buf[i] = point;
    const double d = std::strtod(buf, nullptr);
    if (std::isinf(d))
    {
        // Beyond the double range: not representable (nlohmann::json rejected it too).
        d_.node_count_--; // drop the node just allocated
        Fail(start, start, "number out of range");
        err_->near = Printable(start, q);
        return false;
    }
    n.d = d;
    return true;
}

void JsonParser::MaybeStartStream(uint32_t array_node)
{
    if (!hook_ || hook_tried_ || stack_.size() != 2 || stack_[0].is_array || !stack_[0].last_key ||
        d_.str(d_.node(stack_[0].last_key)) != hook_->root_key)
        return;
    hook_tried_ = true;
    // The root as it stands: members before root_key only (its key node is the last one counted).
    Node& root = d_.node(stack_[0].node);
    const uint64_t saved_x = root.x;
    const uint32_t saved_n = root.n;
    root.x = stack_[0].last_key;
    root.n = saved_n - 1;
    const bool go = hook_->begin && hook_->item && hook_->begin(JsonValue(&d_, stack_[0].node));
    root.x = saved_x;
    root.n = saved_n;
    d_.hint_obj_ = UINT32_MAX;
    if (go)
    {
        stream_node_ = array_node;
        hook_->streamed = true;
    }
}

bool JsonParser::Run()
{
    if (end_ - p_ >= 3 && static_cast<unsigned char>(p_[0]) == 0xEF && static_cast<unsigned char>(p_[1]) == 0xBB &&
        static_cast<unsigned char>(p_[2]) == 0xBF)
        p_ += 3;
    text_start_ = p_;

value:
    SkipWs();
    if (!stack_.empty() && stack_.back().is_array)
    {
        Node& a = d_.node(stack_.back().node);
        if (++a.n > lim_.max_array_items)
            return Limit("数组元素过多（上限 " + std::to_string(lim_.max_array_items) + "）",
                         "too many array items (limit " + std::to_string(lim_.max_array_items) + ")", false);
        if (stack_.back().node == stream_node_)
        {
            item_start_ = d_.node_count_;
            item_keys_.clear();
            item_keys_plain_ = true;
            item_predicted_ = true;
        }
    }
    if (p_ >= end_)
        return Fail(end_, end_, "unexpected end of input");
    switch (*p_)
    {
    case '{':
    case '[':
    {
        const bool is_array = *p_ == '[';
        if (int(stack_.size()) >= lim_.max_depth)
            return Limit("嵌套过深（上限 " + std::to_string(lim_.max_depth) + " 层）",
                         "nesting too deep (limit " + std::to_string(lim_.max_depth) + " levels)", false);
        const uint32_t k = NewNode(is_array ? JsonType::Array : JsonType::Object, 0, 0, 0);
        stack_.push_back(Frame{k, 0, 0, is_array});
        if (is_array && hook_)
            MaybeStartStream(k);
        ++p_;
        SkipWs();
        if (p_ < end_ && *p_ == (is_array ? ']' : '}'))
        {
            ++p_;
            Close();
            goto after_value;
        }
        if (is_array)
            goto value;
        goto key;
    }
    case '"':
        if (!String(false))
            return false;
        goto after_value;
    case 't':
        if (!Literal("true", 4, JsonType::True))
            return false;
        goto after_value;
    case 'f':
        if (!Literal("false", 5, JsonType::False))
            return false;
        goto after_value;
    case 'n':
        if (!Literal("null", 4, JsonType::Null))
            return false;
        goto after_value;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        if (!Number())
            return false;
        goto after_value;
    default:
        return Unexpected(p_, "unexpected character");
    }

key:
    if (p_ >= end_)
        return Fail(end_, end_, "unexpected end of input");
    if (*p_ != '"')
        return Unexpected(p_, "expected a key in double quotes");
    if (stack_.size() == 3 && stack_[1].node == stream_node_)
    {
        if (!PredictedKey())
        {
            item_predicted_ = false;
            if (!String(true))
                return false;
            const Node& kn = d_.node(stack_.back().last_key);
            if (kn.flags & JsonDocument::kDecoded)
                item_keys_plain_ = false;
            else
                item_keys_.push_back(d_.str(kn));
        }
    }
    else if (!String(true))
        return false;
    SkipWs();
    if (p_ >= end_)
        return Fail(end_, end_, "unexpected end of input");
    if (*p_ != ':')
        return Unexpected(p_, "expected ':'");
    ++p_;
    goto value;

after_value:
    if (stream_node_ != UINT32_MAX && !stack_.empty() && stack_.back().node == stream_node_)
    {
        // An item of the streamed array is complete: its keys predict the next item's, it is handed over, and its
        // nodes are reused.
        const Node& item = d_.node(item_start_);
        if (item.type == JsonType::Object && !(item.flags & JsonDocument::kDupKeys) && item_keys_plain_)
            prev_keys_.swap(item_keys_);
        else
            prev_keys_.clear();
        hook_->item(JsonValue(&d_, item_start_), stream_index_++, size_t(p_ - beg_));
        d_.node_count_ = item_start_;
        d_.hint_obj_ = UINT32_MAX;
    }
    if (stack_.empty())
    {
        SkipWs();
        if (p_ != end_)
            return Unexpected(p_, "unexpected content after the top-level value");
        return true;
    }
    SkipWs();
    if (p_ >= end_)
        return Fail(end_, end_, "unexpected end of input");
    {
        const bool is_array = stack_.back().is_array;
        if (*p_ == ',')
        {
            ++p_;
            if (is_array)
                goto value;
            SkipWs();
            goto key;
        }
        if (*p_ == (is_array ? ']' : '}'))
        {
            ++p_;
            Close();
            goto after_value;
        }
        return Unexpected(p_, is_array ? "expected ',' or ']'" : "expected ',' or '}'");
    }
}

// ---- JsonDocument / JsonValue ----------------------------------------------------------------

uint64_t JsonDocument::StoreDecoded(const char* p, size_t n)
{
    if (decoded_chunks_.empty() || decoded_used_ + n > decoded_cap_)
    {
        decoded_cap_ = std::max<size_t>(size_t(1) << 16, n);
        decoded_chunks_.emplace_back(new char[decoded_cap_]);
        decoded_used_ = 0;
        decoded_bytes_ += decoded_cap_;
    }
    if (n)
        memcpy(decoded_chunks_.back().get() + decoded_used_, p, n);
    const uint64_t x = (uint64_t(decoded_chunks_.size() - 1) << 32) | uint64_t(decoded_used_);
    decoded_used_ += n;
    return x;
}

bool JsonDocument::Parse(std::string_view text, const JsonLimits& limits, JsonParseError* error, JsonStreamHook* hook)
{
    Clear();
    text_ = text;
    JsonParseError local;
    JsonParseError* err = error ? error : &local;
    *err = JsonParseError{};
    if (uint64_t(text.size()) >= (uint64_t(1) << 32) - 1)
    {
        err->kind = JsonParseError::Kind::Limit;
        err->message_zh = "文件过大";
        err->message_en = "file too large";
        return false;
    }
    JsonParser parser(*this, text, limits, err, hook);
    if (!parser.Run())
    {
        Clear();
        return false;
    }
    return true;
}

void JsonDocument::Clear()
{
    blocks_.clear();
    blocks_.shrink_to_fit();
    node_count_ = 0;
    decoded_chunks_.clear();
    decoded_chunks_.shrink_to_fit();
    decoded_used_ = decoded_cap_ = decoded_bytes_ = 0;
    hint_obj_ = UINT32_MAX;
    hint_member_ = 0;
}

size_t JsonDocument::memory_bytes() const
{
    return blocks_.size() * (sizeof(Node) << kBlockShift) + decoded_bytes_;
}

double JsonValue::GetDouble() const
{
    if (!doc_)
        return 0;
    const JsonDocument::Node& n = doc_->node(idx_);
    switch (n.type)
    {
    case JsonType::Int: return double(n.i);
    case JsonType::UInt: return double(n.u);
    case JsonType::Double: return n.d;
    default: return 0;
    }
}

int64_t JsonValue::GetInt64() const
{
    if (!doc_)
        return 0;
    const JsonDocument::Node& n = doc_->node(idx_);
    switch (n.type)
    {
    case JsonType::Int: return n.i;
    case JsonType::UInt: return INT64_MAX;
    case JsonType::Double:
        if (!(n.d == n.d))
            return 0;
        if (n.d >= 9.2233720368547758e18)
            return INT64_MAX;
        if (n.d <= -9.2233720368547758e18)
            return INT64_MIN;
        return int64_t(n.d);
    default: return 0;
    }
}

uint64_t JsonValue::GetUint64() const
{
    if (!doc_)
        return 0;
    const JsonDocument::Node& n = doc_->node(idx_);
    switch (n.type)
    {
    case JsonType::Int: return uint64_t(n.i);
    case JsonType::UInt: return n.u;
    case JsonType::Double: return n.d <= 0 || !(n.d == n.d) ? 0 : n.d >= 1.8446744073709552e19 ? UINT64_MAX : uint64_t(n.d);
    default: return 0;
    }
}

JsonValue JsonValue::At(size_t i) const
{
    size_t k = 0;
    for (JsonValue v : Items())
        if (k++ == i)
            return v;
    return {};
}

JsonValue JsonValue::Find(std::string_view key) const
{
    if (!doc_)
        return {};
    const JsonDocument::Node& o = doc_->node(idx_);
    if (o.type != JsonType::Object)
        return {};
    const uint32_t first = idx_ + 1, last = uint32_t(o.x);
    auto matches = [&](uint32_t k) {
        const JsonDocument::Node& kn = doc_->node(k);
        return kn.n == key.size() && BytesEqual(doc_->str(kn).data(), key.data(), key.size());
    };
    if (o.flags & JsonDocument::kDupKeys)
    {
        uint32_t found = 0;
        for (uint32_t k = first; k < last; k = doc_->next(k + 1))
            if (matches(k))
                found = k + 1;
        return found ? JsonValue(doc_, found) : JsonValue();
    }
    const uint32_t start = doc_->hint_obj_ == idx_ && doc_->hint_member_ >= first && doc_->hint_member_ <= last
                               ? doc_->hint_member_
                               : first;
    for (uint32_t k = start; k < last; k = doc_->next(k + 1))
        if (matches(k))
        {
            doc_->hint_obj_ = idx_;
            doc_->hint_member_ = doc_->next(k + 1);
            return JsonValue(doc_, k + 1);
        }
    for (uint32_t k = first; k < start; k = doc_->next(k + 1))
        if (matches(k))
        {
            doc_->hint_obj_ = idx_;
            doc_->hint_member_ = doc_->next(k + 1);
            return JsonValue(doc_, k + 1);
        }
    return {};
}

} // namespace gridstar
