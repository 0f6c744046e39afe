// Node 20 cannot run TypeScript as it is, so the command-line entries written in TypeScript
// (the local stack, the benchmarks) are bundled with esbuild (a dependency already) into
// node_modules/.cache/ and imported from there. It takes a fraction of a second.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Bundles a TypeScript entry (a path from the repository's root) and imports it.
 *
 * @example const { runStart } = await importTypeScript('tooling/demo/start-command.ts', 'start.mjs');
 */
export async function importTypeScript(entry, bundleName) {
  const outfile = join(repoRoot, 'node_modules/.cache/pjcollector', bundleName);
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(repoRoot, entry)],
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
  return import(pathToFileURL(outfile).href);
}
