// Browser-side figures for scripts/bench.sh: bytes over the wire, time to ready (vs a bare ImGui page), the font
// atlas, load throughput against the browser's own JSON.parse, restore from IndexedDB, wasm memory.
// Prints `name: value unit` lines. Usage: node bench/web/bench_web.mjs [--data label=path ...]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, openApp, ROOT } from '../../tests/browser/harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import { measureLoads, serveDatasets } from './load_figures.mjs';

const WEB = path.join(ROOT, 'build/web');
const HELLO = path.join(ROOT, 'build/wasm/hello');
const out = (name, value, unit) => console.log(`${name}: ${value} ${unit}`);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const datasets = [];
for (let i = 2; i < process.argv.length; i++) {
    if (process.argv[i] === '--data') {
        const [label, file] = process.argv[++i].split('=');
        datasets.push({ label, file });
    }
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
async function timeToReady(root, readyExpr) {
    const server = await serve(root, 0);
    const url = `http://127.0.0.1:${server.address().port}/`;
    const times = [];
    for (let i = 0; i < 5; i++) {
        const { ctx } = await launch();
        const page = ctx.pages()[0] || (await ctx.newPage());
        const t0 = Date.now();
        await page.goto(url);
        await page.waitForFunction(readyExpr, null, { timeout: 60000 });
        await page.evaluate(readyExpr);
        times.push(Date.now() - t0);
        await ctx.close();
    }
    await new Promise((r) => server.close(r));
    return median(times);
}
const appMs = await timeToReady(WEB, () => window.GridStar && window.GridStar.ready);
out('time_to_ready_gridstar_median', appMs, 'ms');
if (fs.existsSync(path.join(HELLO, 'hello.js'))) {
    const helloMs = await timeToReady(HELLO, () => window.helloReady);
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
    out('font_atlas_size', `${st.fonts.atlas_width}x${st.fonts.atlas_height}`, 'px');
    out('font_atlas_glyphs', st.fonts.glyphs, 'glyphs');
    out('font_atlas_build_ms', st.fonts.build_ms.toFixed(1), 'ms');
    out('wasm_memory_after_sample', st.memory_bytes, 'B');
    await ctx.close();
}
await measureLoads(url, datasets, out);
await new Promise((r) => server.close(r));
