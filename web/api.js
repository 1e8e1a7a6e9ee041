// window.GridStar: the page's interface to the app (post-js). Every call goes through the same C++ session
// methods as the UI. Documented in README.md ("JavaScript API").
(function () {
    // Seen under heavy load: Emscripten 3.1.6's preloader wrote a data file before the wasm heap existed
    // ("reading 'buffer'" in MEMFS.write) and the app never started. Until the heap exists such writes wait,
    // holding a run dependency so main() cannot start without its files.
    var createDataFile = Module.FS_createDataFile;
    Module.FS_createDataFile = function () {
        var args = arguments;
        if (typeof HEAP8 !== 'undefined' && HEAP8) return createDataFile.apply(null, args);
        addRunDependency('gs-deferred-file');
        var wait = function () {
            if (typeof HEAP8 !== 'undefined' && HEAP8) {
                createDataFile.apply(null, args);
                removeRunDependency('gs-deferred-file');
            } else setTimeout(wait, 10);
        };
        setTimeout(wait, 10);
    };

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
    // Large inputs go through malloc, never the stack.
    function loadBytes(bytes, origin) {
        var p = _malloc(bytes.length + 1);
        HEAPU8.set(bytes, p);
        HEAPU8[p + bytes.length] = 0;
        try { return JSON.parse(takeString(_gs_load_json(p, bytes.length, origin || 0))); }
        finally { _free(p); }
    }
    function toBytes(input) {
        if (input instanceof Uint8Array) return input;
        if (input instanceof ArrayBuffer) return new Uint8Array(input);
        return new TextEncoder().encode(String(input));
    }

    var overlay = null;
    function busy(text) {
        if (window.gsShell) window.gsShell.busy(text);
    }
    // Reads a File, shows progress, yields a frame so the message is painted, then parses.
    function loadFile(file) {
        busy('正在读取 ' + file.name + '（' + (file.size / 1048576).toFixed(1) + ' MB）… / Reading…');
        return new Promise(function (resolve) {
            var reader = new FileReader();
            reader.onprogress = function (e) {
                if (e.lengthComputable) busy('正在读取 ' + file.name + '：' + Math.round(100 * e.loaded / e.total) + '%');
            };
            reader.onerror = function () {
                busy(null);
                resolve({ ok: false, errors: [{ path: '', message: 'cannot read file: ' + reader.error }] });
            };
            reader.onload = function () {
                busy('正在校验与建立索引… / Validating and indexing…');
                requestAnimationFrame(function () {
                    setTimeout(function () {
                        var r = loadBytes(new Uint8Array(reader.result), 0);
                        busy(null);
                        resolve(r);
                    }, 0);
                });
            };
            reader.readAsArrayBuffer(file);
        });
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
            FS.writeFile('/fonts/gridstar-wide.ttf', new Uint8Array(buf));
            _gs_wide_font_ready(1);
        }).catch(function (e) {
            console.warn('GridStar: wide font unavailable, rare characters show as placeholders', e);
            _gs_wide_font_ready(0);
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
        // CPU time of the last frames (oldest first): {build_ms:[], submit_ms:[], vertices:[]}; reset forgets them.
        frameTimes: function (reset) { return JSON.parse(takeString(_gs_frame_times(reset ? 1 : 0))); },
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
        // Downloads the timeline's activities under the current filter and range (UTF-8 CSV with BOM); {filename, rows}.
        exportTimelineCsv: function () { return call('exportTimelineCsv', {}); },
        ready: ready,
        // Text, Uint8Array or ArrayBuffer of a gridstar/1 file -> {ok, errors:[{path, message}], warnings}
        loadDataset: function (input) { return loadBytes(toBytes(input), 0); },
        loadFile: loadFile,
        state: function () {
            var s = JSON.parse(takeString(_gs_state_json()));
            s.memory_bytes = HEAPU8.length; // wasm memory only grows: this is the peak so far
            return s;
        },
        setView: function (name) { return withCString(String(name), function (p) { return _gs_set_view(p) === 1; }); },
        setLanguage: function (lang) { return withCString(String(lang), function (p) { return _gs_set_language(p) === 1; }); },
        setFontScale: function (s) { _gs_set_font_scale(+s); },
        openFile: function () { Module.gsOpenFilePicker(); },
        // Resolves when no storage write is pending (tests reload only after that).
        storageIdle: function () { return Module.gsStorage.whenIdle(); },
    };

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
            .then(function (buf) { busy(null); loadBytes(new Uint8Array(buf), 0); })
            .catch(function (e) { busy(null); console.warn('GridStar: ?data= failed', e); });
    });
})();
