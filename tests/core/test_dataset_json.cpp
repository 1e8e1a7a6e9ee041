// Loading and validating gridstar/1 files: the good sample, every file of the bad corpus, hostile sizes, and the
// round trip through the export and the storage snapshot.
#include <algorithm>
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/dataset_export.h"
#include "core/dataset_json.h"
#include "core/parsed_load.h"
#include "core/session.h"
#include "core/snapshot.h"

using namespace gridstar;

namespace
{
std::string ReadFile(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}
std::string Data(const std::string& rel)
{
    return std::string(GS_TEST_DATA_DIR) + "/" + rel;
}
const Fault* FirstError(const LoadResult& r)
{
    for (const Fault& f : r.faults)
        if (f.severity == Severity::Error)
            return &f;
    return nullptr;
}
} // namespace

TEST_CASE("minimal dataset loads with the figures it holds", "[data]")
{
    LoadResult r = LoadDatasetJson(ReadFile(Data("good/minimal.json")));
    INFO((r.faults.empty() ? std::string() : FaultToString(r.faults[0])));
    REQUIRE(r.ok);
    REQUIRE(r.error_count == 0);
    const Dataset& ds = *r.dataset;
    CHECK(ds.info.name == "测试区数据");
    CHECK(ds.streets.size() == 2);
    CHECK(ds.streets[1].is_town);
    CHECK(ds.communities.size() == 3);
    CHECK(ds.communities[1].kind == CommunityKind::Village);
    CHECK(ds.communities[2].kind == CommunityKind::Transition);
    CHECK(ds.communities[2].street == 1);
    CHECK(ds.grids[0].color == GridColor::Red);
    CHECK(ds.grids[0].worker.phone == "13812341234");
    // The closing point of a ring is dropped; an unclosed ring is kept as is.
    REQUIRE(ds.district.boundary.size() == 1);
    CHECK(ds.district.boundary[0][0].size() == 4);
    CHECK(ds.streets[0].boundary[0][0].size() == 4);
    CHECK(ds.streets[1].boundary.empty());
    CHECK(ds.activities[1].team == 1);
    CHECK(ds.activities[1].grid == -1);
    CHECK(ds.activities[1].end - ds.activities[1].start == 5 * 3600);
    CHECK(ds.categories.size() == 2);
    CHECK(ds.marked_dates[0].year == 0);
    CHECK(ds.marked_dates[1].year == 2024);
    CHECK(ds.competition.indicators.size() == 3);
    // A missing indicator value is NaN, never zero.
    CHECK(std::isnan(ds.competition.scores[2].values[2]));
    CHECK(ds.competition.scores[2].late);
    CHECK(ds.competition.rules.tie_break.size() == 3);
    CHECK(ds.events[0].status == EventStatus::Closed);
    Counts c = ComputeCounts(ds);
    CHECK(c.grid_workers == 3);
    CHECK(c.volunteers == 80);
    CHECK(c.service_hours == Approx(70));
    CHECK(c.events_closed == 1);
}

TEST_CASE("every file of the bad corpus fails with the expected fault path", "[data]")
{
    nlohmann::json expected = nlohmann::json::parse(ReadFile(Data("bad/expected.json")), nullptr, false);
    REQUIRE(expected.is_object());
    REQUIRE(expected.size() >= 30);
    for (auto it = expected.begin(); it != expected.end(); ++it)
    {
        const std::string name = it.key();
        const std::string want_path = it.value()["path"].get<std::string>();
        const std::string want_text = it.value()["contains"].get<std::string>();
        LoadResult r = LoadDatasetJson(ReadFile(Data("bad/" + name)));
        INFO(name);
        REQUIRE_FALSE(r.ok);
        REQUIRE(r.dataset == nullptr);
        const Fault* f = FirstError(r);
        REQUIRE(f != nullptr);
        INFO(FaultToString(*f));
        CHECK(f->path == want_path);
        CHECK(f->message_en.find(want_text) != std::string::npos);
        CHECK_FALSE(f->message_zh.empty());
    }
}

TEST_CASE("syntax errors carry line and column", "[data]")
{
    LoadResult r = LoadDatasetJson("{\n  \"format\": \"gridstar/1\",\n  \"a\": [1, 2,, 3]\n}");
    REQUIRE_FALSE(r.ok);
    REQUIRE(r.faults.size() == 1);
    CHECK(r.faults[0].line == 3);
    CHECK(r.faults[0].column == 14);
}

TEST_CASE("all faults are reported, not only the first", "[data]")
{
    nlohmann::json d = nlohmann::json::parse(ReadFile(Data("good/minimal.json")));
    d["grids"][0]["households"] = -1;
    d["grids"][1]["community_id"] = "nope";
    d["activities"][0]["end"] = "bad";
    LoadResult r = LoadDatasetJson(d.dump());
    REQUIRE_FALSE(r.ok);
    CHECK(r.error_count == 3);
    CHECK(r.faults[0].path == "/grids/0/households");
    CHECK(r.faults[1].path == "/grids/1/community_id");
    CHECK(r.faults[2].path == "/activities/0/end");
}

TEST_CASE("warnings do not block loading", "[data]")
{
    nlohmann::json d = nlohmann::json::parse(ReadFile(Data("good/minimal.json")));
    d["grids"][1].erase("worker");
    d["grids"][2].erase("worker");
    d["communities"][0]["nickname"] = "x";
    d["communities"][1]["nickname"] = "y";
    // A bow-tie ring crosses itself.
    d["grids"][0]["boundary"]["coordinates"][0] = {{120.0, 36.0}, {120.05, 36.05}, {120.05, 36.0}, {120.0, 36.05}};
    LoadResult r = LoadDatasetJson(d.dump());
    REQUIRE(r.ok);
    CHECK(r.error_count == 0);
    // one for the workers (counted once, pointing at the first), one per unknown key, one self-intersection
    CHECK(r.warning_count == 3);
    bool saw_worker = false, saw_unknown = false, saw_cross = false;
    for (const Fault& f : r.faults)
    {
        saw_worker |= f.path == "/grids/1/worker" && f.message_en.find("2 grid(s)") != std::string::npos;
        saw_unknown |= f.path == "/communities/0/nickname";
        saw_cross |= f.path == "/grids/0/boundary/coordinates/0" && f.message_en.find("intersects") != std::string::npos;
    }
    CHECK(saw_worker);
    CHECK(saw_unknown);
    CHECK(saw_cross);
}

TEST_CASE("hostile inputs give a clear message without a crash or a hang", "[data]")
{
    SECTION("a 200 MB string")
    {
        std::string s = "{\"format\":\"gridstar/1\",\"dataset\":{\"name\":\"";
        s.append(size_t(200) << 20, 'x');
        s += "\"}}";
        LoadResult r = LoadDatasetJson(s);
        REQUIRE_FALSE(r.ok);
        CHECK(r.faults[0].path == "/dataset/name");
        CHECK(r.faults[0].message_en.find("string too long") != std::string::npos);
    }
    SECTION("10^6-deep nesting")
    {
        std::string s = "{\"format\":\"gridstar/1\",\"x\":";
        s.append(1000000, '[');
        s.append(1000000, ']');
        s += "}";
        LoadResult r = LoadDatasetJson(s);
        REQUIRE_FALSE(r.ok);
        CHECK(r.faults[0].message_en.find("nesting too deep") != std::string::npos);
    }
    SECTION("a file over the size cap")
    {
        LoadOptions opt;
        opt.max_bytes = 1000;
        LoadResult r = LoadDatasetJson(std::string(2000, ' '), opt);
        REQUIRE_FALSE(r.ok);
        CHECK(r.faults[0].message_en.find("too large") != std::string::npos);
    }
    SECTION("an array over the item cap")
    {
        LoadOptions opt;
        opt.max_array_items = 10;
        LoadResult r = LoadDatasetJson("{\"format\":\"gridstar/1\",\"streets\":[1,2,3,4,5,6,7,8,9,10,11,12]}", opt);
        REQUIRE_FALSE(r.ok);
        CHECK(r.faults[0].path == "/streets/10");
    }
    SECTION("a UTF-8 BOM before a valid file is accepted")
    {
        std::string s = "\xEF\xBB\xBF" + ReadFile(Data("good/minimal.json"));
        CHECK(LoadDatasetJson(s).ok);
    }
    SECTION("faults beyond the listing cap are counted")
    {
        nlohmann::json d = nlohmann::json::parse(ReadFile(Data("good/minimal.json")));
        for (int i = 0; i < 2000; ++i)
            d["teams"].push_back({{"id", "X" + std::to_string(i)}, {"name", "t"}, {"members", -1}});
        LoadResult r = LoadDatasetJson(d.dump());
        REQUIRE_FALSE(r.ok);
        CHECK(r.error_count == 2000);
        CHECK(r.faults.size() == LoadOptions{}.max_faults_listed);
    }
}

TEST_CASE("round trip: load, export, load gives equal data; snapshots restore it exactly", "[data][storage]")
{
    LoadResult a = LoadDatasetJson(ReadFile(Data("good/minimal.json")));
    REQUIRE(a.ok);
    std::vector<uint8_t> snap_a = EncodeSnapshot(*a.dataset);

    // JSON round trip: the snapshot is a canonical encoding of every field, so equal bytes mean equal data.
    LoadResult b = LoadDatasetJson(DatasetToJsonText(*a.dataset));
    INFO((b.faults.empty() ? std::string() : FaultToString(b.faults[0])));
    REQUIRE(b.ok);
    CHECK(EncodeSnapshot(*b.dataset) == snap_a);

    // Snapshot round trip.
    Dataset restored;
    REQUIRE(DecodeSnapshot(snap_a.data(), snap_a.size(), &restored) == SnapshotStatus::Ok);
    CHECK(EncodeSnapshot(restored) == snap_a);
    CHECK(restored.communities[0].name == "一社区");
    CHECK(std::isnan(restored.competition.scores[2].values[2]));
}

TEST_CASE("damaged or foreign snapshots are refused, never misread", "[storage]")
{
    LoadResult a = LoadDatasetJson(ReadFile(Data("good/minimal.json")));
    REQUIRE(a.ok);
    std::vector<uint8_t> snap = EncodeSnapshot(*a.dataset);
    Dataset out;
    out.info.name = "untouched";

    std::vector<uint8_t> other = snap;
    other[4] = uint8_t(kSnapshotVersion + 1); // version field
    uint32_t version = 0;
    CHECK(DecodeSnapshot(other.data(), other.size(), &out, &version) == SnapshotStatus::OtherVersion);
    CHECK(version == kSnapshotVersion + 1);

    std::vector<uint8_t> flipped = snap;
    flipped[flipped.size() / 2] ^= 0x5A;
    CHECK(DecodeSnapshot(flipped.data(), flipped.size(), &out) == SnapshotStatus::Corrupt);

    std::vector<uint8_t> cut(snap.begin(), snap.begin() + long(snap.size() / 3));
    CHECK(DecodeSnapshot(cut.data(), cut.size(), &out) == SnapshotStatus::Corrupt);

    const uint8_t junk[] = {'n', 'o', 'p', 'e'};
    CHECK(DecodeSnapshot(junk, sizeof junk, &out) == SnapshotStatus::NotASnapshot);
    CHECK(out.info.name == "untouched");
}

// A dataset whose activities exercise every column of snapshot version 2: repeated and distinct titles, empty and
// set beneficiaries, no grid (-1), fractional and whole hours, long durations, the extremes of the integer columns.
static Dataset ActivityRichDataset(bool fractional_hours)
{
    LoadResult a = LoadDatasetJson(ReadFile(Data("good/minimal.json")));
    REQUIRE(a.ok);
    Dataset ds = std::move(*a.dataset);
    const Activity base = ds.activities[0];
    for (int i = 0; i < 700; ++i)
    {
        Activity x = base;
        x.id = "X" + std::to_string(i);
        x.title = i % 3 == 0 ? "夜间巡逻" : "标题" + std::to_string(i % 300);
        x.beneficiary = i % 5 == 0 ? "" : "老人";
        x.grid = i % 7 == 0 ? -1 : 0;
        x.category = int32_t(i % int(ds.categories.size()));
        x.start = 1700000000 + int64_t(i) * 3600 * 24 * 9;
        x.end = x.start + (i == 5 ? int64_t(1) << 40 : int64_t(i) * 60);
        x.participants = i == 9 ? 10000000 : i % 40;
        x.hours = fractional_hours && i % 4 == 1 ? 0.1 * i : double(i * 2);
        ds.activities.push_back(x);
    }
    return ds;
}

TEST_CASE("a snapshot decoded in steps gives exactly the dataset decoded at once", "[storage]")
{
    const Dataset ds = ActivityRichDataset(true);
    const std::vector<uint8_t> snap = EncodeSnapshot(ds);
    SnapshotDecoder d(snap.data(), snap.size());
    int steps = 0;
    double last = -1;
    while (!d.Step(50))
    {
        ++steps;
        CHECK(d.progress() >= last);
        CHECK(d.progress() <= 1.0);
        last = d.progress();
    }
    CHECK(steps > 2 * 702 / 50); // ids and rows, 50 at a time
    CHECK(d.activities() == 702);
    REQUIRE(d.status() == SnapshotStatus::Ok);
    CHECK(d.progress() == 1.0);
    std::unique_ptr<Dataset> out = d.Take();
    REQUIRE(out);
    CHECK(EncodeSnapshot(*out) == snap);

    SECTION("a snapshot over 4 MB: its checksum is taken in several steps")
    {
        Dataset big = ActivityRichDataset(false);
        const Activity base = big.activities.back();
        for (int i = 0; i < 300000; ++i)
        {
            Activity x = base;
            x.id = "BIG-" + std::to_string(i);
            x.participants = i % 1000;
            big.activities.push_back(std::move(x));
        }
        const std::vector<uint8_t> bytes = EncodeSnapshot(big);
        REQUIRE(bytes.size() > (size_t(8) << 20));
        SnapshotDecoder db(bytes.data(), bytes.size());
        int n = 0;
        while (!db.Step(100000))
            ++n;
        REQUIRE(db.status() == SnapshotStatus::Ok);
        CHECK(n > 2 + 2 + 2 * 3); // header, 3+ checksum parts, head, 2 x 4 activity parts, tail
        CHECK(EncodeSnapshot(*db.Take()) == bytes);
    }
    SECTION("small steps, then the rest at once (a budget of SIZE_MAX)")
    {
        SnapshotDecoder dm(snap.data(), snap.size());
        while (dm.progress() < 0.3) // into the activities' ids
            REQUIRE_FALSE(dm.Step(30));
        CHECK(dm.progress() < 0.5);
        while (!dm.Step(SIZE_MAX))
        {
        }
        REQUIRE(dm.status() == SnapshotStatus::Ok);
        CHECK(EncodeSnapshot(*dm.Take()) == snap);
    }
    SECTION("a version 1 snapshot, in steps too")
    {
        const std::vector<uint8_t> v1 = EncodeSnapshotVersion(ds, 1);
        SnapshotDecoder d1(v1.data(), v1.size());
        while (!d1.Step(50))
        {
        }
        REQUIRE(d1.status() == SnapshotStatus::Ok);
        CHECK(d1.version() == 1);
        CHECK(EncodeSnapshot(*d1.Take()) == snap);
    }
    SECTION("damaged: refused by its checksum before anything is read, no dataset")
    {
        std::vector<uint8_t> flipped = snap;
        flipped[flipped.size() / 2] ^= 0x5A;
        SnapshotDecoder bad(flipped.data(), flipped.size());
        int bad_steps = 0;
        while (!bad.Step(50))
            ++bad_steps;
        CHECK(bad_steps == 1); // the header, then the checksum (a snapshot under 4 MB: one step)
        CHECK(bad.status() == SnapshotStatus::Corrupt);
        CHECK_FALSE(bad.Take());
        std::vector<uint8_t> cut(snap.begin(), snap.begin() + long(snap.size() / 3));
        SnapshotDecoder short_one(cut.data(), cut.size());
        while (!short_one.Step(50))
        {
        }
        CHECK(short_one.status() == SnapshotStatus::Corrupt);
    }
}

TEST_CASE("snapshot version 2: columns round trip exactly, and are smaller than version 1", "[storage]")
{
    for (bool fractional : {false, true})
    {
        Dataset ds = ActivityRichDataset(fractional);
        std::vector<uint8_t> v2 = EncodeSnapshot(ds);
        std::vector<uint8_t> v1 = EncodeSnapshotVersion(ds, 1);
        CHECK(v2.size() < v1.size());
        uint32_t version = 0;
        Dataset back;
        REQUIRE(DecodeSnapshot(v2.data(), v2.size(), &back, &version) == SnapshotStatus::Ok);
        CHECK(version == kSnapshotVersion);
        REQUIRE(back.activities.size() == ds.activities.size());
        for (size_t i = 0; i < ds.activities.size(); ++i)
        {
            const Activity& x = ds.activities[i];
            const Activity& y = back.activities[i];
            INFO(i);
            CHECK(x.id == y.id);
            CHECK(x.title == y.title);
            CHECK(x.beneficiary == y.beneficiary);
            CHECK(x.category == y.category);
            CHECK(x.team == y.team);
            CHECK(x.community == y.community);
            CHECK(x.grid == y.grid);
            CHECK(x.start == y.start);
            CHECK(x.end == y.end);
            CHECK(x.participants == y.participants);
            CHECK(x.hours == y.hours);
        }
        CHECK(EncodeSnapshotVersion(back, 1) == v1);
    }
}

TEST_CASE("a version 1 snapshot is migrated: read as written, re-encoded as the current version", "[storage]")
{
    Dataset ds = ActivityRichDataset(true);
    std::vector<uint8_t> v1 = EncodeSnapshotVersion(ds, 1);
    uint32_t version = 0;
    REQUIRE(v1[4] == 1);
    Dataset back;
    REQUIRE(DecodeSnapshot(v1.data(), v1.size(), &back, &version) == SnapshotStatus::Ok);
    CHECK(version == 1);
    CHECK(EncodeSnapshot(back) == EncodeSnapshot(ds));

    // Damage is still caught under the old checksum; a version-1 header on a version-2 payload is never misread.
    std::vector<uint8_t> flipped = v1;
    flipped[flipped.size() - 9] ^= 0x01;
    CHECK(DecodeSnapshot(flipped.data(), flipped.size(), &back) == SnapshotStatus::Corrupt);
    std::vector<uint8_t> relabelled = EncodeSnapshot(ds);
    relabelled[4] = 1;
    CHECK(DecodeSnapshot(relabelled.data(), relabelled.size(), &back) == SnapshotStatus::Corrupt);
    std::vector<uint8_t> future = EncodeSnapshot(ds);
    future[4] = uint8_t(kSnapshotVersion + 1);
    CHECK(DecodeSnapshot(future.data(), future.size(), &back, &version) == SnapshotStatus::OtherVersion);
    CHECK(version == kSnapshotVersion + 1);
}

// Streaming: in the documented key order the activities are validated as the parser completes each one; with
// "activities" before the sections it refers to, the whole document is parsed first. Both must give the same faults
// (paths, messages, order, counts) and the same model.
static nlohmann::ordered_json MinimalOrdered()
{
    return nlohmann::ordered_json::parse(ReadFile(Data("good/minimal.json")));
}

static std::string ActivitiesFirst(const nlohmann::ordered_json& d)
{
    nlohmann::ordered_json o;
    o["format"] = d["format"];
    o["activities"] = d["activities"];
    for (auto it = d.begin(); it != d.end(); ++it)
        if (it.key() != "format" && it.key() != "activities")
            o[it.key()] = it.value();
    return o.dump(1);
}

static std::vector<std::string> FaultLines(const LoadResult& r)
{
    std::vector<std::string> out;
    for (const Fault& f : r.faults)
        out.push_back(FaultToString(f, "en") + " | " + FaultToString(f, "zh") + " @" + std::to_string(f.line));
    return out;
}

static void AddActivities(nlohmann::ordered_json& d, bool with_faults)
{
    nlohmann::ordered_json base = d["activities"][0];
    for (int i = 0; i < 6000; ++i)
    {
        nlohmann::ordered_json a = base;
        // Escaped strings land in the document's decoded chunks (several of them): ids and categories view them.
        a["id"] = "E\t" + std::to_string(i);
        a["title"] = "标题\"" + std::to_string(i % 50) + "\"";
        a["category"] = i % 3 == 0 ? "一老" : "类别\n" + std::to_string(i % 4);
        if (with_faults)
        {
            if (i % 500 == 1)
                a.erase("title");
            if (i % 700 == 2)
                a["team_id"] = "no-such-team";
            if (i % 900 == 3)
                a["end"] = "2020-01-01T00:00";
            if (i % 1100 == 4)
                a["extra_" + std::to_string((i / 1100) % 2)] = 1;
            if (i % 1300 == 5)
                a["id"] = "E\t" + std::to_string(i - 1);
            if (i % 1500 == 6)
                a["participants"] = "many";
            if (i == 4321)
                a = 42;
        }
        d["activities"].push_back(a);
    }
}

TEST_CASE("streamed activities give the same faults and model as a whole-document parse", "[data][stream]")
{
    for (bool with_faults : {false, true})
    {
        nlohmann::ordered_json d = MinimalOrdered();
        AddActivities(d, with_faults);
        const std::string streamed = d.dump(1), whole = ActivitiesFirst(d);
        LoadResult a = LoadDatasetJson(streamed);
        LoadResult b = LoadDatasetJson(whole);
        CHECK(a.json_nodes < b.json_nodes / 4); // the activities were not kept as a document
        CHECK(a.ok == !with_faults);
        CHECK(a.ok == b.ok);
        CHECK(a.error_count == b.error_count);
        CHECK(a.warning_count == b.warning_count);
        CHECK(FaultLines(a) == FaultLines(b));
        if (with_faults)
        {
            CHECK(a.error_count > 20);
            CHECK(a.warning_count >= 2);
            CHECK(FaultToString(a.faults[0]).rfind("error /activities/", 0) == 0);
        }
        else
        {
            REQUIRE(a.dataset);
            REQUIRE(b.dataset);
            CHECK(a.dataset->activities.size() == 6002);
            CHECK(a.dataset->activities[2].id == "E\t0");
            CHECK(a.dataset->activities[3].title == "标题\"1\"");
            CHECK(EncodeSnapshot(*a.dataset) == EncodeSnapshot(*b.dataset));
        }
    }
}

TEST_CASE("a repeated activity id is found after the activities and reported in document order", "[data][stream]")
{
    nlohmann::ordered_json d = MinimalOrdered();
    AddActivities(d, false);
    // activities[0..1] come from the minimal dataset, then E\t0 .. E\t5999
    d["activities"][3002].erase("title");
    d["activities"][5002]["id"] = "E\t15"; // activities[17]
    d["activities"][5500]["id"] = "E\t5999";
    for (const std::string& text : {d.dump(1), ActivitiesFirst(d)})
    {
        LoadResult r = LoadDatasetJson(text);
        REQUIRE_FALSE(r.ok);
        CHECK(r.error_count == 3);
        REQUIRE(r.faults.size() == 3);
        CHECK(r.faults[0].path == "/activities/3002/title");
        CHECK(r.faults[1].path == "/activities/5002/id");
        CHECK(r.faults[1].message_en == "duplicate id \"E\t15\" (first used by item 17)");
        // the later of the two is the repeat, even when the first comes after it in no table order
        CHECK(r.faults[2].path == "/activities/6001/id");
        CHECK(r.faults[2].message_en == "duplicate id \"E\t5999\" (first used by item 5500)");
    }
    // "first used by item N" is the JSON index, also when an item before it is not an object.
    {
        nlohmann::ordered_json e = MinimalOrdered();
        nlohmann::ordered_json a = e["activities"][0];
        e["activities"] = nlohmann::ordered_json::array({42, a, a});
        LoadResult r = LoadDatasetJson(e.dump());
        REQUIRE(r.faults.size() == 2);
        CHECK(r.faults[0].path == "/activities/0");
        CHECK(r.faults[1].path == "/activities/2/id");
        CHECK(r.faults[1].message_en.find("(first used by item 1)") != std::string::npos);
    }
    // Unique ids load; an id differing only in its last byte is not a repeat.
    nlohmann::ordered_json ok = MinimalOrdered();
    AddActivities(ok, false);
    ok["activities"][100]["id"] = "E\t0 ";
    LoadResult r = LoadDatasetJson(ok.dump());
    CHECK(r.ok);
}

TEST_CASE("streaming keeps syntax errors, caps and repeated root keys as they were", "[data][stream]")
{
    nlohmann::ordered_json d = MinimalOrdered();
    AddActivities(d, false);
    const std::string text = d.dump(1);

    SECTION("a syntax error inside an activity: one fault, at its line")
    {
        std::string bad = text;
        const size_t at = bad.find("\"E\\t3000\"");
        REQUIRE(at != std::string::npos);
        bad.insert(at, "@");
        const int line = 1 + int(std::count(bad.begin(), bad.begin() + long(at), '\n'));
        LoadResult r = LoadDatasetJson(bad);
        REQUIRE_FALSE(r.ok);
        REQUIRE(r.faults.size() == 1);
        CHECK(r.error_count == 1);
        CHECK(r.warning_count == 0);
        CHECK(r.faults[0].line == line);
    }
    SECTION("the array cap names the same path either way")
    {
        LoadOptions opt;
        opt.max_array_items = 5000;
        LoadResult a = LoadDatasetJson(text, opt);
        LoadResult b = LoadDatasetJson(ActivitiesFirst(d), opt);
        REQUIRE_FALSE(a.ok);
        CHECK(FaultLines(a) == FaultLines(b));
        CHECK(a.faults[0].path == "/activities/5000");
    }
    SECTION("a repeated \"activities\": the last one counts, as without streaming")
    {
        std::string dup = text;
        dup.insert(dup.rfind('}'), ",\"activities\":[]");
        LoadResult r = LoadDatasetJson(dup);
        REQUIRE(r.ok);
        CHECK(r.dataset->activities.empty());
        std::string dup2 = text;
        dup2.insert(dup2.find('{') + 1, "\"activities\":[1],");
        LoadResult r2 = LoadDatasetJson(dup2);
        REQUIRE(r2.ok);
        CHECK(r2.dataset->activities.size() == 6002);
    }
}

TEST_CASE("the session keeps the current dataset when a load fails", "[data][session]")
{
    Session s;
    REQUIRE(s.LoadJson(ReadFile(Data("good/minimal.json")), DatasetOrigin::Loaded).ok);
    uint64_t gen = s.generation();
    const LoadResult& bad = s.LoadJson("{\"format\": 3}", DatasetOrigin::Loaded);
    CHECK_FALSE(bad.ok);
    CHECK(s.generation() == gen);
    REQUIRE(s.dataset() != nullptr);
    CHECK(s.dataset()->info.name == "测试区数据");
    nlohmann::json st = s.StateJson();
    CHECK(st["dataset"]["name"] == "测试区数据");
    CHECK(st["dataset"]["counts"]["communities"] == 3);
    CHECK(st["last_load"]["ok"] == false);
    nlohmann::json lr = s.LoadResultJson(bad);
    CHECK(lr["errors"][0]["path"] == "/format");
}

TEST_CASE("code points are collected from the dataset's text", "[session]")
{
    LoadResult a = LoadDatasetJson(ReadFile(Data("good/minimal.json")));
    REQUIRE(a.ok);
    std::vector<uint32_t> cps = CollectCodepoints(*a.dataset);
    auto has = [&](uint32_t cp) { return std::binary_search(cps.begin(), cps.end(), cp); };
    CHECK(has(0x7F51)); // 网
    CHECK(has(0x96F7)); // 雷
    CHECK_FALSE(has('a'));
    // Text shown from the model beyond names and titles: beneficiaries, saved rule-set names, scene settings.
    Dataset more = *a.dataset;
    REQUIRE_FALSE(more.activities.empty());
    more.activities[0].beneficiary = "鹦";
    RuleSet set;
    set.name = "鹉";
    more.competition.rule_sets.push_back(set);
    Scene scene;
    scene.settings = "{\"filter\":{\"text\":\"螺\"}}";
    more.scenes.push_back(scene);
    cps = CollectCodepoints(more);
    CHECK(has(0x9E66)); // 鹦
    CHECK(has(0x9E49)); // 鹉
    CHECK(has(0x87BA)); // 螺
    // The heading font's share: names at every level, not the activities' titles.
    more.grids.at(0).name = "翠竹园";
    const std::vector<uint32_t> heading = CollectHeadingCodepoints(more);
    CHECK(std::binary_search(heading.begin(), heading.end(), uint32_t(0x7FE0))); // 翠
    CHECK_FALSE(std::binary_search(heading.begin(), heading.end(), uint32_t(0x87BA))); // 螺 (a scene's settings only)
    std::vector<uint32_t> bad;
    AppendCodepoints("\xff\xfe\xe7\xbd\x91", &bad); // two invalid bytes, then 网
    REQUIRE(bad.size() == 1);
    CHECK(bad[0] == 0x7F51);
    // Collected as a set: invalid bytes skipped, a four-byte character and the 21-bit edge kept, a cut-off sequence
    // at the end dropped; sorted, unique, nothing below 0x80.
    more.info.name = "\xff鹦\xf0\x9f\x98\x80\xf7\xbf\xbf\xbf ab 鹦\xe7\xbd";
    cps = CollectCodepoints(more);
    CHECK(has(0x1F600));
    CHECK(has(0x1FFFFF));
    CHECK(std::adjacent_find(cps.begin(), cps.end(), [](uint32_t x, uint32_t y) { return x >= y; }) == cps.end());
    CHECK(cps.front() >= 0x80);
    // The same set as every string's code points sorted and made unique (the heading share: a set of few fields).
    std::vector<uint32_t> plain;
    for (const std::string* text : {&more.info.name, &more.district.name})
        AppendCodepoints(*text, &plain);
    for (const Street& st : more.streets)
        AppendCodepoints(st.name, &plain);
    for (const Community& c : more.communities)
        AppendCodepoints(c.name, &plain);
    for (const Grid& g : more.grids)
        AppendCodepoints(g.name, &plain);
    for (const MicroGrid& m : more.micro_grids)
        AppendCodepoints(m.name, &plain);
    for (const Team& t : more.teams)
        AppendCodepoints(t.name, &plain);
    for (const Period& p : more.competition.periods)
        AppendCodepoints(p.name, &plain);
    for (const CompetitionClass& k : more.competition.classes)
        AppendCodepoints(k.name, &plain);
    for (const Indicator& i : more.competition.indicators)
        AppendCodepoints(i.name, &plain);
    for (const Scene& sc : more.scenes)
        AppendCodepoints(sc.title, &plain);
    SortUniqueCodepoints(&plain);
    CHECK(CollectHeadingCodepoints(more) == plain);
}

TEST_CASE("the overview's code points: the dataset's name, district, date and source only", "[session][fonts]")
{
    LoadResult a = LoadDatasetJson(ReadFile(Data("good/minimal.json")));
    REQUIRE(a.ok);
    Dataset ds = *a.dataset;
    ds.info.name = "鹦数据";
    ds.district.name = "鹉区";
    ds.info.source = "来源：螺";
    REQUIRE_FALSE(ds.communities.empty());
    ds.communities[0].name = "翠竹社区";
    const std::vector<uint32_t> shown = CollectOverviewCodepoints(ds);
    auto has = [&](uint32_t cp) { return std::binary_search(shown.begin(), shown.end(), cp); };
    CHECK(has(0x9E66)); // 鹦 (name)
    CHECK(has(0x9E49)); // 鹉 (district)
    CHECK(has(0x87BA)); // 螺 (source)
    CHECK(has(0xFF1A)); // ： (full-width colon)
    CHECK_FALSE(has(0x7FE0)); // 翠: a community's name, drawn by other views
    const std::vector<uint32_t> all = CollectCodepoints(ds);
    CHECK(std::includes(all.begin(), all.end(), shown.begin(), shown.end()));
    CHECK(shown.size() < all.size());
}

TEST_CASE("SortUniqueCodepoints equals sort + unique, small and large, beyond 21 bits too", "[data][fonts]")
{
    uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&]() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (size_t n : {size_t(0), size_t(1), size_t(5), size_t(255), size_t(256), size_t(257), size_t(5000), size_t(60000)})
    {
        std::vector<uint32_t> cps;
        for (size_t i = 0; i < n; ++i)
        {
            uint64_t r = next();
            // Mostly CJK with many repeats, some ASCII, the 21-bit edge, and values no UTF-8 decoder gives.
            uint32_t cp = (r % 10 < 6)   ? uint32_t(0x4E00 + r % 3000)
                          : (r % 10 < 8) ? uint32_t(0x20 + r % 95)
                          : (r % 10 < 9) ? uint32_t((1u << 21) - 1 - r % 3)
                                         : uint32_t(r >> 32);
            cps.push_back(cp);
        }
        std::vector<uint32_t> want = cps;
        std::sort(want.begin(), want.end());
        want.erase(std::unique(want.begin(), want.end()), want.end());
        SortUniqueCodepoints(&cps);
        INFO("n = " << n);
        CHECK(cps == want);
    }
}

TEST_CASE("saved rule sets: read, checked, exported and stored with the dataset", "[data][storage][ranking]")
{
    nlohmann::json d = nlohmann::json::parse(ReadFile(Data("good/minimal.json")));
    nlohmann::json set = {{"name", "提高志愿权重"},
                          {"saved_at", "2026-11-23"},
                          {"weights", {{"vol", 2.5}}},
                          {"rules", d["competition"]["rules"]}};
    set["rules"]["stars"][0]["min_total"] = 200;
    d["competition"]["saved_rule_sets"] = nlohmann::json::array({set});
    LoadResult a = LoadDatasetJson(d.dump());
    INFO((a.faults.empty() ? std::string() : FaultToString(a.faults[0])));
    REQUIRE(a.ok);
    const Competition& c = a.dataset->competition;
    REQUIRE(c.rule_sets.size() == 1);
    const RuleSet& rs = c.rule_sets[0];
    CHECK(rs.name == "提高志愿权重");
    CHECK(rs.saved_at == "2026-11-23");
    CHECK(rs.weights == std::vector<double>{1, 1, 2.5}); // indicators not listed keep the published weight
    CHECK(rs.rules.stars[0].min_total == 200);
    CHECK(c.rules.stars[0].min_total == 210); // the published rules are untouched

    // Export and snapshot carry it.
    LoadResult b = LoadDatasetJson(DatasetToJsonText(*a.dataset));
    REQUIRE(b.ok);
    REQUIRE(b.dataset->competition.rule_sets.size() == 1);
    CHECK(b.dataset->competition.rule_sets[0].weights == rs.weights);
    const std::vector<uint8_t> snap = EncodeSnapshot(*a.dataset);
    CHECK(EncodeSnapshot(*b.dataset) == snap);
    Dataset restored;
    REQUIRE(DecodeSnapshot(snap.data(), snap.size(), &restored) == SnapshotStatus::Ok);
    REQUIRE(restored.competition.rule_sets.size() == 1);
    CHECK(restored.competition.rule_sets[0].name == rs.name);
    CHECK(restored.competition.rule_sets[0].weights == rs.weights);
    CHECK(restored.competition.rule_sets[0].rules.stars[0].min_total == 200);

    // Faults name the place.
    auto first_error = [](nlohmann::json doc) {
        LoadResult r = LoadDatasetJson(doc.dump());
        const Fault* f = FirstError(r);
        return f ? f->path : std::string("(no error)");
    };
    nlohmann::json bad = d;
    bad["competition"]["saved_rule_sets"][0]["weights"]["vol"] = -1;
    CHECK(first_error(bad) == "/competition/saved_rule_sets/0/weights/vol");
    bad = d;
    bad["competition"]["saved_rule_sets"][0].erase("rules");
    CHECK(first_error(bad) == "/competition/saved_rule_sets/0/rules");
    bad = d;
    bad["competition"]["saved_rule_sets"][0]["saved_at"] = "2026-13-01";
    CHECK(first_error(bad) == "/competition/saved_rule_sets/0/saved_at");
    bad = d;
    bad["competition"]["saved_rule_sets"][0]["rules"]["late"] = "sometimes";
    CHECK(first_error(bad) == "/competition/saved_rule_sets/0/rules/late");
    bad = d;
    bad["competition"]["saved_rule_sets"] = "none";
    CHECK(first_error(bad) == "/competition/saved_rule_sets");
}

TEST_CASE("the session adds, replaces and removes saved rule sets without a new generation", "[session][ranking]")
{
    Session s;
    RuleSet set;
    set.name = "A";
    CHECK_FALSE(s.AddRuleSet(set)); // no dataset yet
    REQUIRE(s.LoadJson(ReadFile(Data("good/minimal.json")), DatasetOrigin::Loaded).ok);
    const uint64_t gen = s.generation();
    set.weights = {1, 2, 3};
    REQUIRE(s.AddRuleSet(set));
    set.weights = {3, 2, 1};
    REQUIRE(s.AddRuleSet(set)); // same name: replaced
    REQUIRE(s.dataset()->competition.rule_sets.size() == 1);
    CHECK(s.dataset()->competition.rule_sets[0].weights == std::vector<double>{3, 2, 1});
    CHECK_FALSE(s.RemoveRuleSet("B"));
    CHECK(s.RemoveRuleSet("A"));
    CHECK(s.dataset()->competition.rule_sets.empty());
    CHECK(s.generation() == gen);
}

TEST_CASE("a load packed in a worker unpacks to the same result, dataset, faults and timings", "[data][worker]")
{
    SECTION("a good load with a warning")
    {
        nlohmann::ordered_json d = MinimalOrdered();
        AddActivities(d, false);
        d["activities"][5]["colour"] = "red"; // unknown field: a warning, the load still succeeds
        LoadResult a = LoadDatasetJson(d.dump());
        REQUIRE(a.ok);
        REQUIRE(a.warning_count == 1);
        const std::vector<uint8_t> packed = PackParsedLoad(a);
        LoadResult b;
        std::string error;
        REQUIRE(UnpackParsedLoad(packed.data(), packed.size(), &b, &error));
        CHECK(b.ok);
        CHECK(FaultLines(b) == FaultLines(a));
        CHECK(b.faults[0].severity == Severity::Warning);
        CHECK(b.error_count == 0);
        CHECK(b.warning_count == 1);
        CHECK(b.parse_ms == a.parse_ms);
        CHECK(b.json_nodes == a.json_nodes);
        REQUIRE(b.dataset);
        CHECK(b.dataset->activities.size() == 6002);
        CHECK(EncodeSnapshot(*b.dataset) == EncodeSnapshot(*a.dataset));

        SECTION("a damaged block is refused, never half taken")
        {
            std::string why;
            LoadResult c;
            CHECK_FALSE(UnpackParsedLoad(packed.data(), 7, &c, &why));
            CHECK_FALSE(UnpackParsedLoad(packed.data(), packed.size() - 1, &c, &why));
            CHECK(why == "lengths do not match the buffer");
            std::vector<uint8_t> bad = packed;
            bad[8] = '[';
            CHECK_FALSE(UnpackParsedLoad(bad.data(), bad.size(), &c, &why));
            CHECK(why == "unreadable summary");
            bad = packed;
            bad[bad.size() - 10] ^= 0x5A; // inside the snapshot
            CHECK_FALSE(UnpackParsedLoad(bad.data(), bad.size(), &c, &why));
            CHECK(why == "the dataset's snapshot does not decode");
            CHECK_FALSE(c.ok);
            CHECK_FALSE(c.dataset);
        }
    }
    SECTION("a failed load keeps its faults, lines and columns, and has no dataset")
    {
        LoadResult a = LoadDatasetJson(ReadFile(Data("bad/syntax_error_line3.json")));
        REQUIRE_FALSE(a.ok);
        const std::vector<uint8_t> packed = PackParsedLoad(a);
        LoadResult b;
        std::string error;
        REQUIRE(UnpackParsedLoad(packed.data(), packed.size(), &b, &error));
        CHECK_FALSE(b.ok);
        CHECK_FALSE(b.dataset);
        CHECK(FaultLines(b) == FaultLines(a));
        CHECK(b.faults[0].line == 3);
        CHECK(b.faults[0].column == a.faults[0].column);
        CHECK(b.error_count == a.error_count);
    }
    SECTION("progress comes every 4,096 activities with the bytes read so far")
    {
        nlohmann::ordered_json d = MinimalOrdered();
        AddActivities(d, false);
        const std::string text = d.dump();
        std::vector<size_t> seen;
        LoadOptions opt;
        opt.progress = [&](size_t done) { seen.push_back(done); };
        REQUIRE(LoadDatasetJson(text, opt).ok);
        REQUIRE(seen.size() == 1); // 6,002 activities: after the 4,096th
        CHECK(seen[0] > text.size() / 2);
        CHECK(seen[0] < text.size());
    }
}
