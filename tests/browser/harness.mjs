// Shared pieces of the browser tests: one static server, Debian's Chromium through playwright-core, helpers.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB = process.env.GS_WEB_DIR || path.join(ROOT, 'build/web');
export const ARTIFACTS = path.join(ROOT, 'build/test-artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--ignore-gpu-blocklist',
];

let server = null;
export async function startServer(port = 0) {
    server = await serve(WEB, port);
    return `http://127.0.0.1:${server.address().port}/`;
}
export async function stopServer() {
    if (server) await new Promise((r) => server.close(r));
    server = null;
}

// A persistent context keeps IndexedDB across page reloads and across pages within one test.
export async function launch({ width = 1280, height = 720, dpr = 1, userDataDir, extraArgs = [] } = {}) {
    const dir = userDataDir || fs.mkdtempSync('/tmp/gs-chromium-');
    const ctx = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.GS_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: [...CHROMIUM_ARGS, ...extraArgs],
        viewport: { width, height },
        deviceScaleFactor: dpr,
        acceptDownloads: true,
    });
    return { ctx, dir };
}

export async function openApp(ctx, url) {
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on('pageerror', (e) => console.log('    [pageerror]', String(e.stack || e.message).split('\n').slice(0, 6).join(' | ')));
    await page.goto(url);
    await whenReady(page);
    return page;
}

// After a goto or a reload: waits until the API exists and its first frame is drawn.
export async function whenReady(page) {
    await page.waitForFunction(() => window.GridStar && window.GridStar.ready, null, { timeout: 60000 });
    await page.evaluate(() => window.GridStar.ready);
}

// Waits a few animation frames so the canvas shows the latest state.
export async function frames(page, n = 3) {
    await page.evaluate((n) => new Promise((resolve) => {
        let k = 0;
        const step = () => (++k >= n ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
    }), n);
}

export async function shot(page, name) {
    const file = path.join(ARTIFACTS, name + '.png');
    await page.screenshot({ path: file });
    return file;
}

export function assert(cond, message) {
    if (!cond) throw new Error(message);
}
export function assertEq(actual, expected, message) {
    if (JSON.stringify(actual) !== JSON.stringify(expected))
        throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// Decodes an 8-bit RGB/RGBA PNG (what Chromium's screenshots are) into {width, height, rgba}.
import zlib from 'node:zlib';
export function decodePng(buf) {
    let pos = 8, width = 0, height = 0, colorType = 0;
    const idat = [];
    while (pos < buf.length) {
        const len = buf.readUInt32BE(pos);
        const type = buf.toString('ascii', pos + 4, pos + 8);
        const data = buf.subarray(pos + 8, pos + 8 + len);
        if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); colorType = data[9]; }
        else if (type === 'IDAT') idat.push(data);
        pos += 12 + len;
    }
    const bpp = colorType === 6 ? 4 : 3;
    const raw = zlib.inflateSync(Buffer.concat(idat));
    const stride = width * bpp;
    const out = Buffer.alloc(width * height * 4);
    const prev = Buffer.alloc(stride), cur = Buffer.alloc(stride);
    for (let y = 0; y < height; y++) {
        const f = raw[y * (stride + 1)];
        raw.copy(cur, 0, y * (stride + 1) + 1, (y + 1) * (stride + 1));
        for (let i = 0; i < stride; i++) {
            const a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
            let v = cur[i];
            if (f === 1) v += a;
            else if (f === 2) v += b;
            else if (f === 3) v += (a + b) >> 1;
            else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
            cur[i] = v & 255;
        }
        for (let x = 0; x < width; x++) {
            out[(y * width + x) * 4] = cur[x * bpp]; out[(y * width + x) * 4 + 1] = cur[x * bpp + 1];
            out[(y * width + x) * 4 + 2] = cur[x * bpp + 2]; out[(y * width + x) * 4 + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
        }
        cur.copy(prev);
    }
    return { width, height, rgba: out };
}

// Fraction of pixels that differ from `rgb` by more than `tol` in any channel.
export function fractionNot(img, rgb, tol = 12) {
    let n = 0;
    for (let i = 0; i < img.rgba.length; i += 4)
        if (Math.abs(img.rgba[i] - rgb[0]) > tol || Math.abs(img.rgba[i + 1] - rgb[1]) > tol || Math.abs(img.rgba[i + 2] - rgb[2]) > tol) n++;
    return n / (img.width * img.height);
}

// Fraction of pixels that differ between two same-sized images.
export function fractionDiffering(a, b, tol = 24) {
    if (a.width !== b.width || a.height !== b.height) return 1;
    let n = 0;
    for (let i = 0; i < a.rgba.length; i += 4)
        if (Math.abs(a.rgba[i] - b.rgba[i]) + Math.abs(a.rgba[i + 1] - b.rgba[i + 1]) + Math.abs(a.rgba[i + 2] - b.rgba[i + 2]) > tol) n++;
    return n / (a.width * a.height);
}

export function sampleJson() {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/sample/laoshan.json'), 'utf8'));
}
