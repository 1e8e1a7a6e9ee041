// The main browser checks in Firefox ESR (Debian's firefox-esr), driven by npm puppeteer-core over WebDriver BiDi.
// Playwright's Firefox needs its own patched build (not downloadable here), so this is a separate runner:
//
//   GS_WEB_DIR=build/web node tests/browser/firefox_smoke.mjs        # ends "firefox: N passed, M failed"
//
// Headless Firefox has no WebGL on Linux (Mozilla bug 1375585: "Exhausted GL driver options" whatever the prefs),
// so Firefox runs with a window on a virtual X display (Debian's xvfb, started here on a free display number) and
// renders WebGL2 with Mesa's llvmpipe. Without Xvfb it falls back to headless and the WebGL checks fail.
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { ROOT, WEB, ARTIFACTS, assert, assertEq, decodePng, fractionNot, fractionDiffering, sampleJson } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';

const FIREFOX = process.env.GS_FIREFOX || '/usr/bin/firefox-esr';
const BACKGROUND = [14, 22, 38];
const EXAMPLE = path.join(ROOT, 'docs/example.json');
const exampleText = () => fs.readFileSync(EXAMPLE, 'utf8');
const exampleName = () => JSON.parse(exampleText()).dataset.name;

// A virtual display: Xvfb picks a free number and writes it to the pipe given by -displayfd.
async function startXvfb() {
    if (process.env.DISPLAY || !fs.existsSync('/usr/bin/Xvfb')) return null;
    const proc = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1400x900x24', '-nolisten', 'tcp'],
        { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    const display = await new Promise((resolve, reject) => {
        let text = '';
        const t = setTimeout(() => reject(new Error('Xvfb did not start')), 10000);
        proc.stdio[3].on('data', (d) => {
            text += d;
            if (text.includes('\n')) { clearTimeout(t); resolve(':' + text.trim()); }
        });
        proc.on('exit', (code) => reject(new Error('Xvfb exited ' + code)));
    });
    return { proc, display };
}

async function waitReady(page) {
    await page.waitForFunction(() => !!(window.GridStar && window.GridStar.ready), { timeout: 90000 }); // not the promise itself: puppeteer would await it
    await page.evaluate(() => window.GridStar.ready);
}
async function frames(page, n = 3) {
    await page.evaluate((n) => new Promise((resolve) => {
        let k = 0;
        const step = () => (++k >= n ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
    }), n);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function screenshot(page, name) {
    const buf = Buffer.from(await page.screenshot({ type: 'png' }));
    if (name) fs.writeFileSync(path.join(ARTIFACTS, name + '.png'), buf);
    return decodePng(buf);
}

let browser, url;
// Each test gets its own browser context (own IndexedDB), like the Chromium tests' fresh profiles.
async function withPage(fn) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log('    [pageerror]', e.message));
    await page.setViewport({ width: 1280, height: 720 });
    try { return await fn(page, context); } finally { await context.close(); }
}
async function open(page, where = url) {
    await page.goto(where);
    await waitReady(page);
}

const tests = [
    {
        name: 'WebGL2 is there (software rendering)',
        fn: () => withPage(async (page) => {
            await page.goto('about:blank');
            const gl = await page.evaluate(() => {
                const g = document.createElement('canvas').getContext('webgl2');
                return g ? g.getParameter(g.VERSION) + ' / ' + g.getParameter(g.RENDERER) : null;
            });
            console.log('    WebGL2:', gl);
            assert(gl, 'no WebGL2 context');
        }),
    },
    {
        name: 'the page loads, ready resolves and the canvas shows the overview',
        fn: () => withPage(async (page) => {
            await open(page);
            await sleep(1500);
            const img = await screenshot(page, 'firefox-overview-zh');
            const drawn = fractionNot(img, BACKGROUND);
            assert(drawn > 0.15, `canvas mostly background (${(drawn * 100).toFixed(1)}% drawn)`);
            assertEq(await page.evaluate(() => getComputedStyle(document.getElementById('gs-status')).display), 'none', 'overlay hidden');
            const st = await page.evaluate(() => GridStar.state());
            assertEq(st.view, 'overview', 'first view');
            assertEq(st.fonts.missing, 0, 'glyphs missing');
        }),
    },
    {
        name: 'state() reports the embedded sample\'s counts (from its snapshot), and the parser warm-up runs in a worker',
        fn: () => withPage(async (page) => {
            await open(page);
            const st = await page.evaluate(() => GridStar.state());
            const s = sampleJson();
            assertEq(st.dataset.name, s.dataset.name, 'dataset name');
            assertEq(st.dataset.origin, 'sample', 'origin');
            const c = st.dataset.counts;
            assertEq([c.streets, c.communities, c.grids, c.micro_grids, c.activities, c.teams],
                [s.streets.length, s.communities.length, s.grids.length, s.micro_grids.length, s.activities.length, s.teams.length], 'counts');
            await page.waitForFunction(() => !['off', 'running'].includes(GridStar.state().warmup.state), { timeout: 20000 });
            const w = await page.evaluate(() => GridStar.state().warmup);
            assertEq(w.state, 'done', `warm-up (${w.error})`);
        }),
    },
    {
        name: 'switching language changes state().language and what is drawn',
        fn: () => withPage(async (page) => {
            await open(page);
            await sleep(1500);
            const zh = await screenshot(page);
            assert(await page.evaluate(() => GridStar.setLanguage('en')), 'setLanguage accepted');
            await frames(page, 4);
            assertEq((await page.evaluate(() => GridStar.state())).language, 'en', 'language');
            const en = await screenshot(page, 'firefox-overview-en');
            const diff = fractionDiffering(zh, en);
            assert(diff > 0.003, `screenshots barely differ (${(diff * 100).toFixed(2)}%)`);
        }),
    },
    {
        name: 'a broken dataset returns its faults and leaves the current dataset in place',
        fn: () => withPage(async (page) => {
            await open(page);
            const before = await page.evaluate(() => GridStar.state().dataset);
            const r = await page.evaluate(() => GridStar.loadDataset('{"format":"gridstar/1","dataset":{"name":"x","as_of":"2024-13-01"},"district":{"id":"d","name":"d"},"streets":[],"communities":[{"id":"c","name":"c","street_id":"nope","kind":"urban"}]}'));
            assertEq(r.ok, false, 'ok');
            const paths = r.errors.map((e) => e.path);
            assert(paths.includes('/dataset/as_of') && paths.includes('/communities/0/street_id'), 'faults: ' + paths);
            const syntax = await page.evaluate(() => GridStar.loadDataset('{"format": "gridstar/1",\n "x": [1,,2]}'));
            assertEq(syntax.errors[0].line, 2, 'syntax error line');
            assertEq((await page.evaluate(() => GridStar.state())).dataset, before, 'dataset unchanged');
        }),
    },
    {
        name: 'a loaded dataset is stored in IndexedDB and restored after a reload',
        fn: () => withPage(async (page) => {
            await open(page);
            assert((await page.evaluate((t) => GridStar.loadDataset(t), exampleText())).ok, 'example loads');
            await page.evaluate(() => GridStar.storageIdle());
            assertEq((await page.evaluate(() => GridStar.state())).storage.available, true, 'storage available');
            await page.reload();
            await waitReady(page);
            const st = await page.evaluate(() => GridStar.state());
            assertEq([st.dataset.name, st.dataset.origin], [exampleName(), 'restored'], 'after reload');
        }),
    },
    {
        name: 'a file the user opens is parsed in a worker, taken, and stored; a reload restores it',
        fn: () => withPage(async (page) => {
            await open(page);
            const r = await page.evaluate((t) => GridStar.loadFile(new File([t], 'example.json'))
                .then((r) => ({ ok: r.ok, parsed_in: r.parsed_in, errors: r.errors })), exampleText());
            assert(r.ok, 'example loads: ' + JSON.stringify(r.errors));
            assertEq(r.parsed_in, 'worker', 'parsed in');
            const bad = await page.evaluate(() => GridStar.loadFile(new File(['{"format": "gridstar/1",\n "x": [1,,2]}'], 'bad.json'))
                .then((r) => ({ ok: r.ok, parsed_in: r.parsed_in, line: r.errors[0] && r.errors[0].line })));
            assertEq([bad.ok, bad.parsed_in, bad.line], [false, 'worker', 2], 'a bad file: its fault, from the worker');
            await page.evaluate(() => GridStar.storageIdle());
            await page.reload();
            await waitReady(page);
            const st = await page.evaluate(() => GridStar.state());
            assertEq([st.dataset.name, st.dataset.origin], [exampleName(), 'restored'], 'after reload');
        }),
    },
    {
        name: 'the portable single file runs from file://',
        fn: () => withPage(async (page) => {
            const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gs-portable-')), 'gridstar.html');
            execFileSync('/usr/bin/python3', [path.join(ROOT, 'tools/portable/make_portable.py'), '--web-dir', WEB, '--out', out]);
            await open(page, 'file://' + out);
            const st = await page.evaluate(() => GridStar.state());
            const s = sampleJson();
            assertEq([st.dataset.name, st.dataset.counts.communities, st.dataset.counts.grids],
                [s.dataset.name, s.communities.length, s.grids.length], 'sample');
            console.log('    storage under file://:', JSON.stringify({ available: st.storage.available, message: st.storage.message }));
            await sleep(1200);
            await screenshot(page, 'firefox-portable');
            if (st.storage.available) {
                assert((await page.evaluate((t) => GridStar.loadDataset(t), exampleText())).ok, 'example loads');
                await page.evaluate(() => GridStar.storageIdle());
                await page.reload();
                await waitReady(page);
                assertEq((await page.evaluate(() => GridStar.state())).dataset.name, exampleName(), 'restored under file://');
            } else {
                assert(/IndexedDB/.test(st.storage.message), 'says why storage is off: ' + st.storage.message);
            }
        }),
    },
    {
        name: 'after one visit the app starts with the server stopped (service worker)',
        fn: async () => {
            // Its own server, so stopping it leaves the other tests alone.
            const server = await serve(WEB, 0);
            const own = `http://127.0.0.1:${server.address().port}/`;
            try {
                await withPage(async (page) => {
                    await open(page, own);
                    await page.waitForFunction(() => !!navigator.serviceWorker && !!navigator.serviceWorker.controller, { timeout: 60000 });
                    assert((await page.evaluate((t) => GridStar.loadDataset(t), exampleText())).ok, 'example loads');
                    await page.evaluate(() => GridStar.storageIdle());
                    await new Promise((r) => { server.closeAllConnections?.(); server.close(r); });
                    await page.reload();
                    await waitReady(page);
                    const st = await page.evaluate(() => GridStar.state());
                    assertEq([st.dataset.name, st.dataset.origin], [exampleName(), 'restored'], 'offline start');
                });
            } finally { if (server.listening) server.close(); }
        },
    },
];

const xvfb = await startXvfb();
const env = { ...process.env };
if (xvfb) env.DISPLAY = xvfb.display;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-firefox-'));
let passed = 0, failed = 0;
try {
    browser = await puppeteer.launch({
        browser: 'firefox', executablePath: FIREFOX, headless: !env.DISPLAY, env, userDataDir: profile,
        protocolTimeout: 180000,
        extraPrefsFirefox: {
            'webgl.force-enabled': true, // llvmpipe is on the block list
            'browser.shell.checkDefaultBrowser': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'browser.download.dir': ARTIFACTS,
        },
    });
    console.log(`  ${await browser.version()} (${env.DISPLAY ? 'window on Xvfb ' + env.DISPLAY : 'headless'})`);
    const server = await serve(WEB, 0);
    url = `http://127.0.0.1:${server.address().port}/`;
    const only = process.argv.slice(2);
    for (const t of tests.filter((t) => only.length === 0 || only.some((o) => t.name.includes(o)))) {
        const t0 = Date.now();
        try {
            await t.fn();
            passed++;
            console.log(`  ok    firefox › ${t.name} (${Date.now() - t0} ms)`);
        } catch (e) {
            failed++;
            console.log(`  FAIL  firefox › ${t.name}\n        ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n        ')}`);
        }
    }
    server.close();
} catch (e) {
    failed++;
    console.log('  FAIL  firefox could not start: ' + (e && e.message || e));
} finally {
    if (browser) await browser.close().catch(() => {});
    if (xvfb) xvfb.proc.kill();
    fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`firefox: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
