import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOOPBACK } from '#tooling/stack/ports.ts';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';
import { endProcessGroup, OFFLINE_WRANGLER_ENV } from '#tooling/stack/wrangler-dev.ts';

/** The collector with the no-op route, under `wrangler dev`. */
export interface BenchCollector {
  /** `http://127.0.0.1:{port}`; the routes sit under `/pj`. */
  url: string;
  stop(): Promise<void>;
}

const ENTRY = 'tooling/bench/src/workerd/load-entry.ts';
const START_TIMEOUT_MS = 90_000;

/**
 * Starts `wrangler dev` on the collector's own configuration (wrangler.toml) with the load
 * benchmark's entry, which adds the no-op route, so both routes run on one server. Like the
 * local stack's `startWranglerDev`, it runs offline, in its own process group, with fresh local
 * state; it exists because that helper has no way to name another entry point.
 *
 * @throws Error with wrangler's output when it does not become healthy.
 */
export async function startBenchCollector(
  port: number,
  vars: Record<string, string>,
): Promise<BenchCollector> {
  const persistTo = mkdtempSync(join(tmpdir(), 'pjcollector-bench-'));
  const args = ['dev', ENTRY, '-c', 'wrangler.toml', '--ip', LOOPBACK, '--port', String(port)];
  args.push('--inspector-port', '0', '--persist-to', persistTo);
  args.push('--show-interactive-dev-session=false', '--log-level', 'warn');
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV, CI: 'true', NO_COLOR: '1' },
  });
  let output = '';
  // Drained all along: a full pipe would stall workerd's request logging under load.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://${LOOPBACK}:${port}`;
  const stop = async () => {
    await endProcessGroup(child, exited);
    rmSync(persistTo, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      const response = await fetch(`${url}/pj/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the benchmark's collector did not become healthy:\n${output}`);
}
