// The Ranking view (争星夺旗): period and class picked with real clicks, the table's order on screen against
// GridStar.ranking and against totals recomputed here from the sample, the explanation panel, pins, a race step,
// the CSV download, the what-if simulation, and screenshots of each.
import fs from 'node:fs';
import { launch, openApp, whenReady, shot, frames, assert, assertEq, decodePng, fractionDiffering, sampleJson } from './harness.mjs';

const state = (page) => page.evaluate(() => GridStar.state().ranking);
const center = (r) => ({ x: r[0] + r[2] / 2, y: r[1] + r[3] / 2 });

// ImGui 1.86 has no input queue: a key pressed and released within one frame is lost, so hold it for two frames.
async function pressKey(page, key) {
    await page.keyboard.down(key);
    await frames(page, 2);
    await page.keyboard.up(key);
    await frames(page, 2);
}

async function clickRect(page, r, dx) {
    const c = center(r);
    await page.mouse.click(dx === undefined ? c.x : r[0] + dx, c.y);
    await frames(page, 3);
}

// Opens the Ranking tab and waits until the table has been drawn.
async function openRanking(ctx, url) {
    const page = await openApp(ctx, url);
    assert(await page.evaluate(() => GridStar.setView('ranking')), 'setView(ranking) accepted');
    await frames(page, 4);
    const st = await state(page);
    assert(st && st.hit && st.hit.rows && st.hit.rows.length > 5, 'table rows drawn');
    return page;
}

// Totals, ranks and the disqualified/late cases recomputed from the sample file, independently of the engine:
// Σ value × weight + Σ bonus − Σ deductions − late penalty; ranked within the class by total, then the higher lowest
// indicator, then fewer deductions, then id (the sample's tie_break).
function expectedRanking(sample, periodId, classId) {
    const comp = sample.competition;
    const rules = comp.rules;
    const cls = comp.classes.find((c) => c.id === classId);
    const members = sample.communities.filter((c) => (c.class_id ? c.class_id === classId : cls.kinds.includes(c.kind)));
    const ids = new Set(members.map((c) => c.id));
    const out = [];
    for (const s of comp.scores) {
        if (s.period !== periodId || !ids.has(s.community_id)) continue;
        const vals = comp.indicators.map((i) => s.values[i.id]);
        if (vals.some((v) => typeof v !== 'number')) continue; // the sample excludes missing scores
        if (s.disqualified) continue;
        if (s.late && rules.late === 'exclude') continue;
        const sum = (a) => (a || []).reduce((x, y) => x + y.points, 0);
        const total = comp.indicators.reduce((a, ind, k) => a + vals[k] * ind.weight, 0) + sum(s.bonus) -
            sum(s.deductions) - (s.late && rules.late === 'penalty' ? rules.late_penalty : 0);
        out.push({ id: s.community_id, total, min: Math.min(...vals), ded: sum(s.deductions) });
    }
    const q = (x) => Math.round(x * 1e6);
    out.sort((a, b) => q(b.total) - q(a.total) || q(b.min) - q(a.min) || q(a.ded) - q(b.ded) || (a.id < b.id ? -1 : 1));
    return out;
}

export const tests = [
    {
        name: 'period and class picked by clicks; the table on screen equals GridStar.ranking and the rules',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openRanking(ctx, url);
                const sample = sampleJson();
                let st = await state(page);
                assertEq(st.period, sample.competition.periods.at(-1).id, 'starts at the latest period');

                // Period: open the combo on the canvas, click an item.
                await clickRect(page, st.hit.period_combo);
                st = await state(page);
                const item = st.hit.combo_items.find((i) => i.combo === 'period' && i.id === '2024-Q2');
                assert(item, 'period list open with 2024-Q2');
                await clickRect(page, item.rect);
                st = await state(page);
                assertEq(st.period, '2024-Q2', 'period after the click');

                // Class: the same with the village class.
                await clickRect(page, st.hit.class_combo);
                st = await state(page);
                const vill = st.hit.combo_items.find((i) => i.combo === 'class' && i.id === 'village');
                assert(vill, 'class list open with village');
                await clickRect(page, vill.rect);
                st = await state(page);
                assertEq(st.class, 'village', 'class after the click');

                // Order on screen = GridStar.ranking (which must not change what is shown).
                const rows = await page.evaluate(() => GridStar.ranking());
                const members = sample.communities.filter((c) => c.kind === 'village').length;
                assertEq(rows.length, members, 'one row per village');
                assertEq(st.hit.rows.map((r) => r.id), rows.slice(0, st.hit.rows.length).map((r) => r.id),
                    'rows on screen in the order GridStar.ranking gives');
                for (const r of rows) for (const k of ['id', 'name', 'rank', 'delta', 'stars', 'total', 'reward'])
                    assert(k in r, `row field ${k}`);

                // The ranking follows the published rules, recomputed here from the file.
                const exp = expectedRanking(sample, '2024-Q2', 'village');
                const ranked = rows.filter((r) => r.rank !== null);
                assertEq(ranked.map((r) => r.id), exp.map((e) => e.id), 'ranked order against the rules');
                ranked.forEach((r, i) => {
                    assertEq(r.rank, i + 1, `rank of ${r.id}`);
                    assert(Math.abs(r.total - exp[i].total) < 1e-6, `total of ${r.id}: ${r.total} vs ${exp[i].total}`);
                });
                const top = sample.competition.rules.rewards.find((b) => b.rank_from === 1);
                assertEq(ranked[0].reward >= top.community + top.secretary, true, 'rank 1 gets the top band');
                await shot(page, 'ranking-table-village-2024Q2');

                // The API switches period and class like the UI.
                const urban = await page.evaluate(() => GridStar.ranking({ period: '2023-Q3', class: 'urban' }));
                await frames(page, 3);
                st = await state(page);
                assertEq([st.period, st.class], ['2023-Q3', 'urban'], 'ranking() switched the view');
                assertEq(st.hit.rows.map((r) => r.id), urban.slice(0, st.hit.rows.length).map((r) => r.id),
                    'screen follows the API');
                const late = urban.find((r) => r.id === '370212005023');
                assert(late && /逾期/.test(late.status), 'late entry flagged in its status');

                // Sorting by total ascending: stable, unranked (null totals) last, screen in the same order.
                const asc = await page.evaluate(() => GridStar.call('rankingSort', { column: 'total', ascending: true }));
                await frames(page, 3);
                st = await state(page);
                assertEq([st.sort.column, st.sort.ascending], ['total', true], 'sort in state');
                const totals = asc.map((r) => r.total).filter((t) => t !== null);
                for (let i = 1; i < totals.length; i++) assert(totals[i - 1] <= totals[i], 'ascending totals');
                assertEq(st.hit.rows.map((r) => r.id), asc.slice(0, st.hit.rows.length).map((r) => r.id),
                    'sorted rows on screen');
                await shot(page, 'ranking-table-sorted-total');
                await page.evaluate(() => GridStar.call('rankingSort', { column: 'rank', ascending: true }));
                await assertRejects(page, () => GridStar.ranking({ period: 'nope' }), 'unknown period');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'a click on a row opens its explanation; explain() adds up; pins stay on top',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openRanking(ctx, url);
                await page.evaluate(() => GridStar.ranking({ period: '2024-Q4', class: 'urban' }));
                await frames(page, 3);
                let st = await state(page);
                const target = st.hit.rows[6];
                await clickRect(page, target.rect, 260);
                st = await state(page);
                assertEq(st.selected, target.id, 'selected by the click');
                assertEq(st.panel, 'explain', 'explanation panel open');
                assert(st.hit.explain_bars && st.hit.explain_bars.length === 5, 'a bar per indicator drawn');

                const ex = await page.evaluate((id) => GridStar.explain(id, '2024-Q4'), target.id);
                const rows = await page.evaluate(() => GridStar.ranking());
                const row = rows.find((r) => r.id === target.id);
                assertEq(ex.rank, row.rank, 'explained rank = table rank');
                const sum = ex.indicators.reduce((a, l) => a + l.contribution, 0);
                assert(Math.abs(sum + ex.bonus_sum - ex.deduction_sum - ex.late_penalty - ex.total) < 1e-6,
                    'contributions + bonus − deductions = total');
                assert(Math.abs(ex.total - row.total) < 1e-9, 'explained total = table total');
                if (ex.next_stars > 0) {
                    const check = ex.star_checks.find((c) => c.stars === ex.next_stars);
                    const short = Math.max(0, check.min_total - ex.total);
                    assert(Math.abs(ex.next_total_short - short) < 1e-6, `距${ex.next_stars}星 short ${ex.next_total_short}`);
                }
                await shot(page, 'ranking-explain');

                // A unit that was disqualified shows why, never a silent zero.
                const dq = await page.evaluate(() => GridStar.explain('370212004207', '2024-Q2'));
                assertEq(dq.rank, null, 'disqualified unit unranked');
                assert(dq.note.length > 0 && dq.total > 400, 'note and computed total kept');
                await frames(page, 3);
                await shot(page, 'ranking-explain-disqualified');

                // Pin: a click in the pin column of a row far down keeps it in the frozen section on top.
                await page.evaluate(() => GridStar.ranking({ period: '2024-Q4', class: 'urban' }));
                await frames(page, 3);
                st = await state(page);
                const far = st.hit.rows[st.hit.rows.length - 2];
                await clickRect(page, far.rect, st.hit.table[0] + 12 - far.rect[0]); // the pin column
                st = await state(page);
                assertEq(st.pinned, [far.id], 'pinned by the click');
                assertEq(st.hit.pinned_rows.map((r) => r.id), [far.id], 'pinned row drawn in the frozen section');
                assert(st.hit.pinned_rows[0].rect[1] < st.hit.rows[0].rect[1], 'pinned row above the body');
                // Scroll to the bottom: the pinned row stays where it was.
                const before = st.hit.pinned_rows[0].rect[1];
                const t = st.hit.table;
                await page.mouse.move(t[0] + 200, t[1] + t[3] / 2);
                await page.mouse.wheel(0, 3000);
                await frames(page, 4);
                st = await state(page);
                assertEq(st.hit.pinned_rows[0].rect[1], before, 'pinned row does not scroll');
                assert(st.hit.rows[0].id !== rows[0].id, 'the body scrolled');
                await shot(page, 'ranking-pinned-scrolled');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'race mode: a step slides to the next period, keys play and pause, frames are deterministic',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openRanking(ctx, url);
                await page.evaluate(() => GridStar.ranking({ period: '2024-Q1', class: 'urban' }));
                await frames(page, 2);
                let st = await state(page);
                await clickRect(page, st.hit.race_button);
                st = await state(page);
                assertEq(st.mode, 'race', 'race mode after the click');
                assertEq([st.race.from, st.race.position], ['2023-Q4', 3], 'race starts one period back');

                // Step with the → key: lands on the selected period, whose order is the table's.
                await pressKey(page, 'ArrowRight');
                st = await state(page);
                assertEq(st.race.position, 4, 'one step forward');
                assertEq(st.race.playing, false, 'a step pauses');
                const bars = (await page.evaluate(() => GridStar.call('rankingRace', {}))).bars;
                const rows = await page.evaluate(() => GridStar.ranking());
                // The colour key names exactly the streets of the class's units.
                const sample = sampleJson();
                const streetOf = new Map(sample.communities.map((c) => [c.id, c.street_id]));
                const streetName = new Map(sample.streets.map((s) => [s.id, s.name]));
                const want = [...new Set(bars.map((b) => streetName.get(streetOf.get(b.id))))].sort();
                assertEq([...(await state(page)).hit.race_key].sort(), want, 'race colour key');
                assertEq(bars.map((b) => b.id), rows.filter((r) => r.rank !== null).map((r) => r.id),
                    'bars at a whole period in ranking order');
                await pressKey(page, 'ArrowLeft');
                assertEq((await state(page)).race.position, 3, 'one step back');

                // Halfway: bars between their two places; the same position gives the same frame.
                const half = await page.evaluate(() => GridStar.call('rankingRace', { action: 'seek', position: 3.5 }));
                const again = await page.evaluate(() => GridStar.call('rankingRace', { action: 'seek', position: 3.5 }));
                assertEq(half.bars, again.bars, 'deterministic frame');
                const moved = half.bars.filter((b) => Math.abs(b.slot - Math.round(b.slot)) > 0.01);
                assert(moved.length > 0, 'some bars between places at t = 0.5');
                await frames(page, 3);
                await shot(page, 'ranking-race-midway');

                // Space plays; time moves the position; space pauses.
                await page.evaluate(() => GridStar.call('rankingRace', { action: 'seek', position: 0 }));
                await pressKey(page, 'Space');
                assertEq((await state(page)).race.playing, true, 'space plays');
                await page.waitForTimeout(900);
                await pressKey(page, 'Space');
                st = await state(page);
                assertEq(st.race.playing, false, 'space pauses');
                assert(st.race.position > 0.1 && st.race.position < 3, `played a while (${st.race.position})`);
                await shot(page, 'ranking-race-played');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'export CSV: a download with BOM, header and the rows as shown',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openRanking(ctx, url);
                const rows = await page.evaluate(() => GridStar.ranking({ period: '2024-Q3', class: 'village' }));
                await frames(page, 3);
                const st = await state(page);
                const [download] = await Promise.all([
                    page.waitForEvent('download', { timeout: 15000 }),
                    clickRect(page, st.hit.export_button),
                ]);
                assertEq(download.suggestedFilename(), 'ranking-2024-Q3-village.csv', 'file name');
                const bytes = fs.readFileSync(await download.path());
                assertEq([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
                const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter((l) => l.length);
                const header = lines[0].split(',');
                assertEq(header.slice(0, 6), ['排名', '变动', '编号', '名称', '街道', '类别'], 'header');
                assert(header.includes('党建引领') && header.includes('社区奖励（元）'), 'indicator and reward columns');
                assertEq(lines.length - 1, rows.length, 'one line per row');
                const idCol = header.indexOf('编号'), totalCol = header.indexOf('总分'), secCol = header.indexOf('书记');
                lines.slice(1).forEach((l, i) => {
                    const f = l.split(',');
                    assertEq(f[idCol], rows[i].id, `row ${i} id`);
                    if (rows[i].total !== null)
                        assert(Math.abs(Number(f[totalCol]) - rows[i].total) < 0.006, `row ${i} total`);
                    assert(/^.\**$/u.test(f[secCol]) || f[secCol] === '', `secretary masked: ${f[secCol]}`);
                });
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'what-if: weights change ranks live, moves against the published result, reset restores it',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openRanking(ctx, url);
                const published = await page.evaluate(() => GridStar.ranking({ period: '2024-Q4', class: 'urban' }));
                await page.evaluate(() => GridStar.call('rankingPanel', { tab: 'what_if' }));
                await frames(page, 3);
                const plain = decodePng(await page.screenshot());
                let st = await state(page);
                assertEq(st.what_if, false, 'published by default');

                const sim = await page.evaluate(() => GridStar.call('rankingWhatIf', { weights: { dj: 3, ms: 0.5 } }));
                assert(sim.active && sim.modified, 'simulation on');
                assert(sim.rank_changed > 0, `ranks moved (${sim.rank_changed})`);
                // The recompute is timed where it runs, and the state reports the last one of each rule set.
                assert(sim.compute_ms > 0 && sim.compute_ms < 5000, `what-if recompute timed (${sim.compute_ms} ms)`);
                const times = (await state(page)).compute_ms;
                assertEq(times.what_if, sim.compute_ms, 'state reports the last what-if recompute');
                assert(times.published > 0, 'and the published one, computed at load');
                assert(sim.update_ms >= sim.compute_ms, `the view's update includes the recompute (${sim.update_ms} ms)`);
                const simRows = await page.evaluate(() => GridStar.ranking());
                assert(JSON.stringify(simRows.map((r) => r.id)) !== JSON.stringify(published.map((r) => r.id)),
                    'table order changed');
                const mv = sim.moves.find((m) => m.rank_before !== m.rank_after && m.rank_after > 0);
                assertEq(simRows.find((r) => r.id === mv.id).rank, mv.rank_after, 'table shows the simulated rank');
                await frames(page, 3);
                st = await state(page);
                assertEq(st.what_if, true, 'state says simulated');
                const file = await shot(page, 'ranking-whatif');
                assert(fractionDiffering(plain, decodePng(fs.readFileSync(file))) > 0.01, 'the screen shows it');

                // Thresholds too: a lower 5-star total gives more stars.
                const stars = await page.evaluate(() => GridStar.call('rankingWhatIf',
                    { reset: true, stars: [{ stars: 5, min_each: 80, min_total: 440 }] }));
                assert(stars.stars_changed > 0, 'star levels changed');

                // Reset, via a click on the button: the published result again.
                await frames(page, 3);
                st = await state(page);
                await clickRect(page, st.hit.what_if_reset);
                st = await state(page);
                assertEq(st.what_if_modified, false, 'reset restores the published rules');
                await page.evaluate(() => GridStar.call('rankingWhatIf', { active: false }));
                const back = await page.evaluate(() => GridStar.ranking());
                assertEq(back, published, 'published ranking unchanged after the simulation');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'trend and distribution panels draw; English labels; screenshots',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openRanking(ctx, url);
                await page.evaluate(() => GridStar.explain('370212001002', '2024-Q4'));
                await page.evaluate(() => GridStar.call('rankingPanel', { tab: 'trend' }));
                await frames(page, 3);
                let st = await state(page);
                assertEq(st.panel, 'trend', 'trend panel');
                assert(st.hit.bump_chart[3] > 100, 'bump chart has height');
                await shot(page, 'ranking-trend');
                await page.evaluate(() => GridStar.call('rankingPanel', { tab: 'distribution' }));
                await frames(page, 3);
                st = await state(page);
                assertEq(st.hit.distribution_charts.map((c) => c.class), ['urban', 'village'], 'a chart per class');
                await shot(page, 'ranking-distribution');
                await page.evaluate(() => GridStar.setLanguage('en'));
                await page.evaluate(() => GridStar.call('rankingPanel', { tab: 'explain' }));
                await frames(page, 4);
                await shot(page, 'ranking-explain-en');
                const fonts = (await page.evaluate(() => GridStar.state())).fonts;
                assertEq(fonts.missing, 0, 'no glyph missing');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'Chinese typed through the input method is drawn: characters the atlas lacked are added',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                const page = await openRanking(ctx, url);
                await page.evaluate(() => GridStar.call('rankingPanel', { tab: 'what_if' }));
                await page.evaluate(() => GridStar.call('rankingWhatIf', { weights: { dj: 2 } }));
                await frames(page, 3);
                const word = '鹦鹉螺';
                const before = await page.evaluate((t) => GridStar.glyphsMissing(t), word);
                assertEq(before, word, 'not in the atlas before (neither UI nor sample uses them)');
                await clickRect(page, (await state(page)).hit.rule_set_name);
                const cdp = await ctx.newCDPSession(page);
                await cdp.send('Input.insertText', { text: word });
                // 螺 is in the core font; 鹦鹉 are not (GB2312 level 2), so the wide font is fetched for them.
                await page.waitForFunction((t) => GridStar.glyphsMissing(t) === '', word, { timeout: 30000 });
                assertEq((await page.evaluate(() => GridStar.state())).fonts.wide_loaded, true, 'the wide font came for them');
                await shot(page, 'ranking-typed-chinese');
            } finally { await ctx.close(); }
        },
    },
    {
        name: 'what-if saved as a new rule set: kept with the data across a reload, published rules untouched',
        fn: async (url) => {
            const { ctx } = await launch();
            try {
                let page = await openRanking(ctx, url);
                const published = await page.evaluate(() => GridStar.ranking({ period: '2024-Q4', class: 'urban' }));
                await page.evaluate(() => GridStar.call('rankingPanel', { tab: 'what_if' }));
                const sim = await page.evaluate(() => GridStar.call('rankingWhatIf', { weights: { dj: 3, ms: 0.5 } }));
                assert(sim.rank_changed > 0, 'the simulation moves ranks');
                await frames(page, 3);
                let st = await state(page);
                // Type a name into the field and press the save button, as a user would.
                await clickRect(page, st.hit.rule_set_name);
                // Plain keys (SDL's keypress path), then Chinese through an input method (composition, then commit),
                // then inserted text: each must arrive exactly once.
                await page.keyboard.type('DJ ');
                await frames(page, 2);
                const cdp = await ctx.newCDPSession(page);
                await cdp.send('Input.imeSetComposition', { text: 'dangjian', selectionStart: 8, selectionEnd: 8 });
                await frames(page, 1);
                await cdp.send('Input.insertText', { text: '党建' });
                await frames(page, 2);
                await page.keyboard.type('方案');
                await frames(page, 2);
                await page.keyboard.press('Enter');
                await frames(page, 2);
                st = await state(page);
                await clickRect(page, st.hit.rule_set_save);
                st = await state(page);
                assertEq(st.rule_sets.rule_sets.map((r) => r.name), ['DJ 党建方案'], 'saved');
                assert(/^\d{4}-\d\d-\d\d$/.test(st.rule_sets.rule_sets[0].saved_at), 'dated');
                await shot(page, 'ranking-rule-set-saved');
                // Back to the published rules, then reload: the set was stored with the dataset.
                await page.evaluate(() => GridStar.call('rankingWhatIf', { reset: true, active: false }));
                await page.evaluate(() => GridStar.storageIdle());
                await page.reload();
                await whenReady(page);
                await page.evaluate(() => GridStar.setView('ranking'));
                await frames(page, 4);
                const list = await page.evaluate(() => GridStar.rankingRuleSet('list'));
                assertEq(list.rule_sets.map((r) => r.name), ['DJ 党建方案'], 'restored after reload');
                assertEq(list.loaded, null, 'not applied until chosen');
                const after = await page.evaluate(() => GridStar.ranking({ period: '2024-Q4', class: 'urban' }));
                assertEq(after.map((r) => [r.id, r.rank]), published.map((r) => [r.id, r.rank]), 'published ranking unchanged');
                // Loading it gives the same simulation as before.
                const loaded = await page.evaluate(() => GridStar.rankingRuleSet('load', 'DJ 党建方案'));
                assertEq(loaded.loaded, 'DJ 党建方案', 'loaded');
                const again = await page.evaluate(() => GridStar.call('rankingWhatIf', {}));
                assertEq(again.moves, sim.moves, 'same moves as when it was saved');
                const exported = await page.evaluate(() => GridStar.call('rankingWhatIf', { reset: true, active: false }));
                assertEq(exported.active, false, 'simulation off');
                const del = await page.evaluate(() => GridStar.rankingRuleSet('delete', 'DJ 党建方案'));
                assertEq(del.rule_sets, [], 'deleted');
                let failed = false;
                try { await page.evaluate(() => GridStar.rankingRuleSet('load', 'nope')); } catch (e) { failed = /no saved rule set/.test(e.message); }
                assert(failed, 'an unknown set is refused with a message');
            } finally { await ctx.close(); }
        },
    },
];

async function assertRejects(page, fn, message) {
    const threw = await page.evaluate(`(async () => { try { await (${fn.toString()})(); return false; } catch (e) { return true; } })()`);
    assert(threw, message + ' should be refused');
}
