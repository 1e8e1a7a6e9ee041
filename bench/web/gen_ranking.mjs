// Writes a gridstar/1 dataset for the ranking benchmark in the app: the scale, 10,000 communities ×
// 20 indicators × 12 periods in 3 classes (urban, village, 村改居), the same shape as bench/bench_ranking.cpp's
// synthetic competition (half-point scores around 78, a few missing values, bonus, deductions, late and
// disqualified entries). No boundaries: the ranking needs none. Deterministic (a fixed-seed PRNG).
//   node bench/web/gen_ranking.mjs --out build/bench-data/ranking-10k.json
import fs from 'node:fs';

export function writeRankingDataset(file, { units = 10000, indicators = 20, periods = 12, seed = 7 } = {}) {
    let s = seed >>> 0;
    const rand = () => { // mulberry32
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const fd = fs.openSync(file, 'w');
    let buf = '';
    const put = (text) => { buf += text; if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; } };
    const streets = 20;
    put(JSON.stringify({
        format: 'gridstar/1',
        dataset: { name: '争星夺旗基准数据（10,000 个社区）', as_of: '2024-12-31', synthetic: true,
            source: 'bench/web/gen_ranking.mjs: random scores for the ranking benchmark' },
        district: { id: 'D1', name: '基准区' },
        streets: Array.from({ length: streets }, (_, i) => ({ id: `S${i + 1}`, name: `第${i + 1}街道` })),
    }).slice(0, -1));
    put(',"communities":[');
    const kinds = ['urban', 'village', 'transition'];
    for (let u = 0; u < units; u++) {
        put((u ? ',' : '') + JSON.stringify({ id: `C${100000 + ((u * 7919) % units)}`, name: `社区${u}`,
            street_id: `S${(u % streets) + 1}`, kind: kinds[u % 3] }));
    }
    const competition = {
        periods: Array.from({ length: periods }, (_, p) => { // monthly, from January 2024
            const m = String(p + 1).padStart(2, '0');
            const end = new Date(Date.UTC(2024, p + 1, 0)).toISOString().slice(0, 10);
            return { id: `P${p + 1}`, name: `第${p + 1}期`, start: `2024-${m}-01`, end };
        }),
        classes: [{ id: 'urban', name: '城市社区', kinds: ['urban'] }, { id: 'village', name: '村', kinds: ['village'] },
            { id: 'transition', name: '村改居', kinds: ['transition'] }],
        indicators: Array.from({ length: indicators }, (_, k) => ({ id: `i${k}`, name: `指标${k}`, weight: 0.5 + (k % 4) * 0.25, max: 100 })),
        rules: {
            stars: [{ stars: 1, min_each: 50, min_total: 800 }, { stars: 2, min_each: 60, min_total: 1000 },
                { stars: 3, min_each: 70, min_total: 1150 }, { stars: 4, min_each: 80, min_total: 1300 },
                { stars: 5, min_each: 85, min_total: 1450 }],
            top_title: { name: '红旗社区', min_each: 85, min_total: 1500, quota_pct: 10 },
            rewards: [{ rank_from: 1, rank_to: 1, community: 150000, secretary: 37500 },
                { rank_from: 2, rank_to: 10, community: 50000, secretary: 10000 },
                { rank_from: 11, rank_to: 100, community: 10000, secretary: 2000 }],
            star_rewards: [{ stars: 5, community: 20000, secretary: 5000 }, { stars: 4, community: 10000, secretary: 2000 },
                { stars: 3, community: 5000, secretary: 1000 }],
            budget: 12000000, late: 'penalty', late_penalty: 5,
            tie_break: ['min_indicator', 'fewer_deductions', 'id'],
        },
    };
    const head = JSON.stringify(competition);
    put(`],"competition":${head.slice(0, -1)},"scores":[`);
    let first = true;
    for (let p = 0; p < periods; p++) {
        for (let u = 0; u < units; u++) {
            if (rand() < 0.003) continue; // a few units without an entry
            const values = {};
            const gone = rand() < 0.005 ? Math.floor(rand() * indicators) : -1;
            for (let k = 0; k < indicators; k++) {
                if (k === gone) continue; // a missing value
                values[`i${k}`] = Math.min(100, Math.max(0, Math.round((78 + 10 * normal()) * 2) / 2));
            }
            const e = { period: `P${p + 1}`, community_id: `C${100000 + ((u * 7919) % units)}`, values };
            if (rand() < 0.15) e.bonus = [{ points: Math.floor(rand() * 5), reason: '荣誉' }];
            if (rand() < 0.2) e.deductions = [{ points: Math.floor(rand() * 4), reason: '扣分' }];
            if (rand() < 0.02) e.late = true;
            if (rand() < 0.002) e.disqualified = true;
            put((first ? '' : ',') + JSON.stringify(e));
            first = false;
        }
    }
    put(']}}');
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const i = process.argv.indexOf('--out');
    if (i < 0) throw new Error('usage: gen_ranking.mjs --out FILE');
    writeRankingDataset(process.argv[i + 1]);
}
