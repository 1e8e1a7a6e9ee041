#!/usr/bin/env node
// Sanity checks for a gridstar/1 file (the sample, docs/example.json, a bench file):
//  - validates against docs/gridstar-1.schema.json with a small built-in validator (the subset of
//    JSON Schema 2020-12 the schema uses; no validator package is installed on purpose),
//  - the checks a schema cannot express: unique ids, references, end >= start, periods in order,
//  - geometry: every child's label point (centroid of its largest piece) lies inside its parent,
//    children's areas add up to their parent's (siblings tile the parent), no NaN/null coordinates,
//  - a few distributions to eyeball (counts, kinds, colours, activities by month, stars).
//   node tools/gen_sample/check.mjs assets/sample/laoshan.json [--quiet]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = process.argv[2];
const quiet = process.argv.includes('--quiet');
const ds = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/gridstar-1.schema.json'), 'utf8'));
const errors = [];
const err = (p, m) => { if (errors.length < 50) errors.push(`${p}: ${m}`); else errors.length++; };

// ---- mini JSON Schema (type, const, enum, required, properties, additionalProperties, items,
//      prefixItems, minItems, min/maxLength, pattern, minimum, maximum, exclusiveMinimum, oneOf, $ref)
function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
function resolve(ref) {
  return ref.replace(/^#\//, '').split('/').reduce((o, k) => o[k], schema);
}
function validate(s, v, p, out) {
  if (s.$ref) validate(resolve(s.$ref), v, p, out);
  if (s.type) {
    const types = [].concat(s.type), t = typeOf(v);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) { out.push(`${p}: expected ${types}, got ${t}`); return; }
  }
  if ('const' in s && v !== s.const) out.push(`${p}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(v)) out.push(`${p}: ${JSON.stringify(v)} not in ${JSON.stringify(s.enum)}`);
  if (typeof v === 'string') {
    if (s.minLength != null && [...v].length < s.minLength) out.push(`${p}: shorter than ${s.minLength}`);
    if (s.maxLength != null && [...v].length > s.maxLength) out.push(`${p}: longer than ${s.maxLength}`);
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) out.push(`${p}: ${JSON.stringify(v)} does not match ${s.pattern}`);
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.push(`${p}: not finite`);
    if (s.minimum != null && v < s.minimum) out.push(`${p}: ${v} < ${s.minimum}`);
    if (s.maximum != null && v > s.maximum) out.push(`${p}: ${v} > ${s.maximum}`);
    if (s.exclusiveMinimum != null && v <= s.exclusiveMinimum) out.push(`${p}: ${v} <= ${s.exclusiveMinimum}`);
  }
  if (Array.isArray(v)) {
    if (s.minItems != null && v.length < s.minItems) out.push(`${p}: fewer than ${s.minItems} items`);
    const pre = s.prefixItems ?? [];
    pre.forEach((ps, i) => { if (i < v.length) validate(ps, v[i], `${p}/${i}`, out); });
    if (s.items) for (let i = pre.length; i < v.length; i++) validate(s.items, v[i], `${p}/${i}`, out);
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const k of s.required ?? []) if (!(k in v)) out.push(`${p}: missing ${k}`);
    for (const [k, x] of Object.entries(v)) {
      if (s.properties?.[k]) validate(s.properties[k], x, `${p}/${k}`, out);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') validate(s.additionalProperties, x, `${p}/${k}`, out);
    }
  }
  if (s.oneOf) {
    const ok = s.oneOf.filter((b) => { const o = []; validate(b, v, p, o); return o.length === 0; }).length;
    if (ok !== 1) out.push(`${p}: matches ${ok} of oneOf`);
  }
}
const schemaFaults = [];
validate(schema, ds, '', schemaFaults);
schemaFaults.slice(0, 20).forEach((f) => err('schema', f));
if (schemaFaults.length > 20) err('schema', `… ${schemaFaults.length - 20} more`);

// ---- ids and references
function ids(arr, name) {
  const m = new Map();
  (arr ?? []).forEach((x, i) => {
    if (m.has(x.id)) err(`/${name}/${i}/id`, `duplicate ${x.id}`);
    if (Buffer.byteLength(x.id) > 64) err(`/${name}/${i}/id`, 'over 64 bytes');
    m.set(x.id, x);
  });
  return m;
}
const S = ids(ds.streets, 'streets'), C = ids(ds.communities, 'communities'), G = ids(ds.grids, 'grids');
const M = ids(ds.micro_grids, 'micro_grids'), T = ids(ds.teams, 'teams');
ids(ds.activities, 'activities'); ids(ds.events, 'events');
const ref = (map, v, p, opt = false) => { if (v == null ? !opt : !map.has(v)) err(p, `unresolved ${v}`); };
ds.communities.forEach((c, i) => ref(S, c.street_id, `/communities/${i}/street_id`));
(ds.grids ?? []).forEach((g, i) => ref(C, g.community_id, `/grids/${i}/community_id`));
(ds.micro_grids ?? []).forEach((m, i) => ref(G, m.grid_id, `/micro_grids/${i}/grid_id`));
(ds.teams ?? []).forEach((t, i) => ref(C, t.community_id, `/teams/${i}/community_id`, true));
(ds.activities ?? []).forEach((a, i) => {
  ref(T, a.team_id, `/activities/${i}/team_id`); ref(C, a.community_id, `/activities/${i}/community_id`);
  ref(G, a.grid_id, `/activities/${i}/grid_id`, true);
  if (a.grid_id && G.get(a.grid_id)?.community_id !== a.community_id) err(`/activities/${i}/grid_id`, 'grid not in the community');
  if (a.end < a.start) err(`/activities/${i}/end`, 'before start');
});
(ds.events ?? []).forEach((e, i) => {
  ref(G, e.grid_id, `/events/${i}/grid_id`);
  if (e.closed_at && e.closed_at < e.reported_at) err(`/events/${i}/closed_at`, 'before reported_at');
});
const comp = ds.competition;
if (comp) {
  const P = ids(comp.periods, 'competition/periods'), I = new Set(comp.indicators.map((x) => x.id));
  const K = ids(comp.classes, 'competition/classes');
  comp.periods.forEach((p, i) => { if (i && p.start <= comp.periods[i - 1].start) err(`/competition/periods/${i}`, 'out of order'); });
  const seen = new Set();
  comp.scores.forEach((e, i) => {
    ref(P, e.period, `/competition/scores/${i}/period`); ref(C, e.community_id, `/competition/scores/${i}/community_id`);
    if (seen.has(e.period + '|' + e.community_id)) err(`/competition/scores/${i}`, 'duplicate entry');
    seen.add(e.period + '|' + e.community_id);
    for (const k of Object.keys(e.values)) if (!I.has(k)) err(`/competition/scores/${i}/values/${k}`, 'unknown indicator');
  });
  ds.communities.forEach((c, i) => { if (c.class_id) ref(K, c.class_id, `/communities/${i}/class_id`); });
}

// ---- geometry
const polys = (g) => (!g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
// Shoelace relative to the first vertex (absolute lon/lat products cancel badly for tiny cells).
function ringArea(r) {
  let a = 0; const [ox, oy] = r[0];
  for (let i = 0; i < r.length; i++) { const [x1, y1] = r[i], [x2, y2] = r[(i + 1) % r.length]; a += (x1 - ox) * (y2 - oy) - (x2 - ox) * (y1 - oy); }
  return a / 2;
}
function area(g) { let a = 0; for (const p of polys(g)) { a += Math.abs(ringArea(p[0])); for (const h of p.slice(1)) a -= Math.abs(ringArea(h)); } return a; }
function centroid(r) {
  let a = 0, cx = 0, cy = 0; const [ox, oy] = r[0];
  for (let i = 0; i < r.length; i++) {
    const x1 = r[i][0] - ox, y1 = r[i][1] - oy, x2 = r[(i + 1) % r.length][0] - ox, y2 = r[(i + 1) % r.length][1] - oy;
    const f = x1 * y2 - x2 * y1; a += f; cx += (x1 + x2) * f; cy += (y1 + y2) * f;
  }
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}
function inRing([px, py], r) {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i], [xj, yj] = r[j];
    if ((yi > py) !== (yj > py) && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inGeom = (pt, g) => polys(g).some((p) => inRing(pt, p[0]) && !p.slice(1).some((h) => inRing(pt, h)));
// Centroid of the largest piece; for a concave piece whose centroid falls outside it, the middle of
// the widest span of the horizontal line through the centroid (a point surely inside the piece).
function labelPoint(g) {
  const big = polys(g).slice().sort((a, b) => Math.abs(ringArea(b[0])) - Math.abs(ringArea(a[0])))[0];
  if (!big) return null;
  const c = centroid(big[0]);
  if (inGeom(c, { type: 'Polygon', coordinates: big })) return c;
  const xs = [];
  for (const r of big) for (let i = 0; i < r.length; i++) {
    const [x1, y1] = r[i], [x2, y2] = r[(i + 1) % r.length];
    if ((y1 > c[1]) !== (y2 > c[1])) xs.push(x1 + ((c[1] - y1) * (x2 - x1)) / (y2 - y1));
  }
  xs.sort((a, b) => a - b);
  let best = c, w = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i + 1] - xs[i] > w) { w = xs[i + 1] - xs[i]; best = [(xs[i] + xs[i + 1]) / 2, c[1]]; }
  return best;
}
let points = 0, maxPts = 0;
for (const [name, arr] of [['district', [ds.district]], ['streets', ds.streets], ['communities', ds.communities], ['grids', ds.grids ?? []], ['micro_grids', ds.micro_grids ?? []]])
  arr.forEach((u, i) => {
    let n = 0;
    for (const p of polys(u.boundary)) for (const r of p) for (const c of r) {
      n++;
      if (!Number.isFinite(c[0]) || !Number.isFinite(c[1])) err(`/${name}/${i}/boundary`, 'non-finite coordinate');
    }
    points += n; maxPts = Math.max(maxPts, n);
  });
const levels = [
  ['streets', ds.streets, () => ds.district],
  ['communities', ds.communities, (c) => S.get(c.street_id)],
  ['grids', ds.grids ?? [], (g) => C.get(g.community_id)],
  ['micro_grids', ds.micro_grids ?? [], (m) => G.get(m.grid_id)],
];
const tiling = [];
for (const [name, arr, parentOf] of levels) {
  let outside = 0, noBoundary = 0;
  const sum = new Map();
  arr.forEach((u, i) => {
    const par = parentOf(u);
    if (!u.boundary) { noBoundary++; return; }
    sum.set(par, (sum.get(par) ?? 0) + area(u.boundary));
    const lp = labelPoint(u.boundary);
    if (par?.boundary && !inGeom(lp, par.boundary)) { outside++; if (outside <= 3) err(`/${name}/${i}`, `label point ${lp} outside its parent ${par.id}`); }
  });
  // Rounding to 5 decimals (~1 m) moves a parent of a few hundred m² by whole percents, so only
  // parents over ~0.01 km² (1e-6 deg²) count toward the pass/fail figure (fails above 2%).
  let worst = 0, worstTiny = 0;
  for (const [par, a] of sum) if (par?.boundary) {
    const pa = area(par.boundary), d = Math.abs(a / pa - 1);
    if (pa >= 1e-6) worst = Math.max(worst, d); else worstTiny = Math.max(worstTiny, d);
  }
  tiling.push(`${name}: ${arr.length - noBoundary}/${arr.length} with boundary, ${outside} outside parent, worst area mismatch ${(worst * 100).toFixed(2)}%` +
    (worstTiny ? ` (${(worstTiny * 100).toFixed(2)}% for parents under 0.01 km²)` : ''));
  if (worst > 0.02) err(`/${name}`, `children's area differs from a parent's by ${(worst * 100).toFixed(2)}%`);
}

// ---- report
const count = (arr, f) => (arr ?? []).reduce((m, x) => { const k = f(x); m[k] = (m[k] ?? 0) + 1; return m; }, {});
const bytes = fs.statSync(file).size;
const json = (o) => JSON.stringify(o);
console.log(`${file}: ${(bytes / 1024).toFixed(0)} KiB, ${points} boundary points (max ${maxPts} a unit)`);
console.log(`  streets ${ds.streets.length}, communities ${ds.communities.length} ${json(count(ds.communities, (c) => c.kind))}, grids ${ds.grids?.length ?? 0}, micro_grids ${ds.micro_grids?.length ?? 0}, teams ${ds.teams?.length ?? 0}, activities ${ds.activities?.length ?? 0}, events ${ds.events?.length ?? 0}`);
for (const t of tiling) console.log('  ' + t);
if (!quiet) {
  console.log('  grid colours', json(count(ds.grids, (g) => g.color)), 'without worker', (ds.grids ?? []).filter((g) => !g.worker).length,
    'party branches', (ds.grids ?? []).filter((g) => g.party_branch).length);
  console.log('  activities by month', json(count(ds.activities, (a) => a.start.slice(0, 7))));
  console.log('  activities by category', json(count(ds.activities, (a) => a.category)));
  const byDay = count(ds.activities, (a) => a.start.slice(0, 10));
  const top = Object.entries(byDay).sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log('  busiest days', json(Object.fromEntries(top)), 'mean/day', ((ds.activities?.length ?? 0) / 731).toFixed(1));
  console.log('  overnight', (ds.activities ?? []).filter((a) => a.end.slice(0, 10) !== a.start.slice(0, 10)).length,
    'participants range', Math.min(...(ds.activities ?? [{ participants: 0 }]).map((a) => a.participants)), Math.max(...(ds.activities ?? [{ participants: 0 }]).map((a) => a.participants)));
  console.log('  events by status', json(count(ds.events, (e) => e.status)), 'rated', (ds.events ?? []).filter((e) => e.satisfaction).length);
  if (comp) {
    // Star levels per period under the published rules (raw scores; bonus/deduction included in total).
    const w = Object.fromEntries(comp.indicators.map((x) => [x.id, x.weight]));
    for (const p of comp.periods.filter((_, i) => i === 0 || i === comp.periods.length - 1)) {
      const dist = {};
      for (const e of comp.scores.filter((e) => e.period === p.id)) {
        const vals = comp.indicators.map((x) => e.values[x.id]);
        if (vals.some((v) => v == null) || e.disqualified) { dist.excluded = (dist.excluded ?? 0) + 1; continue; }
        const total = vals.reduce((a, v, k) => a + v * w[comp.indicators[k].id], 0) + (e.bonus ?? []).reduce((a, b) => a + b.points, 0) - (e.deductions ?? []).reduce((a, b) => a + b.points, 0);
        let stars = 0;
        for (const r of comp.rules.stars) if (Math.min(...vals) >= r.min_each && total >= r.min_total) stars = Math.max(stars, r.stars);
        dist[stars] = (dist[stars] ?? 0) + 1;
      }
      console.log(`  stars ${p.id}`, json(dist));
    }
    console.log('  late', comp.scores.filter((e) => e.late).length, 'disqualified', comp.scores.filter((e) => e.disqualified).length,
      'missing values', comp.scores.filter((e) => Object.keys(e.values).length < comp.indicators.length).length,
      'bonus', comp.scores.filter((e) => e.bonus).length, 'deductions', comp.scores.filter((e) => e.deductions).length);
  }
}
if (errors.length) { console.log(`FAIL: ${errors.length} problem(s)`); for (const e of errors.slice(0, 50)) console.log('  ' + e); process.exit(1); }
console.log('OK');
