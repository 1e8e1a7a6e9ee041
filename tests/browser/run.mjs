// Runs every tests/browser/test_*.mjs file (or those named on the command line) and prints one summary line.
// Each file exports `tests`: an array of {name, fn(url)}.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, stopServer } from './harness.mjs';

const dir = path.join(ROOT, 'tests/browser');
const only = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => /^test_.*\.mjs$/.test(f))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();
const url = await startServer();
let passed = 0, failed = 0;
for (const f of files) {
    const mod = await import(path.join(dir, f));
    for (const t of mod.tests) {
        const t0 = Date.now();
        try {
            await t.fn(url);
            passed++;
            console.log(`  ok    ${f} › ${t.name} (${Date.now() - t0} ms)`);
        } catch (e) {
            failed++;
            console.log(`  FAIL  ${f} › ${t.name}\n        ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n        ')}`);
        }
    }
}
await stopServer();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
