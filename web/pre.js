// Runs before the wasm starts: wires loading progress to the page (shell.html) and WebGL context loss.
Module.canvas = Module.canvas || document.getElementById('canvas');
Module.setStatus = Module.setStatus || function (text) {
    if (window.gsShell) window.gsShell.status(text);
};
Module.monitorRunDependencies = Module.monitorRunDependencies || function (left) {};
Module.printErr = Module.printErr || function (text) { console.warn(text); };
if (Module.canvas) {
    Module.canvas.addEventListener('webglcontextlost', function (e) {
        e.preventDefault();
        if (window.gsShell) window.gsShell.fatal('WebGL 上下文丢失，请刷新页面。 / The WebGL context was lost: reload the page.');
    }, false);
}

// Keeps main() from starting until release() is called (the data package below, the IndexedDB restore in
// storage.js). A pre-js runs before Emscripten has initialised its run-dependency counter (a dependency added then is
// lost, and removing it later can start the runtime before the wasm is instantiated), so the dependency is taken in
// preRun, and only if the work is still under way then. `needed` false: nothing to wait for.
Module.gsHoldMain = function (name, needed) {
    var settled = false, held = false;
    Module.preRun = Module.preRun || [];
    if (typeof Module.preRun === 'function') Module.preRun = [Module.preRun];
    Module.preRun.push(function () {
        if (!settled && needed !== false) { held = true; addRunDependency(name); }
    });
    return function release() {
        if (settled) return;
        settled = true;
        if (held) removeRunDependency(name);
    };
};

// The data package (gridstar.data, written by web/pack_data.py): the core font and the embedded sample. It is
// downloaded in parallel with the wasm (shell.html preloads it) and main() waits for it through a run dependency;
// C++ copies a file out through Module.gsAssets (platform/main_loop_web.cpp) as often as it needs it: the sample again
// for File › 载入示例数据. The portable page hands the package over as Module.gsDataPackage instead.
(function () {
    // By enum class Asset: the core font, (the sample's JSON: desktop only), the sample's snapshot.
    var NAMES = ['fonts/gridstar-core.ttf', null, 'data/sample.gsnap'];
    var files = null;
    var release = Module.gsHoldMain('gs-data');
    Module.gsAssets = {
        size: function (which) { var f = files && NAMES[which] && files[NAMES[which]]; return f ? f.length : -1; },
        copy: function (which, dst) { HEAPU8.set(files[NAMES[which]], dst); },
        bytes: function (which) { return files && NAMES[which] && files[NAMES[which]]; }, // a view into the package (JS side)
    };
    // 'GSDATA1\n', the index's length (uint32, little-endian), the index (JSON: [{name, start, end}]), the files.
    function unpack(buf) {
        var bytes = new Uint8Array(buf);
        var magic = String.fromCharCode.apply(null, bytes.subarray(0, 8));
        if (magic !== 'GSDATA1\n') throw new Error('gridstar.data is not a GridStar data package');
        var n = new DataView(buf).getUint32(8, true);
        if (12 + n > bytes.length) throw new Error('gridstar.data is cut short');
        var index = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
        var out = {};
        index.forEach(function (f) {
            if (!(f.start >= 0 && f.start <= f.end && 12 + n + f.end <= bytes.length)) throw new Error('gridstar.data is cut short');
            out[f.name] = bytes.subarray(12 + n + f.start, 12 + n + f.end);
        });
        NAMES.forEach(function (name) { if (name && !out[name]) throw new Error('gridstar.data has no ' + name); });
        return out;
    }
    function download() {
        if (Module.gsDataPackage) return Promise.resolve(Module.gsDataPackage);
        return fetch('gridstar.data').then(function (r) {
            if (!r.ok) throw new Error('gridstar.data: HTTP ' + r.status);
            // Content-Length counts the bytes on the wire; the stream gives them decoded, so a compressed response
            // (gzip, brotli) has no usable total and shows no bar.
            var coding = r.headers.get('Content-Encoding');
            var total = coding && coding !== 'identity' ? 0 : +(r.headers.get('Content-Length') || 0);
            if (!r.body || !r.body.getReader || !total) return r.arrayBuffer();
            // Progress for the page's bar, in the runtime's words ("... (loaded/total)", see shell.html).
            var reader = r.body.getReader(), chunks = [], loaded = 0;
            var pump = function () {
                return reader.read().then(function (c) {
                    if (c.done) {
                        var all = new Uint8Array(loaded), at = 0;
                        chunks.forEach(function (b) { all.set(b, at); at += b.length; });
                        return all.buffer;
                    }
                    chunks.push(c.value);
                    loaded += c.value.length;
                    if (Module.setStatus && loaded <= total) Module.setStatus('Downloading data... (' + loaded + '/' + total + ')');
                    return pump();
                });
            };
            return pump();
        });
    }
    // Without the package the app would start with no font for Chinese and no sample: a broken deployment, said as
    // plainly as a missing gridstar.wasm is (shell.html), and main() is never started.
    download().then(function (buf) { files = unpack(buf); release(); }).catch(function (e) {
        var why = e && e.message ? e.message : String(e);
        if (window.gsShell) window.gsShell.fatal('无法载入数据文件 gridstar.data / Cannot load gridstar.data: ' + why);
        (Module.printErr || console.warn)('GridStar: ' + why);
    });
})();

// ImGui's GL backend reads the scissor box and the blend state back at every frame, to restore them afterwards. In
// Chrome each of those reads is a synchronous round trip to the GPU process that also waits for all the commands
// queued before it: 0.2-0.3 ms each when idle, seven a frame, and at start-up several ms behind the atlas's upload.
// The page keeps its own copy of that state as it is set, and answers those reads from it; the GPU still gets every
// call. Called once, right after the context is created (src/platform/main_loop_web.cpp).
Module.gsShadowGlState = function (gl) {
    if (!gl || gl.gsShadowed) return;
    gl.gsShadowed = true;
    var get = gl.getParameter.bind(gl);
    var SCISSOR = gl.SCISSOR_BOX, SRC_RGB = gl.BLEND_SRC_RGB, DST_RGB = gl.BLEND_DST_RGB, SRC_A = gl.BLEND_SRC_ALPHA,
        DST_A = gl.BLEND_DST_ALPHA, EQ_RGB = gl.BLEND_EQUATION_RGB, EQ_A = gl.BLEND_EQUATION_ALPHA;
    var kept = {};
    [SCISSOR, SRC_RGB, DST_RGB, SRC_A, DST_A, EQ_RGB, EQ_A].forEach(function (p) { kept[p] = get(p); });
    var scissor = gl.scissor.bind(gl), blendFunc = gl.blendFunc.bind(gl), blendFuncSeparate = gl.blendFuncSeparate.bind(gl),
        blendEquation = gl.blendEquation.bind(gl), blendEquationSeparate = gl.blendEquationSeparate.bind(gl);
    // A scissor box of negative size is refused by the GL, which then keeps the old one: so does the copy. The blend
    // calls come from ImGui's backend and the app, with valid enums only.
    gl.scissor = function (x, y, w, h) {
        scissor(x, y, w, h);
        if (w >= 0 && h >= 0) kept[SCISSOR] = new Int32Array([x, y, w, h]);
    };
    gl.blendFunc = function (s, d) {
        blendFunc(s, d);
        kept[SRC_RGB] = kept[SRC_A] = s;
        kept[DST_RGB] = kept[DST_A] = d;
    };
    gl.blendFuncSeparate = function (sr, dr, sa, da) {
        blendFuncSeparate(sr, dr, sa, da);
        kept[SRC_RGB] = sr; kept[DST_RGB] = dr; kept[SRC_A] = sa; kept[DST_A] = da;
    };
    gl.blendEquation = function (m) {
        blendEquation(m);
        kept[EQ_RGB] = kept[EQ_A] = m;
    };
    gl.blendEquationSeparate = function (r, a) {
        blendEquationSeparate(r, a);
        kept[EQ_RGB] = r; kept[EQ_A] = a;
    };
    gl.getParameter = function (p) {
        var v = kept[p];
        if (v === undefined) return get(p);
        return p === SCISSOR ? new Int32Array(v) : v;
    };
};
