// Loading data as a user would (file picker, drag and drop), persistence in IndexedDB across reloads, and a bad
// import that never touches what is stored.
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, whenReady, shot, frames, assert, assertEq, sampleJson, ROOT } from './harness.mjs';

const EXAMPLE = path.join(ROOT, 'docs/example.json');
const BAD = path.join(ROOT, 'tests/data/bad/dangling_street_ref.json');
const exampleName = () => JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')).dataset.name;

async function pickFile(page, file) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.evaluate(() => GridStar.openFile())]);
    await chooser.setFiles(file);
    await page.waitForFunction((g) => GridStar.state().generation !== g || GridStar.state().last_load,
        await page.evaluate(() => GridStar.state().generation));
}

// Reloads the page and waits for the app's first frame; returns its state.
async function reloadApp(page) {
    await page.reload();
    await whenReady(page);
    return page.evaluate(() => GridStar.state());
}

async function waitLoaded(page, name) {
    await page.waitForFunction((n) => GridStar.state().dataset && GridStar.state().dataset.name === n, name, { timeout: 20000 });
}

export const tests = [
    {
        name: 'the menu opens the file picker and the chosen file loads and is stored; a reload restores it',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                let page = await openApp(ctx, url);
                // Real clicks: 文件 in the menu bar, then 打开数据… in its menu.
                await page.mouse.click(106, 14);
                await frames(page, 3);
                await shot(page, 'data-file-menu');
                const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }),
                    page.mouse.click(140, 38)]);
                await chooser.setFiles(EXAMPLE);
                await waitLoaded(page, exampleName());
                let st = await page.evaluate(() => GridStar.state());
                assertEq(st.dataset.origin, 'loaded', 'origin after picking');
                await page.evaluate(() => GridStar.storageIdle());
                st = await page.evaluate(() => GridStar.state());
                assertEq(st.storage.available, true, 'storage available');
                assertEq(st.storage.dataset_name, exampleName(), 'stored name');
                st = await reloadApp(page);
                assertEq(st.dataset.name, exampleName(), 'name after reload');
                assertEq(st.dataset.origin, 'restored', 'restored from IndexedDB before the first frame');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'File › 载入示例数据 brings the embedded sample back after another dataset',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const sampleName = (await page.evaluate(() => GridStar.state())).dataset.name;
                const r = await page.evaluate((t) => GridStar.loadDataset(t), fs.readFileSync(EXAMPLE, 'utf8'));
                assert(r.ok, 'example loads');
                await waitLoaded(page, exampleName());
                await page.mouse.click(106, 14); // 文件
                await frames(page, 3);
                await page.mouse.click(128, 68); // 载入示例数据
                await waitLoaded(page, sampleName);
                const st = await page.evaluate(() => GridStar.state());
                assertEq(st.dataset.origin, 'sample', 'origin');
                assertEq(st.dataset.counts.communities, sampleJson().communities.length, 'the sample\'s communities');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'dropping a .json file on the page loads it',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const text = fs.readFileSync(EXAMPLE, 'utf8');
                await page.evaluate((text) => {
                    const dt = new DataTransfer();
                    dt.items.add(new File([text], 'example.json', { type: 'application/json' }));
                    const canvas = document.getElementById('canvas');
                    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
                    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
                }, text);
                await waitLoaded(page, exampleName());
                assertEq((await page.evaluate(() => GridStar.state())).dataset.origin, 'loaded', 'origin after drop');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'a large file is parsed in a worker: the page answers and draws frames meanwhile, shows the progress, and takes the result; without workers it parses on its own thread',
        fn: async (url) => {
            // The example with 60,000 more activities (about 14 MB).
            const d = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
            const base = d.activities.length;
            for (let i = 0; i < 60000; i++) d.activities.push({ ...d.activities[i % base], id: `BIG-${i}` });
            const big = path.join(ROOT, 'build/test-artifacts/big-60k.json');
            fs.mkdirSync(path.dirname(big), { recursive: true });
            fs.writeFileSync(big, JSON.stringify(d));
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.evaluate(() => GridStar.openFile())]);
                await chooser.setFiles(big);
                // The page's thread is free while the worker parses: state() answers, with the progress.
                const seen = [];
                let shotTaken = false;
                for (let i = 0; i < 600; i++) {
                    const st = await page.evaluate(() => ({ loading: GridStar.state().loading, n: GridStar.state().dataset.counts.activities }));
                    seen.push(st.loading.state);
                    if (st.loading.state === 'parsing' && !shotTaken) { await shot(page, 'data-parsing-in-worker'); shotTaken = true; }
                    if (st.n === base + 60000) break;
                    await new Promise((r) => setTimeout(r, 10));
                }
                const st = await page.evaluate(() => GridStar.state());
                assertEq(st.dataset.counts.activities, base + 60000, 'activities after the load');
                assertEq(st.dataset.origin, 'loaded', 'origin');
                assert(seen.includes('parsing'), `state().loading was seen parsing (${[...new Set(seen)]})`);

                assertEq(st.loading.state, 'idle', 'loading state after');
                assertEq(st.loading.last.parsed_in, 'worker', 'parsed in');
                assert(st.loading.last.frames >= 3, `frames the page ran while parsing: ${st.loading.last.frames}`);
                // The worker reports every 4,096 activities: 14 times for 60,000, each reaching the page.
                assert(st.loading.last.progress_updates >= 14, `progress updates: ${st.loading.last.progress_updates}`);
                // Stored like any load: a reload restores it.
                await page.evaluate(() => GridStar.storageIdle());
                const again = await reloadApp(page);
                assertEq(again.dataset.counts.activities, base + 60000, 'activities after a reload');
                assertEq(again.dataset.origin, 'restored', 'origin after a reload');
            } finally { await ctx.close(); }
            // No Worker in this browser: the same file through the picker still loads, on the page's thread.
            const second = await launch();
            try {
                await second.ctx.addInitScript(() => { window.Worker = undefined; });
                const page = await openApp(second.ctx, url);
                await pickFile(page, EXAMPLE);
                await waitLoaded(page, exampleName());
                // The warm-up would start half a second after the first frame: wait for its verdict.
                await page.waitForFunction(() => GridStar.state().warmup.state !== 'off', null, { timeout: 20000 });
                const st = await page.evaluate(() => GridStar.state());
                assertEq(st.loading.last.parsed_in, 'page', 'parsed in, without workers');
                assertEq(st.warmup.state, 'skipped', 'warm-up without workers');
            } finally { await second.ctx.close(); }
        },
    },
    {
        name: 'a newer load wins over a file still parsing in the worker; an edit right after a worker load is the one stored',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const text = fs.readFileSync(EXAMPLE, 'utf8');
                // A large file starts parsing; the API loads another dataset meanwhile: the file's result is dropped.
                const r = await page.evaluate(async (t) => {
                    const d = JSON.parse(t);
                    const base = d.activities.length;
                    for (let i = 0; i < 60000; i++) d.activities.push({ ...d.activities[i % base], id: `BIG-${i}` });
                    d.dataset.name = 'big';
                    const pending = GridStar.loadFile(new File([JSON.stringify(d)], 'big.json'));
                    for (let i = 0; i < 500 && GridStar.state().loading.state !== 'parsing'; i++)
                        await new Promise((res) => setTimeout(res, 5)); // the file is read first
                    const during = GridStar.state().loading.state;
                    const direct = GridStar.loadDataset(t).ok;
                    const big = await pending;
                    await new Promise((res) => setTimeout(res, 300));
                    return { during, direct, big, name: GridStar.state().dataset.name, after: GridStar.state().loading.state };
                }, text);
                assertEq(r.during, 'parsing', 'the large file was parsing');
                assertEq(r.direct, true, 'the direct load');
                assertEq(r.big, null, 'the superseded file resolves to null');
                assertEq([r.name, r.after], [exampleName(), 'idle'], 'the newer dataset stays');
                // A file through the worker, then at once a new scene: after a reload the scene is there.
                const scenes = await page.evaluate(async (t) => {
                    const res = await GridStar.loadFile(new File([t], 'example.json'));
                    if (!res || !res.ok || res.parsed_in !== 'worker') throw new Error('worker load: ' + JSON.stringify(res));
                    return GridStar.addScene().length;
                }, text);
                await page.evaluate(() => GridStar.storageIdle());
                await reloadApp(page);
                assertEq((await page.evaluate(() => GridStar.scenes())).length, scenes, 'scenes after a reload');
            } finally { await ctx.close(); }
        },
    },
    {
        name: '?data=URL loads a same-origin file (in a worker) and is stored; another origin is refused',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = ctx.pages()[0] || (await ctx.newPage());
                await page.route('**/__test/example.json', (route) => route.fulfill({ path: EXAMPLE, contentType: 'application/json' }));
                await page.goto(url + '?data=__test/example.json');
                await whenReady(page);
                await waitLoaded(page, exampleName());
                let st = await page.evaluate(() => GridStar.state());
                assertEq(st.dataset.origin, 'loaded', 'origin');
                assertEq(st.loading.last.parsed_in, 'worker', 'parsed in');
                await page.evaluate(() => GridStar.storageIdle());
                // Another origin: ignored, the stored dataset stays.
                const warnings = [];
                page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
                await page.goto(url + '?data=' + encodeURIComponent('http://example.invalid/x.json'));
                await whenReady(page);
                await frames(page, 3);
                st = await page.evaluate(() => GridStar.state());
                assertEq([st.dataset.name, st.dataset.origin], [exampleName(), 'restored'], 'after a cross-origin ?data=');
                assert(warnings.some((w) => /same-origin/.test(w)), `a warning says why: ${warnings}`);
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'a bad file shows its faults and leaves the stored dataset unchanged after a reload',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                let page = await openApp(ctx, url);
                await pickFile(page, EXAMPLE);
                await waitLoaded(page, exampleName());
                await page.evaluate(() => GridStar.storageIdle());
                await pickFile(page, BAD);
                await page.waitForFunction(() => GridStar.state().last_load && GridStar.state().last_load.ok === false);
                let st = await page.evaluate(() => GridStar.state());
                assertEq(st.view, 'data', 'fault list shown');
                assertEq(st.dataset.name, exampleName(), 'current dataset kept');
                await frames(page, 4);
                await shot(page, 'data-fault-list');
                await page.evaluate(() => GridStar.storageIdle());
                st = await reloadApp(page);
                assertEq(st.dataset.name, exampleName(), 'stored dataset after reload');
                assertEq(st.dataset.origin, 'restored', 'origin after reload');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'every fault message of the bad-input corpus can be drawn (its characters are in the atlas), and so can the core\'s ranking statuses, built-in days and every name a heading shows',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                // The check itself can fail: a character in neither font is reported.
                assertEq(await page.evaluate(() => GridStar.glyphsMissing('缺少𠀀')), '𠀀', 'a character in no font is missing');
                const dir = path.join(ROOT, 'tests/data/bad');
                const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'expected.json').sort();
                let messages = 0;
                const missing = [];
                for (const f of files) {
                    const r = await page.evaluate((t) => GridStar.loadDataset(t), fs.readFileSync(path.join(dir, f), 'latin1'));
                    await frames(page, 2); // the atlas follows the load's messages in the next frame
                    for (const e of [...r.errors, ...(r.warnings || [])]) {
                        messages++;
                        const m = await page.evaluate((t) => GridStar.glyphsMissing(t), e.message);
                        if (m) missing.push(`${f}: "${e.message}" lacks ${m}`);
                    }
                }
                assert(messages > files.length, `${messages} messages from ${files.length} files`);
                assertEq(missing, [], 'characters of fault messages missing from the atlas');
                // Texts the core composes for the ranking table and the timeline, whatever the dataset.
                const core = '本期无评分记录缺少指标：未归入比拼类别取消资格逾期报送，不参与排名扣分学雷锋日国际志愿者日';
                assertEq(await page.evaluate((t) => GridStar.glyphsMissing(t), core), '', 'ranking statuses and built-in days');
                await page.evaluate(() => GridStar.setView('data'));
                await frames(page, 2);
                await shot(page, 'data-fault-messages');
                // Headings show names from every level (the map's breadcrumb, panel and tooltip titles), teams and
                // periods: names only this dataset uses must be in the heading font too.
                const ex = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
                ex.grids[0].name = '翠竹园甲网格';
                if (ex.micro_grids.length) ex.micro_grids[0].name = '丙丁楼微网格';
                ex.teams[0].name = '萤火虫服务队';
                ex.competition.periods[0].name = '庚子季度';
                const r = await page.evaluate((t) => GridStar.loadDataset(t), JSON.stringify(ex));
                assert(r.ok, 'renamed example loads: ' + JSON.stringify(r.errors));
                await frames(page, 2);
                const names = [ex.grids[0].name, ex.teams[0].name, ex.competition.periods[0].name,
                    ...ex.grids.map((g) => g.name), ...ex.micro_grids.map((m) => m.name), ex.dataset.name];
                for (const n of names)
                    assertEq(await page.evaluate((t) => GridStar.glyphsMissing(t, 'heading'), n), '', `heading font draws ${n}`);
                assertEq(await page.evaluate(() => GridStar.glyphsMissing('1,234.5万', 'figures')), '', 'figures');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'a stored snapshot that cannot be used is re-derived from the JSON stored beside it, never misread',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                let page = await openApp(ctx, url);
                await pickFile(page, EXAMPLE); // stored with the File itself as the JSON
                await waitLoaded(page, exampleName());
                await page.evaluate(() => GridStar.storageIdle());
                // The snapshot record holds no JSON (read at start-up); the JSON is in its own store under the same id.
                // Mark the snapshot as written by a future format version.
                const layout = await page.evaluate(() => new Promise((resolve, reject) => {
                    const open = indexedDB.open('gridstar');
                    open.onerror = () => reject(open.error);
                    open.onsuccess = () => {
                        const db = open.result;
                        const tx = db.transaction(['meta', 'records', 'json'], 'readwrite');
                        const out = {};
                        tx.objectStore('meta').get('current').onsuccess = (e) => {
                            const id = e.target.result;
                            tx.objectStore('records').get(id).onsuccess = (e2) => {
                                const rec = e2.target.result;
                                out.recordKeys = Object.keys(rec).sort().join(',');
                                const snap = new Uint8Array(rec.snapshot.slice(0));
                                snap[4] = 99; // the version field
                                rec.snapshot = snap.buffer;
                                tx.objectStore('records').put(rec);
                            };
                            tx.objectStore('json').get(id).onsuccess = (e3) => { out.json = e3.target.result ? e3.target.result.size : -1; };
                        };
                        tx.oncomplete = () => { db.close(); resolve(out); };
                        tx.onerror = () => reject(tx.error);
                    };
                }));
                assertEq(layout.recordKeys, 'id,name,saved_at,snapshot', 'snapshot record fields');
                assertEq(layout.json, fs.statSync(EXAMPLE).size, 'JSON stored beside it, byte for byte');
                await page.reload();
                await whenReady(page);
                await waitLoaded(page, exampleName());
                let st = await page.evaluate(() => GridStar.state());
                assertEq(st.dataset.origin, 'loaded', 're-derived from the stored JSON, not restored from the snapshot');
                await page.evaluate(() => GridStar.storageIdle());
                st = await reloadApp(page);
                assertEq(st.dataset.name, exampleName(), 'name after the second reload');
                assertEq(st.dataset.origin, 'restored', 'stored again in the current format');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'a reload in the middle of a save leaves the previous dataset whole',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                let page = await openApp(ctx, url);
                await pickFile(page, EXAMPLE);
                await page.evaluate(() => GridStar.storageIdle());
                // Start a save of the (much larger) sample under another name and reload at once.
                const sample = fs.readFileSync(path.join(ROOT, 'assets/sample/laoshan.json'), 'utf8')
                    .replace('崂山区基层治理示例数据', '半途保存测试');
                await page.evaluate((t) => { GridStar.loadDataset(t); }, sample);
                const st = await reloadApp(page);
                // Either the save finished before the reload (new one) or it did not (old one): never a mix.
                assert([exampleName(), '半途保存测试'].includes(st.dataset.name), 'restored name: ' + st.dataset.name);
                assertEq(st.dataset.origin, 'restored', 'origin');
                if (st.dataset.name === exampleName()) assertEq(st.dataset.counts.communities, 3, 'old dataset whole');
                else assertEq(st.dataset.counts.communities, 167, 'new dataset whole');
            } finally { await ctx.close(); }
        },
    },
];
