// Storage on the web: IndexedDB through web/storage.js. The pre-js reads the stored snapshot before main() runs,
// so the first frame already shows the restored dataset; saves are two-phase (record, then pointer).
#include <emscripten.h>

#include <chrono>
#include <memory>

#include "core/snapshot.h"
#include "platform/storage.h"

namespace gridstar::storage
{

// clang-format off
EM_JS(int, gs_js_storage_available, (), { return Module.gsStorage && Module.gsStorage.available ? 1 : 0; });
EM_JS(int, gs_js_storage_persisted, (), { return Module.gsStorage && Module.gsStorage.persisted ? 1 : 0; });
EM_JS(double, gs_js_storage_used, (), { return Module.gsStorage ? Module.gsStorage.bytesUsed : -1; });
EM_JS(double, gs_js_storage_quota, (), { return Module.gsStorage ? Module.gsStorage.quota : 0; });
EM_JS(int, gs_js_storage_version, (), { return Module.gsStorage ? Module.gsStorage.version : 0; });
EM_JS(char*, gs_js_storage_text, (int which), {
    var s = Module.gsStorage || {};
    var v = which == 0 ? (s.storedName || "") : (s.message || "");
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
EM_JS(double, gs_js_restore_ms, (), { return Module.gsStorage ? (Module.gsStorage.restoreMs || 0) : 0; });
EM_JS(int, gs_js_restored_size, (), {
    if (Module.gsStorage) Module.gsStorage.restoreChecked = true; // a restore read after this comes too late
    var r = Module.gsStorage && Module.gsStorage.restored;
    return r && r.snapshot ? r.snapshot.length : 0;
});
EM_JS(void, gs_js_restored_copy, (uint8_t* dst), {
    HEAPU8.set(Module.gsStorage.restored.snapshot, dst);
    Module.gsStorage.restored.snapshot = null; // the wasm copy is the one kept
});
EM_JS(void, gs_js_rederive, (), { Module.gsStorage.rederive(); });
EM_JS(void, gs_js_save, (const uint8_t* snap, int snap_len, const char* json, int json_len, const char* name), {
    // A load's deferred save still waiting (api.js) goes first: saves land in order, so this newer one (an edit of
    // the dataset, say) stays the current record. Flushing it calls back here with the pending one cleared.
    if (Module.gsFlushPendingSave) Module.gsFlushPendingSave();
    // Both copied out of the heap now (the caller frees them); the JSON goes straight into a Blob, or is the File
    // it was read from (api.js sets gsPendingJsonBlob for the save of a file it loaded).
    var json_blob = Module.gsPendingJsonBlob ||
                    new Blob([HEAPU8.subarray(json, json + json_len)], {type: 'application/json'});
    Module.gsStorage.save(HEAPU8.slice(snap, snap + snap_len), json_blob, UTF8ToString(name));
});
// clang-format on

namespace
{
std::string TakeJsString(int which)
{
    char* p = gs_js_storage_text(which);
    std::string s(p);
    free(p);
    return s;
}
int g_seen_version = -1;
} // namespace

void Init(StorageInfo* info)
{
    Poll(info);
}

Restored Restore()
{
    Restored r;
    int n = gs_js_restored_size();
    if (n <= 0)
        return r;
    // Not zero-filled first: the copy from JS writes every byte (fresh wasm pages are costly to touch twice).
    std::unique_ptr<uint8_t[]> bytes(new uint8_t[size_t(n)]);
    gs_js_restored_copy(bytes.get());
    auto ds = std::make_unique<Dataset>();
    uint32_t version = 0;
    auto t0 = std::chrono::steady_clock::now();
    SnapshotStatus st = DecodeSnapshot(bytes.get(), size_t(n), ds.get(), &version);
    bytes.reset();
    r.decode_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (st == SnapshotStatus::Ok)
    {
        r.dataset = std::move(ds);
        return r;
    }
    // Never misread: a snapshot of another version, or a damaged one, is re-derived from the JSON kept beside it.
    r.needs_rederive = true;
    r.message = st == SnapshotStatus::OtherVersion
                    ? "stored snapshot is format version " + std::to_string(version) + "; re-deriving from the stored JSON"
                    : "stored snapshot is damaged; re-deriving from the stored JSON";
    gs_js_rederive();
    return r;
}

void Save(const std::vector<uint8_t>& snapshot, std::string_view json, const std::string& name)
{
    gs_js_save(snapshot.data(), int(snapshot.size()), json.data(), int(json.size()), name.c_str());
}

void Poll(StorageInfo* info)
{
    // storage.js bumps `version` whenever something changes; copy only then.
    int v = gs_js_storage_version();
    if (v == g_seen_version)
        return;
    g_seen_version = v;
    info->available = gs_js_storage_available() != 0;
    info->persisted = gs_js_storage_persisted() != 0;
    info->bytes_used = int64_t(gs_js_storage_used());
    info->quota = int64_t(gs_js_storage_quota());
    info->stored_name = TakeJsString(0);
    info->message = TakeJsString(1);
    info->restore_read_ms = gs_js_restore_ms();
}

} // namespace gridstar::storage
