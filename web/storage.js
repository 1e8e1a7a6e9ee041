// IndexedDB storage of datasets (pre-js). Before main() runs, the stored snapshot is read into
// Module.gsStorage.restored, so the first frame already shows it. main() waits for that read only where a dataset
// was ever stored (a flag in localStorage says so): opening IndexedDB the first time on an origin takes hundreds of
// milliseconds, and a first visit has nothing to restore. Saves are two-phase: the new record (snapshot in
// `records`, the original JSON beside it in `json` under the same id) is written in one transaction; only when that
// commits does a second transaction move the "current" pointer and drop the old record. A reload between the two
// leaves the old dataset current and the orphan is swept at next start. The start-up restore reads the snapshot
// only; the JSON is read when a snapshot cannot be used (re-derive). Database version 1 kept the JSON inside the
// record: such records are still read (and re-derived from) as they are.
Module.gsStorage = {
    available: false, persisted: false, bytesUsed: -1, quota: 0, storedName: '', message: '',
    restored: null, version: 0, pending: 0, db: null,
};
(function () {
    var S = Module.gsStorage;
    var DB_NAME = 'gridstar', DB_VERSION = 2;
    var STORED_FLAG = 'gridstar-stored'; // set before the first save; cleared only with the site's data
    var dbOpen = null; // the open database, once asked for
    var idle = [];
    function changed() { S.version++; }
    function settle() {
        if (S.pending === 0) { var w = idle; idle = []; w.forEach(function (f) { f(); }); }
    }
    // A save that will start soon (api.js defers it past the next frame) counts as pending from now on.
    S.reserve = function () { S.pending++; };
    S.release = function () { S.pending--; settle(); };
    S.whenIdle = function () {
        return new Promise(function (resolve) { idle.push(resolve); settle(); });
    };
    function openDb() {
        return new Promise(function (resolve, reject) {
            var req;
            try { req = indexedDB.open(DB_NAME, DB_VERSION); } catch (e) { reject(e); return; }
            req.onupgradeneeded = function () {
                var db = req.result;
                if (!db.objectStoreNames.contains('records')) db.createObjectStore('records', { keyPath: 'id' });
                if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
                if (!db.objectStoreNames.contains('json')) db.createObjectStore('json');
            };
            req.onsuccess = function () { resolve(req.result); };
            req.onerror = function () { reject(req.error || new Error('indexedDB.open failed')); };
            req.onblocked = function () { reject(new Error('indexedDB.open blocked')); };
        });
    }
    function reqP(r) {
        return new Promise(function (resolve, reject) {
            r.onsuccess = function () { resolve(r.result); };
            r.onerror = function () { reject(r.error); };
        });
    }
    function txDone(tx) {
        return new Promise(function (resolve, reject) {
            tx.oncomplete = function () { resolve(); };
            tx.onerror = function () { reject(tx.error || new Error('transaction failed')); };
            tx.onabort = function () { reject(tx.error || new Error('transaction aborted')); };
        });
    }
    function refreshEstimate() {
        if (navigator.storage && navigator.storage.estimate) {
            navigator.storage.estimate().then(function (e) {
                S.bytesUsed = e.usage || 0; S.quota = e.quota || 0; changed();
            }).catch(function () {});
        }
        if (navigator.storage && navigator.storage.persisted) {
            navigator.storage.persisted().then(function (p) { S.persisted = !!p; changed(); }).catch(function () {});
        }
    }
    // Safari evicts unpersisted site data after 7 days unused: ask once, show the answer in the Data view.
    function askPersist() {
        if (navigator.storage && navigator.storage.persist) {
            navigator.storage.persist().then(function (p) { S.persisted = !!p; changed(); }).catch(function () {});
        }
    }
    async function restore() {
        if (!idbPresent()) throw new Error('IndexedDB is not available here');
        var t0 = performance.now();
        dbOpen = openDb();
        var db = await dbOpen;
        S.db = db;
        S.available = true;
        var tx = db.transaction(['meta', 'records'], 'readonly');
        var current = await reqP(tx.objectStore('meta').get('current'));
        var rec = current ? await reqP(tx.objectStore('records').get(current)) : null;
        if (rec) {
            S.restored = { id: rec.id, name: rec.name, snapshot: new Uint8Array(rec.snapshot), json: rec.json || null };
            S.storedName = rec.name;
            markStored();
            // main() did not wait (no flag: stored by a build before the flag existed): load it once the app is up.
            if (S.restoreChecked) S.rederive();
        }
        S.restoreMs = performance.now() - t0;
        // Sweep records no pointer refers to (a save interrupted between its two phases). Not awaited, but created
        // before main() can start a save, so it runs before any save's transactions (same stores, creation order).
        var tx2 = db.transaction(['records', 'json'], 'readwrite');
        ['records', 'json'].forEach(function (name) {
            var store = tx2.objectStore(name);
            store.getAllKeys().onsuccess = function (e) {
                e.target.result.forEach(function (k) { if (k !== current) store.delete(k); });
            };
        });
        txDone(tx2).catch(function () {});
    }
    function markStored() {
        try { localStorage.setItem(STORED_FLAG, '1'); } catch (e) {}
    }
    // snapshot: a Uint8Array of its own; json: a Blob (or bytes) of the original file.
    S.save = function (snapshot, json, name) {
        if (!idbPresent()) return; // IndexedDB is not there at all: the app runs in memory
        S.pending++;
        markStored();
        var id = Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
        var work = (S.chain || Promise.resolve()).then(startRestore).then(function () {
            if (!dbOpen) throw new Error('IndexedDB unavailable');
            return dbOpen;
        }).then(async function (db) {
            var tx1 = db.transaction(['records', 'json'], 'readwrite');
            tx1.objectStore('records').put({ id: id, name: name, saved_at: new Date().toISOString(), snapshot: snapshot.buffer });
            tx1.objectStore('json').put(json instanceof Blob ? json : new Blob([json], { type: 'application/json' }), id);
            await txDone(tx1); // phase 1 committed: the new copy exists in full
            var tx2 = db.transaction(['meta', 'records', 'json'], 'readwrite');
            var meta = tx2.objectStore('meta');
            var old = await reqP(meta.get('current'));
            meta.put(id, 'current');
            if (old && old !== id) {
                tx2.objectStore('records').delete(old);
                tx2.objectStore('json').delete(old);
            }
            await txDone(tx2); // phase 2: the pointer moved
            S.storedName = name;
            S.message = '';
        }).catch(function (e) {
            if (S.available) S.message = 'saving failed: ' + (e && e.message ? e.message : e) + ' (the stored copy is unchanged)';
        }).then(function () {
            S.pending--; changed(); refreshEstimate(); settle();
        });
        S.chain = work;
    };
    // A snapshot of another version or a damaged one: load the JSON kept beside it instead.
    S.rederive = function () {
        var r = S.restored;
        if (!r) return;
        S.pending++;
        var jsonBlob = r.json ? Promise.resolve(r.json) : (function () {
            var tx = S.db.transaction('json', 'readonly');
            return reqP(tx.objectStore('json').get(r.id));
        })();
        jsonBlob.then(function (blob) {
            if (!blob) throw new Error('no JSON stored beside the snapshot');
            return blob.arrayBuffer();
        }).then(function (buf) {
            var go = function () { window.GridStar.loadDataset(new Uint8Array(buf)); };
            if (window.GridStar && window.GridStar.ready) return window.GridStar.ready.then(go);
            go();
        }).catch(function (e) { S.message = 'could not read the stored JSON: ' + e; })
          .then(function () { S.pending--; changed(); settle(); });
    };

    // main() must not start before the restore is done (Module.gsHoldMain, pre.js). The read itself starts right away,
    // in parallel with the wasm download.
    function idbPresent() {
        try { return typeof indexedDB !== 'undefined' && !!indexedDB; } catch (e) { return false; }
    }
    var mayHaveStored = true; // where localStorage cannot be read, wait as if something were stored
    try { mayHaveStored = localStorage.getItem(STORED_FLAG) !== null; } catch (e) {}
    var release = Module.gsHoldMain('gs-storage', mayHaveStored);
    var restoring = null;
    function startRestore() {
        if (restoring) return restoring;
        // A browser that never answers (seen with some private modes) must not keep the app from starting.
        var timer = setTimeout(function () {
            S.message = 'IndexedDB did not answer in 4 s; running in memory';
            changed();
            release();
        }, 4000);
        restoring = restore().then(function () { askPersist(); refreshEstimate(); })
            .catch(function (e) {
                S.available = false;
                S.message = 'IndexedDB unavailable: ' + (e && e.message ? e.message : e);
            })
            .then(function () { clearTimeout(timer); changed(); release(); });
        return restoring;
    }
    // The read starts right away; main() waits for it only where something may have been stored (see above).
    startRestore();
})();
