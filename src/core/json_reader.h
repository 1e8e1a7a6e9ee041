// A fast, strict (RFC 8259) JSON reader into a compact, read-only DOM.
//
// - One pass over the input; values are 16-byte nodes in preorder, stored in fixed-size blocks (no reallocation
//   copies, no per-node heap allocations, destruction frees a handful of blocks).
// - Strings without escapes are views into the input, which must outlive the document; strings with escapes are
//   decoded into one side buffer owned by the document.
// - Invalid UTF-8 (overlong forms, surrogates, code points above U+10FFFF, truncated sequences), control characters
//   in strings, lone or mismatched \u surrogates, leading zeros, NaN/Infinity, trailing commas and trailing content
//   are syntax errors with the byte offset and the 1-based line and column (in characters) of the offending
//   character. A UTF-8 byte order mark at the very start is skipped.
// - Caps: nesting depth, decoded string/key length and items per array stop the parse with a message and the JSON
//   Pointer of the offending value, so a hostile file cannot freeze or exhaust the tab.
// - Numbers: integers that fit are exact (int64, or uint64 above INT64_MAX); "-0" is the integer 0 and "-0.0" is
//   the double -0.0; other numbers are correctly rounded doubles (exact fast path for short decimals, strtod
//   otherwise); a number beyond the double range (e.g. 1e400) is a syntax error; underflow gives 0 (or -0).
// - Duplicate keys: Find() returns the last occurrence (as nlohmann::json does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gridstar
{

enum class JsonType : uint8_t
{
    Null,
    False,
    True,
    Int,    // int64
    UInt,   // uint64 above INT64_MAX
    Double,
    String,
    Array,
    Object,
};

struct JsonLimits
{
    int max_depth = 64;               // nesting of arrays/objects
    size_t max_string_bytes = 4096;   // one decoded string value or key
    size_t max_array_items = 5000000; // one array
};

struct JsonParseError
{
    enum class Kind : uint8_t
    {
        None,
        Syntax, // offset/line/column/at_end/near are set
        Limit,  // message_zh/message_en/path are set
    };
    Kind kind = Kind::None;
    size_t offset = 0;   // byte offset of the offending character (== input size when the input ended early)
    int line = 0;        // 1-based
    int column = 0;      // 1-based, in characters (a BOM is not counted)
    bool at_end = false; // the input ended before the value was complete
    std::string near;    // the offending token (at most 40 bytes, control and invalid bytes shown as <U+XXXX>/<0xXX>)
    std::string what;    // short English reason, for logs and tests ("invalid UTF-8", "expected ':'", ...)
    std::string message_zh, message_en, path;
};

// RFC 6901: '~' -> "~0", '/' -> "~1".
std::string JsonPointerEscape(std::string_view key);
void AppendJsonPointerEscaped(std::string* out, std::string_view key);
// Equality of two short byte ranges, 8 bytes at a time and inline: keys and ids are short, and in wasm memcmp is an
// out-of-line call to musl's byte loop.
inline bool BytesEqual(const char* a, const char* b, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
    {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y)
            return false;
    }
    for (; i < n; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}
inline bool SameKey(std::string_view a, std::string_view b) { return a.size() == b.size() && BytesEqual(a.data(), b.data(), a.size()); }
// Appends one code point as UTF-8.
void AppendUtf8(std::string* out, uint32_t cp);

class JsonDocument;
class JsonValue;

// Streaming one array of the root object (e.g. "activities"): its items are handed over one at a time, each complete,
// and dropped from the document afterwards, so the document never holds them all (the bulk of a large file's nodes).
// Syntax, caps and error positions are exactly as without streaming. Only the first occurrence of root_key streams.
struct JsonStreamHook
{
    std::string_view root_key;
    // Called when root_key's value turns out to be an array, before its first item, with the root object holding the
    // members that came before root_key. Returns true to stream the items (false: the array is kept as usual).
    std::function<bool(JsonValue root)> begin;
    // Each item, complete, with its index and the byte offset just past it. Its nodes are reused once this returns;
    // strings seen through it (views into the input or into the document's decoded strings) stay valid.
    std::function<void(JsonValue item, size_t index, size_t end_offset)> item;
    bool streamed = false; // set by the parser when begin() returned true
};

// A handle to one value of a document: cheap to copy, valid while the document (and its input) live.
// A default-constructed or not-found value is "absent": !v, and every Is*() is false.
class JsonValue
{
public:
    JsonValue() = default;

    explicit operator bool() const { return doc_ != nullptr; }
    JsonType type() const;

    bool IsNull() const { return doc_ && type() == JsonType::Null; }
    bool IsBool() const { return doc_ && (type() == JsonType::True || type() == JsonType::False); }
    bool IsNumber() const { return doc_ && type() >= JsonType::Int && type() <= JsonType::Double; }
    bool IsInteger() const { return doc_ && (type() == JsonType::Int || type() == JsonType::UInt); }
    bool IsUnsigned() const { return doc_ && type() == JsonType::UInt; }
    bool IsDouble() const { return doc_ && type() == JsonType::Double; }
    bool IsString() const { return doc_ && type() == JsonType::String; }
    bool IsArray() const { return doc_ && type() == JsonType::Array; }
    bool IsObject() const { return doc_ && type() == JsonType::Object; }

    bool GetBool() const { return type() == JsonType::True; }
    std::string_view GetString() const; // "" unless a string
    double GetDouble() const;           // any number as double; 0 otherwise
    int64_t GetInt64() const;           // Int as is, UInt clamped to INT64_MAX, Double truncated; 0 otherwise
    uint64_t GetUint64() const;         // UInt/Int (negative wraps as a cast would); 0 otherwise

    // Arrays: number of items; objects: number of members (duplicates counted); 0 otherwise.
    size_t Size() const;
    bool Empty() const { return Size() == 0; }
    // Array item i (O(i): walk with Items() in loops). Absent when out of range or not an array.
    JsonValue At(size_t i) const;
    // Object member by key (the last one when the key repeats). Absent when missing or not an object.
    JsonValue Find(std::string_view key) const;
    bool Contains(std::string_view key) const { return bool(Find(key)); }

    // Iteration: for (JsonValue v : a.Items()) ...; for (auto m : o.Members()) use(m.key, m.value);
    // Members come in document order, duplicates included.
    using Member = struct JsonMember;
    class ItemIterator;
    class MemberIterator;
    struct ItemRange
    {
        const JsonDocument* doc;
        uint32_t first, last;
        ItemIterator begin() const;
        ItemIterator end() const;
    };
    struct MemberRange
    {
        const JsonDocument* doc;
        uint32_t first, last;
        MemberIterator begin() const;
        MemberIterator end() const;
    };
    ItemRange Items() const;     // empty unless an array
    MemberRange Members() const; // empty unless an object

    uint32_t index() const { return idx_; }
    const JsonDocument* document() const { return doc_; }

private:
    friend class JsonDocument;
    friend class JsonParser;
    JsonValue(const JsonDocument* d, uint32_t i) : doc_(d), idx_(i) {}
    const JsonDocument* doc_ = nullptr;
    uint32_t idx_ = 0;
};

class JsonDocument
{
public:
    JsonDocument() = default;
    JsonDocument(const JsonDocument&) = delete;
    JsonDocument& operator=(const JsonDocument&) = delete;
    JsonDocument(JsonDocument&&) = default;
    JsonDocument& operator=(JsonDocument&&) = default;

    // Parses `text` (which must outlive the document). Returns false with *error filled on a syntax error or a cap.
    // With a hook, one array of the root object is streamed (see JsonStreamHook).
    bool Parse(std::string_view text, const JsonLimits& limits, JsonParseError* error, JsonStreamHook* hook = nullptr);

    JsonValue Root() const { return node_count_ ? JsonValue(this, 0) : JsonValue(); }
    size_t node_count() const { return node_count_; }
    // Bytes held by the document (node blocks + decoded strings), not counting the input.
    size_t memory_bytes() const;
    void Clear();

    // -- internals, used by JsonValue --
    struct Node
    {
        JsonType type;
        uint8_t flags; // kDecoded (string in decoded_chunks_), kDupKeys (object with a repeated key)
        uint16_t reserved;
        uint32_t n; // string: length; array: items; object: members
        union {
            int64_t i;
            uint64_t u;
            double d;
            uint64_t x; // string: offset; array/object: index of the node after the subtree
        };
    };
    static_assert(sizeof(Node) == 16, "JSON nodes are 16 bytes");
    static constexpr uint8_t kDecoded = 1, kDupKeys = 2;
    static constexpr int kBlockShift = 16; // 65,536 nodes (1 MiB) a block
    static constexpr uint32_t kBlockMask = (1u << kBlockShift) - 1;

    const Node& node(uint32_t i) const { return blocks_[i >> kBlockShift][i & kBlockMask]; }
    Node& node(uint32_t i) { return blocks_[i >> kBlockShift][i & kBlockMask]; }
    std::string_view str(const Node& n) const
    {
        return n.flags & kDecoded
                   ? std::string_view(decoded_chunks_[size_t(n.x >> 32)].get() + (n.x & 0xFFFFFFFFu), n.n)
                   : std::string_view(text_.data() + n.x, n.n);
    }
    // Index of the node after `i` and its subtree.
    uint32_t next(uint32_t i) const
    {
        const Node& n = node(i);
        return n.type >= JsonType::Array ? uint32_t(n.x) : i + 1;
    }

private:
    friend class JsonParser;
    std::string_view text_;
    std::vector<std::unique_ptr<Node[]>> blocks_;
    uint32_t node_count_ = 0;
    // Strings with escapes, decoded, in chunks that never move (views stay valid while the document grows); a
    // decoded string's x is (chunk << 32) | offset.
    std::vector<std::unique_ptr<char[]>> decoded_chunks_;
    size_t decoded_used_ = 0, decoded_cap_ = 0, decoded_bytes_ = 0;
    uint64_t StoreDecoded(const char* p, size_t n);
    // Find() starts after the member found last in the same object: the validator reads fields in document order.
    mutable uint32_t hint_obj_ = UINT32_MAX, hint_member_ = 0;
    friend class JsonValue;
};

struct JsonMember
{
    std::string_view key;
    JsonValue value;
};

class JsonValue::ItemIterator
{
public:
    ItemIterator(const JsonDocument* d, uint32_t i) : doc_(d), i_(i) {}
    JsonValue operator*() const { return JsonValue(doc_, i_); }
    ItemIterator& operator++()
    {
        i_ = doc_->next(i_);
        return *this;
    }
    bool operator!=(const ItemIterator& o) const { return i_ != o.i_; }
    bool operator==(const ItemIterator& o) const { return i_ == o.i_; }

private:
    const JsonDocument* doc_;
    uint32_t i_;
};

class JsonValue::MemberIterator
{
public:
    MemberIterator(const JsonDocument* d, uint32_t i) : doc_(d), i_(i) {}
    Member operator*() const { return Member{doc_->str(doc_->node(i_)), JsonValue(doc_, i_ + 1)}; }
    MemberIterator& operator++()
    {
        i_ = doc_->next(i_ + 1);
        return *this;
    }
    bool operator!=(const MemberIterator& o) const { return i_ != o.i_; }
    bool operator==(const MemberIterator& o) const { return i_ == o.i_; }

private:
    const JsonDocument* doc_;
    uint32_t i_;
};

inline JsonValue::ItemIterator JsonValue::ItemRange::begin() const { return ItemIterator(doc, first); }
inline JsonValue::ItemIterator JsonValue::ItemRange::end() const { return ItemIterator(doc, last); }
inline JsonValue::MemberIterator JsonValue::MemberRange::begin() const { return MemberIterator(doc, first); }
inline JsonValue::MemberIterator JsonValue::MemberRange::end() const { return MemberIterator(doc, last); }

inline JsonType JsonValue::type() const { return doc_->node(idx_).type; }

inline std::string_view JsonValue::GetString() const
{
    if (!doc_)
        return {};
    const JsonDocument::Node& n = doc_->node(idx_);
    return n.type == JsonType::String ? doc_->str(n) : std::string_view();
}

inline size_t JsonValue::Size() const
{
    if (!doc_)
        return 0;
    const JsonDocument::Node& n = doc_->node(idx_);
    return n.type >= JsonType::Array ? n.n : 0;
}

inline JsonValue::ItemRange JsonValue::Items() const
{
    if (!doc_ || type() != JsonType::Array)
        return ItemRange{doc_, 0, 0};
    return ItemRange{doc_, idx_ + 1, uint32_t(doc_->node(idx_).x)};
}

inline JsonValue::MemberRange JsonValue::Members() const
{
    if (!doc_ || type() != JsonType::Object)
        return MemberRange{doc_, 0, 0};
    return MemberRange{doc_, idx_ + 1, uint32_t(doc_->node(idx_).x)};
}

} // namespace gridstar
