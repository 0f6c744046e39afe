/// <reference path="./types.d.ts" />
// Runs in Node before the Workers pool starts: makes sure the built pixel exists, as
// wrangler.toml's `[assets]` directory must (a fresh clone has none until `npm run build`), and
// starts the real Prisjakt emulator under workerd on a free port, as the collector's upstream.
// Its URL reaches the pool's bindings and the tests through `provide`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startWorkerdEmulator } from '#tooling/stack/in-process.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(root, 'dist/assets/pj/pjpixel.js'))) {
    const result = spawnSync(process.execPath, [join(root, 'pixel/build.mjs')], {
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('pixel/build.mjs failed');
  }

  const emulator = await startWorkerdEmulator({
    // The emulator prints its seed on start; keep the test report to the tests, errors aside.
    onStderrLine: (line) => process.stderr.write(`[emulator] ${line}\n`),
  });
  const url = emulator.url;
  project.provide('emulatorUrl', url);

  return async () => {
    await emulator.dispose();
  };
}
