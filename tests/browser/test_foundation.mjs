// The app shell: it starts, draws, reports the sample's counts, switches language, and refuses a bad dataset
// without losing the current one.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../../scripts/serve.mjs';
import { launch, openApp, whenReady, shot, frames, assert, assertEq, decodePng, fractionNot, fractionDiffering, sampleJson, ARTIFACTS, WEB }
    from './harness.mjs';

const BACKGROUND = [14, 22, 38];

export const tests = [
    {
        name: 'rare characters fetch the wide font once and draw in body and heading; one in neither font is a placeholder',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const wideRequests = [];
                page.on('request', (r) => { if (/gridstar-wide\.ttf$/.test(r.url())) wideRequests.push(r.url()); });
                await page.waitForFunction(() => !GridStar.state().fonts.opening, null, { timeout: 20000 }); // the full atlas
                let st = await page.evaluate(() => GridStar.state());
                assertEq(st.fonts.wide_loaded, false, 'the sample needs no wide font');
                const before = st.fonts.glyphs;
                // 龘 is in the wide font only (not GB2312, not the sample); U+30000 (CJK Extension G) is in neither.
                const d = sampleJson();
                d.dataset.name = '龘龘社区治理数据 \u{30000}';
                d.communities[0].name = '龘园社区';
                const r = await page.evaluate((t) => GridStar.loadDataset(t), JSON.stringify(d));
                assert(r.ok, 'dataset with rare characters loads');
                await page.waitForFunction(() => GridStar.state().fonts.wide_loaded, null, { timeout: 30000 });
                await frames(page, 4);
                st = await page.evaluate(() => GridStar.state());
                assertEq(wideRequests.length, 1, 'wide font requests');
                assertEq(st.fonts.missing, 1, 'code points in neither font');
                assert(st.fonts.glyphs > before, `atlas glyphs grew with the wide font (${before} -> ${st.fonts.glyphs})`);
                assert(st.fonts.atlas_width <= 2048 && st.fonts.atlas_height <= 2048, 'atlas within 2048²');
                await page.waitForTimeout(1200); // counters roll up
                await shot(page, 'foundation-wide-font');
                // A second dataset with the same characters fetches nothing more.
                await page.evaluate((t) => GridStar.loadDataset(t), JSON.stringify(d));
                await frames(page, 4);
                assertEq(wideRequests.length, 1, 'wide font requests after a second load');
            } finally { await ctx.close(); }
        },
    },
    {
        name: "ImGui's per-frame reads of scissor and blend state are answered by the page, and match the GPU's state",
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = ctx.pages()[0] || (await ctx.newPage());
                // Count the reads that reach the browser's own getParameter (each a round trip to the GPU process).
                await page.addInitScript(() => {
                    const real = WebGL2RenderingContext.prototype.getParameter;
                    window.__glReads = {};
                    window.__glRealGet = (gl, p) => real.call(gl, p);
                    WebGL2RenderingContext.prototype.getParameter = function (p) {
                        window.__glReads[p] = (window.__glReads[p] || 0) + 1;
                        return real.call(this, p);
                    };
                });
                await page.goto(url);
                await whenReady(page);
                const names = ['SCISSOR_BOX', 'BLEND_SRC_RGB', 'BLEND_DST_RGB', 'BLEND_SRC_ALPHA', 'BLEND_DST_ALPHA',
                    'BLEND_EQUATION_RGB', 'BLEND_EQUATION_ALPHA'];
                const before = await page.evaluate(() => ({ ...window.__glReads }));
                for (const view of ['map', 'timeline', 'ranking', 'overview']) {
                    await page.evaluate((v) => GridStar.setView(v), view);
                    await frames(page, 3);
                }
                const r = await page.evaluate((names) => {
                    const gl = document.getElementById('canvas').getContext('webgl2');
                    const out = { shadowed: !!gl.gsShadowed, reads: {}, same: {} };
                    // Set a state ImGui never uses, as other code might, then compare the page's answers with the GPU's.
                    gl.blendFuncSeparate(gl.ONE, gl.ZERO, gl.SRC_COLOR, gl.DST_ALPHA);
                    gl.blendEquationSeparate(gl.FUNC_SUBTRACT, gl.MAX);
                    gl.scissor(3, 4, 50, 60);
                    gl.scissor(1, 1, -5, 7); // refused by the GL: the box stays 3, 4, 50, 60
                    for (const n of names) {
                        out.reads[n] = window.__glReads[gl[n]] || 0;
                        const mine = gl.getParameter(gl[n]), gpu = window.__glRealGet(gl, gl[n]);
                        out.same[n] = JSON.stringify(mine && mine.length ? Array.from(mine) : mine) ===
                            JSON.stringify(gpu && gpu.length ? Array.from(gpu) : gpu);
                    }
                    gl.getError(); // the refused scissor's INVALID_VALUE
                    return out;
                }, names);
                assert(r.shadowed, 'the page keeps a copy of the GL state');
                for (const n of names) {
                    const gl = await page.evaluate((n) => WebGL2RenderingContext[n], n);
                    assertEq(r.reads[n] - (before[gl] || 0), 0, `${n}: reads that went to the GPU over 12 frames`);
                    assert(r.same[n], `${n}: the page's answer equals the GPU's`);
                }
                await frames(page, 2); // ImGui restores its own state each frame: the app still draws
                assert(fractionNot(decodePng(await page.screenshot()), BACKGROUND) > 0.05, 'the page still draws');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'a frame that shows what the last one did is not sent to the GPU: idle draws nothing, a change draws at once',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = ctx.pages()[0] || (await ctx.newPage());
                await page.addInitScript(() => {
                    const P = WebGL2RenderingContext.prototype, draw = P.drawElements;
                    window.__draws = 0;
                    P.drawElements = function (...a) { window.__draws++; return draw.apply(this, a); };
                });
                await page.goto(url);
                await whenReady(page);
                const probe = () => page.evaluate(() => ({ st: GridStar.state(), draws: window.__draws }));
                await page.waitForTimeout(1300); // the overview's counters roll up for a second: each of those frames is new
                await frames(page, 3);
                const a = await probe();
                await frames(page, 20);
                const b = await probe();
                assertEq(b.st.frames_drawn - a.st.frames_drawn, 0, 'frames drawn while nothing changed');
                assert(b.st.frames_skipped - a.st.frames_skipped >= 18, `frames skipped meanwhile (${b.st.frames_skipped - a.st.frames_skipped})`);
                assertEq(b.draws - a.draws, 0, 'WebGL draw calls while nothing changed');
                const idle = decodePng(await page.screenshot());
                assert(fractionNot(idle, BACKGROUND) > 0.05, 'the canvas still shows the overview');
                // The mouse over the second tab (网格地图, at 1280×720): its hover highlight is a new picture.
                await page.mouse.move(93, 45);
                await frames(page, 3);
                const c = await probe();
                assert(c.st.frames_drawn > b.st.frames_drawn && c.draws > b.draws, 'the mouse moving over the page draws');
                await page.evaluate(() => GridStar.setView('map'));
                await frames(page, 3);
                const d = await probe();
                assert(d.st.frames_drawn > c.st.frames_drawn, 'another view is drawn');
                assert(fractionDiffering(decodePng(await page.screenshot()), idle) > 0.05, 'and shown');
                // exportPng reads the canvas: after idle frames it still gets the whole picture.
                await frames(page, 10);
                const url2 = await page.evaluate(() => GridStar.exportPng({ width: 800, height: 450 }));
                const png = decodePng(Buffer.from(url2.split(',')[1], 'base64'));
                assertEq(png.width, 800, 'exported width');
                assert(fractionNot(png, BACKGROUND) > 0.05, 'the exported picture is drawn, not an empty buffer');
                // On request every frame goes to the GPU.
                await page.evaluate(() => GridStar.redrawEveryFrame(true));
                const e = await probe();
                await frames(page, 6);
                const f = await probe();
                assert(f.st.frames_drawn - e.st.frames_drawn >= 5, 'redrawEveryFrame(true) draws every frame');
                await page.evaluate(() => GridStar.redrawEveryFrame(false));
            } finally { await ctx.close(); }
        },
    },
    {
        name: "the app opens with the atlas holding the overview's text; the dataset's other characters come before anything can draw them",
        fn: async (url) => {
            const d = sampleJson();
            const shown = [d.dataset.name, d.district.name, d.dataset.as_of, d.dataset.source];
            const names = [...d.communities, ...d.grids, ...d.streets].map((u) => u.name);
            // Read in the first microtask after ready: the page has drawn exactly one frame.
            const atReady = (page, then) => page.evaluate(async ({ shown, names, then }) => {
                while (!window.GridStar) await new Promise((r) => setTimeout(r, 1));
                await GridStar.ready;
                const out = {
                    fonts: GridStar.state().fonts,
                    shownMissing: shown.map((t) => GridStar.glyphsMissing(t)).join('') + GridStar.glyphsMissing(shown[0], 'heading'),
                    namesMissing: names.map((t) => GridStar.glyphsMissing(t)).join(''),
                };
                if (then) GridStar.setView(then);
                return out;
            }, { shown, names, then });
            {
                const { ctx } = await launch();
                try {
                    const page = ctx.pages()[0] || (await ctx.newPage());
                    await page.goto(url, { waitUntil: 'commit' });
                    const r = await atReady(page, null);
                    assert(r.fonts.opening, 'the first atlas is the opening one');
                    assertEq(r.shownMissing, '', "the overview's own text (name, district, date, source) in the first atlas");
                    assert(r.namesMissing.length > 0, 'names only other views show come later');
                    await page.waitForTimeout(400);
                    await frames(page, 2);
                    const st = await page.evaluate(() => GridStar.state().fonts);
                    assertEq(st.opening, false, 'a quarter second on, the atlas has all of the dataset');
                    assert(st.glyphs > r.fonts.glyphs, `more glyphs (${r.fonts.glyphs} -> ${st.glyphs})`);
                    assertEq(await page.evaluate((n) => n.map((t) => GridStar.glyphsMissing(t) + GridStar.glyphsMissing(t, 'heading')).join(''), names), '',
                        'every unit name in body and heading');
                } finally { await ctx.close(); }
            }
            {
                // Another view asked for in the same moment: its first frame already has every character.
                const { ctx } = await launch();
                try {
                    const page = ctx.pages()[0] || (await ctx.newPage());
                    await page.goto(url, { waitUntil: 'commit' });
                    await atReady(page, 'map');
                    await frames(page, 1);
                    const r = await page.evaluate((n) => ({ fonts: GridStar.state().fonts, view: GridStar.state().view,
                        missing: n.map((t) => GridStar.glyphsMissing(t)).join('') }), names);
                    assertEq(r.view, 'map', 'the map is shown');
                    assertEq(r.fonts.opening, false, 'the atlas was completed before the map drew');
                    assertEq(r.missing, '', 'the map can draw every unit name');
                } finally { await ctx.close(); }
            }
        },
    },
    {
        name: 'without WebGL2 the page says so: no API at all, or a context the browser refuses',
        fn: async (url) => {
            const cases = [
                ['no-api', () => { delete window.WebGL2RenderingContext; }],
                ['refused', () => {
                    const get = HTMLCanvasElement.prototype.getContext;
                    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
                        return kind === 'webgl2' ? null : get.call(this, kind, ...rest);
                    };
                }],
            ];
            for (const [label, init] of cases) {
                const { ctx } = await launch();
                try {
                    const page = ctx.pages()[0] || (await ctx.newPage());
                    await page.addInitScript(init);
                    await page.goto(url);
                    await page.waitForFunction(() => document.getElementById('gs-status').className === 'error', null, { timeout: 30000 });
                    const text = await page.evaluate(() => document.getElementById('gs-status').textContent);
                    assert(text.includes('不支持 WebGL2') && text.includes('no WebGL2'), `${label}: message: ${text}`);
                    assertEq(await page.evaluate(() => !!(window.GridStar && window.GridStar.state && window.GridStar.state().frame > 0)), false, `${label}: no frame drawn`);
                    await shot(page, `foundation-no-webgl2-${label}`);
                } finally { await ctx.close(); }
            }
        },
    },
    {
        name: 'the loading bar follows the data package download, and stays out of the way when the server compresses it',
        fn: async (url) => {
            // The package as it is, and gzip-compressed on the wire (Content-Length then counts compressed bytes).
            const raw = fs.readFileSync(path.join(WEB, 'gridstar.data'));
            const server = await serve(WEB, 0);
            const files = server.listeners('request')[0];
            server.removeAllListeners('request');
            server.on('request', (req, res) => {
                if (!req.url.startsWith('/gridstar.data')) return files(req, res);
                const body = zlib.gzipSync(raw);
                res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
                res.end(body);
            });
            const gzipUrl = `http://127.0.0.1:${server.address().port}/`;
            try {
                for (const gzip of [false, true]) {
                    const { ctx } = await launch();
                    try {
                        const page = ctx.pages()[0] || (await ctx.newPage());
                        await page.addInitScript(() => {
                            window.__gsStatus = [];
                            new MutationObserver(() => {
                                const m = document.getElementById('gs-msg');
                                if (m) window.__gsStatus.push(m.textContent);
                            }).observe(document, { subtree: true, childList: true, characterData: true });
                        });
                        await page.goto(gzip ? gzipUrl : url);
                        await whenReady(page);
                        const seen = await page.evaluate(() => window.__gsStatus);
                        const pct = seen.map((t) => /Downloading… (\d+)%/.exec(t)).filter(Boolean).map((m) => +m[1]);
                        const st = await page.evaluate(() => GridStar.state());
                        assert(st.dataset.counts.communities > 0, `${gzip ? 'gzip' : 'plain'}: the sample is loaded`);
                        if (gzip) assertEq(pct.length, 0, 'no percentage from a compressed response');
                        else {
                            assert(pct.length > 0, 'download progress shown: ' + JSON.stringify(seen.slice(0, 5)));
                            assertEq(pct[pct.length - 1], 100, 'last progress');
                            assert(pct.every((p, i) => i === 0 || p >= pct[i - 1]), 'progress rises: ' + pct.join(','));
                        }
                    } finally { await ctx.close(); }
                }
            } finally { await new Promise((r) => server.close(r)); }
        },
    },
    {
        name: 'a missing or cut-short data package (font + sample) is said plainly, and the app does not start without it',
        fn: async (url) => {
            const raw = fs.readFileSync(path.join(WEB, 'gridstar.data'));
            const cases = [
                ['missing', { status: 404, body: 'gone' }, ['无法载入数据文件 gridstar.data', 'HTTP 404']],
                ['cut short', { status: 200, body: raw.subarray(0, raw.length >> 1) }, ['无法载入数据文件 gridstar.data', 'cut short']],
            ];
            for (const [label, answer, words] of cases) {
                const { ctx } = await launch();
                try {
                    const page = ctx.pages()[0] || (await ctx.newPage());
                    await page.route('**/gridstar.data', (route) => route.fulfill(answer));
                    await page.goto(url);
                    await page.waitForFunction(() => document.getElementById('gs-status').className === 'error', null, { timeout: 30000 });
                    const text = await page.evaluate(() => document.getElementById('gs-status').textContent);
                    for (const w of words) assert(text.includes(w), `${label}: message: ${text}`);
                    await page.waitForTimeout(1000);
                    assertEq(await page.evaluate(() => !!(window.GridStar && window.GridStar.state && window.GridStar.state().frame > 0)), false, `${label}: no frame drawn`);
                } finally { await ctx.close(); }
            }
        },
    },
    {
        name: 'the page loads, ready resolves and the canvas shows the overview',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                await page.waitForTimeout(1200); // counters roll up for one second
                const file = await shot(page, 'foundation-overview-zh');
                const img = decodePng(fs.readFileSync(file));
                const drawn = fractionNot(img, BACKGROUND);
                assert(drawn > 0.15, `canvas mostly background (${(drawn * 100).toFixed(1)}% drawn)`);
                const hidden = await page.evaluate(() => getComputedStyle(document.getElementById('gs-status')).display);
                assertEq(hidden, 'none', 'loading overlay hidden after ready');
                const st = await page.evaluate(() => GridStar.state());
                assertEq(st.view, 'overview', 'first view');
                assert(st.fonts.atlas_width <= 2048 && st.fonts.atlas_height <= 2048, 'atlas within 2048²');
                assertEq(st.fonts.missing, 0, 'glyphs missing from the fonts');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'the font atlas goes to the GPU at start-up and once more when the opening atlas is completed; no font texture is left behind',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = ctx.pages()[0] || (await ctx.newPage());
                // Count texture uploads and live textures from before the page's own scripts run.
                await page.addInitScript(() => {
                    const P = WebGL2RenderingContext.prototype;
                    const up = P.texImage2D, mk = P.createTexture, rm = P.deleteTexture;
                    window.__gsTex = { uploads: [], live: 0 };
                    P.texImage2D = function (...a) { window.__gsTex.uploads.push(`${a[3]}x${a[4]}`); return up.apply(this, a); };
                    P.createTexture = function () { window.__gsTex.live++; return mk.apply(this); };
                    P.deleteTexture = function (t) { if (t) window.__gsTex.live--; return rm.call(this, t); };
                });
                await page.goto(url);
                await whenReady(page);
                await page.waitForFunction(() => !GridStar.state().fonts.opening, null, { timeout: 20000 });
                await frames(page, 10);
                const tex = await page.evaluate(() => window.__gsTex);
                const st = await page.evaluate(() => GridStar.state());
                const atlas = `${st.fonts.atlas_width}x${st.fonts.atlas_height}`;
                // ImGui's own small font (set up with the GL backend, then replaced), the opening atlas, the full one.
                assertEq(tex.uploads.length, 3, `texture uploads (${tex.uploads})`);
                assertEq(tex.uploads[2], atlas, 'the last upload is the atlas in use');
                assertEq(tex.live, 1, 'live textures: the font atlas only');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'state() reports the embedded sample\'s counts',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const st = await page.evaluate(() => GridStar.state());
                const s = sampleJson();
                assertEq(st.dataset.name, s.dataset.name, 'dataset name');
                assertEq(st.dataset.origin, 'sample', 'origin');
                const c = st.dataset.counts;
                assertEq(c.streets, s.streets.length, 'streets');
                assertEq(c.communities, s.communities.length, 'communities');
                assertEq(c.grids, s.grids.length, 'grids');
                assertEq(c.micro_grids, s.micro_grids.length, 'micro-grids');
                assertEq(c.activities, s.activities.length, 'activities');
                assertEq(c.teams, s.teams.length, 'teams');
                assertEq(c.grid_workers, s.grids.filter((g) => g.worker && g.worker.name).length, 'grid workers');
                const hours = s.activities.reduce((a, x) => a + (x.hours || 0), 0);
                assert(Math.abs(c.service_hours - hours) < 1e-6, `service hours ${c.service_hours} vs ${hours}`);
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'start-up decodes the sample\'s snapshot (no JSON parse); a worker then warms the parser up and the app is as it was',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const st = await page.evaluate(() => GridStar.state());
                // A JSON load leaves its result in state().last_load; the snapshot is adopted without one.
                assertEq(st.last_load, undefined, 'no JSON load at start-up');
                assertEq(st.dataset.origin, 'sample', 'origin');
                const m = st.startup;
                assert(m.main_at_ms > 0, `main() entered at ${m.main_at_ms} ms`);
                for (const k of ['graphics_ms', 'imgui_ms', 'data_ms', 'to_first_frame_ms', 'atlas_ms', 'first_frame_ms'])
                    assert(m[k] >= 0, `startup.${k} = ${m[k]}`);
                assert(m.first_frame_at_ms > m.main_at_ms, `the first frame after main(): ${JSON.stringify(m)}`);
                assert(m.atlas_ms > 0 && m.graphics_ms > 0, `the atlas and the GL context took time: ${JSON.stringify(m)}`);
                console.log(`    start-up: ${JSON.stringify(m)}`);
                await page.waitForFunction(() => !['off', 'running'].includes(GridStar.state().warmup.state), null, { timeout: 20000 });
                const w = (await page.evaluate(() => GridStar.state())).warmup;
                assertEq(w.state, 'done', `warm-up (${w.error})`);
                assert(w.ms > 0, `warm-up took ${w.ms} ms`);
                console.log(`    parser warm-up in the worker: ${w.ms.toFixed(0)} ms`);
                const after = await page.evaluate(() => GridStar.state());
                assertEq(after.dataset.counts, st.dataset.counts, 'the dataset is untouched');
                assertEq(after.generation, st.generation, 'no dataset was loaded');
                assert(after.frame > st.frame, 'frames go on');
                // The main instance's own parser still answers (and now gives the JSON load's result).
                const r = await page.evaluate((t) => GridStar.loadDataset(t), JSON.stringify(sampleJson()));
                assert(r.ok, 'the sample loads as JSON too');
                const again = await page.evaluate(() => GridStar.state());
                assertEq(again.dataset.counts, st.dataset.counts, 'JSON and snapshot give the same counts');
                assertEq(again.last_load.ok, true, 'last_load after a JSON load');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'switching language changes state().language and what is drawn',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                await page.waitForTimeout(1200);
                const zh = decodePng(await page.screenshot());
                assert(await page.evaluate(() => GridStar.setLanguage('en')), 'setLanguage accepted');
                await frames(page, 4);
                assertEq((await page.evaluate(() => GridStar.state())).language, 'en', 'language');
                const file = await shot(page, 'foundation-overview-en');
                const en = decodePng(fs.readFileSync(file));
                const diff = fractionDiffering(zh, en);
                assert(diff > 0.003, `screenshots barely differ (${(diff * 100).toFixed(2)}%)`);
                assert(!(await page.evaluate(() => GridStar.setLanguage('fr'))), 'unknown language refused');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'views switch through setView and through a click on a tab',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                assert(await page.evaluate(() => GridStar.setView('data')), 'setView accepted');
                await frames(page, 3);
                assertEq((await page.evaluate(() => GridStar.state())).view, 'data', 'view after setView');
                // The first tab (总览) sits at the left under the menu bar.
                await page.mouse.click(32, 45);
                await frames(page, 3);
                assertEq((await page.evaluate(() => GridStar.state())).view, 'overview', 'view after clicking the first tab');
                assert(!(await page.evaluate(() => GridStar.setView('nope'))), 'unknown view refused');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'a broken dataset returns its faults and leaves the current dataset in place',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const before = await page.evaluate(() => GridStar.state().dataset);
                const r = await page.evaluate(() => GridStar.loadDataset('{"format":"gridstar/1","dataset":{"name":"x","as_of":"2024-13-01"},"district":{"id":"d","name":"d"},"streets":[],"communities":[{"id":"c","name":"c","street_id":"nope","kind":"urban"}]}'));
                assertEq(r.ok, false, 'ok');
                const paths = r.errors.map((e) => e.path);
                assert(paths.includes('/dataset/as_of'), 'as_of fault reported: ' + paths);
                assert(paths.includes('/communities/0/street_id'), 'dangling street reported: ' + paths);
                assert(r.errors.every((e) => typeof e.message === 'string' && e.message.length > 0), 'messages');
                const syntax = await page.evaluate(() => GridStar.loadDataset('{"format": "gridstar/1",\n "x": [1,,2]}'));
                assertEq(syntax.ok, false, 'syntax ok');
                assertEq(syntax.errors[0].line, 2, 'syntax error line');
                const after = await page.evaluate(() => GridStar.state());
                assertEq(after.dataset, before, 'dataset unchanged');
                assertEq(after.view, 'data', 'fault list shown');
                await frames(page, 3);
                await shot(page, 'foundation-fault-list');
            } finally { await ctx.close(); }
        },
    },
];
