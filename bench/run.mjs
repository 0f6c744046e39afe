// `npm run bench`: measures the pixel, the collector and delivery, prints one table and writes
// bench/results/latest.json (docs/benchmarks.md explains every figure). The benchmark is
// TypeScript, which Node 20 cannot run as it is, so this bundles it with esbuild (a dependency
// already) into node_modules/.cache/ and runs the bundle. `--quick` takes a few samples of
// everything, to check the benchmark itself; its figures are not worth quoting.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'node_modules/.cache/pjcollector/bench');
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: [join(root, 'bench/src/main.ts')],
  outfile: join(outdir, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.setSourceMapsEnabled(true);
const { runBench } = await import(pathToFileURL(join(outdir, 'main.mjs')).href);
process.exit(await runBench({ argv: process.argv.slice(2) }));
