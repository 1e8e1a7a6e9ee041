// Browser-side figures for scripts/bench.sh: bytes over the wire, time to ready (vs a bare ImGui page), the font
// atlas, load throughput against the browser's own JSON.parse, restore from IndexedDB, wasm memory.
// Prints `name: value unit` lines. Usage: node bench/web/bench_web.mjs [--data label=path ...]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, openApp, frames, ROOT } from '../../tests/browser/harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import { measureLoads, serveDatasets } from './load_figures.mjs';

const WEB = path.join(ROOT, 'build/web');
const CORE_BENCH = path.join(ROOT, 'build/wasm/bench-web');
const HELLO = path.join(ROOT, 'build/wasm/hello');
const out = (name, value, unit) => console.log(`${name}: ${value} ${unit}`);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const only = process.argv.includes('--core-only');
// --core NAME[,NAME]: only these core benchmarks (bench_ranking, bench_timeline, bench_map).
const coreArg = process.argv.indexOf('--core');
const coreNames = coreArg > 0 ? process.argv[coreArg + 1].split(',') : ['bench_ranking', 'bench_timeline', 'bench_map'];
// --data label=path loads a dataset in the page (load, memory, restore); --frames label also runs the app's
// frame benchmarks on it (map with all micro-grids filled, timeline zoom sweep).
const datasets = [];
const frameLabels = new Set();
let rankingFile = null; // --ranking FILE: the what-if recompute in the app on a 10,000-unit competition
for (let i = 2; i < process.argv.length; i++) {
    if (process.argv[i] === '--ranking') rankingFile = process.argv[++i];
    if (process.argv[i] === '--data') {
        const [label, file] = process.argv[++i].split('=');
        datasets.push({ label, file });
    } else if (process.argv[i] === '--frames') {
        frameLabels.add(process.argv[++i]);
    }
}
const pct = (xs, q) => { const v = xs.slice().sort((a, b) => a - b); return v[Math.min(v.length - 1, Math.floor(q * v.length))]; };

// The app's own frames, timed inside MainLoopStep (GridStar.frameTimes): build = views + ImGui making the draw
// lists, submit = handing them to WebGL. Each step of `steps` runs between two frames.
async function timedFrames(page, steps) {
    await page.evaluate(() => GridStar.frameTimes(true));
    for (const step of steps) {
        if (step) await page.evaluate(step.fn, step.arg);
        await frames(page, 1);
    }
    return page.evaluate(() => GridStar.frameTimes(false));
}
function reportFrames(name, t) {
    const b = t.build_ms.slice(1), s = t.submit_ms.slice(1); // the first frame may straddle the reset
    out(`${name}_frames`, b.length, 'count');
    out(`${name}_build_median`, pct(b, 0.5).toFixed(2), 'ms');
    out(`${name}_build_p95`, pct(b, 0.95).toFixed(2), 'ms');
    out(`${name}_submit_median`, pct(s, 0.5).toFixed(2), 'ms');
    out(`${name}_vertices_max`, Math.max(...t.vertices), 'count');
}
async function frameBenchmarks(page, label) {
    // Every frame drawn: the app leaves out frames that show what the last one did, and a still map would be drawn
    // once. What is measured here is the cost of drawing a frame.
    await page.evaluate(() => GridStar.redrawEveryFrame(true));
    // Map: the district with every micro-grid filled (五色网格 colours), 200 frames.
    await page.evaluate(() => { GridStar.setView('map'); GridStar.mapOptions({ color_mode: 'grid_color', finest: true }); });
    await frames(page, 5);
    const map = await timedFrames(page, new Array(200).fill(null));
    const ms = await page.evaluate(() => GridStar.state().map);
    out(`map_${label}_fill_units_drawn`, ms.fill_units_drawn, 'count');
    reportFrames(`map_${label}_web`, map);
    const hit = await page.evaluate(() => {
        const r = GridStar.state().map.canvas; // [x0, y0, x1, y1]
        const n = 2000, t0 = performance.now();
        let found = 0;
        for (let i = 0; i < n; i++) {
            const x = r[0] + ((i * 7919) % 1000) / 1000 * (r[2] - r[0]), y = r[1] + ((i * 104729) % 1000) / 1000 * (r[3] - r[1]);
            if (GridStar.mapPick(x, y)) found++;
        }
        return { us: (performance.now() - t0) * 1000 / n, found: found / n };
    });
    out(`map_${label}_web_pick_api_us`, hit.us.toFixed(1), 'us (GridStar.mapPick: JS call + JSON + hit test)');
    // Timeline: a zoom sweep of 200 geometric steps from the whole range to one day, around 2024-03-05 12:00.
    await page.evaluate(() => { GridStar.setView('timeline'); GridStar.timelinePreset('all'); });
    await frames(page, 5);
    const all = await page.evaluate(() => GridStar.state().timeline.range);
    const t0 = Date.parse(all.start), t1 = Date.parse(all.end), c = Date.parse('2024-03-05T12:00:00+08:00');
    const steps = [];
    for (let i = 0; i < 200; i++) {
        const span = (t1 - t0) * Math.pow(86400000 / (t1 - t0), i / 199);
        const a = Math.max(t0, Math.min(c - span / 2, t1 - span));
        steps.push({ fn: ([a, b]) => GridStar.timelineRange(a, b), arg: [new Date(a).toISOString(), new Date(a + span).toISOString()] });
    }
    reportFrames(`timeline_${label}_web_sweep`, await timedFrames(page, steps));
    const filter = await page.evaluate(() => {
        const t = [];
        for (const f of [{ categories: ['一老'] }, { text: '学雷锋' }, {}, { categories: ['一小', '一新'] }, {}]) {
            const t0 = performance.now();
            GridStar.timelineFilter(f);
            t.push(performance.now() - t0);
        }
        return t;
    });
    out(`timeline_${label}_web_filter_median`, pct(filter, 0.5).toFixed(1), 'ms (GridStar.timelineFilter, totals included)');
}


// ---- the core benchmarks (map, timeline, ranking) compiled to wasm and run in the page: the same code and
// scenario as the native build/native/bench_* lines, names prefixed web_ ----
async function coreBenchmarks() {
    if (!fs.existsSync(path.join(CORE_BENCH, 'bench_ranking.js'))) {
        out('web_core_benchmarks', 'SKIPPED', '(run scripts/build.sh webbench)');
        return;
    }
    fs.copyFileSync(path.join(ROOT, 'bench/web/bench_page.html'), path.join(CORE_BENCH, 'index.html'));
    const server = await serve(CORE_BENCH, 0);
    const base = `http://127.0.0.1:${server.address().port}/index.html`;
    try {
        for (const name of coreNames) {
            const { ctx } = await launch();
            try {
                const page = ctx.pages()[0] || (await ctx.newPage());
                await page.goto(`${base}?b=${name}`);
                await page.waitForFunction(() => window.benchDone, null, { timeout: 15 * 60000, polling: 500 });
                const { lines, code } = await page.evaluate(() => ({ lines: window.benchLines, code: window.benchExit }));
                for (const l of lines) console.log(l.startsWith('#') ? l : 'web_' + l);
                if (code !== 0) out(`web_${name}`, 'FAILED', `(exit ${code})`);
            } finally { await ctx.close(); }
        }
    } finally { await new Promise((r) => server.close(r)); }
}

// ---- the 争星夺旗 what-if in the app: a 10,000-unit competition loaded like any dataset, weights edited through
// GridStar.rankingWhatIf (what a slider does), the recompute timed inside the view (compute_ms) ----
async function rankingInApp(file) {
    const server = await serve(WEB, 0);
    serveDatasets(server, [{ label: 'ranking', file }]);
    const { ctx } = await launch();
    try {
        const page = await openApp(ctx, `http://127.0.0.1:${server.address().port}/`);
        const r = await page.evaluate(async () => {
            const buf = await (await fetch('/__bench/ranking')).arrayBuffer();
            return GridStar.loadDataset(buf);
        });
        if (!r.ok) { out('ranking_app', 'FAILED', `(${r.error_count} errors)`); return; }
        await page.evaluate(() => GridStar.setView('ranking'));
        await frames(page, 3);
        const st = await page.evaluate(() => GridStar.state());
        out('ranking_app_units', st.dataset.counts.communities, 'communities');
        out('ranking_app_first_compute', st.ranking.compute_ms.published.toFixed(1), 'ms (the published rules, at load)');
        const times = [], updates = [], calls = [];
        for (let run = 0; run < 15; run++) {
            const res = await page.evaluate((run) => {
                const t0 = performance.now();
                const w = {}; w[`i${run % 20}`] = 1 + 0.01 * (run + 1);
                const r = GridStar.call('rankingWhatIf', { weights: w });
                return { compute: r.compute_ms, update: r.update_ms, call: performance.now() - t0, moves: r.moves.length };
            }, run);
            if (run >= 3) { times.push(res.compute); updates.push(res.update); calls.push(res.call); } // after 3 warm-up edits
            // Let the frames with the new table be drawn first: software WebGL rasterises them on this machine's
            // CPU, and an edit measured while that runs would measure the contention, not the recompute.
            await frames(page, 2);
            await new Promise((r) => setTimeout(r, 150));
        }
        out('ranking_app_whatif_recompute_median', pct(times, 0.5).toFixed(1), `ms (${times.length} edits after 3 warm-up; max ${Math.max(...times).toFixed(1)})`);
        out('ranking_app_whatif_update_median', pct(updates, 0.5).toFixed(1), `ms (recompute + the table's rows + the moves, as the view does on an edit; max ${Math.max(...updates).toFixed(1)})`);
        out('ranking_app_whatif_call_median', pct(calls, 0.5).toFixed(1), 'ms (the API call: the above plus the JSON of every move)');
    } finally { await ctx.close(); await new Promise((r) => server.close(r)); }
}

if (only) {
    await coreBenchmarks();
    process.exit(0);
}
if (process.argv.includes('--ranking-only')) {
    await rankingInApp(rankingFile);
    process.exit(0);
}

// ---- bytes over the wire on a first visit ----
const firstVisit = ['index.html', 'gridstar.js', 'gridstar.wasm', 'gridstar.data', 'sw.js', 'manifest.webmanifest', 'icon.svg'];
let raw = 0, gz = 0, codeGz = 0;
for (const f of firstVisit) {
    const buf = fs.readFileSync(path.join(WEB, f));
    const g = zlib.gzipSync(buf, { level: 9 }).length;
    raw += buf.length; gz += g;
    if (f === 'gridstar.js' || f === 'gridstar.wasm') codeGz += g;
    out(`bytes_${f.replace(/\W/g, '_')}`, `${buf.length} B raw, ${g}`, 'B gzip');
}
out('first_visit_total_raw', raw, 'B');
out('first_visit_total_gzip', gz, 'B');
out('wasm_plus_js_gzip', codeGz, 'B');
const wide = fs.readFileSync(path.join(WEB, 'gridstar-wide.ttf'));
out('wide_font_on_demand', `${wide.length} B raw, ${zlib.gzipSync(wide, { level: 9 }).length}`, 'B gzip');

// ---- time to ready, GridStar vs a bare ImGui + SDL2 page, median of 5 fresh profiles ----
// marks(page): figures read from the page once it is ready (the app's state().startup), collected per run.
async function timeToReady(root, readyExpr, marks) {
    const server = await serve(root, 0);
    const url = `http://127.0.0.1:${server.address().port}/`;
    const times = [], runs = [];
    for (let i = 0; i < 5; i++) {
        const { ctx } = await launch();
        const page = ctx.pages()[0] || (await ctx.newPage());
        const t0 = Date.now();
        await page.goto(url);
        await page.waitForFunction(readyExpr, null, { timeout: 60000 });
        await page.evaluate(readyExpr);
        times.push(Date.now() - t0);
        if (marks) runs.push(await marks(page));
        await ctx.close();
    }
    await new Promise((r) => server.close(r));
    return { ms: median(times), runs };
}
const app = await timeToReady(WEB, () => window.GridStar && window.GridStar.ready, (page) => page.evaluate(() => GridStar.state().startup));
const appMs = app.ms;
out('time_to_ready_gridstar_median', appMs, 'ms');
// Where the app's start-up goes, in the page's own clock (from navigation): medians of the same 5 runs.
for (const k of ['main_at_ms', 'graphics_ms', 'imgui_ms', 'data_ms', 'to_first_frame_ms', 'atlas_ms', 'first_frame_ms', 'first_frame_at_ms'])
    out(`startup_${k.replace(/_ms$/, '')}`, median(app.runs.map((r) => r[k])).toFixed(0), `ms (${app.runs.map((r) => r[k].toFixed(0)).join(', ')})`);
if (fs.existsSync(path.join(HELLO, 'hello.js'))) {
    const helloMs = (await timeToReady(HELLO, () => window.helloReady)).ms;
    out('time_to_ready_hello_median', helloMs, 'ms');
    out('time_to_ready_ratio', (appMs / helloMs).toFixed(2), 'x');
}

// ---- atlas, in-browser load, restore, memory ----
const server = await serve(WEB, 0);
serveDatasets(server, datasets);
const url = `http://127.0.0.1:${server.address().port}/`;
{
    const { ctx } = await launch();
    const page = await openApp(ctx, url);
    const st = await page.evaluate(() => GridStar.state());
    // The app opens with an atlas of the UI's characters and the overview's text (state().fonts.opening), and takes
    // all of the dataset's a quarter second later: both are printed.
    const which = st.fonts.opening ? 'opening' : 'full';
    out(`font_atlas_${which}_size`, `${st.fonts.atlas_width}x${st.fonts.atlas_height}`, 'px');
    out(`font_atlas_${which}_glyphs`, st.fonts.glyphs, 'glyphs');
    out(`font_atlas_${which}_build_ms`, st.fonts.build_ms.toFixed(1), 'ms (at start-up: the page still runs baseline code)');
    out('wasm_memory_after_sample', st.memory_bytes, 'B');
    // Idle: the overview after its counters have rolled up, nothing moving. Frames that show what the last one did are
    // not sent to the GPU (with software GL each drawn frame here costs the GPU process 15-35 ms of a core).
    await page.waitForTimeout(1500);
    const idle0 = await page.evaluate(() => GridStar.state());
    await page.waitForTimeout(2000);
    const idle1 = await page.evaluate(() => GridStar.state());
    if (!idle1.fonts.opening) {
        out('font_atlas_full_size', `${idle1.fonts.atlas_width}x${idle1.fonts.atlas_height}`, 'px');
        out('font_atlas_full_glyphs', idle1.fonts.glyphs, 'glyphs');
        out('font_atlas_full_build_ms', idle1.fonts.build_ms.toFixed(1), 'ms (a quarter second after the first frame)');
    }
    out('idle_frames_drawn_per_s', ((idle1.frames_drawn - idle0.frames_drawn) / 2).toFixed(1),
        `frames/s (${((idle1.frames_skipped - idle0.frames_skipped) / 2).toFixed(1)} frames/s left out as unchanged)`);
    await ctx.close();
}
await measureLoads(url, datasets, out, {
    launchOptions: (d) => (frameLabels.has(d.label) ? { width: 1920, height: 1080 } : {}),
    afterLoad: (page, d) => (frameLabels.has(d.label) ? frameBenchmarks(page, d.label) : null),
});
await new Promise((r) => server.close(r));
if (rankingFile) await rankingInApp(rankingFile);
await coreBenchmarks();
