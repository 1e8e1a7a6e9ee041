#include "core/dataset_json.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/geometry.h"
#include "core/json_reader.h"
#include "core/time_util.h"

namespace gridstar
{

namespace
{

double MsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// A JSON Pointer built lazily: a chain of (parent, key or index) on the stack, rendered only when a fault is
// reported, so the hot loops never build path strings. A Path must not outlive its parent: name every level
// (`Path a(root, "x"); Path b(a, i);`), never chain temporaries into a variable.
class Path
{
public:
    Path() = default;
    Path(const char* prefix) : prefix_(prefix) {}
    Path(const std::string& prefix) : prefix_(prefix) {}
    Path(std::string&&) = delete; // would dangle; pass a named string
    Path(std::string_view prefix) : prefix_(prefix) {}
    Path(const Path& parent, std::string_view key) : parent_(&parent), key_(key), is_key_(true) {}
    Path(const Path& parent, size_t index) : parent_(&parent), index_(index) {}

    void AppendTo(std::string* s) const
    {
        if (!parent_)
        {
            s->append(prefix_);
            return;
        }
        parent_->AppendTo(s);
        s->push_back('/');
        if (is_key_)
            AppendJsonPointerEscaped(s, key_);
        else
            s->append(std::to_string(index_));
    }
    std::string Str() const
    {
        std::string s;
        AppendTo(&s);
        return s;
    }

private:
    const Path* parent_ = nullptr;
    std::string_view prefix_;
    std::string_view key_;
    size_t index_ = 0;
    bool is_key_ = false;
};

// for (auto [i, v] : Enumerate(array)) — index and item.
struct IndexedItem
{
    size_t i;
    JsonValue v;
};
class Enumerate
{
public:
    explicit Enumerate(JsonValue a) : range_(a.Items()) {}
    class It
    {
    public:
        It(JsonValue::ItemIterator it) : it_(it) {}
        IndexedItem operator*() const { return IndexedItem{i_, *it_}; }
        It& operator++()
        {
            ++it_;
            ++i_;
            return *this;
        }
        bool operator!=(const It& o) const { return it_ != o.it_; }

    private:
        JsonValue::ItemIterator it_;
        size_t i_ = 0;
    };
    It begin() const { return It(range_.begin()); }
    It end() const { return It(range_.end()); }

private:
    JsonValue::ItemRange range_;
};

// A copy of a value as nlohmann::json (used for small opaque fields kept as JSON text, e.g. scene settings).
nlohmann::json ToNlohmann(JsonValue v)
{
    switch (v.type())
    {
    case JsonType::Null: return nullptr;
    case JsonType::False: return false;
    case JsonType::True: return true;
    case JsonType::Int: return v.GetInt64();
    case JsonType::UInt: return v.GetUint64();
    case JsonType::Double: return v.GetDouble();
    case JsonType::String: return std::string(v.GetString());
    case JsonType::Array:
    {
        nlohmann::json a = nlohmann::json::array();
        for (JsonValue item : v.Items())
            a.push_back(ToNlohmann(item));
        return a;
    }
    case JsonType::Object:
    {
        nlohmann::json o = nlohmann::json::object();
        for (auto m : v.Members())
            o[std::string(m.key)] = ToNlohmann(m.value); // the last of repeated keys wins
        return o;
    }
    }
    return nullptr;
}

// Members sorted by key, one per key (the last of repeated keys): the order nlohmann::json's std::map gave.
std::vector<JsonValue::Member> SortedMembers(JsonValue obj)
{
    std::vector<JsonValue::Member> m;
    m.reserve(obj.Size());
    for (auto mem : obj.Members())
        m.push_back(mem);
    std::stable_sort(m.begin(), m.end(), [](const JsonValue::Member& a, const JsonValue::Member& b) { return a.key < b.key; });
    std::vector<JsonValue::Member> out;
    out.reserve(m.size());
    for (size_t i = 0; i < m.size(); ++i)
        if (i + 1 == m.size() || m[i + 1].key != m[i].key)
            out.push_back(m[i]);
    return out;
}

// Ids -> item index: a flat open-addressing table of 8-byte slots (hash, entry number) over the entries kept in
// insertion order, keys viewing the document (valid while loading). Small slots matter: 100k activity ids fill 262,144
// of them, and an insert that probes a 2 MB table instead of a 6 MB one misses the cache less (the id inserts were 13%
// of a native load). Same interface as the unordered_map it replaced, for the few calls made.
class IdMap
{
public:
    struct Entry
    {
        std::string_view first;
        int32_t second;
    };
    void reserve(size_t n)
    {
        size_t cap = 16;
        while (cap < n * 2)
            cap <<= 1;
        if (cap > slots_.size())
            Rehash(cap);
        entries_.reserve(n);
    }
    // Inserts (key, index) unless key is present; returns the entry for key and whether it was inserted. The pointer
    // is valid until the next insert.
    std::pair<const Entry*, bool> emplace(std::string_view key, int32_t index)
    {
        if ((entries_.size() + 1) * 2 > slots_.size())
            Rehash(slots_.empty() ? 16 : slots_.size() * 2);
        const uint32_t h = Hash(key);
        const size_t mask = slots_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask)
        {
            Slot& s = slots_[i];
            if (s.entry < 0)
            {
                s.hash = h;
                s.entry = int32_t(entries_.size());
                entries_.push_back(Entry{key, index});
                return {&entries_.back(), true};
            }
            if (s.hash == h && SameKey(entries_[size_t(s.entry)].first, key))
                return {&entries_[size_t(s.entry)], false};
        }
    }
    const Entry* find(std::string_view key) const
    {
        if (slots_.empty())
            return nullptr;
        const uint32_t h = Hash(key);
        const size_t mask = slots_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask)
        {
            const Slot& s = slots_[i];
            if (s.entry < 0)
                return nullptr;
            if (s.hash == h && SameKey(entries_[size_t(s.entry)].first, key))
                return &entries_[size_t(s.entry)];
        }
    }
    const Entry* end() const { return nullptr; }
    size_t count(std::string_view key) const { return find(key) ? 1 : 0; }

    static uint32_t Hash(std::string_view k)
    {
        uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t(k.size()) * 0xFF51AFD7ED558CCDull);
        size_t i = 0;
        for (; i + 8 <= k.size(); i += 8)
        {
            uint64_t w;
            memcpy(&w, k.data() + i, 8);
            h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
            h ^= h >> 29;
        }
        uint64_t w = 0;
        memcpy(&w, k.data() + i, k.size() - i);
        h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
        h ^= h >> 32;
        h *= 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
        return uint32_t(h);
    }

private:
    struct Slot
    {
        uint32_t hash = 0;
        int32_t entry = -1; // into entries_; -1: empty
    };
    std::vector<Slot> slots_;
    std::vector<Entry> entries_;

    void Rehash(size_t cap)
    {
        slots_.assign(cap, Slot{});
        const size_t mask = cap - 1;
        for (size_t e = 0; e < entries_.size(); ++e)
        {
            const uint32_t h = Hash(entries_[e].first);
            size_t i = h & mask;
            while (slots_[i].entry >= 0)
                i = (i + 1) & mask;
            slots_[i] = Slot{h, int32_t(e)};
        }
    }
};

// ---- validation + model building ------------------------------------------------------------
class Validator
{
public:
    Validator(LoadResult& result, const LoadOptions& opt, Dataset& ds) : r_(result), opt_(opt), ds_(ds) {}

    void Run(JsonValue root);

    // Streaming the activities (LoadDatasetJson): BeginStream sees the root with the members before "activities";
    // when every section read before the activities is already there (the documented order), it reads them and
    // returns true, each activity is then read as the parser completes it (StreamActivity), and Finish reads the
    // rest. Faults come out exactly as Run gives them. Without streaming, Finish is Run.
    bool BeginStream(JsonValue partial_root);
    // Activity ids are checked for repeats once all activities are read, by sorting their hashes, instead of one by
    // one in a table: 100k inserts into a table that size missed the cache (14 ms of a 100k load in the page). When a
    // repeat turns up, its fault would come out of place, so LoadDatasetJson reads the file again with this off.
    bool defer_activity_ids = true;
    bool activity_id_repeat() const { return activity_id_repeat_; }
    void StreamActivity(JsonValue o, size_t i, size_t end_offset, size_t text_size);
    void Finish(JsonValue root);

private:
    bool streamed_ = false;
    size_t first_item_end_ = 0;
    std::vector<uint64_t> activity_id_hashes_; // deferred ids: hash << 32 | activity index
    bool activity_id_repeat_ = false;
    void DeferredActivityId(JsonValue v, const Path& path, std::string* out);
    void ReserveActivities(size_t n)
    {
        ds_.activities.reserve(n);
        if (defer_activity_ids)
            activity_id_hashes_.reserve(n);
        else
            activity_ids_.reserve(n);
    }
    void CheckDeferredActivityIds();
    bool FormatOk(JsonValue root);
    void ReadHead(JsonValue root);
    void ReadTail(JsonValue root);
    void ReadActivity(JsonValue o, size_t i);
    void MergeFaults();

    LoadResult& r_;
    const LoadOptions& opt_;
    Dataset& ds_;
    std::vector<Fault> errors_, warnings_;
    // Unknown keys are reported once per array and key, not once per item.
    std::unordered_set<std::string> unknown_seen_;

    IdMap street_ids_, community_ids_, grid_ids_, micro_ids_, team_ids_, activity_ids_, volunteer_ids_, period_ids_,
        class_ids_, indicator_ids_, event_ids_;
    IdMap category_index_;

    // -- fault recording --
    void Add(Severity sev, const Path& path, std::string zh, std::string en)
    {
        if (sev == Severity::Error)
            ++r_.error_count;
        else
            ++r_.warning_count;
        std::vector<Fault>& list = sev == Severity::Error ? errors_ : warnings_;
        if (errors_.size() + warnings_.size() >= opt_.max_faults_listed)
            return;
        Fault f;
        f.severity = sev;
        f.path = path.Str();
        f.message_zh = std::move(zh);
        f.message_en = std::move(en);
        list.push_back(std::move(f));
    }
    void Error(const Path& path, std::string zh, std::string en) { Add(Severity::Error, path, std::move(zh), std::move(en)); }
    void Warn(const Path& path, std::string zh, std::string en) { Add(Severity::Warning, path, std::move(zh), std::move(en)); }
    void Error(std::string&& path, std::string zh, std::string en) { Error(Path(path), std::move(zh), std::move(en)); }
    void Warn(std::string&& path, std::string zh, std::string en) { Warn(Path(path), std::move(zh), std::move(en)); }
    void Error(const char* path, std::string zh, std::string en) { Error(Path(path), std::move(zh), std::move(en)); }
    void Warn(const char* path, std::string zh, std::string en) { Warn(Path(path), std::move(zh), std::move(en)); }
    bool Missing(const char* path, const char* key, bool required) { return Missing(Path(path), key, required); }
    static std::string Join(const Path& path, std::string_view key)
    {
        std::string s = path.Str();
        s.push_back('/');
        AppendJsonPointerEscaped(&s, key);
        return s;
    }
    static std::string Join(const Path& path, size_t index) { return path.Str() + "/" + std::to_string(index); }

    // -- typed field readers: each returns true when a value was read; false when absent or wrong --
    static JsonValue Field(JsonValue obj, std::string_view key) { return obj.Find(key); }
    bool Missing(const Path& path, const char* key, bool required)
    {
        if (required)
            Error(Join(path, key), std::string("缺少必填字段 \"") + key + "\"",
                  std::string("required field \"") + key + "\" is missing");
        return false;
    }
    // The string itself, viewing the document.
    bool ReadStringView(JsonValue obj, const Path& path, const char* key, bool required, std::string_view* out,
                        bool non_empty = true)
    {
        return StringViewAt(Field(obj, key), path, key, required, out, non_empty);
    }
    // The *At readers take the field's value already found (absent when missing), e.g. by Gather.
    bool StringViewAt(JsonValue v, const Path& path, const char* key, bool required, std::string_view* out,
                      bool non_empty = true)
    {
        if (!v || v.IsNull())
            return Missing(path, key, required);
        if (!v.IsString())
        {
            Error(Join(path, key), "应为字符串，实为" + TypeZh(v), "must be a string, found " + TypeEn(v));
            return false;
        }
        std::string_view s = v.GetString();
        if (non_empty && s.empty())
        {
            if (required)
                Error(Join(path, key), "不能为空", "must not be empty");
            return false;
        }
        *out = s;
        return true;
    }
    bool ReadString(JsonValue obj, const Path& path, const char* key, bool required, std::string* out,
                    bool non_empty = true)
    {
        return StringAt(Field(obj, key), path, key, required, out, non_empty);
    }
    bool StringAt(JsonValue v, const Path& path, const char* key, bool required, std::string* out, bool non_empty = true)
    {
        std::string_view s;
        if (!StringViewAt(v, path, key, required, &s, non_empty))
            return false;
        out->assign(s.data(), s.size());
        return true;
    }
    bool ReadInt(JsonValue obj, const Path& path, const char* key, bool required, int64_t lo, int64_t hi, int64_t* out)
    {
        return IntAt(Field(obj, key), path, key, required, lo, hi, out);
    }
    bool IntAt(JsonValue v, const Path& path, const char* key, bool required, int64_t lo, int64_t hi, int64_t* out)
    {
        if (!v || v.IsNull())
            return Missing(path, key, required);
        bool integral = v.IsInteger();
        if (!integral && v.IsDouble())
        {
            double d = v.GetDouble();
            integral = std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15;
        }
        if (!integral)
        {
            Error(Join(path, key), "应为整数，实为" + TypeZh(v), "must be an integer, found " + TypeEn(v));
            return false;
        }
        int64_t x = v.IsUnsigned() ? INT64_MAX : (v.IsInteger() ? v.GetInt64() : int64_t(v.GetDouble()));
        if (x < lo || x > hi)
        {
            Error(Join(path, key), "超出范围 [" + std::to_string(lo) + ", " + std::to_string(hi) + "]：" + std::to_string(x),
                  "out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]: " + std::to_string(x));
            return false;
        }
        *out = x;
        return true;
    }
    bool ReadNumber(JsonValue obj, const Path& path, const char* key, bool required, double lo, double hi, double* out)
    {
        return NumberAt(Field(obj, key), path, key, required, lo, hi, out);
    }
    bool NumberAt(JsonValue v, const Path& path, const char* key, bool required, double lo, double hi, double* out)
    {
        if (!v || v.IsNull())
            return Missing(path, key, required);
        Path kp(path, std::string_view(key));
        return CheckNumber(v, kp, lo, hi, out);
    }
    bool CheckNumber(JsonValue v, const Path& path, double lo, double hi, double* out)
    {
        if (!v.IsNumber())
        {
            Error(path, "应为数字，实为" + TypeZh(v), "must be a number, found " + TypeEn(v));
            return false;
        }
        double d = v.GetDouble();
        if (!std::isfinite(d) || d < lo || d > hi)
        {
            Error(path, "超出范围 [" + Num(lo) + ", " + Num(hi) + "]：" + Num(d),
                  "out of range [" + Num(lo) + ", " + Num(hi) + "]: " + Num(d));
            return false;
        }
        *out = d;
        return true;
    }
    bool ReadBool(JsonValue obj, const Path& path, const char* key, bool* out)
    {
        JsonValue v = Field(obj, key);
        if (!v || v.IsNull())
            return false;
        if (!v.IsBool())
        {
            Error(Join(path, key), "应为 true 或 false，实为" + TypeZh(v), "must be true or false, found " + TypeEn(v));
            return false;
        }
        *out = v.GetBool();
        return true;
    }
    bool ReadDate(JsonValue obj, const Path& path, const char* key, bool required, std::string* out)
    {
        std::string_view s;
        if (!ReadStringView(obj, path, key, required, &s))
            return false;
        int64_t days = 0;
        if (!ParseDate(s, &days))
        {
            Error(Join(path, key), "日期无效：\"" + std::string(s) + "\"（应为 YYYY-MM-DD）",
                  "invalid date \"" + std::string(s) + "\" (expected YYYY-MM-DD)");
            return false;
        }
        out->assign(s.data(), s.size());
        return true;
    }
    bool ReadDateTime(JsonValue obj, const Path& path, const char* key, bool required, TimeSec* out)
    {
        return DateTimeAt(Field(obj, key), path, key, required, out);
    }
    bool DateTimeAt(JsonValue v, const Path& path, const char* key, bool required, TimeSec* out)
    {
        std::string_view s;
        if (!StringViewAt(v, path, key, required, &s))
            return false;
        if (!ParseDateTime(s, out))
        {
            Error(Join(path, key), "日期时间无效：\"" + std::string(s) + "\"（应为 YYYY-MM-DDTHH:MM）",
                  "invalid date-time \"" + std::string(s) + "\" (expected YYYY-MM-DDTHH:MM)");
            return false;
        }
        return true;
    }
    // An id field: a non-empty string that is unique within `ids`; records index.
    bool ReadId(JsonValue obj, const Path& path, IdMap& ids, int32_t index, std::string* out)
    {
        return IdAt(Field(obj, "id"), path, ids, index, out);
    }
    bool IdAt(JsonValue v, const Path& path, IdMap& ids, int32_t index, std::string* out)
    {
        std::string_view id;
        if (!IdText(v, path, out, &id))
            return false;
        auto ins = ids.emplace(id, index);
        if (!ins.second)
        {
            Error(Join(path, "id"), "编号 \"" + *out + "\" 重复（第一次出现在第 " + std::to_string(ins.first->second) + " 项）",
                  "duplicate id \"" + *out + "\" (first used by item " + std::to_string(ins.first->second) + ")");
            return false;
        }
        return true;
    }
    // What an id must be before its uniqueness is checked: a non-empty string of at most 64 bytes (copied to *out).
    bool IdText(JsonValue v, const Path& path, std::string* out, std::string_view* id)
    {
        if (!StringViewAt(v, path, "id", true, id))
            return false;
        out->assign(id->data(), id->size());
        if (id->size() > 64)
        {
            Error(Join(path, "id"), "编号过长（上限 64 字节）", "id too long (limit 64 bytes)");
            return false;
        }
        return true;
    }
    // A reference to another array's id. Returns the index, or -1 (and an error) when dangling.
    int32_t ReadRef(JsonValue obj, const Path& path, const char* key, bool required, const IdMap& ids,
                    const char* what_zh, const char* what_en)
    {
        return RefAt(Field(obj, key), path, key, required, ids, what_zh, what_en);
    }
    int32_t RefAt(JsonValue v, const Path& path, const char* key, bool required, const IdMap& ids, const char* what_zh,
                  const char* what_en)
    {
        std::string_view ref;
        if (!StringViewAt(v, path, key, required, &ref))
            return -1;
        auto it = ids.find(ref);
        if (it == ids.end())
        {
            Error(Join(path, key), std::string("引用的") + what_zh + " \"" + std::string(ref) + "\" 不存在",
                  std::string("refers to a ") + what_en + " \"" + std::string(ref) + "\" that does not exist");
            return -1;
        }
        return it->second;
    }
    // Unknown keys become one warning per array and key, in key order (as before).
    void CheckKeys(JsonValue obj, std::string_view array_path, const Path& item_path,
                   std::initializer_list<std::string_view> known)
    {
        CheckKeys(obj, array_path, item_path, known.begin(), known.size());
    }
    void CheckKeys(JsonValue obj, std::string_view array_path, const Path& item_path, const std::string_view* k,
                   size_t nk)
    {
        size_t j = 0;
        std::vector<std::string_view> unknown;
        for (auto m : obj.Members())
            if (MatchKey(k, nk, &j, m.key) == nk)
                unknown.push_back(m.key);
        if (unknown.empty())
            return;
        std::sort(unknown.begin(), unknown.end());
        unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
        for (std::string_view key : unknown)
        {
            std::string seen(array_path);
            seen += '\x1f';
            seen.append(key.data(), key.size());
            if (unknown_seen_.insert(std::move(seen)).second)
                Warn(Join(item_path, key), "未知字段 \"" + std::string(key) + "\"，已忽略",
                     "unknown field \"" + std::string(key) + "\" ignored");
        }
    }
    // The members of an object that a reader knows, found in one pass instead of one Find per field: the value of
    // each key of `keys` (the last occurrence of a repeated key, as Find gives; absent when missing), and whether any
    // member is not among `keys` (then CheckKeys says which).
    template <size_t N>
    struct Known
    {
        JsonValue v[N];
        bool unknown = false;
    };
    template <size_t N>
    static Known<N> Gather(JsonValue obj, const std::string_view (&keys)[N])
    {
        Known<N> f;
        size_t j = 0;
        for (auto m : obj.Members())
        {
            const size_t t = MatchKey(keys, N, &j, m.key);
            if (t == N)
                f.unknown = true;
            else
                f.v[t] = m.value;
        }
        return f;
    }
    // Which of the nk known keys `key` is (nk when none). Members usually come in the documented order: *next is
    // where the previous one matched + 1, tried first.
    static size_t MatchKey(const std::string_view* k, size_t nk, size_t* next, std::string_view key)
    {
        if (*next < nk && SameKey(k[*next], key))
            return (*next)++;
        for (size_t t = 0; t < nk; ++t)
            if (SameKey(k[t], key))
            {
                *next = t + 1;
                return t;
            }
        return nk;
    }
    JsonValue Array(JsonValue root, const char* key, bool required)
    {
        JsonValue v = Field(root, key);
        if (!v || v.IsNull())
        {
            Missing("", key, required);
            return {};
        }
        if (!v.IsArray())
        {
            Error(Join("", key), "应为数组，实为" + TypeZh(v), "must be an array, found " + TypeEn(v));
            return {};
        }
        return v;
    }
    bool IsObject(JsonValue v, const Path& path)
    {
        if (v.IsObject())
            return true;
        Error(path, "应为对象，实为" + TypeZh(v), "must be an object, found " + TypeEn(v));
        return false;
    }

    static std::string TypeZh(JsonValue v)
    {
        switch (v.type())
        {
        case JsonType::Null: return "null";
        case JsonType::True:
        case JsonType::False: return "布尔值";
        case JsonType::String: return "字符串";
        case JsonType::Array: return "数组";
        case JsonType::Object: return "对象";
        default: return "数字";
        }
    }
    static std::string TypeEn(JsonValue v)
    {
        switch (v.type())
        {
        case JsonType::Null: return "null";
        case JsonType::True:
        case JsonType::False: return "a boolean";
        case JsonType::String: return "a string";
        case JsonType::Array: return "an array";
        case JsonType::Object: return "an object";
        default: return "a number";
        }
    }
    static std::string Num(double d)
    {
        if (std::isnan(d))
            return "NaN";
        char buf[64];
        snprintf(buf, sizeof buf, "%g", d);
        return buf;
    }

    // -- sections --
    void ReadBoundary(JsonValue obj, const Path& path, MultiPolygon* out);
    bool ReadRing(JsonValue ring, const Path& path, Ring* out);
    void ReadDatasetInfo(JsonValue root);
    void ReadDistrict(JsonValue root);
    void ReadStreets(JsonValue root);
    void ReadCommunities(JsonValue root);
    void ReadGrids(JsonValue root);
    void ReadMicroGrids(JsonValue root);
    void ReadTeams(JsonValue root);
    void ReadActivities(JsonValue root);
    void ReadVolunteers(JsonValue root);
    void ReadMarkedDates(JsonValue root);
    void ReadCompetition(JsonValue root);
    void ReadRules(JsonValue ru, const std::string& rp, RatingRules* out);
    void ReadEvents(JsonValue root);
    void ReadScenes(JsonValue root);
};

bool Validator::ReadRing(JsonValue ring, const Path& path, Ring* out)
{
    if (!ring.IsArray())
    {
        Error(path, "环应为坐标数组", "a ring must be an array of positions");
        return false;
    }
    bool ok = true;
    out->clear();
    out->reserve(ring.Size());
    for (auto [i, pt] : Enumerate(ring))
    {
        if (!pt.IsArray() || pt.Size() < 2)
        {
            Error(Path(path, i), "坐标应为 [经度, 纬度]", "a position must be [lon, lat]");
            ok = false;
            continue;
        }
        auto it = pt.Items().begin();
        JsonValue v0 = *it;
        JsonValue v1 = *++it;
        double lon = 0, lat = 0;
        bool a, b;
        if (v0.IsNumber() && v1.IsNumber())
        {
            // Fast path: both numbers; the range checks below are the same as CheckNumber's.
            lon = v0.GetDouble();
            lat = v1.GetDouble();
            a = std::isfinite(lon) && lon >= -180 && lon <= 180;
            b = std::isfinite(lat) && lat >= -85 && lat <= 85;
            if (a && b)
            {
                out->push_back(LonLat{lon, lat});
                continue;
            }
        }
        Path pp(path, i);
        Path p0(pp, size_t(0)), p1(pp, size_t(1));
        a = CheckNumber(v0, p0, -180, 180, &lon);
        b = CheckNumber(v1, p1, -85, 85, &lat);
        if (!a || !b)
        {
            ok = false;
            continue;
        }
        out->push_back(LonLat{lon, lat});
    }
    if (!ok)
        return false;
    // The closing point is optional: drop it, and any consecutive duplicates.
    Ring cleaned;
    cleaned.reserve(out->size());
    for (const LonLat& p : *out)
        if (cleaned.empty() || cleaned.back().lon != p.lon || cleaned.back().lat != p.lat)
            cleaned.push_back(p);
    while (cleaned.size() > 1 && cleaned.front().lon == cleaned.back().lon && cleaned.front().lat == cleaned.back().lat)
        cleaned.pop_back();
    if (cleaned.size() < 3)
    {
        Error(path, "多边形环至少需要 3 个不同的点，实有 " + std::to_string(cleaned.size()) + " 个",
              "a polygon ring needs at least 3 distinct points, found " + std::to_string(cleaned.size()));
        return false;
    }
    if (RingSelfIntersects(cleaned))
        Warn(path, "多边形边界自相交，填充可能不准确", "the polygon ring intersects itself; its fill may be inexact");
    *out = std::move(cleaned);
    return true;
}

void Validator::ReadBoundary(JsonValue obj, const Path& path, MultiPolygon* out)
{
    JsonValue g = Field(obj, "boundary");
    if (!g || g.IsNull())
        return;
    Path gp(path, "boundary");
    if (!IsObject(g, gp))
        return;
    std::string_view type;
    if (!ReadStringView(g, gp, "type", true, &type))
        return;
    JsonValue coords = Field(g, "coordinates");
    Path cp(gp, "coordinates");
    if (!coords || !coords.IsArray())
    {
        Error(cp, "缺少坐标数组", "coordinates must be an array");
        return;
    }
    auto read_polygon = [&](JsonValue poly, const Path& pp, Polygon* p) {
        if (!poly.IsArray() || poly.Empty())
        {
            Error(pp, "多边形应为非空的环数组", "a polygon must be a non-empty array of rings");
            return false;
        }
        bool ok = true;
        p->reserve(poly.Size());
        for (auto [i, r] : Enumerate(poly))
        {
            Ring ring;
            Path rp(pp, i);
            if (ReadRing(r, rp, &ring))
                p->push_back(std::move(ring));
            else
                ok = false;
        }
        return ok;
    };
    if (type == "Polygon")
    {
        Polygon p;
        if (read_polygon(coords, cp, &p))
            out->push_back(std::move(p));
    }
    else if (type == "MultiPolygon")
    {
        for (auto [i, poly] : Enumerate(coords))
        {
            Polygon p;
            Path pp(cp, i);
            if (read_polygon(poly, pp, &p))
                out->push_back(std::move(p));
        }
    }
    else
    {
        Error(Join(gp, "type"), "边界类型应为 Polygon 或 MultiPolygon，实为 \"" + std::string(type) + "\"",
              "boundary type must be Polygon or MultiPolygon, found \"" + std::string(type) + "\"");
    }
}

void Validator::ReadDatasetInfo(JsonValue root)
{
    JsonValue d = Field(root, "dataset");
    if (!d)
    {
        Missing("", "dataset", true);
        return;
    }
    const Path dp("/dataset");
    if (!IsObject(d, dp))
        return;
    ReadString(d, dp, "name", true, &ds_.info.name);
    ReadDate(d, dp, "as_of", true, &ds_.info.as_of);
    ReadString(d, dp, "source", false, &ds_.info.source, false);
    ReadBool(d, dp, "synthetic", &ds_.info.synthetic);
    if (ReadString(d, dp, "language", false, &ds_.info.language) && ds_.info.language != "zh-Hans" &&
        ds_.info.language != "zh-Hant")
        Warn("/dataset/language", "语言应为 zh-Hans 或 zh-Hant", "language should be zh-Hans or zh-Hant");
    CheckKeys(d, "/dataset", dp, {"name", "as_of", "source", "synthetic", "language", "district"});
}

void Validator::ReadDistrict(JsonValue root)
{
    JsonValue d = Field(root, "district");
    if (!d)
    {
        Missing("", "district", true);
        return;
    }
    const Path dp("/district");
    if (!IsObject(d, dp))
        return;
    ReadString(d, dp, "id", true, &ds_.district.id);
    ReadString(d, dp, "name", true, &ds_.district.name);
    ReadBoundary(d, dp, &ds_.district.boundary);
    CheckKeys(d, "/district", dp, {"id", "name", "boundary"});
}

void Validator::ReadStreets(JsonValue root)
{
    JsonValue arr = Array(root, "streets", true);
    if (!arr)
        return;
    ds_.streets.reserve(arr.Size());
    street_ids_.reserve(arr.Size());
    const Path ap("/streets");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        Street s;
        ReadId(o, p, street_ids_, int32_t(ds_.streets.size()), &s.id);
        ReadString(o, p, "name", true, &s.name);
        std::string_view kind;
        if (ReadStringView(o, p, "kind", false, &kind))
        {
            if (kind == "town")
                s.is_town = true;
            else if (kind != "street")
                Error(Join(p, "kind"), "类型应为 street 或 town", "kind must be street or town");
        }
        ReadBoundary(o, p, &s.boundary);
        CheckKeys(o, "/streets", p, {"id", "name", "kind", "boundary"});
        ds_.streets.push_back(std::move(s));
    }
    if (ds_.streets.empty() && r_.error_count == 0)
        Warn("/streets", "没有街道", "no streets");
}

void Validator::ReadCommunities(JsonValue root)
{
    JsonValue arr = Array(root, "communities", true);
    if (!arr)
        return;
    ds_.communities.reserve(arr.Size());
    community_ids_.reserve(arr.Size());
    const Path ap("/communities");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        Community c;
        ReadId(o, p, community_ids_, int32_t(ds_.communities.size()), &c.id);
        ReadString(o, p, "name", true, &c.name);
        c.street = ReadRef(o, p, "street_id", true, street_ids_, "街道", "street");
        std::string_view kind;
        if (ReadStringView(o, p, "kind", true, &kind))
        {
            if (kind == "urban")
                c.kind = CommunityKind::Urban;
            else if (kind == "village")
                c.kind = CommunityKind::Village;
            else if (kind == "transition")
                c.kind = CommunityKind::Transition;
            else
                Error(Join(p, "kind"), "类型应为 urban、village 或 transition，实为 \"" + std::string(kind) + "\"",
                      "kind must be urban, village or transition, found \"" + std::string(kind) + "\"");
        }
        ReadInt(o, p, "households", false, 0, 100000000, &c.households);
        ReadInt(o, p, "population", false, 0, 1000000000, &c.population);
        ReadString(o, p, "secretary", false, &c.secretary);
        ReadString(o, p, "class_id", false, &c.class_id);
        ReadBoundary(o, p, &c.boundary);
        CheckKeys(o, "/communities", p,
                  {"id", "name", "street_id", "kind", "households", "population", "secretary", "class_id", "boundary"});
        ds_.communities.push_back(std::move(c));
    }
}

void Validator::ReadGrids(JsonValue root)
{
    JsonValue arr = Array(root, "grids", false);
    if (!arr)
        return;
    ds_.grids.reserve(arr.Size());
    grid_ids_.reserve(arr.Size());
    size_t without_worker = 0;
    std::string first_without;
    const Path ap("/grids");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        Grid g;
        ReadId(o, p, grid_ids_, int32_t(ds_.grids.size()), &g.id);
        ReadString(o, p, "name", true, &g.name);
        g.community = ReadRef(o, p, "community_id", true, community_ids_, "社区", "community");
        std::string_view color;
        if (ReadStringView(o, p, "color", false, &color))
        {
            static const char* kNames[] = {"", "red", "orange", "yellow", "green", "blue"};
            bool found = false;
            for (int k = 1; k < kGridColorCount; ++k)
                if (color == kNames[k])
                {
                    g.color = GridColor(k);
                    found = true;
                }
            if (!found)
                Error(Join(p, "color"), "网格颜色应为 red/orange/yellow/green/blue，实为 \"" + std::string(color) + "\"",
                      "grid colour must be red/orange/yellow/green/blue, found \"" + std::string(color) + "\"");
        }
        ReadString(o, p, "category", false, &g.category);
        ReadInt(o, p, "households", false, 0, 10000000, &g.households);
        ReadString(o, p, "party_branch", false, &g.party_branch);
        JsonValue w = Field(o, "worker");
        if (w && !w.IsNull())
        {
            Path wp(p, "worker");
            if (IsObject(w, wp))
            {
                ReadString(w, wp, "name", false, &g.worker.name);
                ReadString(w, wp, "phone", false, &g.worker.phone);
                CheckKeys(w, "/grids/worker", wp, {"name", "phone"});
            }
        }
        if (g.worker.name.empty())
        {
            if (without_worker++ == 0)
                first_without = p.Str();
        }
        ReadBoundary(o, p, &g.boundary);
        CheckKeys(o, "/grids", p,
                  {"id", "name", "community_id", "color", "category", "households", "party_branch", "worker",
                   "boundary"});
        ds_.grids.push_back(std::move(g));
    }
    if (without_worker > 0)
        Warn(first_without + "/worker",
             std::to_string(without_worker) + " 个网格没有网格员（第一个见此处）",
             std::to_string(without_worker) + " grid(s) have no grid worker (the first is here)");
}

void Validator::ReadMicroGrids(JsonValue root)
{
    JsonValue arr = Array(root, "micro_grids", false);
    if (!arr)
        return;
    ds_.micro_grids.reserve(arr.Size());
    micro_ids_.reserve(arr.Size());
    const Path ap("/micro_grids");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        MicroGrid m;
        ReadId(o, p, micro_ids_, int32_t(ds_.micro_grids.size()), &m.id);
        ReadString(o, p, "name", true, &m.name);
        m.grid = ReadRef(o, p, "grid_id", true, grid_ids_, "网格", "grid");
        ReadInt(o, p, "households", false, 0, 10000000, &m.households);
        ReadString(o, p, "leader", false, &m.leader);
        ReadBoundary(o, p, &m.boundary);
        CheckKeys(o, "/micro_grids", p, {"id", "name", "grid_id", "households", "leader", "boundary"});
        ds_.micro_grids.push_back(std::move(m));
    }
}

void Validator::ReadTeams(JsonValue root)
{
    JsonValue arr = Array(root, "teams", false);
    if (!arr)
        return;
    ds_.teams.reserve(arr.Size());
    team_ids_.reserve(arr.Size());
    const Path ap("/teams");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        Team t;
        ReadId(o, p, team_ids_, int32_t(ds_.teams.size()), &t.id);
        ReadString(o, p, "name", true, &t.name);
        t.community = ReadRef(o, p, "community_id", false, community_ids_, "社区", "community");
        ReadString(o, p, "focus", false, &t.focus);
        ReadInt(o, p, "members", false, 0, 100000000, &t.members);
        CheckKeys(o, "/teams", p, {"id", "name", "community_id", "focus", "members"});
        ds_.teams.push_back(std::move(t));
    }
}

void Validator::ReadActivities(JsonValue root)
{
    JsonValue arr = Array(root, "activities", false);
    if (!arr)
        return;
    ReserveActivities(arr.Size());
    for (auto [i, o] : Enumerate(arr))
        ReadActivity(o, i);
}

void Validator::StreamActivity(JsonValue o, size_t i, size_t end_offset, size_t text_size)
{
    // The array's length is not known yet: after 1,024 items, reserve for what the rest of the file would hold.
    if (i == 0)
        first_item_end_ = end_offset;
    else if (i == 1023 && end_offset > first_item_end_)
    {
        const double per_item = double(end_offset - first_item_end_) / 1023.0;
        const double est = 1024.0 + double(text_size - end_offset) / per_item;
        const size_t n = size_t(std::min(est * 1.02, double(opt_.max_array_items)));
        ReserveActivities(n);
    }
    if ((i & 4095) == 4095 && opt_.progress)
        opt_.progress(end_offset);
    ReadActivity(o, i);
}

void Validator::ReadActivity(JsonValue o, size_t i)
{
    static constexpr std::string_view kKeys[] = {"id",    "title", "category",     "team_id", "community_id", "grid_id",
                                                 "start", "end",   "participants", "hours",   "beneficiary"};
    enum
    {
        kId,
        kTitle,
        kCategory,
        kTeam,
        kCommunity,
        kGrid,
        kStart,
        kEnd,
        kParticipants,
        kHours,
        kBeneficiary
    };
    const Path ap("/activities");
    Path p(ap, i);
    if (!IsObject(o, p))
        return;
    const Known<11> f = Gather(o, kKeys);
    ds_.activities.emplace_back();
    Activity& a = ds_.activities.back();
    if (defer_activity_ids)
        DeferredActivityId(f.v[kId], p, &a.id);
    else
        IdAt(f.v[kId], p, activity_ids_, int32_t(i) /* the JSON index, for "first used by item N" */, &a.id);
    StringAt(f.v[kTitle], p, "title", true, &a.title);
    std::string_view cat;
    if (StringViewAt(f.v[kCategory], p, "category", true, &cat))
    {
        auto found = category_index_.find(cat);
        if (found == category_index_.end())
        {
            found = category_index_.emplace(cat, int32_t(ds_.categories.size())).first;
            ds_.categories.emplace_back(cat);
        }
        a.category = found->second;
    }
    a.team = RefAt(f.v[kTeam], p, "team_id", true, team_ids_, "志愿队伍", "team");
    a.community = RefAt(f.v[kCommunity], p, "community_id", true, community_ids_, "社区", "community");
    a.grid = RefAt(f.v[kGrid], p, "grid_id", false, grid_ids_, "网格", "grid");
    bool s_ok = DateTimeAt(f.v[kStart], p, "start", true, &a.start);
    bool e_ok = DateTimeAt(f.v[kEnd], p, "end", true, &a.end);
    if (s_ok && e_ok && a.end < a.start)
        Error(Join(p, "end"), "结束时间早于开始时间", "end is before start");
    int64_t participants = 0;
    if (IntAt(f.v[kParticipants], p, "participants", false, 0, 10000000, &participants))
        a.participants = int32_t(participants);
    NumberAt(f.v[kHours], p, "hours", false, 0, 1e8, &a.hours);
    StringAt(f.v[kBeneficiary], p, "beneficiary", false, &a.beneficiary);
    if (f.unknown)
        CheckKeys(o, "/activities", p, kKeys, std::size(kKeys));
}

// What IdAt checks in place; the repeat check comes later (CheckDeferredActivityIds).
void Validator::DeferredActivityId(JsonValue v, const Path& path, std::string* out)
{
    std::string_view id;
    if (!IdText(v, path, out, &id))
        return;
    activity_id_hashes_.push_back(uint64_t(IdMap::Hash(id)) << 32 | uint32_t(ds_.activities.size() - 1));
}

void Validator::CheckDeferredActivityIds()
{
    // Least significant digit radix sort on the hash (the upper 32 bits), 11 + 11 + 10 bits: sequential passes
    // over the array where a table probes at random. Then equal hashes sit together and their ids are compared.
    std::vector<uint64_t>& v = activity_id_hashes_;
    std::vector<uint64_t> tmp(v.size());
    std::vector<uint32_t> count;
    for (int shift = 32; shift < 64; shift += 11)
    {
        count.assign(2049, 0);
        for (uint64_t x : v)
            ++count[((x >> shift) & 2047) + 1];
        for (size_t i = 1; i < count.size(); ++i)
            count[i] += count[i - 1];
        for (uint64_t x : v)
            tmp[count[(x >> shift) & 2047]++] = x;
        v.swap(tmp);
    }
    auto id = [&](uint64_t x) -> const std::string& { return ds_.activities[uint32_t(x)].id; };
    for (size_t i = 0; i < v.size();)
    {
        size_t j = i + 1;
        while (j < v.size() && (v[j] >> 32) == (v[i] >> 32))
            ++j;
        // Equal hashes are rare, but a hostile file can make many: a group is sorted by id (not compared pairwise),
        // and a repeat is then next to its twin.
        if (j - i > 1)
        {
            std::sort(v.begin() + long(i), v.begin() + long(j), [&](uint64_t a, uint64_t b) { return id(a) < id(b); });
            for (size_t a = i; a + 1 < j; ++a)
                if (id(v[a]) == id(v[a + 1]))
                {
                    activity_id_repeat_ = true;
                    return;
                }
        }
        i = j;
    }
    std::vector<uint64_t>().swap(v);
}

void Validator::ReadVolunteers(JsonValue root)
{
    JsonValue arr = Array(root, "volunteers", false);
    if (!arr)
        return;
    ds_.volunteers.reserve(arr.Size());
    volunteer_ids_.reserve(arr.Size());
    const Path ap("/volunteers");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        Volunteer v;
        ReadId(o, p, volunteer_ids_, int32_t(ds_.volunteers.size()), &v.id);
        v.team = ReadRef(o, p, "team_id", true, team_ids_, "志愿队伍", "team");
        ReadDate(o, p, "since", false, &v.since);
        ReadNumber(o, p, "hours", false, 0, 1e7, &v.hours);
        for (const char* personal : {"name", "phone", "id_card"})
            if (o.Contains(personal))
                Warn(Join(p, personal), "志愿者个人信息不属于本格式，已忽略",
                     "personal data of volunteers is not part of the format; ignored");
        CheckKeys(o, "/volunteers", p, {"id", "team_id", "since", "hours", "name", "phone", "id_card"});
        ds_.volunteers.push_back(std::move(v));
    }
}

void Validator::ReadMarkedDates(JsonValue root)
{
    JsonValue arr = Array(root, "marked_dates", false);
    if (!arr)
        return;
    const Path ap("/marked_dates");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        MarkedDate m;
        std::string date;
        if (ReadString(o, p, "date", true, &date))
        {
            int64_t days = 0;
            int mm = 0, dd = 0;
            if (ParseDate(date, &days))
            {
                CivilDate c = CivilFromDays(days);
                m.year = c.year;
                m.month = c.month;
                m.day = c.day;
            }
            else if (date.size() == 5 && date[2] == '-' && sscanf(date.c_str(), "%2d-%2d", &mm, &dd) == 2 &&
                     IsValidDate(2024, mm, dd))
            {
                m.month = mm;
                m.day = dd;
            }
            else
            {
                Error(Join(p, "date"), "日期应为 MM-DD 或 YYYY-MM-DD：\"" + date + "\"",
                      "date must be MM-DD or YYYY-MM-DD: \"" + date + "\"");
            }
        }
        ReadString(o, p, "label", true, &m.label);
        CheckKeys(o, "/marked_dates", p, {"date", "label"});
        if (m.month > 0)
            ds_.marked_dates.push_back(std::move(m));
    }
}

void Validator::ReadCompetition(JsonValue root)
{
    JsonValue c = Field(root, "competition");
    if (!c || c.IsNull())
        return;
    const std::string cp = "/competition";
    if (!IsObject(c, cp))
        return;
    Competition& comp = ds_.competition;
    comp.present = true;
    auto array = [&](const char* key) -> JsonValue {
        JsonValue v = Field(c, key);
        if (!v)
        {
            Missing(cp, key, true);
            return {};
        }
        if (!v.IsArray())
        {
            Error(Join(cp, key), "应为数组", "must be an array");
            return {};
        }
        return v;
    };
    // periods, in time order
    if (JsonValue arr = array("periods"))
    {
        int64_t prev_start = INT64_MIN;
        const std::string ap = cp + "/periods";
        const Path app(ap);
        for (auto [i, o] : Enumerate(arr))
        {
            Path p(app, i);
            if (!IsObject(o, p))
                continue;
            Period per;
            ReadId(o, p, period_ids_, int32_t(comp.periods.size()), &per.id);
            if (!ReadString(o, p, "name", false, &per.name))
                per.name = per.id;
            bool s_ok = ReadDate(o, p, "start", true, &per.start);
            bool e_ok = ReadDate(o, p, "end", true, &per.end);
            int64_t s_days = 0, e_days = 0;
            if (s_ok && e_ok && ParseDate(per.start, &s_days) && ParseDate(per.end, &e_days))
            {
                if (e_days < s_days)
                    Error(Join(p, "end"), "结束日期早于开始日期", "end is before start");
                if (s_days <= prev_start)
                    Error(Join(p, "start"), "考核周期应按时间先后排列", "periods must be in time order");
                prev_start = s_days;
            }
            CheckKeys(o, ap, p, {"id", "name", "start", "end"});
            comp.periods.push_back(std::move(per));
        }
    }
    if (JsonValue arr = array("classes"))
    {
        const std::string ap = cp + "/classes";
        const Path app(ap);
        for (auto [i, o] : Enumerate(arr))
        {
            Path p(app, i);
            if (!IsObject(o, p))
                continue;
            CompetitionClass cls;
            ReadId(o, p, class_ids_, int32_t(comp.classes.size()), &cls.id);
            ReadString(o, p, "name", true, &cls.name);
            JsonValue kinds = Field(o, "kinds");
            if (kinds && kinds.IsArray())
            {
                Path kp(p, "kinds");
                for (auto [k, kv] : Enumerate(kinds))
                {
                    std::string_view s = kv.IsString() ? kv.GetString() : std::string_view();
                    if (s == "urban")
                        cls.kinds.push_back(CommunityKind::Urban);
                    else if (s == "village")
                        cls.kinds.push_back(CommunityKind::Village);
                    else if (s == "transition")
                        cls.kinds.push_back(CommunityKind::Transition);
                    else
                        Error(Join(kp, k), "应为 urban、village 或 transition", "must be urban, village or transition");
                }
            }
            else if (kinds)
            {
                Error(Join(p, "kinds"), "应为数组", "must be an array");
            }
            CheckKeys(o, ap, p, {"id", "name", "kinds"});
            comp.classes.push_back(std::move(cls));
        }
    }
    if (JsonValue arr = array("indicators"))
    {
        const std::string ap = cp + "/indicators";
        const Path app(ap);
        for (auto [i, o] : Enumerate(arr))
        {
            Path p(app, i);
            if (!IsObject(o, p))
                continue;
            Indicator ind;
            ReadId(o, p, indicator_ids_, int32_t(comp.indicators.size()), &ind.id);
            ReadString(o, p, "name", true, &ind.name);
            if (ReadNumber(o, p, "weight", true, 0, 1e6, &ind.weight) && ind.weight <= 0)
                Error(Join(p, "weight"), "权重必须大于 0", "weight must be greater than 0");
            if (ReadNumber(o, p, "max", true, 0, 1e9, &ind.max) && ind.max <= 0)
                Error(Join(p, "max"), "满分必须大于 0", "max must be greater than 0");
            CheckKeys(o, ap, p, {"id", "name", "weight", "max"});
            comp.indicators.push_back(std::move(ind));
        }
        if (comp.indicators.empty())
            Error(cp + "/indicators", "至少需要一个指标", "at least one indicator is needed");
    }
    // rules
    JsonValue ru = Field(c, "rules");
    if (!ru)
        Missing(cp, "rules", true);
    else
        ReadRules(ru, cp + "/rules", &comp.rules);
    // saved rule sets: simulations a user kept ("save as new rule set"); never the published rules
    if (JsonValue sets = Field(c, "saved_rule_sets"); sets && !sets.IsNull())
    {
        const std::string sp = cp + "/saved_rule_sets";
        if (!sets.IsArray())
            Error(sp, "应为数组", "must be an array");
        else
        {
            const Path sps(sp);
            for (auto [i, o] : Enumerate(sets))
            {
                Path p(sps, i);
                if (!IsObject(o, p))
                    continue;
                RuleSet set;
                ReadString(o, p, "name", true, &set.name);
                std::string_view when;
                if (ReadStringView(o, p, "saved_at", false, &when))
                {
                    int64_t days = 0;
                    if (!ParseDate(when, &days))
                        Error(Join(p, "saved_at"), "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
                    set.saved_at = std::string(when);
                }
                // weights: {indicator id: weight}; indicators not listed keep their published weight
                for (const Indicator& ind : comp.indicators)
                    set.weights.push_back(ind.weight);
                if (JsonValue w = Field(o, "weights"); w && w.IsObject())
                {
                    const std::string wps = Join(p, "weights");
                    const Path wp(wps);
                    for (size_t k = 0; k < comp.indicators.size(); ++k)
                        if (ReadNumber(w, wp, comp.indicators[k].id.c_str(), false, 0, 1e6, &set.weights[k]) &&
                            set.weights[k] < 0)
                            Error(Join(wp, comp.indicators[k].id), "权重不能为负", "weight must not be negative");
                    std::vector<std::string_view> known;
                    for (const Indicator& ind : comp.indicators)
                        known.push_back(ind.id);
                    CheckKeys(w, wps, wp, known.data(), known.size());
                }
                else if (w)
                    Error(Join(p, "weights"), "应为对象", "must be an object");
                if (JsonValue r = Field(o, "rules"))
                    ReadRules(r, Join(p, "rules"), &set.rules);
                else
                    Missing(p, "rules", true);
                CheckKeys(o, sp, p, {"name", "saved_at", "weights", "rules"});
                comp.rule_sets.push_back(std::move(set));
            }
        }
    }
    // scores
    if (JsonValue arr = array("scores"))
    {
        comp.scores.reserve(arr.Size());
        std::unordered_set<int64_t> seen;
        seen.reserve(arr.Size());
        const size_t n_ind = comp.indicators.size();
        auto read_items = [&](JsonValue o, const Path& p, const char* key, std::vector<PointItem>* out) {
            JsonValue items = Field(o, key);
            if (!items || items.IsNull())
                return;
            Path ip(p, std::string_view(key));
            if (!items.IsArray())
            {
                Error(ip, "应为数组", "must be an array");
                return;
            }
            for (auto [k, it] : Enumerate(items))
            {
                Path kp(ip, k);
                if (!IsObject(it, kp))
                    continue;
                PointItem pi;
                ReadNumber(it, kp, "points", true, 0, 1e6, &pi.points);
                ReadString(it, kp, "reason", true, &pi.reason);
                out->push_back(std::move(pi));
            }
        };
        const std::string ap = cp + "/scores";
        const Path app(ap);
        for (auto [i, o] : Enumerate(arr))
        {
            Path p(app, i);
            if (!IsObject(o, p))
                continue;
            ScoreEntry e;
            e.period = ReadRef(o, p, "period", true, period_ids_, "考核周期", "period");
            e.community = ReadRef(o, p, "community_id", true, community_ids_, "社区", "community");
            if (e.period >= 0 && e.community >= 0 &&
                !seen.insert(int64_t(e.period) * 100000000 + e.community).second)
                Error(p, "同一社区在同一周期有重复的评分", "duplicate score entry for this community and period");
            e.values.assign(n_ind, std::nan(""));
            JsonValue vals = Field(o, "values");
            Path vp(p, "values");
            if (!vals)
                Missing(p, "values", true);
            else if (!vals.IsObject())
                Error(vp, "应为对象（指标编号 → 分数）", "must be an object (indicator id -> score)");
            else
            {
                // In key order, one per key, as the checks always reported them.
                for (const JsonValue::Member& m : SortedMembers(vals))
                {
                    auto ind = indicator_ids_.find(m.key);
                    Path kp(vp, m.key);
                    if (ind == indicator_ids_.end())
                    {
                        Error(kp, "未知指标 \"" + std::string(m.key) + "\"", "unknown indicator \"" + std::string(m.key) + "\"");
                        continue;
                    }
                    if (m.value.IsNull())
                        continue; // explicitly missing
                    double v = 0;
                    double mx = comp.indicators[size_t(ind->second)].max;
                    if (CheckNumber(m.value, kp, 0, mx, &v))
                        e.values[size_t(ind->second)] = v;
                }
            }
            read_items(o, p, "bonus", &e.bonus);
            read_items(o, p, "deductions", &e.deductions);
            ReadBool(o, p, "late", &e.late);
            ReadBool(o, p, "disqualified", &e.disqualified);
            ReadString(o, p, "note", false, &e.note);
            CheckKeys(o, ap, p, {"period", "community_id", "values", "bonus", "deductions", "late", "disqualified", "note"});
            comp.scores.push_back(std::move(e));
        }
    }
    // class assignment must resolve for every community
    for (size_t i = 0; i < ds_.communities.size(); ++i)
    {
        const Community& cm = ds_.communities[i];
        if (!cm.class_id.empty())
        {
            if (!class_ids_.count(cm.class_id))
                Error("/communities/" + std::to_string(i) + "/class_id", "引用的评比类别 \"" + cm.class_id + "\" 不存在",
                      "refers to a competition class \"" + cm.class_id + "\" that does not exist");
        }
    }
    CheckKeys(c, cp, cp, {"periods", "classes", "indicators", "rules", "saved_rule_sets", "scores"});
}

void Validator::ReadRules(JsonValue ru, const std::string& rp, RatingRules* out)
{
    RatingRules& rules = *out;
    const Path rpp(rp);
    if (!IsObject(ru, rp))
        return;
    if (JsonValue stars = Field(ru, "stars"); stars && stars.IsArray())
    {
        std::unordered_set<int> seen;
        const std::string sps = rp + "/stars";
        const Path sp(sps);
        for (auto [i, o] : Enumerate(stars))
        {
            Path p(sp, i);
            if (!IsObject(o, p))
                continue;
            StarRule s;
            int64_t n = 0;
            if (ReadInt(o, p, "stars", true, 1, 5, &n))
            {
                s.stars = int(n);
                if (!seen.insert(s.stars).second)
                    Error(Join(p, "stars"), "星级重复", "duplicate star level");
            }
            ReadNumber(o, p, "min_each", false, 0, 1e9, &s.min_each);
            ReadNumber(o, p, "min_total", false, -1e12, 1e12, &s.min_total);
            rules.stars.push_back(s);
        }
    }
    else if (ru.Contains("stars"))
        Error(rp + "/stars", "应为数组", "must be an array");
    if (JsonValue tt = Field(ru, "top_title"); tt && tt.IsObject())
    {
        const std::string ps = rp + "/top_title";
        const Path p(ps);
        ReadString(tt, p, "name", true, &rules.top_title.name);
        ReadNumber(tt, p, "min_each", false, 0, 1e9, &rules.top_title.min_each);
        ReadNumber(tt, p, "min_total", false, -1e12, 1e12, &rules.top_title.min_total);
        ReadNumber(tt, p, "quota_pct", false, 0, 100, &rules.top_title.quota_pct);
    }
    if (JsonValue rw = Field(ru, "rewards"); rw && rw.IsArray())
    {
        const std::string ps = rp + "/rewards";
        const Path wp(ps);
        for (auto [i, o] : Enumerate(rw))
        {
            Path p(wp, i);
            if (!IsObject(o, p))
                continue;
            RewardBand b;
            int64_t from = 1, to = 1;
            ReadInt(o, p, "rank_from", true, 1, 1000000, &from);
            ReadInt(o, p, "rank_to", true, 1, 1000000, &to);
            if (to < from)
                Error(Join(p, "rank_to"), "名次区间结束小于开始", "rank_to is less than rank_from");
            b.rank_from = int(from);
            b.rank_to = int(to);
            ReadNumber(o, p, "community", false, 0, 1e12, &b.community);
            ReadNumber(o, p, "secretary", false, 0, 1e12, &b.secretary);
            rules.rewards.push_back(b);
        }
    }
    if (JsonValue sr = Field(ru, "star_rewards"); sr && sr.IsArray())
    {
        const std::string ps = rp + "/star_rewards";
        const Path sp(ps);
        for (auto [i, o] : Enumerate(sr))
        {
            Path p(sp, i);
            if (!IsObject(o, p))
                continue;
            StarReward s;
            int64_t n = 0;
            if (ReadInt(o, p, "stars", true, 1, 5, &n))
                s.stars = int(n);
            ReadNumber(o, p, "community", false, 0, 1e12, &s.community);
            ReadNumber(o, p, "secretary", false, 0, 1e12, &s.secretary);
            rules.star_rewards.push_back(s);
        }
    }
    ReadNumber(ru, rpp, "budget", false, 0, 1e13, &rules.budget);
    std::string_view s;
    if (ReadStringView(ru, rpp, "missing", false, &s))
    {
        if (s == "zero")
            rules.missing = MissingRule::Zero;
        else if (s != "exclude")
            Error(rp + "/missing", "应为 exclude 或 zero", "must be exclude or zero");
    }
    if (ReadStringView(ru, rpp, "late", false, &s))
    {
        if (s == "penalty")
            rules.late = LateRule::Penalty;
        else if (s == "exclude")
            rules.late = LateRule::Exclude;
        else if (s != "accept")
            Error(rp + "/late", "应为 accept、penalty 或 exclude", "must be accept, penalty or exclude");
    }
    ReadNumber(ru, rpp, "late_penalty", false, 0, 1e9, &rules.late_penalty);
    if (JsonValue tb = Field(ru, "tie_break"); tb && tb.IsArray())
    {
        const std::string ps = rp + "/tie_break";
        const Path tp(ps);
        for (auto [i, v] : Enumerate(tb))
        {
            std::string_view t = v.IsString() ? v.GetString() : std::string_view();
            if (t == "min_indicator")
                rules.tie_break.push_back(TieBreak::MinIndicator);
            else if (t == "fewer_deductions")
                rules.tie_break.push_back(TieBreak::FewerDeductions);
            else if (t == "id")
                rules.tie_break.push_back(TieBreak::Id);
            else
                Error(Join(tp, i), "应为 min_indicator、fewer_deductions 或 id",
                      "must be min_indicator, fewer_deductions or id");
        }
    }
    CheckKeys(ru, rp, rpp,
              {"stars", "top_title", "rewards", "star_rewards", "budget", "missing", "late", "late_penalty",
               "tie_break"});
}

void Validator::ReadEvents(JsonValue root)
{
    JsonValue arr = Array(root, "events", false);
    if (!arr)
        return;
    ds_.events.reserve(arr.Size());
    event_ids_.reserve(arr.Size());
    const Path ap("/events");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        Event e;
        ReadId(o, p, event_ids_, int32_t(ds_.events.size()), &e.id);
        e.grid = ReadRef(o, p, "grid_id", true, grid_ids_, "网格", "grid");
        ReadString(o, p, "type", false, &e.type);
        std::string_view st;
        if (ReadStringView(o, p, "status", true, &st))
        {
            static const char* kStatus[] = {"发现", "上报", "处置", "反馈", "评价", "closed"};
            bool found = false;
            for (int k = 0; k < 6; ++k)
                if (st == kStatus[k])
                {
                    e.status = EventStatus(k);
                    found = true;
                }
            if (!found)
                Error(Join(p, "status"), "状态应为 发现/上报/处置/反馈/评价/closed", "status must be 发现/上报/处置/反馈/评价/closed");
        }
        ReadDateTime(o, p, "reported_at", true, &e.reported_at);
        if (ReadDateTime(o, p, "closed_at", false, &e.closed_at) && e.closed_at < e.reported_at)
            Error(Join(p, "closed_at"), "办结时间早于上报时间", "closed_at is before reported_at");
        int64_t sat = 0;
        if (ReadInt(o, p, "satisfaction", false, 1, 5, &sat))
            e.satisfaction = int(sat);
        CheckKeys(o, "/events", p, {"id", "grid_id", "type", "status", "reported_at", "closed_at", "satisfaction"});
        ds_.events.push_back(std::move(e));
    }
}

void Validator::ReadScenes(JsonValue root)
{
    JsonValue arr = Array(root, "scenes", false);
    if (!arr)
        return;
    const Path ap("/scenes");
    for (auto [i, o] : Enumerate(arr))
    {
        Path p(ap, i);
        if (!IsObject(o, p))
            continue;
        Scene s;
        ReadString(o, p, "title", true, &s.title);
        if (ReadString(o, p, "view", true, &s.view) && s.view != "overview" && s.view != "map" &&
            s.view != "timeline" && s.view != "ranking")
            Error(Join(p, "view"), "视图应为 overview/map/timeline/ranking", "view must be overview/map/timeline/ranking");
        if (ReadNumber(o, p, "dwell_s", false, 0, 86400, &s.dwell_s) && s.dwell_s <= 0)
            Error(Join(p, "dwell_s"), "停留时间必须大于 0", "dwell_s must be greater than 0");
        if (JsonValue st = Field(o, "settings"); st && st.IsObject())
            s.settings = ToNlohmann(st).dump();
        ds_.scenes.push_back(std::move(s));
    }
}

bool Validator::FormatOk(JsonValue root)
{
    std::string_view format;
    if (ReadStringView(root, "", "format", true, &format) && format != "gridstar/1")
        Error("/format", "不支持的格式 \"" + std::string(format) + "\"（应为 gridstar/1）",
              "unsupported format \"" + std::string(format) + "\" (expected gridstar/1)");
    // Only read further when the format is ours: another format's fields would produce noise.
    return r_.error_count == 0;
}

void Validator::ReadHead(JsonValue root)
{
    ReadDatasetInfo(root);
    ReadDistrict(root);
    ReadStreets(root);
    ReadCommunities(root);
    ReadGrids(root);
    ReadMicroGrids(root);
    ReadTeams(root);
}

void Validator::ReadTail(JsonValue root)
{
    ReadVolunteers(root);
    ReadMarkedDates(root);
    ReadCompetition(root);
    ReadEvents(root);
    ReadScenes(root);
    CheckKeys(root, "", "",
              {"format", "dataset", "district", "streets", "communities", "grids", "micro_grids", "teams",
               "activities", "volunteers", "marked_dates", "competition", "events", "scenes", "$schema"});
}

void Validator::Run(JsonValue root)
{
    if (!root.IsObject())
        Error("", "顶层应为 JSON 对象，实为" + TypeZh(root), "the top level must be a JSON object, found " + TypeEn(root));
    else if (FormatOk(root))
    {
        ReadHead(root);
        ReadActivities(root);
        CheckDeferredActivityIds();
        ReadTail(root);
    }
    MergeFaults();
}

bool Validator::BeginStream(JsonValue root)
{
    // Stream only when the sections read before the activities are all there already (and the format is ours; a
    // wrong or missing format is reported by Run as usual).
    for (const char* key : {"dataset", "district", "streets", "communities", "grids", "micro_grids", "teams"})
        if (!root.Find(key))
            return false;
    if (root.Find("format").GetString() != "gridstar/1")
        return false;
    FormatOk(root);
    ReadHead(root);
    streamed_ = true;
    return true;
}

void Validator::Finish(JsonValue root)
{
    if (!streamed_)
        return Run(root);
    CheckDeferredActivityIds();
    ReadTail(root);
    MergeFaults();
}

void Validator::MergeFaults()
{
    r_.faults = std::move(errors_);
    r_.faults.insert(r_.faults.end(), std::make_move_iterator(warnings_.begin()),
                     std::make_move_iterator(warnings_.end()));
}

} // namespace

namespace
{
LoadResult Load(std::string_view text, const LoadOptions& options, bool defer_activity_ids, bool* activity_id_repeat)
{
    LoadResult r;
    auto file_fault = [&](std::string zh, std::string en, int line = 0, int col = 0, std::string path = "") {
        Fault f;
        f.path = std::move(path);
        f.message_zh = std::move(zh);
        f.message_en = std::move(en);
        f.line = line;
        f.column = col;
        r.faults.push_back(std::move(f));
        r.error_count = 1;
        return std::move(r);
    };
    if (text.size() > options.max_bytes)
        return file_fault("文件过大（" + std::to_string(text.size() >> 20) + " MB，上限 " +
                              std::to_string(options.max_bytes >> 20) + " MB）",
                          "file too large (" + std::to_string(text.size() >> 20) + " MB, limit " +
                              std::to_string(options.max_bytes >> 20) + " MB)");
    size_t first = 0;
    if (text.size() >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        first = 3;
    while (first < text.size() && (text[first] == ' ' || text[first] == '\n' || text[first] == '\r' || text[first] == '\t'))
        ++first;
    if (first == text.size())
        return file_fault("文件为空", "the file is empty", 1, 1);

    auto t0 = std::chrono::steady_clock::now();
    JsonDocument doc;
    JsonLimits limits;
    limits.max_depth = options.max_depth;
    limits.max_string_bytes = options.max_string_bytes;
    limits.max_array_items = options.max_array_items;
    JsonParseError err;
    // The activities (the bulk of a large file) are validated as the parser completes each one and never held as a
    // document all at once: less memory, and the nodes stay in cache. parse_ms then includes the sections before the
    // activities and the activities themselves (timing each item apart would cost more than the work).
    auto ds = std::make_unique<Dataset>();
    auto validator = std::make_unique<Validator>(r, options, *ds);
    validator->defer_activity_ids = defer_activity_ids;
    JsonStreamHook hook;
    hook.root_key = "activities";
    hook.begin = [&](JsonValue root) { return validator->BeginStream(root); };
    hook.item = [&](JsonValue o, size_t i, size_t end_offset) { validator->StreamActivity(o, i, end_offset, text.size()); };
    const bool parsed = doc.Parse(text, limits, &err, &hook);
    r.parse_ms = MsSince(t0);
    if (!parsed || !hook.streamed || (doc.node(0).flags & JsonDocument::kDupKeys))
    {
        // Whatever the streamed part found is dropped: a syntax error or cap is the only fault then, and the other
        // cases validate the whole document below.
        validator.reset();
        r.error_count = r.warning_count = 0;
    }
    if (parsed && hook.streamed && (doc.node(0).flags & JsonDocument::kDupKeys))
    {
        // A repeated root key: Find() must see the whole document as usual, so parse again without streaming.
        r.faults.clear();
        r.error_count = r.warning_count = 0;
        doc.Clear();
        const bool again = doc.Parse(text, limits, &err);
        r.parse_ms = MsSince(t0);
        if (!again)
            return r; // cannot happen: the same text parsed a moment ago
    }
    if (!parsed)
    {
        if (err.kind == JsonParseError::Kind::Limit)
            return file_fault(err.message_zh, err.message_en, 0, 0, err.path);
        const std::string zh = "JSON 语法错误，第 " + std::to_string(err.line) + " 行第 " + std::to_string(err.column) +
                               " 列" + (err.at_end ? "：文件意外结束（可能被截断）" : "：附近内容 '" + err.near + "'");
        const std::string en = "JSON syntax error at line " + std::to_string(err.line) + ", column " +
                               std::to_string(err.column) +
                               (err.at_end ? ": unexpected end of file (truncated?)" : ": near '" + err.near + "'");
        return file_fault(zh, en, err.line, err.column);
    }
    r.json_nodes = doc.node_count();
    r.json_bytes = doc.memory_bytes();
    auto t1 = std::chrono::steady_clock::now();
    if (!validator)
    {
        // Not streamed (or streamed under a repeated root key, where the last occurrence must win): start over on
        // the whole document.
        ds = std::make_unique<Dataset>();
        r.error_count = r.warning_count = 0;
        validator = std::make_unique<Validator>(r, options, *ds);
        validator->defer_activity_ids = defer_activity_ids;
    }
    validator->Finish(doc.Root());
    *activity_id_repeat = validator->activity_id_repeat();
    validator.reset();
    doc.Clear();
    r.validate_ms = MsSince(t1);
    r.ok = r.error_count == 0;
    if (r.ok)
        r.dataset = std::move(ds);
    return r;
}
} // namespace

LoadResult LoadDatasetJson(std::string_view text, const LoadOptions& options)
{
    bool repeat = false;
    LoadResult r = Load(text, options, true, &repeat);
    if (!repeat)
        return r;
    // A repeated activity id: read again, checking each id as it comes, so the faults are in document order. The
    // first pass's dataset goes first (peak memory), and its progress is not reported twice.
    const double first_ms = r.parse_ms + r.validate_ms;
    r = LoadResult{};
    LoadOptions again = options;
    again.progress = nullptr;
    r = Load(text, again, false, &repeat);
    r.parse_ms += first_ms;
    return r;
}

const std::string& FaultMessage(const Fault& f, std::string_view language)
{
    return language == "en" ? f.message_en : f.message_zh;
}

std::string FaultToString(const Fault& f, std::string_view language)
{
    std::string s = f.severity == Severity::Error ? "error " : "warning ";
    s += f.path.empty() ? std::string("(file)") : f.path;
    s += ": ";
    s += FaultMessage(f, language);
    return s;
}

} // namespace gridstar
