// Timeline view (issue 5): totals against a brute-force recount of the sample, zoom / pan / drag-select by real
// mouse events, density when zoomed out and titled bars when zoomed in, playback that advances and loops, and
// screenshots at all-range and day-range.
import fs from 'node:fs';
import {
    launch, openApp, frames, shot, assert, assertEq, decodePng, fractionNot, sampleJson,
} from './harness.mjs';

// ---- brute force over the sample file ------------------------------------------------------------------------------

const sample = sampleJson();
const CST = 8 * 3600 * 1000;
// "2024-03-05T09:30" (no offset = China Standard Time) or an ISO string with an offset -> ms since epoch.
function ms(iso) {
    if (/[zZ]|[+-]\d\d:\d\d$/.test(iso)) return Date.parse(iso);
    const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?$/.exec(iso);
    if (!m) throw new Error('bad date ' + iso);
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0)) - CST;
}
function cstDay(t) {
    return new Date(t + CST).toISOString().slice(0, 10);
}
const streetOfCommunity = new Map(sample.communities.map((c) => [c.id, c.street_id]));
const acts = sample.activities.map((a) => ({ ...a, t0: ms(a.start), t1: ms(a.end) }));

function bruteForce(range, filter = {}, upTo = null) {
    const t0 = ms(range.start), t1 = upTo === null ? ms(range.end) : upTo;
    const text = (filter.text || '').trim().toLowerCase();
    const teams = new Set(), days = new Map();
    let activities = 0, hours = 0, participants = 0;
    for (const a of acts) {
        if (a.t0 < t0 || a.t0 >= t1) continue;
        if (filter.categories && filter.categories.length && !filter.categories.includes(a.category)) continue;
        if (filter.teams && filter.teams.length && !filter.teams.includes(a.team_id)) continue;
        if (filter.streets && filter.streets.length && !filter.streets.includes(streetOfCommunity.get(a.community_id))) continue;
        if (filter.communities && filter.communities.length && !filter.communities.includes(a.community_id)) continue;
        if (text && !a.title.toLowerCase().includes(text)) continue;
        activities++;
        hours += a.hours;
        participants += a.participants;
        if (a.team_id) teams.add(a.team_id);
        const d = cstDay(a.t0);
        days.set(d, (days.get(d) || 0) + 1);
    }
    const busiest = [...days].map(([date, count]) => ({ date, count }))
        .sort((x, y) => y.count - x.count || (x.date < y.date ? -1 : 1)).slice(0, 3);
    return { activities, hours, participants, teams: teams.size, busiest };
}

function checkTotals(tl, filter, what) {
    const bf = bruteForce(tl.range, filter);
    assertEq(tl.visible.activities, bf.activities, `${what}: activities`);
    assert(Math.abs(tl.visible.hours - bf.hours) < 1e-6, `${what}: hours ${tl.visible.hours} vs ${bf.hours}`);
    assertEq(tl.visible.participants, bf.participants, `${what}: participants`);
    assertEq(tl.visible.teams, bf.teams, `${what}: distinct teams`);
    assertEq(tl.busiest_days.map((d) => [d.date, d.count]), bf.busiest.map((d) => [d.date, d.count]), `${what}: busiest days`);
    return bf;
}

// ---- helpers -------------------------------------------------------------------------------------------------------

async function openTimeline(url, opts) {
    const { ctx } = await launch(opts);
    const page = await openApp(ctx, url);
    await page.evaluate(() => { GridStar.setLanguage('zh'); GridStar.setView('timeline'); });
    await frames(page, 4);
    return { ctx, page };
}
const tlState = (page) => page.evaluate(() => GridStar.state().timeline);
const rangeOf = (tl) => [tl.range.start, tl.range.end];
const spanMs = (r) => ms(r.end) - ms(r.start);
// The instant under plot pixel x, from the state's range and layout.
function timeAt(tl, x) {
    const f = (x - tl.layout.plot_x) / tl.layout.plot_width;
    return ms(tl.range.start) + f * spanMs(tl.range);
}
function xAt(tl, t) {
    return tl.layout.plot_x + (t - ms(tl.range.start)) / spanMs(tl.range) * tl.layout.plot_width;
}
// Sets the range, lets the view draw it, and returns the state of the drawn frame.
// ImGui 1.86 reads keys as held-down state once a frame, so a press must last a frame (a same-frame down/up is
// lost); typed characters (+, -) are queued and need no such care.
async function tap(page, key) {
    await page.keyboard.down(key);
    await frames(page, 2);
    await page.keyboard.up(key);
    await frames(page, 1);
}
async function setRange(page, a, b) {
    await page.evaluate(([a, b]) => GridStar.timelineRange(a, b), [a, b]);
    await frames(page, 3);
    return tlState(page);
}

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.
function parseCsv(text) {
    const records = [];
    let rec = [], field = '', quoted = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
            else if (ch === '"') quoted = false;
            else field += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') { rec.push(field); field = ''; }
        else if (ch === '\r' && text[i + 1] === '\n') { rec.push(field); records.push(rec); rec = []; field = ''; i++; }
        else field += ch;
    }
    return records;
}

// ---- tests ---------------------------------------------------------------------------------------------------------

export const tests = [
    {
        name: 'totals follow range and filter and equal a brute-force recount',
        fn: async (url) => {
            const { ctx, page } = await openTimeline(url);
            try {
                let tl = await tlState(page);
                assert(tl, 'state().timeline exists once the view is shown');
                assertEq(rangeOf(tl), ['2023-01-01T00:00:00+08:00', '2025-01-01T00:00:00+08:00'], 'initial range is all, whole months');
                const all = checkTotals(tl, {}, 'all');
                assertEq(all.activities, sample.activities.length, 'all activities of the sample in the all-range');
                assertEq(tl.grouping, 'team', 'default grouping');
                assertEq(tl.lanes, new Set(sample.activities.map((a) => a.team_id)).size, 'one lane per active team');

                const street = sample.streets[1].id;
                const community = sample.activities[17].community_id;
                const cases = [
                    [['2024-03-01', '2024-04-01'], {}],
                    [['2023-03-05T09:00', '2023-03-05T14:30'], {}],
                    [['2023-06-01', '2024-06-01'], { categories: ['一老', '一小'] }],
                    [['2023-01-01', '2025-01-01'], { teams: ['T16', 'T03'] }],
                    [['2024-01-01', '2025-01-01'], { streets: [street] }],
                    [['2023-01-01', '2025-01-01'], { communities: [community] }],
                    [['2023-01-01', '2025-01-01'], { text: '学雷锋' }],
                    [['2024-01-01', '2024-07-01'], { categories: ['文明实践'], streets: [street], text: '宣传' }],
                    [['2022-01-01', '2022-02-01'], {}], // outside the data: all zero
                ];
                for (const [[a, b], filter] of cases) {
                    await page.evaluate((f) => GridStar.timelineFilter(f), filter);
                    const r = await page.evaluate(([a, b]) => GridStar.timelineRange(a, b), [a, b]);
                    assertEq(ms(r.range.start), ms(a), `range start ${a}`);
                    assertEq(ms(r.range.end), ms(b), `range end ${b}`);
                    checkTotals(r, filter, `${a}..${b} ${JSON.stringify(filter)}`);
                    await frames(page, 2);
                    tl = await tlState(page);
                    checkTotals(tl, filter, `state after a frame, ${a}..${b} ${JSON.stringify(filter)}`);
                    assertEq(tl.filter.text, filter.text || '', 'filter echoed');
                }
                // The filter is echoed with names and ids.
                await page.evaluate(() => GridStar.timelineFilter({ categories: ['一新'], teams: ['T01'] }));
                tl = await tlState(page);
                assertEq(tl.filter.categories, ['一新'], 'categories by name');
                assertEq(tl.filter.teams, ['T01'], 'teams by id');

                // Bad input is refused with a message and changes nothing.
                const before = await tlState(page);
                let threw = 0;
                for (const bad of [
                    () => GridStar.timelineRange('yesterday', '2024-01-01'),
                    () => GridStar.timelineRange('2024-02-01', '2024-01-01'),
                    () => GridStar.timelineFilter({ teams: ['NO-SUCH-TEAM'] }),
                    () => GridStar.timelineFilter({ categories: '一老' }),
                ]) {
                    threw += await page.evaluate(`(() => { try { (${bad.toString()})(); return 0; } catch (e) { return 1; } })()`);
                }
                assertEq(threw, 4, 'four bad calls throw');
                const after = await tlState(page);
                assertEq(rangeOf(after), rangeOf(before), 'range unchanged by bad calls');
                assertEq(JSON.stringify(after.filter), JSON.stringify(before.filter), 'filter unchanged by bad calls');

                // Grouping by category: one lane per category, named after it.
                await page.evaluate(() => { GridStar.timelineFilter({}); GridStar.timelineGrouping('category'); });
                await frames(page, 3);
                tl = await tlState(page);
                assertEq(tl.grouping, 'category', 'grouping changed');
                assertEq(tl.lanes, new Set(sample.activities.map((a) => a.category)).size, 'one lane per category');
                const names = tl.layout.rows.map((r) => r.name).sort();
                assertEq(names, [...new Set(sample.activities.map((a) => a.category))].sort(), 'lane names are the categories');
                await page.evaluate(() => GridStar.timelineGrouping('community'));
                await frames(page, 3);
                tl = await tlState(page);
                assertEq(tl.lanes, new Set(sample.activities.map((a) => a.community_id)).size, 'one lane per community');
                assert(tl.lanes_visible < tl.lanes, `many community lanes scroll (${tl.lanes_visible} of ${tl.lanes} drawn)`);
            } finally {
                await ctx.close();
            }
        },
    },
    {
        name: 'wheel zooms around the cursor, drag pans, right- and shift-drag select a range',
        fn: async (url) => {
            const { ctx, page } = await openTimeline(url);
            try {
                let tl = await tlState(page);
                const y = tl.layout.rows[0].y + 10;
                const x = tl.layout.plot_x + tl.layout.plot_width * 0.3;
                const anchor = timeAt(tl, x);
                const span0 = spanMs(tl.range);
                await page.mouse.move(x, y);
                for (let i = 0; i < 3; i++) {
                    await page.mouse.wheel(0, -120);
                    await frames(page, 2);
                }
                tl = await tlState(page);
                const span1 = spanMs(tl.range);
                assert(span1 < span0 * 0.8, `wheel up zooms in (${span0} -> ${span1})`);
                // The instant under the cursor stays under it (within two pixels).
                const drift = Math.abs(timeAt(tl, x) - anchor) / span1 * tl.layout.plot_width;
                assert(drift < 2, `anchor drift ${drift.toFixed(2)} px`);
                checkTotals(tl, {}, 'after wheel zoom');

                // Drag to pan: 200 px to the right shows earlier times, the span kept.
                const before = tl;
                await page.mouse.move(x, y);
                await page.mouse.down();
                await frames(page, 2); // ImGui 1.86 takes the press position in the frame that sees the press
                for (let k = 1; k <= 5; k++) {
                    await page.mouse.move(x + 40 * k, y);
                    await frames(page, 1);
                }
                await page.mouse.up();
                await frames(page, 2);
                tl = await tlState(page);
                assertEq(spanMs(tl.range), spanMs(before.range), 'pan keeps the span');
                const shift = (ms(before.range.start) - ms(tl.range.start)) / spanMs(tl.range) * tl.layout.plot_width;
                assert(Math.abs(shift - 200) < 2, `pan by 200 px moved ${shift.toFixed(1)} px`);
                checkTotals(tl, {}, 'after pan');

                // Right-drag selects [x1, x2].
                const x1 = tl.layout.plot_x + 300, x2 = tl.layout.plot_x + 520;
                const want = [timeAt(tl, x1), timeAt(tl, x2)];
                await page.mouse.move(x1, y);
                await page.mouse.down({ button: 'right' });
                await frames(page, 2);
                for (let k = 1; k <= 4; k++) {
                    await page.mouse.move(x1 + (x2 - x1) * k / 4, y);
                    await frames(page, 1);
                }
                await page.mouse.up({ button: 'right' });
                await frames(page, 2);
                tl = await tlState(page);
                const tol = spanMs(tl.range) / 100;
                assert(Math.abs(ms(tl.range.start) - want[0]) < tol && Math.abs(ms(tl.range.end) - want[1]) < tol,
                    `right-drag selected ${tl.range.start}..${tl.range.end}, wanted ${new Date(want[0]).toISOString()}..${new Date(want[1]).toISOString()}`);
                checkTotals(tl, {}, 'after right-drag select');

                // Shift-drag (right to left) selects too.
                const sx1 = tl.layout.plot_x + 700, sx2 = tl.layout.plot_x + 400;
                const swant = [timeAt(tl, sx2), timeAt(tl, sx1)];
                await page.keyboard.down('Shift');
                await page.mouse.move(sx1, y);
                await page.mouse.down();
                await frames(page, 2); // ImGui 1.86 takes the press position in the frame that sees the press
                for (let k = 1; k <= 4; k++) {
                    await page.mouse.move(sx1 + (sx2 - sx1) * k / 4, y);
                    await frames(page, 1);
                }
                await page.mouse.up();
                await page.keyboard.up('Shift');
                await frames(page, 2);
                tl = await tlState(page);
                const stol = spanMs(tl.range) / 100;
                assert(Math.abs(ms(tl.range.start) - swant[0]) < stol && Math.abs(ms(tl.range.end) - swant[1]) < stol,
                    `shift-drag selected ${tl.range.start}..${tl.range.end}`);

                // Wheel down zooms back out to the whole data and no further.
                await page.mouse.move(x, y);
                for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 240);
                await frames(page, 3);
                tl = await tlState(page);
                assertEq(rangeOf(tl), ['2023-01-01T00:00:00+08:00', '2025-01-01T00:00:00+08:00'], 'zoomed out to all');

                // Presets are CST calendar periods.
                const r = await page.evaluate(() => GridStar.timelinePreset('week', '2024-03-06T12:00'));
                assertEq(rangeOf(r), ['2024-03-04T00:00:00+08:00', '2024-03-11T00:00:00+08:00'], 'week preset');
            } finally {
                await ctx.close();
            }
        },
    },
    {
        name: 'density when zoomed out, titled bars with tooltip and details when zoomed in',
        fn: async (url) => {
            const { ctx, page } = await openTimeline(url);
            try {
                let tl = await tlState(page);
                assert(tl.lane_modes.density > 0 && tl.lane_modes.bars === 0,
                    `all-range lanes are density strips (${JSON.stringify(tl.lane_modes)})`);
                assertEq(tl.axis.unit, 'month', 'all-range ticks are months');
                assert(/^\d{4}年\d{1,2}月$/.test(tl.axis.first_minor), `Chinese month tick '${tl.axis.first_minor}'`);

                tl = await setRange(page, '2024-03-05T08:00', '2024-03-05T18:00');
                assert(tl.lane_modes.bars > 0 && tl.lane_modes.density === 0, `day-range lanes are bars (${JSON.stringify(tl.lane_modes)})`);
                assert(['hour', 'minute'].includes(tl.axis.unit), `day-range ticks are hours (${tl.axis.unit})`);
                assert(/3月5日 周二/.test(tl.axis.context), `context label '${tl.axis.context}'`);
                assert(tl.layout.rows[0].height > tl.layout.lane_height, 'a busy lane grows to show overlapping titled bars');

                // Hover: walk down the middle of the first lane's first bar until the tooltip names an activity.
                const row = tl.layout.rows[0];
                const team = sample.teams.find((t) => t.name === row.name);
                const t0 = ms(tl.range.start), t1 = ms(tl.range.end);
                const own = acts.filter((a) => a.team_id === team.id && a.t1 > t0 && a.t0 < t1);
                assert(own.length > 0, 'the first lane has activities in the window');
                const target = own[0];
                const mx = xAt(tl, Math.max(target.t0, t0) + (Math.min(target.t1, t1) - Math.max(target.t0, t0)) / 2);
                let hovered = null, hy = 0;
                for (let yy = row.y + 2; yy < row.y + row.height && !hovered; yy += 4) {
                    await page.mouse.move(mx, yy);
                    await frames(page, 2);
                    hovered = (await tlState(page)).hovered;
                    hy = yy;
                }
                assert(hovered, 'hovering a bar names its activity');
                const h = acts.find((a) => a.id === hovered);
                assertEq(h.team_id, team.id, 'hovered activity is in the lane under the mouse');
                const tm = timeAt(tl, mx);
                assert(h.t0 <= tm + 60000 && h.t1 >= tm - 60000, 'hovered activity spans the time under the mouse');
                await shot(page, 'timeline-tooltip');

                // Click selects it and opens the details; Escape closes them.
                await page.mouse.click(mx, hy);
                await frames(page, 3);
                tl = await tlState(page);
                assertEq(tl.selected, hovered, 'click selects the hovered activity');
                await shot(page, 'timeline-details');
                await tap(page, 'Escape');
                await frames(page, 2);
                assertEq((await tlState(page)).selected, null, 'Escape clears the selection');

                // English ticks.
                await page.evaluate(() => GridStar.setLanguage('en'));
                await frames(page, 3);
                tl = await tlState(page);
                assert(/Tue 5 Mar/.test(tl.axis.context), `English context label '${tl.axis.context}'`);
                await page.evaluate(() => GridStar.setLanguage('zh'));
            } finally {
                await ctx.close();
            }
        },
    },
    {
        name: 'playback advances with running totals, steps, changes speed by keys and loops',
        fn: async (url) => {
            const { ctx, page } = await openTimeline(url);
            try {
                await setRange(page, '2024-01-01', '2024-04-01');
                let tl = await page.evaluate(() => GridStar.timelinePlay({ speed: 'month', playing: true }));
                assert(tl.playback.playing && tl.playback.active, 'playing');
                assertEq(ms(tl.playback.cursor), ms('2024-01-01'), 'cursor starts at the range start');
                await page.waitForTimeout(1200);
                tl = await tlState(page);
                const c1 = ms(tl.playback.cursor);
                assert(c1 > ms('2024-01-10') && c1 < ms('2024-03-01'), `cursor advanced about a month a second: ${tl.playback.cursor}`);
                // Running totals at the cursor equal a recount of [start, cursor); they never exceed the range's.
                const run = bruteForce(tl.range, {}, c1);
                assertEq(tl.playback.running.activities, run.activities, 'running activities');
                assert(Math.abs(tl.playback.running.hours - run.hours) < 1e-6, 'running hours');
                assertEq(tl.playback.running.participants, run.participants, 'running participants');
                assertEq(tl.playback.running.teams, run.teams, 'running teams');
                assert(tl.playback.running.activities <= tl.visible.activities, 'running <= visible');

                // Loops: three months at a month per second, plus a second's rest on the end.
                await page.waitForFunction(() => GridStar.state().timeline.playback.loops >= 1, null, { timeout: 15000 });
                tl = await tlState(page);
                assert(ms(tl.playback.cursor) < ms('2024-02-15'), `after looping the cursor restarts near the start (${tl.playback.cursor})`);

                // Keys: Space pauses, → steps a calendar month, + speeds up, - slows down.
                const p = tl.layout;
                await page.mouse.click(p.plot_x + 5, p.axis_top + 5); // focus the canvas: a click on the axis selects nothing
                await tap(page, ' ');
                await frames(page, 2);
                tl = await tlState(page);
                assertEq(tl.playback.playing, false, 'Space pauses');
                const paused = tl.playback.cursor;
                await page.waitForTimeout(300);
                assertEq((await tlState(page)).playback.cursor, paused, 'a paused cursor stays');
                await page.evaluate(() => GridStar.timelinePlay({ cursor: '2024-01-15T00:00' }));
                await tap(page, 'ArrowRight');
                await frames(page, 2);
                tl = await tlState(page);
                assertEq(ms(tl.playback.cursor), ms('2024-02-15'), '→ steps one calendar month');
                await tap(page, 'ArrowLeft');
                await frames(page, 2);
                assertEq(ms((await tlState(page)).playback.cursor), ms('2024-01-15'), '← steps back');
                await page.keyboard.press('+');
                await frames(page, 2);
                assertEq((await tlState(page)).playback.speed, 'quarter', '+ is faster');
                await page.keyboard.press('-');
                await page.keyboard.press('-');
                await frames(page, 2);
                assertEq((await tlState(page)).playback.speed, 'week', '- is slower');
                await tap(page, ' ');
                await frames(page, 2);
                assertEq((await tlState(page)).playback.playing, true, 'Space plays again');
                await shot(page, 'timeline-playback');
                tl = await page.evaluate(() => GridStar.timelinePlay({ stop: true }));
                assertEq(tl.playback.active, false, 'stop hides the cursor');
                assertEq(tl.playback.running, undefined, 'no running totals when stopped');
            } finally {
                await ctx.close();
            }
        },
    },
    {
        name: 'screenshots at all-range and day-range',
        fn: async (url) => {
            const { ctx, page } = await openTimeline(url);
            try {
                await page.evaluate(() => GridStar.timelinePreset('all'));
                await page.waitForTimeout(6500); // the load toast fades
                await frames(page, 3);
                const all = await shot(page, 'timeline-all');
                await setRange(page, '2024-03-05T12:00', '2024-03-05T18:00');
                await page.mouse.move(5, 5);
                await frames(page, 3);
                const day = await shot(page, 'timeline-day');
                await page.evaluate(() => GridStar.setLanguage('en'));
                await page.evaluate(() => GridStar.timelinePreset('year', '2024-06-01'));
                await frames(page, 4);
                await shot(page, 'timeline-year-en');
                await page.evaluate(() => GridStar.setLanguage('zh'));
                const tl = await tlState(page);
                // The lanes area is not empty background in either picture.
                for (const file of [all, day]) {
                    const img = decodePng(fs.readFileSync(file));
                    const y0 = Math.round(tl.layout.lanes_top), y1 = Math.round(tl.layout.lanes_bottom);
                    const x0 = Math.round(tl.layout.plot_x), x1 = Math.round(tl.layout.plot_x + tl.layout.plot_width);
                    const w = x1 - x0, h = y1 - y0;
                    const crop = { width: w, height: h, rgba: Buffer.alloc(w * h * 4) };
                    for (let yy = 0; yy < h; yy++)
                        img.rgba.copy(crop.rgba, yy * w * 4, ((y0 + yy) * img.width + x0) * 4, ((y0 + yy) * img.width + x1) * 4);
                    const ink = fractionNot(crop, [14, 22, 38], 30);
                    assert(ink > 0.08, `${file}: plot has content (${(ink * 100).toFixed(1)}% ink)`);
                }
            } finally {
                await ctx.close();
            }
        },
    },
    {
        name: 'export CSV: the filtered activities of the visible range, as the summary counts them',
        fn: async (url) => {
            const { ctx, page } = await openTimeline(url);
            try {
                const filter = { categories: ['一老'] };
                await page.evaluate((f) => GridStar.timelineFilter(f), filter);
                let tl = await setRange(page, '2024-01-01', '2024-07-01');
                const want = acts.filter((a) => a.t0 >= ms('2024-01-01') && a.t0 < ms('2024-07-01') && a.category === '一老')
                    .map((a, i) => ({ a, i })).sort((x, y) => x.a.t0 - y.a.t0 || x.i - y.i).map((x) => x.a);
                assertEq(tl.visible.activities, want.length, 'summary counts the same activities');
                const [x, y, w, h] = tl.layout.export_button;
                assert(w > 0 && h > 0, 'export button laid out');
                const [download] = await Promise.all([
                    page.waitForEvent('download', { timeout: 15000 }),
                    page.mouse.click(x + w / 2, y + h / 2),
                ]);
                assertEq(download.suggestedFilename(), 'activities-2024-01-01_2024-06-30.csv', 'file name');
                const bytes = fs.readFileSync(await download.path());
                assertEq([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
                const text = bytes.subarray(3).toString('utf8');
                assert(text.endsWith('\r\n'), 'ends with CRLF');
                const [header, ...rows] = parseCsv(text);
                assertEq(header.slice(0, 3), ['编号', '活动名称', '类别'], 'header');
                const idCol = header.indexOf('编号'), catCol = header.indexOf('类别');
                const hoursCol = header.indexOf('服务时长（小时）'), startCol = header.indexOf('开始时间');
                assertEq(rows.length, tl.visible.activities, 'one line per counted activity');
                assertEq(rows.map((r) => r[idCol]), want.map((a) => a.id), 'the same activities, in start order');
                assert(rows.every((r) => r[catCol] === '一老'), 'only the filtered category');
                const hours = rows.reduce((s, r) => s + Number(r[hoursCol]), 0);
                assert(Math.abs(hours - tl.visible.hours) < 0.01 * rows.length + 1e-6, `hours ${hours} vs ${tl.visible.hours}`);
                assertEq(rows[0][startCol].slice(0, 16), want[0].start.replace('T', ' ').slice(0, 16), 'start in CST wall time');
                // The API gives the same file name and row count.
                const [, api] = await Promise.all([
                    page.waitForEvent('download', { timeout: 15000 }),
                    page.evaluate(() => GridStar.exportTimelineCsv()),
                ]);
                assertEq(api, { filename: 'activities-2024-01-01_2024-06-30.csv', rows: want.length }, 'API result');
            } finally {
                await ctx.close();
            }
        },
    },
];
