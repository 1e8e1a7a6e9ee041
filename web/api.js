// window.GridStar: the page's interface to the app (post-js). Every call goes through the same C++ session
// methods as the UI. Documented in README.md ("JavaScript API").
(function () {
    var readyResolve;
    var ready = new Promise(function (resolve) { readyResolve = resolve; });
    Module.gsOnFirstFrame = function () { readyResolve(); };

    function takeString(ptr) { return UTF8ToString(ptr); }
    function withCString(str, fn) {
        var n = lengthBytesUTF8(str) + 1;
        var p = _malloc(n);
        stringToUTF8(str, p, n);
        try { return fn(p); } finally { _free(p); }
    }
    // Large inputs go through malloc, never the stack. Bytes (File, fetch) are copied once into the heap; text is
    // encoded straight into the heap with encodeInto (no intermediate Uint8Array).
    function toHeap(input) {
        if (input instanceof ArrayBuffer) input = new Uint8Array(input);
        if (ArrayBuffer.isView(input) && !(input instanceof Uint8Array))
            input = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
        if (input instanceof Uint8Array) {
            var p = _malloc(input.length + 1);
            HEAPU8.set(input, p);
            HEAPU8[p + input.length] = 0;
            return { p: p, n: input.length };
        }
        var str = String(input);
        var enc = new TextEncoder();
        // Most characters of a gridstar file are ASCII or 3-byte CJK (1 UTF-16 unit each): start at 1.5 bytes a
        // unit and grow only if the text needs more (never the 3x worst case up front, which would raise the peak).
        var cap = str.length + (str.length >> 1) + 16;
        var p = _malloc(cap + 1);
        var read = 0, written = 0;
        for (;;) {
            var res = enc.encodeInto(read ? str.substring(read) : str, HEAPU8.subarray(p + written, p + cap));
            read += res.read; written += res.written;
            if (read >= str.length) break;
            var need = written + (str.length - read) * 3 + 16;
            var q = _malloc(need + 1);
            HEAPU8.copyWithin(q, p, p + written);
            _free(p);
            p = q; cap = need;
        }
        if (cap - written > 4096) p = _gs_shrink(p, written + 1);
        HEAPU8[p + written] = 0;
        return { p: p, n: written };
    }

    // The IndexedDB save of a loaded dataset is storage, not loading: it runs after the dataset is live (after the
    // next frame), from the bytes still in the heap. storageIdle() waits for it from the moment the load succeeds,
    // and a newer successful load supersedes a save not yet started. A failed load never schedules one.
    var pendingSave = null;
    // A File is itself a Blob: it is stored as the JSON as it is (no copy on this thread), and the heap copy of its
    // bytes is freed as soon as it has been parsed.
    function flushSave() {
        var ps = pendingSave;
        if (!ps) return;
        pendingSave = null;
        Module.gsPendingJsonBlob = null;
        if (ps.snapshot) { // a worker's load: its snapshot is the dataset's, no need to encode it again here
            try { Module.gsStorage.save(ps.snapshot, ps.blob, ps.name); } finally { Module.gsStorage.release(); }
            return;
        }
        Module.gsPendingJsonBlob = ps.blob || null;
        try { _gs_save_current(ps.p, ps.n); }
        finally { Module.gsPendingJsonBlob = null; if (ps.p) _free(ps.p); Module.gsStorage.release(); }
    }
    Module.gsFlushPendingSave = flushSave; // storage_web.cpp: any other save lets a pending one land first
    function scheduleSave(h) {
        if (pendingSave) { if (pendingSave.p) _free(pendingSave.p); Module.gsStorage.release(); }
        pendingSave = h;
        Module.gsStorage.reserve();
        requestAnimationFrame(function () { setTimeout(flushSave, 0); });
        setTimeout(flushSave, 1000); // a hidden tab gets no animation frames
    }
    function loadBytes(input, origin, blob) {
        supersedeParse(); // a load here wins over a file still parsing in a worker
        var t0 = performance.now();
        var h = toHeap(input);
        var t1 = performance.now();
        var keep = false;
        try {
            var r = JSON.parse(takeString(_gs_load_json(h.p, h.n, origin || 0)));
            r.copy_ms = t1 - t0; // text or bytes into the wasm heap
            r.call_ms = performance.now() - t1; // parse + validate + adopt, as seen from JS
            if (r.ok && (origin | 0) !== 2 && Module.gsStorage && Module.gsStorage.db) {
                if (blob) { _free(h.p); scheduleSave({ p: 0, n: 0, blob: blob }); }
                else { scheduleSave(h); keep = true; }
            }
            return r;
        } finally { if (!keep) _free(h.p); }
    }
    var overlay = null;
    function busy(text) {
        if (window.gsShell) window.gsShell.busy(text);
    }
    // A File (the picker's, a drop's): read and parsed in a worker where one can run (loadOffThread below). The
    // worker reads it too: in the page, reading the 242 MB file took 1.7-1.9 s between the page's frames, in a
    // worker 0.23 s.
    function loadFile(file) {
        return loadOffThread(null, file, file.name);
    }

    var picker = null;
    Module.gsOpenFilePicker = function () {
        if (!picker) {
            picker = document.createElement('input');
            picker.type = 'file';
            picker.accept = '.json,application/json';
            picker.style.display = 'none';
            picker.id = 'gs-file-picker';
            picker.addEventListener('change', function () {
                if (picker.files && picker.files[0]) loadFile(picker.files[0]);
                picker.value = '';
            });
            document.body.appendChild(picker);
        }
        picker.click();
    };

    Module.gsSaveFile = function (name, bytes, mime) {
        var blob = new Blob([bytes], { type: mime });
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    };

    // The wide CJK font is fetched only when a dataset uses characters the core font lacks.
    Module.gsFetchWideFont = function () {
        fetch('gridstar-wide.ttf').then(function (r) {
            if (!r.ok) throw new Error('HTTP ' + r.status);
            return r.arrayBuffer();
        }).then(function (buf) {
            var p = _malloc(buf.byteLength); // the app takes this memory over
            if (!p) throw new Error('out of memory');
            HEAPU8.set(new Uint8Array(buf), p);
            _gs_wide_font_bytes(p, buf.byteLength);
        }).catch(function (e) {
            console.warn('GridStar: wide font unavailable, rare characters show as placeholders', e);
        });
    };

    window.addEventListener('dragover', function (e) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
    window.addEventListener('drop', function (e) {
        e.preventDefault();
        var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
        if (f) loadFile(f);
    });

    // A view command through the C++ workspace; throws with the app's message when it refuses.
    function call(name, args) {
        var r = withCString(String(name), function (np) {
            return withCString(JSON.stringify(args === undefined ? {} : args), function (ap) {
                return JSON.parse(takeString(_gs_command(np, ap)));
            });
        });
        if (r && typeof r === 'object' && !Array.isArray(r) && r.error) throw new Error(r.error);
        return r;
    }

    // F5 presents instead of reloading; leaving full screen (Esc) leaves the presentation.
    window.addEventListener('keydown', function (e) {
        if (e.key === 'F5' && !e.ctrlKey && !e.metaKey) e.preventDefault();
    }, true);
    document.addEventListener('fullscreenchange', function () {
        if (!document.fullscreenElement && window.GridStar && GridStar.state().presentation.on) _gs_present(0);
    });

    // PNG of the current view at the screen's size or a chosen one (e.g. 3840x2160 for print).
    function exportPng(opts) {
        opts = opts || {};
        var dpr = window.devicePixelRatio || 1;
        var w = opts.width ? Math.round(opts.width / dpr) : 0, h = opts.height ? Math.round(opts.height / dpr) : 0;
        if (w > 0 && h > 0) _gs_render_at(w, h); else _gs_render_at(window.innerWidth, window.innerHeight);
        var url = Module.canvas.toDataURL('image/png'); // same task as the render: the drawing buffer is intact
        _gs_render_restore();
        if (opts.download) Module.gsSaveFile(opts.download, Uint8Array.from(atob(url.split(',')[1]), function (c) { return c.charCodeAt(0); }), 'image/png');
        return url;
    }

    window.GridStar = {
        call: call,
        // Presentation
        present: function (on) { _gs_present(on ? 1 : 0); return GridStar.state().presentation; },
        scenes: function () { return JSON.parse(takeString(_gs_scenes_json())); },
        // CPU time of the last frames (oldest first): {build_ms:[], submit_ms:[], vertices:[], drawn:[]}; reset forgets
        // them. `drawn` is false for a frame that showed what the one before did and was not sent to the GPU.
        frameTimes: function (reset) { return JSON.parse(takeString(_gs_frame_times(reset ? 1 : 0))); },
        // Every frame to the GPU, changed or not (frame benchmarks, screen recorders); by default an unchanged frame
        // is not drawn again.
        redrawEveryFrame: function (on) { _gs_redraw_always(on ? 1 : 0); },
        nextScene: function () { _gs_scene_key(1); return GridStar.state().presentation; },
        previousScene: function () { _gs_scene_key(-1); return GridStar.state().presentation; },
        addScene: function () { _gs_scene_key(0); return GridStar.scenes(); },
        exportPng: exportPng,
        // Map (issue: grid map)
        mapFocus: function (unitId) { return call('mapFocus', { id: unitId }); },
        mapPick: function (x, y) { return call('mapPick', { x: x, y: y }); },
        // {color_mode: 'grid_color'|'community_kind'|'metric', metric, masking, labels, finest} -> state().map
        mapOptions: function (opts) { return call('mapOptions', opts || {}); },
        // Timeline
        timelineRange: function (start, end) { return call('timelineRange', { start: start, end: end }); },
        timelineFilter: function (filter) { return call('timelineFilter', filter || {}); },
        // {playing, speed: 'day'|'week'|'month'|'quarter'|'year', cursor: iso, step: +1|-1, stop: true}
        timelinePlay: function (opts) { return call('timelinePlay', opts || {}); },
        timelineGrouping: function (g) { return call('timelineGrouping', { grouping: g }); },
        timelinePreset: function (p, anchorIso) { return call('timelinePreset', { preset: p, anchor: anchorIso }); },
        // Ranking
        ranking: function (opts) { return call('ranking', opts || {}); },
        explain: function (unitId, period) { return call('explain', { id: unitId, period: period }); },
        // action: 'play' | 'pause' | 'toggle' | 'step' | 'back' | 'seek' (with position, in periods) | 'state'
        rankingRace: function (action, position) { return call('rankingRace', { action: action || 'state', position: position }); },
        // Downloads the table as shown (UTF-8 CSV with BOM); returns {filename, rows, simulated}.
        exportRankingCsv: function () { return call('exportRankingCsv', {}); },
        // Saved simulations kept with the dataset: action 'list' | 'save' | 'load' | 'delete' -> {rule_sets, loaded}
        rankingRuleSet: function (action, name) { return call('rankingRuleSet', { action: action || 'list', name: name }); },
        // Downloads the timeline's activities under the current filter and range (UTF-8 CSV with BOM); {filename, rows}.
        exportTimelineCsv: function () { return call('exportTimelineCsv', {}); },
        ready: ready,
        // Text, Uint8Array or ArrayBuffer of a gridstar/1 file -> {ok, errors:[{path, message}], warnings}
        loadDataset: function (input) { return loadBytes(input, 0); },
        loadFile: loadFile,
        state: function () {
            var s = JSON.parse(takeString(_gs_state_json()));
            s.memory_bytes = HEAPU8.length; // wasm memory only grows: this is the peak so far
            s.warmup = Object.assign({}, warmup);
            s.loading = Object.assign({}, loading);
            return s;
        },
        setView: function (name) { return withCString(String(name), function (p) { return _gs_set_view(p) === 1; }); },
        setLanguage: function (lang) { return withCString(String(lang), function (p) { return _gs_set_language(p) === 1; }); },
        setFontScale: function (s) { _gs_set_font_scale(+s); },
        // The characters of a text the app cannot draw right now ('' when it can draw all of it), in the body text
        // or font 'heading' | 'figures'.
        glyphsMissing: function (text, font) {
            var f = font === 'heading' ? 1 : font === 'figures' ? 2 : 0;
            return withCString(String(text), function (p) { return takeString(_gs_glyphs_missing(p, f)); });
        },
        openFile: function () { Module.gsOpenFilePicker(); },
        // Resolves when no storage write is pending (tests reload only after that).
        storageIdle: function () { return Module.gsStorage.whenIdle(); },
    };

    // ---- the parser's worker (see gs_warmup_entry in platform/web_api.cpp) ----
    // A worker instantiates the same compiled module with no Emscripten runtime around it: it implements the few
    // imports the parser and the C library's start-up call (heap growth, big copies, the clock, an empty environment,
    // the parse's progress), matched to the module's imports by the runtime's own functions; any other throws.
    // It does two jobs, each in a worker of its own that is terminated after (its memory goes with it):
    // - the warm-up: shortly after the first frame it parses the sample (its snapshot written out as JSON), so that
    //   V8 has optimised the parser by the time the user opens a file. state().warmup says what happened: 'off'
    //   until it starts, 'running', 'done', 'failed', or 'skipped' where it cannot run;
    // - files the user opens (picker, drop, ?data=): parsed there, the page takes the result as a snapshot
    //   (gs_adopt_begin/_step, a few ms a frame) and keeps drawing frames meanwhile. state().loading tells the progress.
    var warmup = { state: 'off', ms: 0, error: '' };
    function parserWorker() {
        onmessage = function (e) {
            var d = e.data, memory = null, imports = {}, t0 = performance.now();
            d.posted -= performance.timeOrigin; // the page's clock to this worker's
            function u32(p, v) { new Uint32Array(memory.buffer)[p >>> 2] = v; }
            var impl = { // by role (see workerRoles)
                resize: function (bytes) {
                    var grow = Math.ceil(((bytes >>> 0) - memory.buffer.byteLength) / 65536);
                    if (grow > 0) memory.grow(grow);
                    return 1;
                },
                memcpy: function (dst, src, n) { new Uint8Array(memory.buffer).copyWithin(dst, src, src + n); },
                now: function () { return performance.now(); },
                clock: function (clock, tp) { // struct timespec of two 32-bit words, as the runtime writes it
                    var now = clock === 0 ? Date.now() : performance.now();
                    u32(tp, now / 1e3 | 0); u32(tp + 4, now % 1e3 * 1e6 | 0);
                    return 0;
                },
                environSizes: function (count, size) { u32(count, 0); u32(size, 0); return 0; },
                environ: function () { return 0; },
                progress: function (fraction) { postMessage({ progress: fraction }); },
            };
            WebAssembly.Module.imports(d.module).forEach(function (imp) {
                var ns = imports[imp.module] || (imports[imp.module] = {});
                var role = d.roles[imp.name];
                ns[imp.name] = impl[role] ||
                    function () { throw new Error('parser worker: unexpected call to import ' + imp.name); };
            });
            var bytes = d.text ? Promise.resolve(d.text)
                : d.file.arrayBuffer().then(function (b) { return new Uint8Array(b); });
            d.file = null;
            Promise.all([WebAssembly.instantiate(d.module, imports), bytes]).then(function (got) {
                var inst = got[0];
                d.text = got[1];
                var table = null;
                for (var k in inst.exports) {
                    if (inst.exports[k] instanceof WebAssembly.Memory) memory = inst.exports[k];
                    else if (inst.exports[k] instanceof WebAssembly.Table) table = inst.exports[k];
                }
                var alloc = table.get(d.alloc), run = table.get(d.run);
                var t1 = performance.now();
                var n = d.text.length;
                // The heap the parse will need (about twice the file: the file, the model, the document's blocks),
                // grown once now rather than a step at a time as malloc asks.
                var want = Math.ceil((n * 2.5 - (memory.buffer.byteLength - 16777216)) / 65536);
                if (d.kind === 'parse' && want > 0) { try { memory.grow(want); } catch (err) {} }
                var p = alloc(n);
                if (!p) throw new Error('out of memory');
                new Uint8Array(memory.buffer).set(d.text, p);
                d.text = null; // the worker's copy of the file: only the heap's from here on
                var t2 = performance.now();
                var out = run(p, n);
                var stages = { start_ms: t0 - d.posted, read_instantiate_ms: t1 - t0, copy_ms: t2 - t1, run_ms: performance.now() - t2 };
                if (d.kind === 'warm') {
                    postMessage({ ok: out === 1, ms: performance.now() - t0, error: out === 1 ? '' : 'the sample did not load' });
                    return;
                }
                if (!out) throw new Error('out of memory');
                // [u32 summary][u32 snapshot][summary][snapshot] (PackParsedLoad)
                var head = new DataView(memory.buffer, out, 8);
                var result = new Uint8Array(memory.buffer).slice(out, out + 8 + head.getUint32(0, true) + head.getUint32(4, true));
                postMessage({ ok: true, ms: performance.now() - t0, stages: stages, result: result }, [result.buffer]);
            }).catch(function (err) { postMessage({ ok: false, error: String(err && err.message || err) }); });
        };
    }
    // Whether a worker can run the module, and the module's (minified) import names -> the roles the worker
    // answers, found by the functions' identity.
    var roles = null;
    function workerRoles() {
        if (roles) return roles;
        if (!Module.gsWasmModule || typeof Worker === 'undefined' || typeof asmLibraryArg === 'undefined') return null;
        var wanted = [
            ['resize', typeof _emscripten_resize_heap !== 'undefined' && _emscripten_resize_heap],
            ['memcpy', typeof _emscripten_memcpy_big !== 'undefined' && _emscripten_memcpy_big],
            ['now', typeof _emscripten_get_now !== 'undefined' && _emscripten_get_now],
            ['clock', typeof _clock_gettime !== 'undefined' && _clock_gettime],
            ['environSizes', typeof _environ_sizes_get !== 'undefined' && _environ_sizes_get],
            ['environ', typeof _environ_get !== 'undefined' && _environ_get],
            ['progress', typeof gs_parse_progress !== 'undefined' && gs_parse_progress],
        ];
        roles = {};
        for (var k in asmLibraryArg)
            for (var r = 0; r < wanted.length; r++)
                if (wanted[r][1] && asmLibraryArg[k] === wanted[r][1]) roles[k] = wanted[r][0];
        return roles;
    }
    var workerUrl = null;
    // Runs one job in a new worker: kind 'warm' (entry 1) or 'parse' (entry 2) on bytes (a Uint8Array whose buffer
    // is handed over). Returns {promise, cancel}; the promise resolves with the worker's last message.
    // One worker is kept started and idle (no instance, no wasm memory: a few MB) for the next file, which saves
    // its start-up (50-90 ms measured) from the wait; it is made after the warm-up and after each use.
    var spareWorker = null;
    function newWorker() {
        if (!workerUrl)
            workerUrl = URL.createObjectURL(new Blob(['(' + parserWorker.toString() + ')()'], { type: 'text/javascript' }));
        return new Worker(workerUrl);
    }
    function makeSpareWorker() {
        if (spareWorker || !workerRoles()) return;
        try { spareWorker = newWorker(); } catch (e) { spareWorker = null; }
    }
    // input: a Uint8Array (its buffer is handed over) or a Blob the worker reads itself.
    function runInWorker(kind, input, onProgress) {
        var w = null, settle = null;
        var promise = new Promise(function (resolve, reject) {
            settle = function (err, data) {
                if (w) { w.terminate(); w = null; setTimeout(makeSpareWorker, 0); }
                if (err) reject(err); else resolve(data);
            };
            var rs = workerRoles();
            if (!rs) return settle(new Error('no worker here'));
            if (spareWorker) { w = spareWorker; spareWorker = null; }
            else try { w = newWorker(); } catch (e) { return settle(e); }
            w.onmessage = function (e) {
                if (e.data.progress !== undefined) { if (onProgress) onProgress(e.data.progress); return; }
                if (e.data.ok) settle(null, e.data); else settle(new Error(e.data.error || 'the worker failed'));
            };
            w.onerror = function (e) { e.preventDefault(); settle(new Error(String(e.message || 'the worker failed'))); };
            var isBytes = input instanceof Uint8Array;
            w.postMessage({ kind: kind, module: Module.gsWasmModule, text: isBytes ? input : null, file: isBytes ? null : input,
                            roles: rs, posted: performance.timeOrigin + performance.now(),
                            alloc: _gs_warmup_entry(0), run: _gs_warmup_entry(kind === 'warm' ? 1 : 2) }, isBytes ? [input.buffer] : []);
        });
        return { promise: promise, cancel: function () { if (settle) settle(new Error('cancelled')); } };
    }
    function startWarmup() {
        var text = Module.gsAssets && Module.gsAssets.bytes(2); // the sample's snapshot
        if (!text || !workerRoles()) { warmup.state = 'skipped'; return; }
        warmup.state = 'running';
        runInWorker('warm', text.slice(), null).promise.then(function (d) {
            warmup.state = 'done'; warmup.ms = d.ms || 0;
        }, function (err) {
            warmup.state = 'failed'; warmup.error = String(err && err.message || err);
        });
    }

    // A file the user opened (a File, or a Blob of what ?data= fetched): parsed in a worker while the page keeps
    // drawing, then taken as a snapshot. Where no worker can run, or it fails, the file is parsed here as before.
    // A newer file supersedes one still parsing.
    var loading = { state: 'idle', name: '', progress: 0, frames: 0, last: null };
    var parseJob = null, loadSeq = 0;
    // Any newer load (another file, GridStar.loadDataset) supersedes a file still parsing: its result is dropped.
    function supersedeParse() {
        ++loadSeq;
        if (parseJob) { var job = parseJob; parseJob = null; job.cancel(); loading.state = 'idle'; busy(null); }
    }
    // On the page's thread: buf if it is still ours, else the file is read again.
    function loadHere(blob, name, buf) {
        var seq = loadSeq;
        busy('正在校验与建立索引… / Validating and indexing…');
        return new Promise(function (resolve) {
            requestAnimationFrame(function () {
                setTimeout(function () {
                    (buf && buf.byteLength ? Promise.resolve(buf) : blob.arrayBuffer()).then(function (bytes) {
                        if (seq !== loadSeq) { resolve(null); return; } // a newer load came first
                        var r = loadBytes(bytes, 0, blob);
                        r.parsed_in = 'page';
                        loading.last = { parsed_in: 'page', ok: r.ok, name: name };
                        busy(null);
                        resolve(r);
                    }).catch(function (err) {
                        if (seq === loadSeq) busy(null);
                        resolve({ ok: false, parsed_in: 'page', errors: [{ path: '', message: 'cannot read file: ' + err }], warnings: [] });
                    });
                }, 0);
            });
        });
    }
    function loadOffThread(buf, blob, name) {
        supersedeParse();
        if (!workerRoles()) return loadHere(blob, name, buf);
        busy('正在读取与解析 ' + name + '（' + (blob.size / 1048576).toFixed(1) + ' MB）… / Reading and parsing…');
        loading.state = 'parsing'; loading.name = name; loading.progress = 0; loading.frames = 0;
        var updates = 0;
        var counting = true;
        (function tick() { if (!counting) return; loading.frames++; requestAnimationFrame(tick); })();
        var t0 = performance.now();
        var job = runInWorker('parse', buf ? new Uint8Array(buf) : blob, function (f) {
            if (parseJob !== job) return;
            loading.progress = f;
            ++updates;
            busy('正在解析 ' + name + '：' + Math.round(100 * f) + '% / Parsing…');
        });
        parseJob = job;
        var seq = loadSeq, generation = _gs_generation();
        function done() {
            counting = false;
            if (seq === loadSeq) { parseJob = null; loading.state = 'idle'; busy(null); }
        }
        return job.promise.then(function (d) {
            if (seq !== loadSeq) return null; // superseded by a newer load
            var frames = loading.frames;
            done();
            // Another dataset arrived meanwhile by a way that does not go through here (File › 载入示例数据, a
            // re-derive): that one is the newer, this result is dropped.
            if (_gs_generation() !== generation) return null;
            var p = _malloc(d.result.length);
            if (!p) return loadHere(blob, name);
            HEAPU8.set(d.result, p);
            // The app takes the block over: a failed load at once, a good one's snapshot decoded a few ms per frame.
            var adopt = { steps: 1, ms: 0, longest: 0, each: [] };
            var t1 = performance.now();
            var first = takeString(_gs_adopt_begin(p, d.result.length, 0));
            adopt.ms = adopt.longest = performance.now() - t1;
            adopt.each.push(Math.round(adopt.ms));
            var taken = first !== '' ? Promise.resolve(first) : new Promise(function (resolve) {
                loading.state = 'adopting';
                busy('正在载入 ' + name + '… / Taking the data in…');
                (function step() {
                    requestAnimationFrame(function () {
                        if (seq !== loadSeq || _gs_generation() !== generation) { _gs_adopt_cancel(); resolve(null); return; }
                        var s0 = performance.now();
                        var text = takeString(_gs_adopt_step(8));
                        var ms = performance.now() - s0;
                        adopt.steps++; adopt.ms += ms; adopt.longest = Math.max(adopt.longest, ms); adopt.each.push(Math.round(ms));
                        if (text === '') step(); else resolve(text);
                    });
                })();
            });
            return taken.then(function (text) {
                if (seq === loadSeq && loading.state === 'adopting') { loading.state = 'idle'; busy(null); }
                if (text === null) return null; // a newer load came while it was taken in
                if (text === '!') return loadHere(blob, name);
                return finish(JSON.parse(text), d, frames, adopt);
            });
        }, function (err) {
            var superseded = seq !== loadSeq;
            done();
            if (superseded) return null;
            console.warn('GridStar: parsing in a worker failed, parsing here', err);
            return loadHere(blob, name);
        });
        function finish(r, d, frames, adopt) {
            r.parsed_in = 'worker';
            r.worker_ms = d.ms; // read + instantiate + copy + parse + validate + pack, in the worker
            r.worker_stages = d.stages;
            r.adopt_ms = adopt.ms; // unpack + decode the snapshot + adopt: the page's thread, over adopt_steps frames
            r.adopt_steps = adopt.steps;
            r.adopt_longest_ms = adopt.longest;
            r.total_ms = performance.now() - t0;
            r.frames_while_parsing = frames;
            loading.last = { parsed_in: 'worker', ok: r.ok, name: name, frames: frames, progress_updates: updates, worker_ms: r.worker_ms,
                             parse_validate_ms: r.parse_ms + r.validate_ms, stages: d.stages, adopt_ms: r.adopt_ms,
                             adopt_steps: r.adopt_steps, adopt_longest_ms: r.adopt_longest_ms, adopt_step_ms: adopt.each, total_ms: r.total_ms };
            if (r.ok && Module.gsStorage && Module.gsStorage.db) {
                // [u32 summary][u32 snapshot][summary][snapshot] (PackParsedLoad): the snapshot, in a buffer of its own
                var head = new DataView(d.result.buffer, d.result.byteOffset, 8);
                var at = 8 + head.getUint32(0, true), snapshot = d.result.slice(at, at + head.getUint32(4, true));
                scheduleSave({ p: 0, n: 0, blob: blob, snapshot: snapshot, name: GridStar.state().dataset.name });
            }
            return r;
        }
    }
    // Half a second after the first frame: start-up's own work (V8 compiling the module, the GPU process presenting
    // the first frames) has settled by then on a two-core machine, and nobody has picked a file yet.
    ready.then(function () { setTimeout(startWarmup, 500); });

    // ?data=URL loads a same-origin file once the app is up.
    ready.then(function () {
        var q = new URLSearchParams(location.search).get('data');
        if (!q) return;
        var url = new URL(q, location.href);
        if (url.origin !== location.origin) {
            console.warn('GridStar: ?data= must be same-origin; ignored', q);
            return;
        }
        busy('正在下载数据… / Downloading data…');
        fetch(url).then(function (r) { return r.arrayBuffer(); })
            .then(function (buf) { return loadOffThread(buf, new Blob([buf]), url.pathname.split('/').pop()); })
            .catch(function (e) { busy(null); console.warn('GridStar: ?data= failed', e); });
    });
})();

// ---- Chinese text entry ----
// SDL reads typed characters from keypress events, which an input method (拼音 IME) never sends, and which a paste
// or an inserted string does not send either. While an ImGui text field is active, a hidden text area at the caret
// holds the focus: the IME composes there (its candidate window appears next to the field), and the committed text
// goes to ImGui. Plain typing still reaches SDL by keypress, which SDL cancels, so nothing arrives twice.
(function () {
    var area = null, committed = null;
    function feed(text) {
        if (text) {
            var n = lengthBytesUTF8(text) + 1, p = _malloc(n);
            stringToUTF8(text, p, n);
            _gs_text_input(p);
            _free(p);
        }
        area.value = '';
    }
    function make() {
        area = document.createElement('textarea');
        area.id = 'gs-text-entry';
        area.setAttribute('aria-label', '文本输入 / Text entry');
        area.setAttribute('autocomplete', 'off');
        area.setAttribute('autocapitalize', 'off');
        area.spellcheck = false;
        area.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1.5em;opacity:0;border:0;padding:0;' +
            'margin:0;resize:none;outline:none;overflow:hidden;font-size:16px;pointer-events:none;';
        document.body.appendChild(area);
        area.addEventListener('compositionend', function (e) { committed = e.data; feed(e.data); });
        area.addEventListener('input', function (e) {
            if (e.isComposing || e.inputType === 'insertCompositionText') return;
            var text = e.data !== null && e.data !== undefined ? e.data : area.value;
            if (committed !== null && text === committed) { committed = null; area.value = ''; return; }
            committed = null;
            feed(text);
        });
    }
    Module.gsTextEntry = function (on, x, y) {
        if (!area) make();
        if (on) {
            area.style.left = Math.max(0, x) + 'px';
            area.style.top = Math.max(0, y) + 'px';
            if (document.activeElement !== area) area.focus({ preventScroll: true });
        } else if (document.activeElement === area) {
            area.blur();
        }
    };
})();
