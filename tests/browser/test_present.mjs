// Presentation mode: F5 enters, the clicker steps scenes, personal data is masked, every slide carries its date,
// and the layout holds from a laptop to an ultra-wide LED wall. exportPng renders at a chosen size.
import fs from 'node:fs';
import { launch, openApp, whenReady, shot, frames, assert, assertEq, decodePng, fractionDiffering, sampleJson } from './harness.mjs';

async function present(page) {
    await page.mouse.click(640, 400); // a user gesture on the canvas first, as a presenter would
    await page.keyboard.press('F5');
    await frames(page, 3);
    return page.evaluate(() => GridStar.state());
}

export const tests = [
    {
        name: 'F5 enters presentation, the clicker steps through scenes and loops, Esc leaves',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const scenes = await page.evaluate(() => GridStar.scenes());
                assert(scenes.length >= 2, 'a playlist exists: ' + scenes.length);
                let st = await present(page);
                assertEq(st.presentation.on, true, 'presenting after F5');
                assertEq(st.presentation.scene, 0, 'first scene');
                assertEq(st.presentation.masking, true, 'masking on by default');
                assertEq(st.view, scenes[0].view, 'view of scene 1');
                await page.waitForTimeout(1200); // counters finish rolling up
                const first = decodePng(fs.readFileSync(await shot(page, 'present-scene1-1280')));
                const views = [st.view];
                for (let i = 1; i < scenes.length; i++) {
                    await page.keyboard.press('PageDown');
                    await frames(page, 3);
                    st = await page.evaluate(() => GridStar.state());
                    // A scene may consume PageDown as a step inside it (a ranking race): press until it moves on.
                    for (let k = 0; k < 12 && st.presentation.scene !== i; k++) {
                        await page.keyboard.press('PageDown');
                        await frames(page, 2);
                        st = await page.evaluate(() => GridStar.state());
                    }
                    assertEq(st.presentation.scene, i, 'scene after PageDown');
                    assertEq(st.view, scenes[i].view, 'view of scene ' + (i + 1));
                    views.push(st.view);
                    await page.waitForTimeout(1200);
                    await shot(page, `present-scene${i + 1}-1280`);
                    if (st.view === 'map') {
                        const map = (await page.evaluate(() => GridStar.state())).map;
                        assertEq(map.desk_controls, false, 'map slide without search, buttons and options');
                        assert(map.breadcrumb.length > 0, 'map slide keeps its breadcrumb');
                    }
                    if (st.view === 'ranking') {
                        // No desk controls on a slide: no pickers, no race buttons, and the race has the whole width.
                        const hit = (await page.evaluate(() => GridStar.state())).ranking.hit;
                        for (const k of ['period_combo', 'race_play', 'side'])
                            assert(!(k in hit), `ranking slide without ${k}: ${Object.keys(hit).join(',')}`);
                    }
                }
                await page.keyboard.press('PageUp');
                await frames(page, 2);
                st = await page.evaluate(() => GridStar.state());
                assert(st.presentation.scene === scenes.length - 2 || st.presentation.scene === scenes.length - 1,
                    'PageUp goes back (or steps back inside the scene): ' + st.presentation.scene);
                const later = decodePng(await page.screenshot());
                assert(fractionDiffering(first, later) > 0.05, 'scenes look different');
                await page.keyboard.press('Escape');
                await frames(page, 2);
                st = await page.evaluate(() => GridStar.state());
                assertEq(st.presentation.on, false, 'Esc leaves');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'the API steps scenes, adds the current view as a scene, and masking holds in presentation',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                await page.evaluate(() => GridStar.setView('data'));
                const n = (await page.evaluate(() => GridStar.scenes())).length;
                const after = await page.evaluate(() => GridStar.addScene());
                assertEq(after.length, n + 1, 'scene added');
                assertEq(after[n].view, 'data', 'captured view');
                let p = await page.evaluate(() => GridStar.present(true));
                assertEq(p.on, true, 'present(true)');
                p = await page.evaluate(() => GridStar.nextScene());
                assertEq(p.scene, 1, 'nextScene');
                assertEq(p.masking, true, 'masked while presenting');
                p = await page.evaluate(() => GridStar.present(false));
                assertEq(p.on, false, 'present(false)');
                // The playlist is stored with the dataset and survives a reload.
                await page.evaluate(() => GridStar.storageIdle());
                await page.reload();
                await whenReady(page);
                const restored = await page.evaluate(() => GridStar.scenes());
                assertEq(restored.length, n + 1, 'scenes after reload');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'slides are crisp and dated at 1920x1080@1.5, 3840x2160 and 6656x1792; exportPng renders at a chosen size',
        fn: async (url) => {
            for (const [w, h, dpr, name] of [[1920, 1080, 1.5, 'present-1920x1080-dpr1.5'], [3840, 2160, 1, 'present-3840x2160'],
                [6656, 1792, 1, 'present-6656x1792']]) {
                const { ctx } = await launch({ width: w, height: h, dpr });
                try {
                    const page = await openApp(ctx, url);
                    const windowed = (await page.evaluate(() => GridStar.state())).fonts.figure_px;
                    await page.evaluate(() => GridStar.present(true));
                    await page.waitForTimeout(1500);
                    const file = await shot(page, name);
                    const img = decodePng(fs.readFileSync(file));
                    assertEq([img.width, img.height], [Math.round(w * dpr), Math.round(h * dpr)], 'screenshot size');
                    const st = await page.evaluate(() => GridStar.state());
                    assert(st.fonts.atlas_width <= 8192 && st.fonts.atlas_height <= 8192, 'atlas within GPU limits');
                    assertEq(st.fonts.missing, 0, 'no missing glyphs');
                    // The overview's figures are rasterised larger on a slide: 1.75× the design's 52 px, at the slide's scale.
                    const scale = Math.max(0.6, Math.min(w / 1920, h / 1080) * 1.3); // PresentationScale (core)
                    assert(Math.abs(st.fonts.figure_px - 52 * 1.75 * scale * dpr) < 1, `figure px ${st.fonts.figure_px} (windowed ${windowed}) at ${w}x${h}@${dpr}`);
                } finally { await ctx.close(); }
            }
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                const dataUrl = await page.evaluate(() => GridStar.exportPng({ width: 3840, height: 2160 }));
                const png = decodePng(Buffer.from(dataUrl.split(',')[1], 'base64'));
                assertEq([png.width, png.height], [3840, 2160], 'exported PNG size');
                const st = await page.evaluate(() => GridStar.state());
                assert(st.frame > 0, 'app keeps running after export');
                const back = decodePng(await page.screenshot());
                assertEq([back.width, back.height], [1280, 720], 'canvas back to the page size');
                fs.writeFileSync('build/test-artifacts/export-3840x2160.png', Buffer.from(dataUrl.split(',')[1], 'base64'));
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'overview counters show their values when the app opens, and roll up when a scene starts, the tab is shown again or a dataset loads',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openApp(ctx, url);
                // The roll-up is a function of the time since the figures appeared; on a slow machine a few frames may
                // already finish it, so the checks are that it started again, then ran to the end.
                const ov = () => page.evaluate(() => GridStar.state().overview);
                let o = await ov();
                assertEq(o.roll, 1, 'the first frames show the figures as they are, not a count from zero');
                await page.waitForTimeout(300);
                assertEq((await ov()).roll_started_s, o.roll_started_s, 'and nothing rolls after the app opens');
                const scenes = await page.evaluate(() => GridStar.scenes());
                assertEq(scenes[0].view, 'overview', 'the sample playlist opens on the overview');
                let before = o.roll_started_s;
                await present(page);
                o = await ov();
                assert(o.roll_started_s > before, `the scene start restarts the roll-up (${before} -> ${o.roll_started_s})`);
                await page.waitForTimeout(1300);
                await frames(page, 2);
                o = await ov();
                assertEq(o.roll, 1, 'rolled up a second after the scene started');
                before = o.roll_started_s;
                await page.keyboard.press('PageDown');
                await frames(page, 3);
                await page.keyboard.press('PageUp');
                await frames(page, 2);
                o = await ov();
                assert(o.roll_started_s > before, 'back to the overview scene: rolls again');
                await page.keyboard.press('Escape');
                await page.waitForTimeout(1300);
                before = (await ov()).roll_started_s;
                await page.evaluate(() => GridStar.setView('map'));
                await frames(page, 3);
                await page.evaluate(() => GridStar.setView('overview'));
                await frames(page, 2);
                o = await ov();
                assert(o.roll_started_s > before, 'the tab shown again: rolls again');
                await page.waitForTimeout(1300);
                before = (await ov()).roll_started_s;
                const r = await page.evaluate((t) => GridStar.loadDataset(t), JSON.stringify(sampleJson()));
                assert(r.ok, 'the sample loads again');
                await frames(page, 2);
                o = await ov();
                assert(o.roll_started_s > before, 'a dataset loaded: rolls again');
            } finally { await ctx.close(); }
        },
    },
];
