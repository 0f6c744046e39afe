// `npm run bench`: measures the pixel, the collector and delivery, prints one table and writes
// tooling/bench/results/latest.json (docs/benchmarks.md explains every figure). `--quick` takes a few
// samples of everything, to check the benchmark itself; its figures are not worth quoting.
import { importTypeScript } from '../scripts/import-typescript.mjs';

const { runBench } = await importTypeScript('tooling/bench/src/main.ts', 'bench/main.mjs');
process.exit(await runBench({ argv: process.argv.slice(2) }));
