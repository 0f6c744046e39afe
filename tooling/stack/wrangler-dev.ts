import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOOPBACK } from './ports.ts';
import { REPO_ROOT } from './repo-root.ts';

export { REPO_ROOT } from './repo-root.ts';

/** How a process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `wrangler dev`. */
export interface WranglerDev {
  /** `http://127.0.0.1:{port}` */
  url: string;
  /** The process id of `wrangler`, which leads its own process group (workerd included). */
  pid: number;
  /** What it printed so far (stdout and stderr, the last 20,000 characters), for failures. */
  output(): string;
  /** Calls `listener` with each line it prints from now on. */
  follow(listener: (line: string) => void): void;
  /** Settles when the process ends, for whatever reason. */
  exited: Promise<ProcessExit>;
  /** Ends the process group and removes its local state. Safe to call twice. */
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  /** Names the process in error messages. */
  name: string;
  port: number;
  /** `-c` config file relative to the repository; default `wrangler.toml`. */
  config?: string;
  /** Another entry point than the config's `main`, relative to the repository. */
  entry?: string;
  /** `--var NAME:VALUE` overrides. */
  vars?: Record<string, string>;
  /** Polled until it answers 200. */
  healthPath: string;
  /** How long to wait for health; default 60 s (a cold first build on a busy 2-core machine). */
  startTimeoutMs?: number;
  /** `--log-level`; wrangler's default (`log`) when absent. */
  logLevel?: 'error' | 'warn' | 'info' | 'log' | 'debug';
  /** Aborting it while starting ends the process and rejects. */
  signal?: AbortSignal;
}

/** Thrown when `wrangler dev` does not become healthy; carries what it printed. */
export class WranglerDevStartError extends Error {
  override readonly name = 'WranglerDevStartError';
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** The offline environment of every `wrangler dev` here: no metrics, no Cloudflare lookups. */
export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
} as const;

/**
 * Starts `wrangler dev` offline on 127.0.0.1, with a fresh `--persist-to` directory (local KV
 * is persisted, and an earlier run's dedupe marks must not leak in), and resolves once
 * `healthPath` answers 200. The process gets its own process group so that stopping it also
 * ends the workerd it started.
 *
 * @example
 * const emulator = await startWranglerDev({
 *   name: 'emulator', config: 'emulator/wrangler.toml', port: 8788, healthPath: '/health',
 * });
 */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  options.signal?.throwIfAborted();
  const persistTo = mkdtempSync(join(tmpdir(), `pjcollector-${options.name}-`));
  const args = [
    'dev',
    ...(options.entry === undefined ? [] : [options.entry]),
    '-c',
    options.config ?? 'wrangler.toml',
    '--ip',
    LOOPBACK,
    '--port',
    String(options.port),
    '--inspector-port',
    '0',
    '--persist-to',
    persistTo,
    '--show-interactive-dev-session=false',
  ];
  if (options.logLevel) args.push('--log-level', options.logLevel);
  for (const [name, value] of Object.entries(options.vars ?? {}))
    args.push('--var', `${name}:${value}`);

  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV, CI: 'true', NO_COLOR: '1' },
  });
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = followLines(child);
  const url = `http://${LOOPBACK}:${options.port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await endProcessGroup(child, exited);
    rmSync(persistTo, { recursive: true, force: true });
  };
  if (child.pid === undefined) {
    await stop();
    throw new WranglerDevStartError(`${options.name}: wrangler could not be started`, '');
  }

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline && !options.signal?.aborted) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(url + options.healthPath, {
        signal: AbortSignal.timeout(2_000),
      });
      // Read to the end: a body cut short makes workerd log a broken pipe.
      await response.arrayBuffer();
      if (response.status === 200) {
        return {
          url,
          pid: child.pid,
          output: lines.output,
          follow: lines.follow,
          exited,
          stop,
        };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  options.signal?.throwIfAborted();
  throw new WranglerDevStartError(
    `${options.name} (wrangler dev on ${url}) did not become healthy`,
    lines.output(),
  );
}

/** Keeps the tail of a child's output and hands complete lines to followers. */
function followLines(child: ChildProcess) {
  let output = '';
  const listeners: Array<(line: string) => void> = [];
  const partial = new Map<NodeJS.ReadableStream, string>();
  const take = (stream: NodeJS.ReadableStream) => (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    const pieces = ((partial.get(stream) ?? '') + text).split('\n');
    partial.set(stream, pieces.pop() ?? '');
    for (const line of pieces) for (const listener of listeners) listener(line.trimEnd());
  };
  if (child.stdout) child.stdout.on('data', take(child.stdout));
  if (child.stderr) child.stderr.on('data', take(child.stderr));
  return {
    output: () => output,
    follow: (listener: (line: string) => void) => {
      listeners.push(listener);
    },
  };
}

/**
 * Ends a detached child's whole process group: SIGTERM, then SIGKILL if it is still there
 * after five seconds (wrangler normally takes well under one).
 */
export async function endProcessGroup(
  child: ChildProcess,
  exited: Promise<unknown>,
): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, 'SIGKILL'); // workerd may outlive a wrangler that died on its own
    return;
  }
  signalGroup(child, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
  // wrangler ends workerd on SIGTERM; anything of the group still there is ended too.
  signalGroup(child, 'SIGKILL');
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
