#!/usr/bin/env node
// Draws a gridstar/1 file's boundaries as SVG for a quick look: micro-grids filled with their grid's
// 五色 colour, grid / community / street borders in increasing weight.
//   node tools/gen_sample/preview.mjs assets/sample/laoshan.json /tmp/laoshan.svg && rsvg-convert -o /tmp/laoshan.png /tmp/laoshan.svg
import fs from 'node:fs';

const [, , inFile, outFile = '/tmp/preview.svg'] = process.argv;
const ds = JSON.parse(fs.readFileSync(inFile, 'utf8').replace(/^\uFEFF/, ''));
const polys = (g) => (!g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
for (const p of polys(ds.district.boundary)) for (const [x, y] of p[0]) {
  x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
}
const k = Math.cos(((y0 + y1) / 2) * Math.PI / 180);
const W = 1600, S = W / ((x1 - x0) * k), H = Math.ceil((y1 - y0) * S);
const P = ([x, y]) => `${((x - x0) * k * S).toFixed(1)},${((y1 - y) * S).toFixed(1)}`;
const d = (g) => polys(g).map((p) => p.map((r) => 'M' + r.map(P).join('L') + 'Z').join('')).join('');
const FILL = { red: '#f4a6a6', orange: '#f8c99a', yellow: '#f6e8a0', green: '#b9e3b0', blue: '#aecbee' };
const gridColor = new Map((ds.grids ?? []).map((g) => [g.id, FILL[g.color] ?? '#ddd']));
const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="100%" height="100%" fill="#eef4f8"/>`];
for (const m of ds.micro_grids ?? []) out.push(`<path d="${d(m.boundary)}" fill="${gridColor.get(m.grid_id)}" stroke="#fff" stroke-width="0.4"/>`);
for (const g of ds.grids ?? []) out.push(`<path d="${d(g.boundary)}" fill="none" stroke="#888" stroke-width="0.7"/>`);
for (const c of ds.communities) out.push(`<path d="${d(c.boundary)}" fill="none" stroke="#333" stroke-width="1.4"/>`);
for (const s of ds.streets) out.push(`<path d="${d(s.boundary)}" fill="none" stroke="#c00" stroke-width="3"/>`);
out.push(`<path d="${d(ds.district.boundary)}" fill="none" stroke="#000" stroke-width="2"/>`);
// Street and village/community labels at their first ring's vertex mean (good enough for a glance).
const mean = (g) => { const r = polys(g)[0]?.[0] ?? [[0, 0]]; return [r.reduce((a, p) => a + p[0], 0) / r.length, r.reduce((a, p) => a + p[1], 0) / r.length]; };
for (const c of ds.communities) { const [x, y] = P(mean(c.boundary)).split(','); out.push(`<text x="${x}" y="${y}" font-size="9" text-anchor="middle" fill="${c.kind === 'village' ? '#060' : c.kind === 'transition' ? '#a50' : '#006'}">${c.name}</text>`); }
for (const s of ds.streets) { const [x, y] = P(mean(s.boundary)).split(','); out.push(`<text x="${x}" y="${y}" font-size="26" font-weight="bold" text-anchor="middle" fill="#c00" opacity="0.8">${s.name}</text>`); }
out.push('</svg>');
fs.writeFileSync(outFile, out.join('\n'));
console.log(`${outFile}: ${W}x${H}`);
