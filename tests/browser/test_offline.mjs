// Offline: the service worker (web/static/sw.js) serves the app with the network off after one visit, installs an
// update whole or not at all and announces it; the portable single file (tools/portable) runs from file://.
// Each service-worker test serves its own copy of the web build, so it can change "the server" and stop it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openApp, whenReady, shot, frames, assert, assertEq, sampleJson, ROOT, WEB, ARTIFACTS } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';

const EXAMPLE = path.join(ROOT, 'docs/example.json');
const exampleText = () => fs.readFileSync(EXAMPLE, 'utf8');
const exampleName = () => JSON.parse(exampleText()).dataset.name;
const CORE = ['index.html', 'gridstar.js', 'gridstar.wasm', 'gridstar.data', 'manifest.webmanifest', 'icon.svg'];

function stage() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-web-'));
    for (const f of fs.readdirSync(WEB)) {
        const p = path.join(WEB, f);
        if (fs.statSync(p).isFile()) fs.copyFileSync(p, path.join(dir, f));
    }
    return dir;
}
async function serveDir(dir) {
    const server = await serve(dir, 0);
    return { server, url: `http://127.0.0.1:${server.address().port}/` };
}
const stop = (server) => new Promise((r) => { server.closeAllConnections?.(); server.close(r); });
// What the build step does: a new build id and new hashes in sw.js and index.html.
function restamp(dir) {
    execFileSync('/usr/bin/python3', [path.join(ROOT, 'web/stamp_sw.py'), '--web-dir', dir,
        '--template', path.join(ROOT, 'web/static/sw.js')]);
    return /content="([0-9a-f]+)"/.exec(fs.readFileSync(path.join(dir, 'index.html'), 'utf8').match(/<meta name="gridstar-build"[^>]*>/)[0])[1];
}
async function waitControlled(page) {
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
}
const cacheKeys = (page) => page.evaluate(() => caches.keys());
const cachedNames = (page, key) => page.evaluate(async (key) =>
    (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname.replace(/^\//, '')).sort(), key);
// Asks the browser to look for a new sw.js and waits until that attempt is over: 'installed' or 'redundant'.
// (Chromium here answers update() called from the app page itself only after ~60 s, while the app renders with
// software WebGL; from another page of the origin it takes a second or two. The tests use such a page.)
const checkForUpdate = (page) => page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    const found = new Promise((r) => reg.addEventListener('updatefound', () => r(reg.installing), { once: true }));
    try { await reg.update(); } catch (e) { /* an install that fails may reject */ }
    const w = reg.installing || reg.waiting || (await found);
    await new Promise((r) => {
        const f = () => { if (['installed', 'activated', 'redundant'].includes(w.state)) r(); };
        w.addEventListener('statechange', f);
        f();
    });
    return w.state;
});
async function openPortable(ctx, file) {
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on('pageerror', (e) => console.log('    [pageerror]', e.message));
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('file://' + file);
    await whenReady(page);
    return { page, requests };
}
function makePortable() {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gs-portable-')), 'gridstar.html');
    execFileSync('/usr/bin/python3', [path.join(ROOT, 'tools/portable/make_portable.py'), '--web-dir', WEB, '--out', out]);
    return out;
}

export const tests = [
    {
        name: 'after one visit the app starts with the network off, with the stored dataset',
        fn: async () => {
            const dir = stage();
            const { server, url } = await serveDir(dir);
            const { ctx } = await launch();
            try {
                let page = await openApp(ctx, url);
                await waitControlled(page);
                const build = await page.evaluate(() => gsShell.offline.build);
                assert(/^[0-9a-f]{16}$/.test(build), 'stamped build id: ' + build);
                assertEq(await cacheKeys(page), ['gridstar-' + build], 'one cache, named after the build');
                const names = await cachedNames(page, 'gridstar-' + build);
                for (const f of CORE.concat('build-complete')) assert(names.includes(f), `${f} precached (${names})`);
                // The wide font is fetched only when needed; once fetched it is cached too.
                const wide = await page.evaluate(() => fetch('gridstar-wide.ttf').then((r) => r.arrayBuffer()).then((b) => b.byteLength));
                assertEq(wide, fs.statSync(path.join(dir, 'gridstar-wide.ttf')).size, 'wide font through the worker');
                assert((await cachedNames(page, 'gridstar-' + build)).includes('gridstar-wide.ttf'), 'wide font cached');
                // Work with another dataset than the sample, so the offline start must come from IndexedDB.
                const r = await page.evaluate((t) => GridStar.loadDataset(t), exampleText());
                assert(r.ok, 'example loads');
                await page.evaluate(() => GridStar.storageIdle());

                // Network off: Playwright's switch and the server itself (the worker's own fetches are not
                // always covered by the emulation).
                await ctx.setOffline(true);
                await stop(server);
                await page.reload();
                await whenReady(page);
                let st = await page.evaluate(() => GridStar.state());
                assertEq(st.dataset.name, exampleName(), 'dataset after the offline reload');
                assertEq(st.dataset.origin, 'restored', 'restored from IndexedDB');
                assertEq(await page.evaluate(() => gsShell.offline.build), build, 'same build');
                assertEq(await page.evaluate(() => fetch('no-such-file.json').then(() => 'network', () => 'offline')),
                    'offline', 'the network really is off');
                assertEq(await page.evaluate(() => fetch('gridstar-wide.ttf').then((r) => r.ok)), true, 'wide font offline');
                await page.waitForTimeout(1200);
                await shot(page, 'offline-restored');
                // A new tab, as after opening the laptop: the app starts from the cache.
                await page.close();
                page = await ctx.newPage();
                await page.goto(url);
                await whenReady(page);
                st = await page.evaluate(() => GridStar.state());
                assertEq(st.dataset.name, exampleName(), 'dataset in a new tab offline');
            } finally {
                await ctx.close();
                server.listening && (await stop(server));
            }
        },
    },
    {
        name: 'a new build is installed whole in the background, announced, and used after a reload',
        fn: async () => {
            const dir = stage();
            const { server, url } = await serveDir(dir);
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                await waitControlled(page);
                const a = await page.evaluate(() => gsShell.offline.build);
                assertEq(await page.evaluate(() => gsShell.offline.updateReady), false, 'no update yet');
                // A new build lands on the server.
                fs.appendFileSync(path.join(dir, 'gridstar.js'), '\n// rebuilt for the update test\n');
                const b = restamp(dir);
                assert(b !== a, 'new build id');
                // The browser looks for the new sw.js (as on the next online visit); the check runs from a second
                // page of the origin, the app page stays open and must announce the update by itself.
                const probe = await ctx.newPage();
                await probe.goto(url + 'not-the-app');
                assertEq(await checkForUpdate(probe), 'installed', 'new worker installed and waiting');
                await probe.close();
                await page.waitForFunction(() => gsShell.offline.updateReady, null, { timeout: 10000 });
                const banner = await page.evaluate(() => {
                    const el = document.getElementById('gs-update');
                    return { shown: getComputedStyle(el).display !== 'none', text: el.textContent, h: el.getBoundingClientRect().height };
                });
                assert(banner.shown && banner.text.includes('新版本已就绪') && banner.text.includes('A new version is ready'), 'banner: ' + JSON.stringify(banner));
                assert(banner.h < 60, 'banner is small');
                await page.waitForTimeout(1000);
                await shot(page, 'offline-update-banner');
                // The running page still is build A; the new cache is complete beside the old one.
                assertEq(await page.evaluate(() => gsShell.offline.build), a, 'page keeps its build');
                assertEq((await cacheKeys(page)).sort(), ['gridstar-' + a, 'gridstar-' + b].sort(), 'both caches while waiting');
                const namesB = await cachedNames(page, 'gridstar-' + b);
                for (const f of CORE.concat('build-complete')) assert(namesB.includes(f), `${f} in the new cache`);
                assert(await page.evaluate(async (k) => (await (await caches.open(k)).match('gridstar.js').then((r) => r.text())).includes('rebuilt for the update test'), 'gridstar-' + b),
                    'the new cache holds the new script');
                // The page keeps working while the update waits.
                assert(await page.evaluate(() => GridStar.setView('data')), 'app still responds');
                // A reload switches to the new build; the old cache goes.
                await page.reload();
                await page.waitForFunction((b) => window.gsShell && gsShell.offline.build === b && window.GridStar && GridStar.ready, b, { timeout: 60000 });
                await page.evaluate(() => GridStar.ready);
                assertEq(await cacheKeys(page), ['gridstar-' + b], 'only the new cache after activation');
                assertEq(await page.evaluate(() => gsShell.offline.updateReady), false, 'no banner after the switch');
                assertEq((await page.evaluate(() => GridStar.state())).dataset.counts.communities, sampleJson().communities.length, 'app runs');
            } finally {
                await ctx.close();
                await stop(server);
            }
        },
    },
    {
        name: 'a half-deployed server (files of two builds) is refused: no update, the old build keeps working offline',
        fn: async () => {
            const dir = stage();
            const { server, url } = await serveDir(dir);
            const { ctx } = await launch();
            try {
                let page = await openApp(ctx, url);
                await waitControlled(page);
                const a = await page.evaluate(() => gsShell.offline.build);
                fs.appendFileSync(path.join(dir, 'gridstar.js'), '\n// build B\n');
                restamp(dir);
                // ...but the wasm on the server is from yet another build than the new sw.js lists.
                fs.appendFileSync(path.join(dir, 'gridstar.wasm'), Buffer.from([0]));
                // The update check runs from a page of the same origin without the app (see checkForUpdate).
                const probe = await ctx.newPage();
                await page.close();
                await probe.goto(url + 'not-the-app');
                assertEq(await checkForUpdate(probe), 'redundant', 'the new worker failed to install');
                assertEq(await cacheKeys(probe), ['gridstar-' + a], 'no partial cache left behind');
                await stop(server);
                await ctx.setOffline(true);
                page = await ctx.newPage();
                await page.goto(url);
                await whenReady(page);
                assertEq(await page.evaluate(() => gsShell.offline.updateReady), false, 'nothing announced');
                assertEq(await page.evaluate(() => gsShell.offline.build), a, 'still the old build');
            } finally {
                await ctx.close();
                server.listening && (await stop(server));
            }
        },
    },
    {
        name: 'the portable single file runs from file:// (no server, nothing fetched) with the sample',
        fn: async () => {
            const file = makePortable();
            const { ctx } = await launch();
            try {
                const { page, requests } = await openPortable(ctx, file);
                const st = await page.evaluate(() => GridStar.state());
                const s = sampleJson();
                assertEq(st.dataset.name, s.dataset.name, 'dataset');
                assertEq(st.dataset.counts.communities, s.communities.length, 'communities');
                assertEq(st.dataset.counts.grids, s.grids.length, 'grids');
                assertEq(st.dataset.counts.activities, s.activities.length, 'activities');
                // blob: is the parser warm-up's worker script, made in the page.
                const fetched = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'file://' + file);
                assertEq(fetched, [], 'nothing fetched besides the page');
                await page.waitForFunction(() => !['off', 'running'].includes(GridStar.state().warmup.state), null, { timeout: 20000 });
                assertEq(await page.evaluate(() => GridStar.state().warmup.state), 'done', 'the parser warm-up runs from file:// too');
                assertEq(await page.evaluate(() => !!navigator.serviceWorker && !!navigator.serviceWorker.controller), false, 'no service worker');
                await page.waitForTimeout(1200);
                await shot(page, 'portable-chromium');
                console.log(`    portable: ${(fs.statSync(file).size / 1048576).toFixed(2)} MB; storage under file:// ` +
                    JSON.stringify({ available: st.storage.available, message: st.storage.message }));
                // Chromium keeps IndexedDB for file:// pages: the work survives a reload.
                if (st.storage.available) {
                    assert((await page.evaluate((t) => GridStar.loadDataset(t), exampleText())).ok, 'example loads');
                    await page.evaluate(() => GridStar.storageIdle());
                    await page.reload();
                    await whenReady(page);
                    assertEq((await page.evaluate(() => GridStar.state())).dataset.name, exampleName(), 'restored under file://');
                }
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'portable without IndexedDB: it says so, works in memory, and File › export JSON / open keeps the work',
        fn: async () => {
            const file = makePortable();
            const { ctx } = await launch();
            try {
                // As in a browser that refuses storage for file:// pages.
                await ctx.addInitScript(() => {
                    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked for this test', 'SecurityError'); } });
                });
                let { page } = await openPortable(ctx, file);
                let st = await page.evaluate(() => GridStar.state());
                assertEq(st.storage.available, false, 'storage unavailable');
                assert(/IndexedDB/.test(st.storage.message), 'message: ' + st.storage.message);
                assert((await page.evaluate((t) => GridStar.loadDataset(t), exampleText())).ok, 'loads in memory');
                await page.evaluate(() => GridStar.setView('data'));
                await frames(page, 4);
                await shot(page, 'portable-no-storage-data-view');
                // 文件 › 导出数据 JSON (the third item of the File menu: 打开数据…, 载入示例数据, 导出数据 JSON).
                await page.mouse.click(106, 14);
                await frames(page, 3);
                const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.mouse.click(140, 92)]);
                const saved = path.join(ARTIFACTS, 'portable-export.json');
                await download.saveAs(saved);
                const exported = JSON.parse(fs.readFileSync(saved, 'utf8'));
                assertEq(exported.dataset.name, exampleName(), 'exported dataset');
                // Next day: the page starts with the sample again; opening the exported file brings the work back.
                await page.reload();
                await whenReady(page);
                assertEq((await page.evaluate(() => GridStar.state())).dataset.origin, 'sample', 'memory only: sample again');
                const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.evaluate(() => GridStar.openFile())]);
                await chooser.setFiles(saved);
                await page.waitForFunction((n) => GridStar.state().dataset.name === n, exampleName(), { timeout: 20000 });
            } finally { await ctx.close(); }
        },
    },
];
