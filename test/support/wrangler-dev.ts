import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** A running `wrangler dev`. */
export interface WranglerDev {
  /** `http://127.0.0.1:{port}` */
  url: string;
  /** What it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Ends the process group and removes its local state. Safe to call twice. */
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  /** Names the process in error messages. */
  name: string;
  port: number;
  /** `-c` config file relative to the repository; default `wrangler.toml`. */
  config?: string;
  /** `--var NAME:VALUE` overrides. */
  vars?: Record<string, string>;
  /** Polled until it answers 200. */
  healthPath: string;
  /** How long to wait for health; default 60 s (a cold first build on a busy 2-core machine). */
  startTimeoutMs?: number;
}

/**
 * Starts `wrangler dev` offline on 127.0.0.1, with a fresh `--persist-to` directory (local KV
 * is persisted, and an earlier run's dedupe marks must not leak in), and resolves once
 * `healthPath` answers 200. The process gets its own process group so that stopping it also
 * ends the workerd it started.
 */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const persistTo = mkdtempSync(join(tmpdir(), `pjcollector-${options.name}-`));
  const args = [
    'dev',
    '-c',
    options.config ?? 'wrangler.toml',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--inspector-port',
    '0',
    '--persist-to',
    persistTo,
    '--show-interactive-dev-session=false',
  ];
  for (const [name, value] of Object.entries(options.vars ?? {}))
    args.push('--var', `${name}:${value}`);

  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      CI: 'true',
      NO_COLOR: '1',
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${options.port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await endProcessGroup(child, exited);
    rmSync(persistTo, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(url + options.healthPath, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.status === 200) return { url, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${options.name} (wrangler dev on ${url}) did not become healthy:\n${output}`);
}

async function endProcessGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    signal('SIGKILL');
    await exited;
  }
}
