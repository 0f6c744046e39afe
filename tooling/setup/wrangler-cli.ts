import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';
import type { AccountState } from './plan.ts';

/** How a wrangler command ended and what it printed. */
export interface WranglerRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the repository's wrangler with `args` (no shell), `input` on its stdin, and captures its
 * output. Metrics are off. The environment passes through: a test points
 * CLOUDFLARE_API_BASE_URL at a local stand-in, an operator's login or CLOUDFLARE_API_TOKEN is
 * used as it is.
 */
export function runWrangler(args: string[], input = ''): Promise<WranglerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, 'node_modules/.bin/wrangler'), args, {
      cwd: REPO_ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Thrown when wrangler could not list what the plan needs; carries its output. */
export class WranglerListError extends Error {
  override readonly name = 'WranglerListError';
}

function failed(what: string, run: WranglerRun): WranglerListError {
  const output = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-8).join('\n');
  return new WranglerListError(`wrangler could not list ${what} (exit ${run.code}):\n${output}`);
}

/** The JSON wrangler prints after its banner: from the first line that opens an array. */
function jsonAfterBanner(stdout: string): unknown {
  const start = stdout.search(/^\[/m);
  return JSON.parse(start === -1 ? stdout : stdout.slice(start));
}

/**
 * Queue names from `wrangler queues list`, which prints a table only (`│ id │ name │ …`), page
 * by page until a page lists none.
 */
async function listQueues(config: string): Promise<string[]> {
  const names: string[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const run = await runWrangler(['queues', 'list', '-c', config, '--page', String(page)]);
    if (run.code !== 0) throw failed('queues', run);
    const rows = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('│'))
      .map((line) => line.split('│').map((cell) => cell.trim()))
      .filter((cells) => cells[2] !== undefined && cells[2] !== 'name');
    if (rows.length === 0) break;
    for (const cells of rows) names.push(cells[2] as string);
  }
  return names;
}

async function listKvTitles(config: string): Promise<string[]> {
  const run = await runWrangler(['kv', 'namespace', 'list', '-c', config]);
  if (run.code !== 0) throw failed('KV namespaces', run);
  return (jsonAfterBanner(run.stdout) as { title: string }[]).map(({ title }) => title);
}

/** The deployed Worker's secret names; undefined when it is not deployed (wrangler says so). */
async function listSecrets(config: string, environment: string): Promise<string[] | undefined> {
  const run = await runWrangler([
    'secret',
    'list',
    '-c',
    config,
    '--env',
    environment,
    '--format',
    'json',
  ]);
  if (run.code !== 0) {
    if (/Worker "[^"]+".* not found/.test(`${run.stdout}${run.stderr}`)) return undefined;
    throw failed('secrets', run);
  }
  return (jsonAfterBanner(run.stdout) as { name: string }[]).map(({ name }) => name);
}

/** What the account has, read with wrangler only (nothing is changed). */
export async function readAccountState(config: string, environment: string): Promise<AccountState> {
  const [queues, kvNamespaces, workerSecrets] = await Promise.all([
    listQueues(config),
    listKvTitles(config),
    listSecrets(config, environment),
  ]);
  return { queues, kvNamespaces, workerSecrets };
}
