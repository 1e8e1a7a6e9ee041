// Browser load figures for one page URL: JSON.parse vs GridStar.loadDataset on the same text in the same page (the
// copy into the wasm heap and the wasm call separately), the first frames after the load, the deferred IndexedDB
// save, wasm memory, and the restore after a reload. Shared by bench_web.mjs and bench_load_web.mjs.
import fs from 'node:fs';
import { launch, openApp, whenReady } from '../../tests/browser/harness.mjs';

// Serves each dataset at /__bench/<label> from the page's own server (same origin, as ?data= requires).
export function serveDatasets(server, datasets) {
    const app = server.listeners('request')[0];
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
        const m = /^\/__bench\/([^?]+)/.exec(req.url);
        const d = m && datasets.find((x) => x.label === decodeURIComponent(m[1]));
        if (!d) return app(req, res);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': fs.statSync(d.file).size });
        fs.createReadStream(d.file).pipe(res);
    });
}

// The app parses the sample once in a worker after its first frame (state().warmup); a user opens a file later.
async function waitWarmup(page) {
    await page.waitForFunction(() => !['off', 'running'].includes(GridStar.state().warmup.state), null, { timeout: 30000 });
    return page.evaluate(() => GridStar.state().warmup);
}

// Every timed step below starts from a collected JavaScript heap (gc(), exposed by --expose-gc): otherwise the
// collection of the previous step's garbage (JSON.parse's 100k objects, the decoded text) lands in whichever step
// comes next. Measured before this: the first load of the 100k file as bytes took 145-170 ms after JSON.parse, of
// which about 30 ms were that collection; 115-130 ms after gc().
const GC_ARGS = ['--js-flags=--expose-gc'];
function withGc(o) {
    return { ...o, extraArgs: [...((o && o.extraArgs) || []), ...GC_ARGS] };
}

// opts.launchOptions(d): the browser window for a dataset; opts.afterLoad(page, d): more figures on the loaded
// dataset before the reload (bench_web.mjs's frame benchmarks).
export async function measureLoads(url, datasets, out, opts = {}) {
    for (const d of datasets) {
        const { ctx } = await launch(withGc(opts.launchOptions ? opts.launchOptions(d) : {}));
        try {
            const page = await openApp(ctx, url);
            const warm = await waitWarmup(page);
            out(`parser_warmup_worker_${d.label}_page`, warm.ms.toFixed(0), `ms (${warm.state}; in a worker, from half a second after the first frame)`);
            // The page fetches the file itself (a 242 MB string does not fit through the test protocol), as ?data= does.
            const bytes = fs.statSync(d.file).size;
            await page.evaluate(async (u) => {
                const buf = await (await fetch(u)).arrayBuffer();
                window.__gsText = new TextDecoder().decode(buf);
            }, `/__bench/${encodeURIComponent(d.label)}`);
            const parseMs = await page.evaluate(() => { gc(); const t0 = performance.now(); JSON.parse(window.__gsText); return performance.now() - t0; });
            const r = await page.evaluate(() => new Promise((resolve) => {
                gc();
                const t0 = performance.now();
                const r = GridStar.loadDataset(window.__gsText);
                const ms = performance.now() - t0;
                // The app's frame runs first in the next animation frame (its callback was queued before this one):
                // the first frame drawn with the new dataset. The deferred save runs in a task after that frame.
                let first = 0;
                requestAnimationFrame(() => { first = performance.now() - t0; requestAnimationFrame(() => {
                    resolve({ ms, first_frame_ms: first, frame_ms: performance.now() - t0, ok: r.ok, copy_ms: r.copy_ms, call_ms: r.call_ms, parse_ms: r.parse_ms, validate_ms: r.validate_ms, errors: r.error_count });
                }); });
            }));
            if (!r.ok) { out(`load_${d.label}_web`, 'FAILED', `(${r.errors} errors)`); continue; }
            out(`json_parse_${d.label}_web`, parseMs.toFixed(0), 'ms');
            out(`load_${d.label}_web_total`, r.ms.toFixed(0), 'ms');
            out(`load_${d.label}_web_parse_validate`, (r.parse_ms + r.validate_ms).toFixed(0), `ms (parse ${r.parse_ms.toFixed(0)}, validate ${r.validate_ms.toFixed(0)})`);
            out(`load_${d.label}_web_copy_into_heap`, (r.copy_ms ?? NaN).toFixed(0), 'ms');
            out(`load_${d.label}_web_wasm_call`, (r.call_ms ?? NaN).toFixed(0), 'ms');
            out(`load_${d.label}_vs_json_parse`, (r.ms / parseMs).toFixed(2), 'x (first load in the page, as text)');
            out(`load_${d.label}_web_to_first_frame`, r.first_frame_ms.toFixed(0), 'ms (the dataset is live)');
            out(`load_${d.label}_web_to_second_frame`, r.frame_ms.toFixed(0), 'ms (after the deferred save)');
            // Views build their own indexes the first time they are shown (timeline index, map preprocessing).
            for (const view of ['timeline', 'map', 'overview']) {
                const ms = await page.evaluate((v) => new Promise((resolve) => {
                    const t0 = performance.now();
                    GridStar.setView(v);
                    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
                }), view);
                if (view !== 'overview') out(`first_${view}_view_${d.label}_web`, ms.toFixed(0), 'ms (to the second frame)');
            }
            const idle0 = Date.now();
            await page.evaluate(() => { window.__gsText = null; return GridStar.storageIdle(); });
            out(`save_${d.label}_until_idle`, Date.now() - idle0, 'ms');
            const mem = (await page.evaluate(() => GridStar.state())).memory_bytes;
            // The same file as bytes (an ArrayBuffer, as FileReader gives it) through loadDataset, loaded again in
            // the same page (the heap has grown already, so this is the warm case).
            const rb = await page.evaluate(async (u) => {
                const buf = await (await fetch(u)).arrayBuffer();
                const text = new TextDecoder().decode(buf);
                gc();
                const jp0 = performance.now();
                JSON.parse(text);
                const jp = performance.now() - jp0;
                gc();
                const t0 = performance.now();
                const r = GridStar.loadDataset(buf);
                const ms = performance.now() - t0;
                await GridStar.storageIdle();
                return { ms, jp, copy_ms: r.copy_ms, ok: r.ok };
            }, `/__bench/${encodeURIComponent(d.label)}`);
            out(`load_${d.label}_web_bytes_total`, rb.ms.toFixed(0), `ms (copy ${(rb.copy_ms ?? NaN).toFixed(0)}; decode + JSON.parse again ${rb.jp.toFixed(0)} ms; ${(rb.ms / rb.jp).toFixed(2)}x)`);
            out(`wasm_memory_peak_${d.label}`, mem, 'B');
            out(`wasm_memory_peak_${d.label}_vs_json`, (mem / bytes).toFixed(2), 'x');
            if (opts.afterLoad) await opts.afterLoad(page, d);
            // Steady state: more loads in the same page, each one after JSON.parse of the same text; medians.
            const rounds = bytes > 100e6 ? 2 : 5;
            const st8 = await page.evaluate(async ({ u, rounds }) => {
                const buf = await (await fetch(u)).arrayBuffer();
                let text = new TextDecoder().decode(buf);
                const jp = [], tx = [], by = [];
                let failed = 0;
                for (let i = 0; i < rounds; i++) {
                    gc();
                    let t0 = performance.now(); JSON.parse(text); jp.push(performance.now() - t0);
                    gc();
                    t0 = performance.now(); failed += GridStar.loadDataset(text).ok ? 0 : 1; tx.push(performance.now() - t0);
                    await GridStar.storageIdle();
                    gc();
                    t0 = performance.now(); failed += GridStar.loadDataset(buf).ok ? 0 : 1; by.push(performance.now() - t0);
                    await GridStar.storageIdle();
                }
                text = null;
                return { jp, tx, by, failed };
            }, { u: `/__bench/${encodeURIComponent(d.label)}`, rounds });
            if (st8.failed) throw new Error(`steady loads of ${d.label}: ${st8.failed} failed`);
            const med = (a) => { const b = [...a].sort((x, y) => x - y); return b.length % 2 ? b[b.length >> 1] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2; };
            const list = (a) => a.map((x) => x.toFixed(0)).join(', ');
            const jpm = med(st8.jp);
            out(`json_parse_${d.label}_steady`, jpm.toFixed(0), `ms (median of ${rounds}: ${list(st8.jp)})`);
            out(`load_${d.label}_steady_text`, med(st8.tx).toFixed(0), `ms (${list(st8.tx)})`);
            out(`load_${d.label}_steady_bytes`, med(st8.by).toFixed(0), `ms (${list(st8.by)})`);
            out(`load_${d.label}_steady_text_vs_json_parse`, (med(st8.tx) / jpm).toFixed(2), 'x');
            out(`load_${d.label}_steady_bytes_vs_json_parse`, (med(st8.by) / jpm).toFixed(2), 'x');
            const t0 = Date.now();
            await page.reload();
            await whenReady(page);
            const st = await page.evaluate(() => GridStar.state());
            out(`restore_${d.label}_reload_to_ready`, Date.now() - t0, 'ms');
            out(`restore_${d.label}_idb_read`, st.storage.restore_read_ms.toFixed(0), 'ms');
            out(`restore_${d.label}_snapshot_decode`, st.storage.restore_decode_ms.toFixed(0), 'ms');
            out(`restore_${d.label}_total`, (st.storage.restore_read_ms + st.storage.restore_decode_ms).toFixed(0), 'ms');
            out(`restore_${d.label}_origin`, st.dataset.origin, `(${st.dataset.counts.activities} activities)`);
        } finally { await ctx.close(); }
        // A file as bytes on a fresh start, the first load in a new profile (loadDataset: on the page's thread; the picker and
        // a drop parse in a worker, see the README).
        const fresh = await launch(withGc(opts.launchOptions ? opts.launchOptions(d) : {}));
        try {
            const page = await openApp(fresh.ctx, url);
            await waitWarmup(page);
            const rb = await page.evaluate(async (u) => {
                const buf = await (await fetch(u)).arrayBuffer();
                const jp0 = performance.now();
                const text = new TextDecoder().decode(buf);
                const jp1 = performance.now();
                gc();
                const jp1c = performance.now();
                JSON.parse(text);
                const jp2 = performance.now();
                gc();
                const t0 = performance.now();
                const r = GridStar.loadDataset(buf);
                return { ms: performance.now() - t0, decode: jp1 - jp0, jp: jp2 - jp1c, ok: r.ok };
            }, `/__bench/${encodeURIComponent(d.label)}`);
            if (!rb.ok) throw new Error(`first load of ${d.label} as bytes failed`);
            out(`load_${d.label}_web_bytes_first`, rb.ms.toFixed(0), `ms (first load in a new profile, as bytes; decode ${rb.decode.toFixed(0)} + JSON.parse ${rb.jp.toFixed(0)} ms)`);
            out(`load_${d.label}_bytes_first_vs_json_parse`, (rb.ms / rb.jp).toFixed(2), `x (${(rb.ms / (rb.jp + rb.decode)).toFixed(2)}x decode + JSON.parse)`);
        } finally { await fresh.ctx.close(); }
        // The user's way on a fresh start: the file opened (GridStar.loadFile, as the picker and a drop do), parsed in
        // the worker while the page draws; the longest gap between the page's animation frames meanwhile.
        const user = await launch(withGc(opts.launchOptions ? opts.launchOptions(d) : {}));
        try {
            const page = await openApp(user.ctx, url);
            await waitWarmup(page);
            const rw = await page.evaluate(async (u) => {
                const file = new File([await (await fetch(u)).arrayBuffer()], 'bench.json');
                gc();
                const gaps = [];
                let last = performance.now(), on = true;
                (function tick() { const t = performance.now(); gaps.push(t - last); last = t; if (on) requestAnimationFrame(tick); })();
                const t0 = performance.now();
                const r = await GridStar.loadFile(file);
                const ms = performance.now() - t0;
                await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))); // the frames after
                on = false;
                const l = GridStar.state().loading.last || {};
                return { ms, ok: r && r.ok, where: l.parsed_in, frames: l.frames, pv: l.parse_validate_ms, worker: l.worker_ms,
                         adopt: l.adopt_ms, steps: l.adopt_steps, longest: l.adopt_longest_ms, gap: Math.max(...gaps.slice(1)), gaps: gaps.slice(1).sort((a, b) => b - a).slice(0, 3) };
            }, `/__bench/${encodeURIComponent(d.label)}`);
            if (!rw.ok) throw new Error(`loadFile of ${d.label} failed`);
            out(`load_${d.label}_file_in_worker_total`, rw.ms.toFixed(0), `ms (loadFile: the file read, then parsed in the ${rw.where}: ${(rw.worker ?? NaN).toFixed(0)} ms there, of it parse + validate ${(rw.pv ?? NaN).toFixed(0)} ms; the page's thread takes the result in ${(rw.adopt ?? NaN).toFixed(0)} ms over ${rw.steps} frames, at most ${(rw.longest ?? NaN).toFixed(0)} ms in one)`);
            out(`load_${d.label}_file_in_worker_frames`, rw.frames, 'frames the page ran while it parsed (each one drawn only if it changed)');
            out(`load_${d.label}_file_in_worker_longest_frame_gap`, rw.gap.toFixed(0), `ms (the three longest: ${rw.gaps.map((x) => x.toFixed(0)).join(', ')})`);
        } finally { await user.ctx.close(); }
    }
}
