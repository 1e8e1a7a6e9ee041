#include "core/dataset_json.h"

#include <chrono>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/geometry.h"
#include "core/time_util.h"

namespace gridstar
{
using nlohmann::json;

namespace
{

double MsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// JSON Pointer escaping (RFC 6901): '~' -> "~0", '/' -> "~1".
std::string EscapeKey(std::string_view key)
{
    std::string out;
    out.reserve(key.size());
    for (char c : key)
    {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// ---- syntax pass ----------------------------------------------------------------------------
// Wraps nlohmann's DOM builder to add the caps a hostile file needs (depth, string length, array length)
// and to remember where parsing stopped. The DOM builder is told not to throw.
class CappedDomBuilder
{
public:
    using BasicJson = json;
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    CappedDomBuilder(json& root, const LoadOptions& opt) : dom_(root, false), opt_(opt) {}

    bool null() { return Value() && dom_.null(); }
    bool boolean(bool v) { return Value() && dom_.boolean(v); }
    bool number_integer(number_integer_t v) { return Value() && dom_.number_integer(v); }
    bool number_unsigned(number_unsigned_t v) { return Value() && dom_.number_unsigned(v); }
    bool number_float(number_float_t v, const string_t& s) { return Value() && dom_.number_float(v, s); }
    bool string(string_t& v)
    {
        if (v.size() > opt_.max_string_bytes)
            return Abort("字符串过长（" + std::to_string(v.size()) + " 字节，上限 " +
                             std::to_string(opt_.max_string_bytes) + "）",
                         "string too long (" + std::to_string(v.size()) + " bytes, limit " +
                             std::to_string(opt_.max_string_bytes) + ")");
        return Value() && dom_.string(v);
    }
    bool binary(binary_t& v) { return Value() && dom_.binary(v); }
    bool start_object(std::size_t n)
    {
        if (!Value() || !Push(false))
            return false;
        return dom_.start_object(n);
    }
    bool key(string_t& k)
    {
        if (k.size() > opt_.max_string_bytes)
            return Abort("键名过长", "key too long");
        stack_.back().key = k;
        return dom_.key(k);
    }
    bool end_object()
    {
        stack_.pop_back();
        return dom_.end_object();
    }
    bool start_array(std::size_t n)
    {
        if (!Value() || !Push(true))
            return false;
        return dom_.start_array(n);
    }
    bool end_array()
    {
        stack_.pop_back();
        return dom_.end_array();
    }
    template <class Exception> bool parse_error(std::size_t position, const std::string& last_token, const Exception& ex)
    {
        syntax_error_ = true;
        error_position_ = position;
        last_token_ = last_token;
        dom_.parse_error(position, last_token, ex);
        return false;
    }

    bool aborted() const { return !abort_en_.empty(); }
    bool syntax_error() const { return syntax_error_; }
    size_t error_position() const { return error_position_; }
    const std::string& last_token() const { return last_token_; }
    const std::string& abort_zh() const { return abort_zh_; }
    const std::string& abort_en() const { return abort_en_; }
    const std::string& abort_path() const { return abort_path_; }

private:
    struct Frame
    {
        bool is_array = false;
        size_t items = 0; // values seen so far in this container
        std::string key;  // current key (objects)
    };

    // Called before every value: counts array items so paths and the item cap are exact.
    bool Value()
    {
        if (!stack_.empty() && stack_.back().is_array)
        {
            if (++stack_.back().items > opt_.max_array_items)
                return Abort("数组元素过多（上限 " + std::to_string(opt_.max_array_items) + "）",
                             "too many array items (limit " + std::to_string(opt_.max_array_items) + ")");
        }
        return true;
    }
    bool Push(bool is_array)
    {
        if (int(stack_.size()) >= opt_.max_depth)
            return Abort("嵌套过深（上限 " + std::to_string(opt_.max_depth) + " 层）",
                         "nesting too deep (limit " + std::to_string(opt_.max_depth) + " levels)");
        stack_.push_back(Frame{is_array, 0, {}});
        return true;
    }
    bool Abort(std::string zh, std::string en)
    {
        abort_zh_ = std::move(zh);
        abort_en_ = std::move(en);
        abort_path_ = Path();
        return false;
    }
    std::string Path() const
    {
        std::string p;
        for (const Frame& f : stack_)
        {
            p += '/';
            p += f.is_array ? std::to_string(f.items == 0 ? 0 : f.items - 1) : EscapeKey(f.key);
        }
        return p;
    }

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    const LoadOptions& opt_;
    std::vector<Frame> stack_;
    bool syntax_error_ = false;
    size_t error_position_ = 0;
    std::string last_token_;
    std::string abort_zh_, abort_en_, abort_path_;
};

void LineColumn(std::string_view text, size_t pos, int* line, int* column)
{
    pos = std::min(pos, text.size());
    int l = 1, c = 1;
    for (size_t i = 0; i < pos; ++i)
    {
        unsigned char ch = static_cast<unsigned char>(text[i]);
        if (ch == '\n')
        {
            ++l;
            c = 1;
        }
        else if ((ch & 0xC0) != 0x80) // count characters, not UTF-8 continuation bytes
        {
            ++c;
        }
    }
    *line = l;
    *column = c;
}

// ---- validation + model building ------------------------------------------------------------
class Validator
{
public:
    Validator(LoadResult& result, const LoadOptions& opt, Dataset& ds) : r_(result), opt_(opt), ds_(ds) {}

    void Run(const json& root);

private:
    LoadResult& r_;
    const LoadOptions& opt_;
    Dataset& ds_;
    std::vector<Fault> errors_, warnings_;
    // Unknown keys are reported once per array and key, not once per item.
    std::unordered_set<std::string> unknown_seen_;

    std::unordered_map<std::string, int32_t> street_ids_, community_ids_, grid_ids_, micro_ids_, team_ids_,
        activity_ids_, volunteer_ids_, period_ids_, class_ids_, indicator_ids_, event_ids_;
    std::unordered_map<std::string, int32_t> category_index_;

    // -- fault recording --
    void Add(Severity sev, std::string path, std::string zh, std::string en)
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
        f.path = std::move(path);
        f.message_zh = std::move(zh);
        f.message_en = std::move(en);
        list.push_back(std::move(f));
    }
    void Error(const std::string& path, std::string zh, std::string en)
    {
        Add(Severity::Error, path, std::move(zh), std::move(en));
    }
    void Warn(const std::string& path, std::string zh, std::string en)
    {
        Add(Severity::Warning, path, std::move(zh), std::move(en));
    }
    static std::string Join(const std::string& path, std::string_view key) { return path + "/" + EscapeKey(key); }
    static std::string Join(const std::string& path, size_t index) { return path + "/" + std::to_string(index); }

    // -- typed field readers: each returns true when a value was read; false when absent or wrong --
    const json* Field(const json& obj, const char* key) const
    {
        auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }
    bool Missing(const std::string& path, const char* key, bool required)
    {
        if (required)
            Error(Join(path, key), std::string("缺少必填字段 \"") + key + "\"",
                  std::string("required field \"") + key + "\" is missing");
        return false;
    }
    bool ReadString(const json& obj, const std::string& path, const char* key, bool required, std::string* out,
                    bool non_empty = true)
    {
        const json* v = Field(obj, key);
        if (!v || v->is_null())
            return Missing(path, key, required);
        if (!v->is_string())
        {
            Error(Join(path, key), "应为字符串，实为" + TypeZh(*v), "must be a string, found " + TypeEn(*v));
            return false;
        }
        const std::string& s = v->get_ref<const std::string&>();
        if (non_empty && s.empty())
        {
            if (required)
                Error(Join(path, key), "不能为空", "must not be empty");
            return false;
        }
        *out = s;
        return true;
    }
    bool ReadInt(const json& obj, const std::string& path, const char* key, bool required, int64_t lo, int64_t hi,
                 int64_t* out)
    {
        const json* v = Field(obj, key);
        if (!v || v->is_null())
            return Missing(path, key, required);
        bool integral = v->is_number_integer();
        if (!integral && v->is_number_float())
        {
            double d = v->get<double>();
            integral = std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15;
        }
        if (!integral)
        {
            Error(Join(path, key), "应为整数，实为" + TypeZh(*v), "must be an integer, found " + TypeEn(*v));
            return false;
        }
        int64_t x = v->is_number_unsigned() ? (v->get<uint64_t>() > uint64_t(INT64_MAX) ? INT64_MAX
                                                                                          : int64_t(v->get<uint64_t>()))
                                            : (v->is_number_integer() ? v->get<int64_t>() : int64_t(v->get<double>()));
        if (x < lo || x > hi)
        {
            Error(Join(path, key), "超出范围 [" + std::to_string(lo) + ", " + std::to_string(hi) + "]：" + std::to_string(x),
                  "out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]: " + std::to_string(x));
            return false;
        }
        *out = x;
        return true;
    }
    bool ReadNumber(const json& obj, const std::string& path, const char* key, bool required, double lo, double hi,
                    double* out)
    {
        const json* v = Field(obj, key);
        if (!v || v->is_null())
            return Missing(path, key, required);
        return CheckNumber(*v, Join(path, key), lo, hi, out);
    }
    bool CheckNumber(const json& v, const std::string& path, double lo, double hi, double* out)
    {
        if (!v.is_number())
        {
            Error(path, "应为数字，实为" + TypeZh(v), "must be a number, found " + TypeEn(v));
            return false;
        }
        double d = v.get<double>();
        if (!std::isfinite(d) || d < lo || d > hi)
        {
            Error(path, "超出范围 [" + Num(lo) + ", " + Num(hi) + "]：" + Num(d),
                  "out of range [" + Num(lo) + ", " + Num(hi) + "]: " + Num(d));
            return false;
        }
        *out = d;
        return true;
    }
    bool ReadBool(const json& obj, const std::string& path, const char* key, bool* out)
    {
        const json* v = Field(obj, key);
        if (!v || v->is_null())
            return false;
        if (!v->is_boolean())
        {
            Error(Join(path, key), "应为 true 或 false，实为" + TypeZh(*v), "must be true or false, found " + TypeEn(*v));
            return false;
        }
        *out = v->get<bool>();
        return true;
    }
    bool ReadDate(const json& obj, const std::string& path, const char* key, bool required, std::string* out)
    {
        std::string s;
        if (!ReadString(obj, path, key, required, &s))
            return false;
        int64_t days = 0;
        if (!ParseDate(s, &days))
        {
            Error(Join(path, key), "日期无效：\"" + s + "\"（应为 YYYY-MM-DD）",
                  "invalid date \"" + s + "\" (expected YYYY-MM-DD)");
            return false;
        }
        *out = s;
        return true;
    }
    bool ReadDateTime(const json& obj, const std::string& path, const char* key, bool required, TimeSec* out)
    {
        std::string s;
        if (!ReadString(obj, path, key, required, &s))
            return false;
        if (!ParseDateTime(s, out))
        {
            Error(Join(path, key), "日期时间无效：\"" + s + "\"（应为 YYYY-MM-DDTHH:MM）",
                  "invalid date-time \"" + s + "\" (expected YYYY-MM-DDTHH:MM)");
            return false;
        }
        return true;
    }
    // An id field: a non-empty string that is unique within `ids`; records index.
    bool ReadId(const json& obj, const std::string& path, std::unordered_map<std::string, int32_t>& ids,
                int32_t index, std::string* out)
    {
        if (!ReadString(obj, path, "id", true, out))
            return false;
        if (out->size() > 64)
        {
            Error(Join(path, "id"), "编号过长（上限 64 字节）", "id too long (limit 64 bytes)");
            return false;
        }
        auto ins = ids.emplace(*out, index);
        if (!ins.second)
        {
            Error(Join(path, "id"), "编号 \"" + *out + "\" 重复（第一次出现在第 " + std::to_string(ins.first->second) + " 项）",
                  "duplicate id \"" + *out + "\" (first used by item " + std::to_string(ins.first->second) + ")");
            return false;
        }
        return true;
    }
    // A reference to another array's id. Returns the index, or -1 (and an error) when dangling.
    int32_t ReadRef(const json& obj, const std::string& path, const char* key, bool required,
                    const std::unordered_map<std::string, int32_t>& ids, const char* what_zh, const char* what_en)
    {
        std::string ref;
        if (!ReadString(obj, path, key, required, &ref))
            return -1;
        auto it = ids.find(ref);
        if (it == ids.end())
        {
            Error(Join(path, key), std::string("引用的") + what_zh + " \"" + ref + "\" 不存在",
                  std::string("refers to a ") + what_en + " \"" + ref + "\" that does not exist");
            return -1;
        }
        return it->second;
    }
    void CheckKeys(const json& obj, const std::string& array_path, const std::string& item_path,
                   std::initializer_list<const char*> known)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it)
        {
            bool ok = false;
            for (const char* k : known)
                if (it.key() == k)
                {
                    ok = true;
                    break;
                }
            if (ok)
                continue;
            if (unknown_seen_.insert(array_path + "\x1f" + it.key()).second)
                Warn(Join(item_path, it.key()), "未知字段 \"" + it.key() + "\"，已忽略",
                     "unknown field \"" + it.key() + "\" ignored");
        }
    }
    const json* Array(const json& root, const char* key, bool required)
    {
        const json* v = Field(root, key);
        if (!v || v->is_null())
        {
            Missing("", key, required);
            return nullptr;
        }
        if (!v->is_array())
        {
            Error(Join("", key), "应为数组，实为" + TypeZh(*v), "must be an array, found " + TypeEn(*v));
            return nullptr;
        }
        return v;
    }
    bool IsObject(const json& v, const std::string& path)
    {
        if (v.is_object())
            return true;
        Error(path, "应为对象，实为" + TypeZh(v), "must be an object, found " + TypeEn(v));
        return false;
    }

    static std::string TypeZh(const json& v)
    {
        switch (v.type())
        {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "布尔值";
        case json::value_t::string: return "字符串";
        case json::value_t::array: return "数组";
        case json::value_t::object: return "对象";
        default: return "数字";
        }
    }
    static std::string TypeEn(const json& v)
    {
        switch (v.type())
        {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
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
    void ReadBoundary(const json& obj, const std::string& path, MultiPolygon* out);
    bool ReadRing(const json& ring, const std::string& path, Ring* out);
    void ReadDatasetInfo(const json& root);
    void ReadDistrict(const json& root);
    void ReadStreets(const json& root);
    void ReadCommunities(const json& root);
    void ReadGrids(const json& root);
    void ReadMicroGrids(const json& root);
    void ReadTeams(const json& root);
    void ReadActivities(const json& root);
    void ReadVolunteers(const json& root);
    void ReadMarkedDates(const json& root);
    void ReadCompetition(const json& root);
    void ReadEvents(const json& root);
    void ReadScenes(const json& root);
};

bool Validator::ReadRing(const json& ring, const std::string& path, Ring* out)
{
    if (!ring.is_array())
    {
        Error(path, "环应为坐标数组", "a ring must be an array of positions");
        return false;
    }
    bool ok = true;
    out->clear();
    out->reserve(ring.size());
    for (size_t i = 0; i < ring.size(); ++i)
    {
        const json& pt = ring[i];
        std::string pp = Join(path, i);
        if (!pt.is_array() || pt.size() < 2)
        {
            Error(pp, "坐标应为 [经度, 纬度]", "a position must be [lon, lat]");
            ok = false;
            continue;
        }
        double lon = 0, lat = 0;
        bool a = CheckNumber(pt[0], Join(pp, size_t(0)), -180, 180, &lon);
        bool b = CheckNumber(pt[1], Join(pp, size_t(1)), -85, 85, &lat);
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

void Validator::ReadBoundary(const json& obj, const std::string& path, MultiPolygon* out)
{
    const json* g = Field(obj, "boundary");
    if (!g || g->is_null())
        return;
    std::string gp = Join(path, "boundary");
    if (!IsObject(*g, gp))
        return;
    std::string type;
    if (!ReadString(*g, gp, "type", true, &type))
        return;
    const json* coords = Field(*g, "coordinates");
    std::string cp = Join(gp, "coordinates");
    if (!coords || !coords->is_array())
    {
        Error(cp, "缺少坐标数组", "coordinates must be an array");
        return;
    }
    auto read_polygon = [&](const json& poly, const std::string& pp, Polygon* p) {
        if (!poly.is_array() || poly.empty())
        {
            Error(pp, "多边形应为非空的环数组", "a polygon must be a non-empty array of rings");
            return false;
        }
        bool ok = true;
        for (size_t i = 0; i < poly.size(); ++i)
        {
            Ring ring;
            if (ReadRing(poly[i], Join(pp, i), &ring))
                p->push_back(std::move(ring));
            else
                ok = false;
        }
        return ok;
    };
    if (type == "Polygon")
    {
        Polygon p;
        if (read_polygon(*coords, cp, &p))
            out->push_back(std::move(p));
    }
    else if (type == "MultiPolygon")
    {
        for (size_t i = 0; i < coords->size(); ++i)
        {
            Polygon p;
            if (read_polygon((*coords)[i], Join(cp, i), &p))
                out->push_back(std::move(p));
        }
    }
    else
    {
        Error(Join(gp, "type"), "边界类型应为 Polygon 或 MultiPolygon，实为 \"" + type + "\"",
              "boundary type must be Polygon or MultiPolygon, found \"" + type + "\"");
    }
}

void Validator::ReadDatasetInfo(const json& root)
{
    const json* d = Field(root, "dataset");
    if (!d)
    {
        Missing("", "dataset", true);
        return;
    }
    if (!IsObject(*d, "/dataset"))
        return;
    ReadString(*d, "/dataset", "name", true, &ds_.info.name);
    ReadDate(*d, "/dataset", "as_of", true, &ds_.info.as_of);
    ReadString(*d, "/dataset", "source", false, &ds_.info.source, false);
    ReadBool(*d, "/dataset", "synthetic", &ds_.info.synthetic);
    if (ReadString(*d, "/dataset", "language", false, &ds_.info.language) && ds_.info.language != "zh-Hans" &&
        ds_.info.language != "zh-Hant")
        Warn("/dataset/language", "语言应为 zh-Hans 或 zh-Hant", "language should be zh-Hans or zh-Hant");
    CheckKeys(*d, "/dataset", "/dataset", {"name", "as_of", "source", "synthetic", "language", "district"});
}

void Validator::ReadDistrict(const json& root)
{
    const json* d = Field(root, "district");
    if (!d)
    {
        Missing("", "district", true);
        return;
    }
    if (!IsObject(*d, "/district"))
        return;
    ReadString(*d, "/district", "id", true, &ds_.district.id);
    ReadString(*d, "/district", "name", true, &ds_.district.name);
    ReadBoundary(*d, "/district", &ds_.district.boundary);
    CheckKeys(*d, "/district", "/district", {"id", "name", "boundary"});
}

void Validator::ReadStreets(const json& root)
{
    const json* arr = Array(root, "streets", true);
    if (!arr)
        return;
    ds_.streets.reserve(arr->size());
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/streets", i);
        const json& o = (*arr)[i];
        if (!IsObject(o, p))
            continue;
        Street s;
        ReadId(o, p, street_ids_, int32_t(ds_.streets.size()), &s.id);
        ReadString(o, p, "name", true, &s.name);
        std::string kind;
        if (ReadString(o, p, "kind", false, &kind))
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

void Validator::ReadCommunities(const json& root)
{
    const json* arr = Array(root, "communities", true);
    if (!arr)
        return;
    ds_.communities.reserve(arr->size());
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/communities", i);
        const json& o = (*arr)[i];
        if (!IsObject(o, p))
            continue;
        Community c;
        ReadId(o, p, community_ids_, int32_t(ds_.communities.size()), &c.id);
        ReadString(o, p, "name", true, &c.name);
        c.street = ReadRef(o, p, "street_id", true, street_ids_, "街道", "street");
        std::string kind;
        if (ReadString(o, p, "kind", true, &kind))
        {
            if (kind == "urban")
                c.kind = CommunityKind::Urban;
            else if (kind == "village")
                c.kind = CommunityKind::Village;
            else if (kind == "transition")
                c.kind = CommunityKind::Transition;
            else
                Error(Join(p, "kind"), "类型应为 urban、village 或 transition，实为 \"" + kind + "\"",
                      "kind must be urban, village or transition, found \"" + kind + "\"");
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

void Validator::ReadGrids(const json& root)
{
    const json* arr = Array(root, "grids", false);
    if (!arr)
        return;
    ds_.grids.reserve(arr->size());
    size_t without_worker = 0;
    std::string first_without;
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/grids", i);
        const json& o = (*arr)[i];
        if (!IsObject(o, p))
            continue;
        Grid g;
        ReadId(o, p, grid_ids_, int32_t(ds_.grids.size()), &g.id);
        ReadString(o, p, "name", true, &g.name);
        g.community = ReadRef(o, p, "community_id", true, community_ids_, "社区", "community");
        std::string color;
        if (ReadString(o, p, "color", false, &color))
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
                Error(Join(p, "color"), "网格颜色应为 red/orange/yellow/green/blue，实为 \"" + color + "\"",
                      "grid colour must be red/orange/yellow/green/blue, found \"" + color + "\"");
        }
        ReadString(o, p, "category", false, &g.category);
        ReadInt(o, p, "households", false, 0, 10000000, &g.households);
        ReadString(o, p, "party_branch", false, &g.party_branch);
        const json* w = Field(o, "worker");
        if (w && !w->is_null())
        {
            std::string wp = Join(p, "worker");
            if (IsObject(*w, wp))
            {
                ReadString(*w, wp, "name", false, &g.worker.name);
                ReadString(*w, wp, "phone", false, &g.worker.phone);
                CheckKeys(*w, "/grids/worker", wp, {"name", "phone"});
            }
        }
        if (g.worker.name.empty())
        {
            if (without_worker++ == 0)
                first_without = p;
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

void Validator::ReadMicroGrids(const json& root)
{
    const json* arr = Array(root, "micro_grids", false);
    if (!arr)
        return;
    ds_.micro_grids.reserve(arr->size());
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/micro_grids", i);
        const json& o = (*arr)[i];
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

void Validator::ReadTeams(const json& root)
{
    const json* arr = Array(root, "teams", false);
    if (!arr)
        return;
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/teams", i);
        const json& o = (*arr)[i];
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

void Validator::ReadActivities(const json& root)
{
    const json* arr = Array(root, "activities", false);
    if (!arr)
        return;
    ds_.activities.reserve(arr->size());
    std::string p;
    for (size_t i = 0; i < arr->size(); ++i)
    {
        p = Join("/activities", i);
        const json& o = (*arr)[i];
        if (!IsObject(o, p))
            continue;
        Activity a;
        ReadId(o, p, activity_ids_, int32_t(ds_.activities.size()), &a.id);
        ReadString(o, p, "title", true, &a.title);
        std::string cat;
        if (ReadString(o, p, "category", true, &cat))
        {
            auto ins = category_index_.emplace(cat, int32_t(ds_.categories.size()));
            if (ins.second)
                ds_.categories.push_back(cat);
            a.category = ins.first->second;
        }
        a.team = ReadRef(o, p, "team_id", true, team_ids_, "志愿队伍", "team");
        a.community = ReadRef(o, p, "community_id", true, community_ids_, "社区", "community");
        a.grid = ReadRef(o, p, "grid_id", false, grid_ids_, "网格", "grid");
        bool s_ok = ReadDateTime(o, p, "start", true, &a.start);
        bool e_ok = ReadDateTime(o, p, "end", true, &a.end);
        if (s_ok && e_ok && a.end < a.start)
            Error(Join(p, "end"), "结束时间早于开始时间", "end is before start");
        int64_t participants = 0;
        if (ReadInt(o, p, "participants", false, 0, 10000000, &participants))
            a.participants = int32_t(participants);
        ReadNumber(o, p, "hours", false, 0, 1e8, &a.hours);
        ReadString(o, p, "beneficiary", false, &a.beneficiary);
        CheckKeys(o, "/activities", p,
                  {"id", "title", "category", "team_id", "community_id", "grid_id", "start", "end", "participants",
                   "hours", "beneficiary"});
        ds_.activities.push_back(std::move(a));
    }
}

void Validator::ReadVolunteers(const json& root)
{
    const json* arr = Array(root, "volunteers", false);
    if (!arr)
        return;
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/volunteers", i);
        const json& o = (*arr)[i];
        if (!IsObject(o, p))
            continue;
        Volunteer v;
        ReadId(o, p, volunteer_ids_, int32_t(ds_.volunteers.size()), &v.id);
        v.team = ReadRef(o, p, "team_id", true, team_ids_, "志愿队伍", "team");
        ReadDate(o, p, "since", false, &v.since);
        ReadNumber(o, p, "hours", false, 0, 1e7, &v.hours);
        for (const char* personal : {"name", "phone", "id_card"})
            if (o.contains(personal))
                Warn(Join(p, personal), "志愿者个人信息不属于本格式，已忽略",
                     "personal data of volunteers is not part of the format; ignored");
        CheckKeys(o, "/volunteers", p, {"id", "team_id", "since", "hours", "name", "phone", "id_card"});
        ds_.volunteers.push_back(std::move(v));
    }
}

void Validator::ReadMarkedDates(const json& root)
{
    const json* arr = Array(root, "marked_dates", false);
    if (!arr)
        return;
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/marked_dates", i);
        const json& o = (*arr)[i];
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

void Validator::ReadCompetition(const json& root)
{
    const json* c = Field(root, "competition");
    if (!c || c->is_null())
        return;
    const std::string cp = "/competition";
    if (!IsObject(*c, cp))
        return;
    Competition& comp = ds_.competition;
    comp.present = true;
    auto array = [&](const char* key) -> const json* {
        const json* v = Field(*c, key);
        if (!v)
        {
            Missing(cp, key, true);
            return nullptr;
        }
        if (!v->is_array())
        {
            Error(Join(cp, key), "应为数组", "must be an array");
            return nullptr;
        }
        return v;
    };
    // periods, in time order
    if (const json* arr = array("periods"))
    {
        int64_t prev_start = INT64_MIN;
        for (size_t i = 0; i < arr->size(); ++i)
        {
            std::string p = Join(cp + "/periods", i);
            const json& o = (*arr)[i];
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
            CheckKeys(o, cp + "/periods", p, {"id", "name", "start", "end"});
            comp.periods.push_back(std::move(per));
        }
    }
    if (const json* arr = array("classes"))
    {
        for (size_t i = 0; i < arr->size(); ++i)
        {
            std::string p = Join(cp + "/classes", i);
            const json& o = (*arr)[i];
            if (!IsObject(o, p))
                continue;
            CompetitionClass cls;
            ReadId(o, p, class_ids_, int32_t(comp.classes.size()), &cls.id);
            ReadString(o, p, "name", true, &cls.name);
            const json* kinds = Field(o, "kinds");
            if (kinds && kinds->is_array())
            {
                for (size_t k = 0; k < kinds->size(); ++k)
                {
                    const json& kv = (*kinds)[k];
                    std::string s = kv.is_string() ? kv.get<std::string>() : "";
                    if (s == "urban")
                        cls.kinds.push_back(CommunityKind::Urban);
                    else if (s == "village")
                        cls.kinds.push_back(CommunityKind::Village);
                    else if (s == "transition")
                        cls.kinds.push_back(CommunityKind::Transition);
                    else
                        Error(Join(Join(p, "kinds"), k), "应为 urban、village 或 transition",
                              "must be urban, village or transition");
                }
            }
            else if (kinds)
            {
                Error(Join(p, "kinds"), "应为数组", "must be an array");
            }
            CheckKeys(o, cp + "/classes", p, {"id", "name", "kinds"});
            comp.classes.push_back(std::move(cls));
        }
    }
    if (const json* arr = array("indicators"))
    {
        for (size_t i = 0; i < arr->size(); ++i)
        {
            std::string p = Join(cp + "/indicators", i);
            const json& o = (*arr)[i];
            if (!IsObject(o, p))
                continue;
            Indicator ind;
            ReadId(o, p, indicator_ids_, int32_t(comp.indicators.size()), &ind.id);
            ReadString(o, p, "name", true, &ind.name);
            if (ReadNumber(o, p, "weight", true, 0, 1e6, &ind.weight) && ind.weight <= 0)
                Error(Join(p, "weight"), "权重必须大于 0", "weight must be greater than 0");
            if (ReadNumber(o, p, "max", true, 0, 1e9, &ind.max) && ind.max <= 0)
                Error(Join(p, "max"), "满分必须大于 0", "max must be greater than 0");
            CheckKeys(o, cp + "/indicators", p, {"id", "name", "weight", "max"});
            comp.indicators.push_back(std::move(ind));
        }
        if (comp.indicators.empty())
            Error(cp + "/indicators", "至少需要一个指标", "at least one indicator is needed");
    }
    // rules
    RatingRules& rules = comp.rules;
    const json* ru = Field(*c, "rules");
    const std::string rp = cp + "/rules";
    if (!ru)
        Missing(cp, "rules", true);
    else if (IsObject(*ru, rp))
    {
        if (const json* stars = Field(*ru, "stars"); stars && stars->is_array())
        {
            std::unordered_set<int> seen;
            for (size_t i = 0; i < stars->size(); ++i)
            {
                std::string p = Join(rp + "/stars", i);
                const json& o = (*stars)[i];
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
        else if (ru->contains("stars"))
            Error(rp + "/stars", "应为数组", "must be an array");
        if (const json* tt = Field(*ru, "top_title"); tt && tt->is_object())
        {
            std::string p = rp + "/top_title";
            ReadString(*tt, p, "name", true, &rules.top_title.name);
            ReadNumber(*tt, p, "min_each", false, 0, 1e9, &rules.top_title.min_each);
            ReadNumber(*tt, p, "min_total", false, -1e12, 1e12, &rules.top_title.min_total);
            ReadNumber(*tt, p, "quota_pct", false, 0, 100, &rules.top_title.quota_pct);
        }
        if (const json* rw = Field(*ru, "rewards"); rw && rw->is_array())
        {
            for (size_t i = 0; i < rw->size(); ++i)
            {
                std::string p = Join(rp + "/rewards", i);
                const json& o = (*rw)[i];
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
        if (const json* sr = Field(*ru, "star_rewards"); sr && sr->is_array())
        {
            for (size_t i = 0; i < sr->size(); ++i)
            {
                std::string p = Join(rp + "/star_rewards", i);
                const json& o = (*sr)[i];
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
        ReadNumber(*ru, rp, "budget", false, 0, 1e13, &rules.budget);
        std::string s;
        if (ReadString(*ru, rp, "missing", false, &s))
        {
            if (s == "zero")
                rules.missing = MissingRule::Zero;
            else if (s != "exclude")
                Error(rp + "/missing", "应为 exclude 或 zero", "must be exclude or zero");
        }
        if (ReadString(*ru, rp, "late", false, &s))
        {
            if (s == "penalty")
                rules.late = LateRule::Penalty;
            else if (s == "exclude")
                rules.late = LateRule::Exclude;
            else if (s != "accept")
                Error(rp + "/late", "应为 accept、penalty 或 exclude", "must be accept, penalty or exclude");
        }
        ReadNumber(*ru, rp, "late_penalty", false, 0, 1e9, &rules.late_penalty);
        if (const json* tb = Field(*ru, "tie_break"); tb && tb->is_array())
        {
            for (size_t i = 0; i < tb->size(); ++i)
            {
                const json& v = (*tb)[i];
                std::string t = v.is_string() ? v.get<std::string>() : "";
                if (t == "min_indicator")
                    rules.tie_break.push_back(TieBreak::MinIndicator);
                else if (t == "fewer_deductions")
                    rules.tie_break.push_back(TieBreak::FewerDeductions);
                else if (t == "id")
                    rules.tie_break.push_back(TieBreak::Id);
                else
                    Error(Join(rp + "/tie_break", i), "应为 min_indicator、fewer_deductions 或 id",
                          "must be min_indicator, fewer_deductions or id");
            }
        }
        CheckKeys(*ru, rp, rp,
                  {"stars", "top_title", "rewards", "star_rewards", "budget", "missing", "late", "late_penalty",
                   "tie_break"});
    }
    // scores
    if (const json* arr = array("scores"))
    {
        comp.scores.reserve(arr->size());
        std::unordered_set<int64_t> seen;
        const size_t n_ind = comp.indicators.size();
        auto read_items = [&](const json& o, const std::string& p, const char* key, std::vector<PointItem>* out) {
            const json* items = Field(o, key);
            if (!items || items->is_null())
                return;
            std::string ip = Join(p, key);
            if (!items->is_array())
            {
                Error(ip, "应为数组", "must be an array");
                return;
            }
            for (size_t k = 0; k < items->size(); ++k)
            {
                std::string kp = Join(ip, k);
                const json& it = (*items)[k];
                if (!IsObject(it, kp))
                    continue;
                PointItem pi;
                ReadNumber(it, kp, "points", true, 0, 1e6, &pi.points);
                ReadString(it, kp, "reason", true, &pi.reason);
                out->push_back(std::move(pi));
            }
        };
        for (size_t i = 0; i < arr->size(); ++i)
        {
            std::string p = Join(cp + "/scores", i);
            const json& o = (*arr)[i];
            if (!IsObject(o, p))
                continue;
            ScoreEntry e;
            e.period = ReadRef(o, p, "period", true, period_ids_, "考核周期", "period");
            e.community = ReadRef(o, p, "community_id", true, community_ids_, "社区", "community");
            if (e.period >= 0 && e.community >= 0 &&
                !seen.insert(int64_t(e.period) * 100000000 + e.community).second)
                Error(p, "同一社区在同一周期有重复的评分", "duplicate score entry for this community and period");
            e.values.assign(n_ind, std::nan(""));
            const json* vals = Field(o, "values");
            std::string vp = Join(p, "values");
            if (!vals)
                Missing(p, "values", true);
            else if (!vals->is_object())
                Error(vp, "应为对象（指标编号 → 分数）", "must be an object (indicator id -> score)");
            else
            {
                for (auto it = vals->begin(); it != vals->end(); ++it)
                {
                    auto ind = indicator_ids_.find(it.key());
                    std::string kp = Join(vp, it.key());
                    if (ind == indicator_ids_.end())
                    {
                        Error(kp, "未知指标 \"" + it.key() + "\"", "unknown indicator \"" + it.key() + "\"");
                        continue;
                    }
                    if (it->is_null())
                        continue; // explicitly missing
                    double v = 0;
                    double mx = comp.indicators[size_t(ind->second)].max;
                    if (CheckNumber(*it, kp, 0, mx, &v))
                        e.values[size_t(ind->second)] = v;
                }
            }
            read_items(o, p, "bonus", &e.bonus);
            read_items(o, p, "deductions", &e.deductions);
            ReadBool(o, p, "late", &e.late);
            ReadBool(o, p, "disqualified", &e.disqualified);
            ReadString(o, p, "note", false, &e.note);
            CheckKeys(o, cp + "/scores", p,
                      {"period", "community_id", "values", "bonus", "deductions", "late", "disqualified", "note"});
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
                Error(Join(Join("/communities", i), "class_id"), "引用的评比类别 \"" + cm.class_id + "\" 不存在",
                      "refers to a competition class \"" + cm.class_id + "\" that does not exist");
        }
    }
    CheckKeys(*c, cp, cp, {"periods", "classes", "indicators", "rules", "scores"});
}

void Validator::ReadEvents(const json& root)
{
    const json* arr = Array(root, "events", false);
    if (!arr)
        return;
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/events", i);
        const json& o = (*arr)[i];
        if (!IsObject(o, p))
            continue;
        Event e;
        ReadId(o, p, event_ids_, int32_t(ds_.events.size()), &e.id);
        e.grid = ReadRef(o, p, "grid_id", true, grid_ids_, "网格", "grid");
        ReadString(o, p, "type", false, &e.type);
        std::string st;
        if (ReadString(o, p, "status", true, &st))
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

void Validator::ReadScenes(const json& root)
{
    const json* arr = Array(root, "scenes", false);
    if (!arr)
        return;
    for (size_t i = 0; i < arr->size(); ++i)
    {
        std::string p = Join("/scenes", i);
        const json& o = (*arr)[i];
        if (!IsObject(o, p))
            continue;
        Scene s;
        ReadString(o, p, "title", true, &s.title);
        if (ReadString(o, p, "view", true, &s.view) && s.view != "overview" && s.view != "map" &&
            s.view != "timeline" && s.view != "ranking")
            Error(Join(p, "view"), "视图应为 overview/map/timeline/ranking", "view must be overview/map/timeline/ranking");
        if (ReadNumber(o, p, "dwell_s", false, 0, 86400, &s.dwell_s) && s.dwell_s <= 0)
            Error(Join(p, "dwell_s"), "停留时间必须大于 0", "dwell_s must be greater than 0");
        if (const json* st = Field(o, "settings"); st && st->is_object())
            s.settings = st->dump();
        ds_.scenes.push_back(std::move(s));
    }
}

void Validator::Run(const json& root)
{
    if (!root.is_object())
    {
        Error("", "顶层应为 JSON 对象，实为" + TypeZh(root), "the top level must be a JSON object, found " + TypeEn(root));
    }
    else
    {
        std::string format;
        if (ReadString(root, "", "format", true, &format) && format != "gridstar/1")
            Error("/format", "不支持的格式 \"" + format + "\"（应为 gridstar/1）",
                  "unsupported format \"" + format + "\" (expected gridstar/1)");
        // Only read further when the format is ours: another format's fields would produce noise.
        if (r_.error_count == 0)
        {
            ReadDatasetInfo(root);
            ReadDistrict(root);
            ReadStreets(root);
            ReadCommunities(root);
            ReadGrids(root);
            ReadMicroGrids(root);
            ReadTeams(root);
            ReadActivities(root);
            ReadVolunteers(root);
            ReadMarkedDates(root);
            ReadCompetition(root);
            ReadEvents(root);
            ReadScenes(root);
            CheckKeys(root, "", "",
                      {"format", "dataset", "district", "streets", "communities", "grids", "micro_grids", "teams",
                       "activities", "volunteers", "marked_dates", "competition", "events", "scenes", "$schema"});
        }
    }
    r_.faults = std::move(errors_);
    r_.faults.insert(r_.faults.end(), std::make_move_iterator(warnings_.begin()),
                     std::make_move_iterator(warnings_.end()));
}

} // namespace

LoadResult LoadDatasetJson(std::string_view text, const LoadOptions& options)
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
    json root;
    {
        CappedDomBuilder builder(root, options);
        bool parsed = json::sax_parse(text.begin(), text.end(), &builder);
        r.parse_ms = MsSince(t0);
        if (!parsed || builder.aborted() || builder.syntax_error())
        {
            if (builder.aborted())
                return file_fault(builder.abort_zh(), builder.abort_en(), 0, 0, builder.abort_path());
            int line = 0, col = 0;
            LineColumn(text, builder.error_position() > 0 ? builder.error_position() - 1 : 0, &line, &col);
            std::string tok = builder.last_token();
            if (tok.size() > 40)
                tok = tok.substr(0, 40) + "…";
            bool at_end = builder.error_position() >= text.size();
            std::string zh = "JSON 语法错误，第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列" +
                             (at_end ? "：文件意外结束（可能被截断）" : "：附近内容 '" + tok + "'");
            std::string en = "JSON syntax error at line " + std::to_string(line) + ", column " + std::to_string(col) +
                             (at_end ? ": unexpected end of file (truncated?)" : ": near '" + tok + "'");
            return file_fault(zh, en, line, col);
        }
    }
    auto t1 = std::chrono::steady_clock::now();
    auto ds = std::make_unique<Dataset>();
    Validator v(r, options, *ds);
    v.Run(root);
    r.validate_ms = MsSince(t1);
    r.ok = r.error_count == 0;
    if (r.ok)
        r.dataset = std::move(ds);
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
