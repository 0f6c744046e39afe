/// <reference path="./types.d.ts" />
// Runs in Node before the Workers pool starts: makes sure the built pixel exists, as
// wrangler.toml's `[assets]` directory must (a fresh clone has none until `npm run build`), and
// starts the real Prisjakt emulator under workerd on a free port, as the collector's upstream.
// Its URL reaches the pool's bindings and the tests through `provide`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import type { TestProject } from 'vitest/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(root, 'dist/assets/pj/pjpixel.js'))) {
    const result = spawnSync(process.execPath, [join(root, 'pixel/build.mjs')], {
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('pixel/build.mjs failed');
  }

  const bundle = await build({
    entryPoints: [join(root, 'emulator/src/worker.ts')],
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0]?.text;
  if (script === undefined) throw new Error('esbuild produced no emulator bundle');
  const emulator = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2026-04-20',
    host: '127.0.0.1',
    port: 0,
    verbose: false,
    // The emulator prints its seed on start; keep the test report to the tests, errors aside.
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          if (line.trim() !== '') process.stderr.write(`[emulator] ${line}\n`);
        }
      });
    },
  });
  const url = (await emulator.ready).origin;
  project.provide('emulatorUrl', url);

  return async () => {
    await emulator.dispose();
  };
}
