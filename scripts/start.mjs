// `npm start`: the emulator, the collector under `wrangler dev` and the demo shop, wired
// together, offline (docs/local-stack.md). The stack is TypeScript, which Node 20 cannot run
// as is, so this bundles scripts/local-stack/start-command.ts with esbuild (a dependency already) into
// node_modules/.cache/ and runs the bundle. It takes a fraction of a second.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'node_modules/.cache/pjcollector/start.mjs');
mkdirSync(dirname(outfile), { recursive: true });

await build({
  entryPoints: [join(root, 'scripts/local-stack/start-command.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.setSourceMapsEnabled(true);
// A closed stdout (`npm start | head`) must not crash the shutdown.
process.stdout.on('error', () => {});
const { runStart } = await import(pathToFileURL(outfile).href);
process.exit(await runStart(process.env));
