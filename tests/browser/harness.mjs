// Shared pieces of the browser tests: one static server, Debian's Chromium through playwright-core, helpers.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB = process.env.GS_WEB_DIR || path.join(ROOT, 'build/wasm/web');
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
export async function launch({ width = 1280, height = 720, dpr = 1, userDataDir } = {}) {
    const dir = userDataDir || fs.mkdtempSync('/tmp/gs-chromium-');
    const ctx = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.GS_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width, height },
        deviceScaleFactor: dpr,
        acceptDownloads: true,
    });
    return { ctx, dir };
}

export async function openApp(ctx, url) {
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on('pageerror', (e) => console.log('    [pageerror]', e.message));
    await page.goto(url);
    await page.waitForFunction(() => window.GridStar && window.GridStar.ready, null, { timeout: 60000 });
    await page.evaluate(() => window.GridStar.ready);
    return page;
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
