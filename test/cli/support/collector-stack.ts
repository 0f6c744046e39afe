import { spawn } from 'node:child_process';
import { freePort } from '#tooling/stack/ports.ts';
import { REPO_ROOT, startWranglerDev, type WranglerDev } from '#tooling/stack/wrangler-dev.ts';

/** The collector's base path in wrangler.toml's local configuration. */
export const BASE_PATH = '/pj';

/** The emulator under `wrangler dev`, on a free port. */
export function startEmulator(): Promise<WranglerDev> {
  return freePort().then((port) =>
    startWranglerDev({
      name: 'emulator',
      config: 'emulator/wrangler.toml',
      port,
      healthPath: '/health',
      logLevel: 'error',
    }),
  );
}

/**
 * A collector under `wrangler dev` with its local configuration (wrangler.toml), forwarding to
 * `emulatorUrl`, with `vars` laid over it: a wrong secret, an unknown pixel.
 */
export async function startCollector(
  emulatorUrl: string,
  vars: Record<string, string> = {},
): Promise<WranglerDev> {
  return startWranglerDev({
    name: 'collector',
    port: await freePort(),
    vars: { PRISJAKT_API_URL: emulatorUrl, BASE_PATH, ...vars },
    healthPath: `${BASE_PATH}/healthz`,
    logLevel: 'error',
  });
}

/** Runs the real bin, `node cli/bin/pjcollector.mjs …`, as a shop's operator would. */
export function runBin(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['cli/bin/pjcollector.mjs', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
