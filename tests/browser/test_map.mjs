// The Map view in a real browser: drill down by clicking the canvas, go back up, colour modes, mapFocus/mapPick.
// Screenshots land in build/test-artifacts/map-*.png (look at them: the district must read as a map).
import fs from 'node:fs';
import { launch, openApp, frames, shot, assert, assertEq, decodePng, fractionDiffering, fractionNot, sampleJson }
    from './harness.mjs';

const DS = sampleJson();
const street = DS.streets.find((s) => s.name === '沙子口街道');
const community = DS.communities.find((c) => c.name === '段家埠社区');
const grid = DS.grids.find((g) => g.community_id === community.id && g.name === '第3网格');
const micro = DS.micro_grids.find((m) => m.grid_id === grid.id);

async function mapState(page) {
    return (await page.evaluate(() => window.GridStar.state())).map;
}
async function labelPoint(page, id) {
    return page.evaluate((id) => window.GridStar.call('mapLabel', { id }), id);
}
async function pick(page, x, y) {
    return page.evaluate(([x, y]) => window.GridStar.mapPick(x, y), [x, y]);
}
// A person's click: move, press, release, each seen by at least one frame.
async function click(page, x, y, button = 'left') {
    await page.mouse.move(x, y);
    await frames(page, 2);
    await page.mouse.down({ button });
    await frames(page, 2);
    await page.mouse.up({ button });
    await frames(page, 3);
}
async function openMap(ctx, url) {
    const page = await openApp(ctx, url);
    await page.evaluate(() => window.GridStar.setView('map'));
    await frames(page, 4);
    return page;
}
function img(file) {
    return decodePng(fs.readFileSync(file));
}
const NAVY = [14, 22, 38];

// Clicks the unit's label point after checking that mapPick names that unit there; returns the new state.
async function drillByClick(page, unit, level) {
    const p = await labelPoint(page, unit.id);
    assert(p, `no label point for ${unit.name}`);
    const picked = await pick(page, p.x, p.y);
    assertEq(picked && picked.id, unit.id, `mapPick at ${unit.name}'s label point`);
    assertEq(picked.level, level, `mapPick level for ${unit.name}`);
    await click(page, p.x, p.y);
    const m = await mapState(page);
    assertEq(m.focused.id, unit.id, `focused after clicking ${unit.name}`);
    assertEq(m.selected && m.selected.id, unit.id, `selected after clicking ${unit.name}`);
    assertEq(m.level, level, `level after clicking ${unit.name}`);
    return m;
}

export const tests = [
    {
        name: 'district → street → community → grid → micro-grid by clicking, mapPick agrees',
        fn: async (url) => {
            const { ctx } = await launch({ width: 1280, height: 720 });
            try {
                const page = await openMap(ctx, url);
                let m = await mapState(page);
                assertEq(m.level, 'district', 'starts at the district');
                assertEq(m.shown_level, 'street', 'the district shows streets');
                assertEq(m.visible_units, DS.streets.length, 'every street visible');
                assertEq(m.breadcrumb.map((c) => c.name), ['崂山区'], 'breadcrumb at the district');
                assertEq(m.desk_controls, true, 'the desk map has its search, buttons and options');
                assertEq(m.selected, null, 'nothing selected at first');
                const s0 = await shot(page, 'map-1280-district');
                // The map covers a good part of the canvas (a filled district, not an empty panel).
                assert(fractionNot(img(s0), NAVY, 16) > 0.2, 'district map is drawn');

                m = await drillByClick(page, street, 'street');
                assertEq(m.shown_level, 'community', 'a street shows communities');
                assertEq(m.visible_units, DS.communities.filter((c) => c.street_id === street.id).length,
                    'all communities of the street visible');
                const s1 = await shot(page, 'map-1280-street');

                m = await drillByClick(page, community, 'community');
                assertEq(m.shown_level, 'grid', 'a community shows grids');
                const s2 = await shot(page, 'map-1280-community');

                m = await drillByClick(page, grid, 'grid');
                assertEq(m.shown_level, 'micro_grid', 'a grid shows micro-grids');
                const s3 = await shot(page, 'map-1280-grid');

                m = await drillByClick(page, micro, 'micro_grid');
                assertEq(m.breadcrumb.map((c) => c.name), ['崂山区', '沙子口街道', '段家埠社区', '第3网格', micro.name],
                    'breadcrumb at the micro-grid');
                assertEq(m.breadcrumb.map((c) => c.level), ['district', 'street', 'community', 'grid', 'micro_grid'],
                    'breadcrumb levels');
                const s4 = await shot(page, 'map-1280-micro');

                const shots = [s0, s1, s2, s3, s4].map(img);
                for (let i = 1; i < shots.length; i++)
                    assert(fractionDiffering(shots[i - 1], shots[i]) > 0.05, `level ${i} looks different from level ${i - 1}`);

                // Random points: mapPick answers only inside the canvas, and only units of the shown level (or
                // the siblings around the shown parent).
                const c = m.canvas;
                const p = await pick(page, c[0] - 5, c[1] + 10);
                assertEq(p, null, 'mapPick outside the map');
                const outside = await pick(page, c[0] + 3, c[1] + 3);
                assert(outside === null || ['micro_grid', 'grid'].includes(outside.level), 'corner pick level');
            } finally {
                await ctx.close();
            }
        },
    },
    {
        name: 'back up: Backspace, Escape, right click, breadcrumb click',
        fn: async (url) => {
            const { ctx } = await launch({ width: 1280, height: 720 });
            try {
                const page = await openMap(ctx, url);
                let m = await page.evaluate((id) => window.GridStar.mapFocus(id), micro.id);
                assertEq(m.level, 'micro_grid', 'mapFocus to a micro-grid');
                assertEq(m.shown_level, 'micro_grid', 'a micro-grid is shown among its siblings');
                assertEq(m.breadcrumb.length, 5, 'breadcrumb depth');
                await frames(page, 3);
                const p = await labelPoint(page, micro.id);
                await page.mouse.move(p.x, p.y); // hover: tooltip with the grid worker, phone masked
                await frames(page, 3);
                await shot(page, 'map-1280-tooltip');

                await page.keyboard.press('Backspace');
                await frames(page, 3);
                m = await mapState(page);
                assertEq(m.focused.id, grid.id, 'Backspace goes up to the grid');
                await page.keyboard.press('Escape');
                await frames(page, 3);
                m = await mapState(page);
                assertEq(m.focused.id, community.id, 'Escape goes up to the community');
                const c = m.canvas;
                const gp = await labelPoint(page, grid.id);
                await click(page, gp.x, gp.y, 'right');
                m = await mapState(page);
                assertEq(m.focused.id, street.id, 'right click goes up to the street');
                assertEq(m.breadcrumb.length, 2, 'breadcrumb after going up');

                // Clicking the district in the breadcrumb.
                await page.evaluate((id) => window.GridStar.mapFocus(id), grid.id);
                await frames(page, 3);
                m = await mapState(page);
                const r = m.breadcrumb[0].rect;
                assert(r, 'breadcrumb items have a rect');
                await click(page, (r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
                m = await mapState(page);
                assertEq(m.level, 'district', 'breadcrumb click goes to the district');
                assertEq(m.selected, null, 'the district is not selected');

                // At the district, Back does nothing.
                await page.keyboard.press('Backspace');
                await frames(page, 2);
                m = await mapState(page);
                assertEq(m.level, 'district', 'still the district');

                // Unknown ids are refused, not ignored.
                const err = await page.evaluate(() => {
                    try { window.GridStar.mapFocus('no-such-unit'); return null; } catch (e) { return e.message; }
                });
                assert(err && /unknown unit/.test(err), 'mapFocus refuses an unknown id');
            } finally {
                await ctx.close();
            }
        },
    },
    {
        name: 'colour modes, metrics, masking; wheel zoom and fit',
        fn: async (url) => {
            const { ctx } = await launch({ width: 1280, height: 720 });
            try {
                const page = await openMap(ctx, url);
                const set = (o) => page.evaluate((o) => window.GridStar.call('mapOptions', o), o);
                let m = await set({ color_mode: 'grid_color' });
                assertEq(m.color_mode, 'grid_color', 'grid colour mode');
                await frames(page, 3);
                const a = img(await shot(page, 'map-1280-district-gridcolor'));
                m = await set({ color_mode: 'community_kind' });
                assertEq(m.color_mode, 'community_kind', 'kind mode');
                await frames(page, 3);
                const b = img(await shot(page, 'map-1280-district-kind'));
                m = await set({ color_mode: 'metric', metric: 'households' });
                assertEq(m.metric, 'households', 'metric households');
                await frames(page, 3);
                const c = img(await shot(page, 'map-1280-district-households'));
                m = await set({ metric: 'star_score' });
                assertEq(m.metric, 'star_score', 'metric star score');
                await frames(page, 3);
                const d = img(await shot(page, 'map-1280-district-starscore'));
                assert(fractionDiffering(a, b) > 0.05, 'grid colour vs kind differ');
                assert(fractionDiffering(b, c) > 0.05, 'kind vs households differ');
                assert(fractionDiffering(c, d) > 0.02, 'households vs star score differ');

                // Down to micro-grids: the whole district filled at its finest level.
                m = await set({ color_mode: 'grid_color', finest: true });
                await frames(page, 3);
                m = await mapState(page);
                assertEq([m.finest, m.fill_level], [true, 'micro_grid'], 'finest fill level');
                const shaped = DS.micro_grids.filter((g) => g.boundary).length;
                assertEq(m.fill_units_drawn, shaped, 'every micro-grid with a shape is drawn at the district view');
                const e = img(await shot(page, 'map-1280-district-microgrids'));
                assert(fractionDiffering(a, e) > 0.01, 'micro-grid fill differs from the grid fill');
                m = await set({ finest: false });
                assertEq(m.fill_level, 'grid', 'back to grids');

                let failed = false;
                try { await set({ color_mode: 'rainbow' }); } catch (e) { failed = /color_mode/.test(e.message); }
                assert(failed, 'an unknown colour mode is refused');

                m = await set({ masking: false });
                assertEq(m.masking, false, 'masking off');
                m = await set({ masking: true });
                assertEq(m.masking, true, 'masking on');

                // Street level in metric mode, then a zoom with the wheel around a point that must stay put.
                await page.evaluate((id) => window.GridStar.mapFocus(id), street.id);
                await set({ color_mode: 'metric', metric: 'volunteer_hours' });
                await frames(page, 3);
                await shot(page, 'map-1280-street-hours');
                const before = await mapState(page);
                const p = await labelPoint(page, community.id);
                const pk = await pick(page, p.x, p.y);
                await page.mouse.move(p.x, p.y);
                await frames(page, 2);
                await page.mouse.wheel(0, -300);
                await frames(page, 4);
                const after = await mapState(page);
                assert(after.scale > before.scale * 1.2, `wheel zooms in (${before.scale} → ${after.scale})`);
                const pk2 = await pick(page, p.x, p.y);
                assertEq(pk2 && pk2.id, pk && pk.id, 'the unit under the cursor stays under it while zooming');
                // Drag pans.
                await page.mouse.down();
                await page.mouse.move(p.x + 120, p.y + 40, { steps: 6 });
                await frames(page, 2);
                await page.mouse.up();
                await frames(page, 3);
                const lp = await labelPoint(page, community.id);
                assert(Math.abs(lp.x - p.x - 120) < 20 && Math.abs(lp.y - p.y - 40) < 20, `drag pans (${lp.x - p.x}, ${lp.y - p.y})`);
                assertEq((await mapState(page)).focused.id, street.id, 'a drag is not a click');
            } finally {
                await ctx.close();
            }
        },
    },
    {
        name: '4K screenshots (3840×2160)',
        fn: async (url) => {
            const { ctx } = await launch({ width: 1280, height: 720, dpr: 3 });
            try {
                const page = await openMap(ctx, url);
                const s = await shot(page, 'map-4k-district');
                const im = img(s);
                assertEq([im.width, im.height], [3840, 2160], '4K screenshot size');
                await page.evaluate((id) => window.GridStar.mapFocus(id), community.id);
                await frames(page, 3);
                await shot(page, 'map-4k-community');
                // mapPick takes CSS pixels, whatever the device pixel ratio.
                const p = await labelPoint(page, grid.id);
                const pk = await pick(page, p.x, p.y);
                assertEq(pk && pk.id, grid.id, 'mapPick in CSS pixels at dpr 3');
            } finally {
                await ctx.close();
            }
            const big = await launch({ width: 3840, height: 2160, dpr: 1 });
            try {
                const page = await openMap(big.ctx, url);
                await shot(page, 'map-3840-district');
                await page.evaluate((id) => window.GridStar.mapFocus(id), street.id);
                await frames(page, 3);
                await shot(page, 'map-3840-street');
            } finally {
                await big.ctx.close();
            }
        },
    },
    {
        name: 'touch: two fingers pinch-zoom about their midpoint and pan; lifting them is not a click',
        fn: async (url) => {
            const { ctx } = await launch({ width: 1280, height: 720 });
            try {
                const page = await openMap(ctx, url);
                const cdp = await ctx.newCDPSession(page);
                const touch = async (type, pts) => {
                    await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: pts.map(([x, y], i) => ({ x, y, id: i + 1 })) });
                    await frames(page, 2);
                };
                const before = await mapState(page);
                const p = await labelPoint(page, community.id);
                const under = await pick(page, p.x, p.y);
                assert(under, 'a unit under the midpoint');
                // Fingers 60 px apart around the point, spread to 180 px in steps: 3x.
                await touch('touchStart', [[p.x - 30, p.y], [p.x + 30, p.y]]);
                for (const half of [45, 60, 75, 90])
                    await touch('touchMove', [[p.x - half, p.y], [p.x + half, p.y]]);
                let m = await mapState(page);
                const ratio = m.scale / before.scale;
                assert(ratio > 2.7 && ratio < 3.3, `pinch zooms in 3x (${ratio.toFixed(2)})`);
                const still = await pick(page, p.x, p.y);
                assertEq(still && still.id, under.id, 'the unit between the fingers stays between them');
                // Both fingers move right by 100 px: the map follows.
                for (const dx of [25, 50, 75, 100])
                    await touch('touchMove', [[p.x - 90 + dx, p.y], [p.x + 90 + dx, p.y]]);
                const moved = await pick(page, p.x + 100, p.y);
                assertEq(moved && moved.id, under.id, 'two-finger pan moves the map with the fingers');
                await touch('touchEnd', []);
                await frames(page, 3);
                m = await mapState(page);
                assertEq(m.focused.id, before.focused.id, 'lifting the fingers does not drill down');
                await shot(page, 'map-1280-pinched');
            } finally {
                await ctx.close();
            }
        },
    },
];
