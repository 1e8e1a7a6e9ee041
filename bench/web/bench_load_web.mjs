// Browser load figures only (the dataset part of bench_web.mjs, without the size and time-to-ready runs), for quick
// before/after comparisons. Usage: node bench/web/bench_load_web.mjs [--web DIR] --data label=path ...
import path from 'node:path';
import { ROOT } from '../../tests/browser/harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import { measureLoads, serveDatasets } from './load_figures.mjs';

let WEB = path.join(ROOT, 'build/web');
const datasets = [];
for (let i = 2; i < process.argv.length; i++) {
    if (process.argv[i] === '--data') {
        const [label, file] = process.argv[++i].split('=');
        datasets.push({ label, file });
    } else if (process.argv[i] === '--web') WEB = path.resolve(process.argv[++i]);
}
const server = await serve(WEB, 0);
serveDatasets(server, datasets);
await measureLoads(`http://127.0.0.1:${server.address().port}/`, datasets,
    (name, value, unit) => console.log(`${name}: ${value} ${unit}`));
await new Promise((r) => server.close(r));
