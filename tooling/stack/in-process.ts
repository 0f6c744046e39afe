// The local stack's second way to run: the collector and the emulator in workerd through
// Miniflare, in this process, as `wrangler dev` runs them, with the collector's own
// wrangler.toml bindings (KV, queues, rate limiters) but a queue that flushes every 50 ms
// instead of every second, so that outages and retries play out in seconds. It also lets a
// caller hand the queue consumer a batch itself, to redeliver a message. `stack.ts` (wrangler
// dev, as `npm start` runs) is the way for everything that needs real processes.
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { REPO_ROOT } from './repo-root.ts';

/** A message as a queue hands it to the consumer. */
export interface QueuedMessage {
  id: string;
  timestamp: Date;
  body: unknown;
  attempts: number;
}

/** What the consumer decided for a batch, as workerd reports it to the queue. */
export interface BatchOutcome {
  outcome: string;
  ackAll: boolean;
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
  retryBatch: { retry: boolean; delaySeconds?: number };
}

export interface WorkerdCollector {
  /** The collector's base, `http://127.0.0.1:{port}/pj`. */
  collector: string;
  /** Hands `messages` to the collector's `queue` handler as one batch of the event queue. */
  deliver(messages: QueuedMessage[]): Promise<BatchOutcome>;
  /** Every line the collector printed (its structured logs). */
  lines(): readonly string[];
  dispose(): Promise<void>;
}

export interface WorkerdCollectorOptions {
  /** Variables on top of wrangler.toml's (which point at 127.0.0.1:8788: set PRISJAKT_API_URL). */
  vars: Record<string, string>;
  /** The browser limit per address and minute; wrangler.toml's local 1,000 unless given. */
  browserRateLimit?: number;
  /** The backend's limit per pixel and minute; wrangler.toml's local 1,000 unless given. */
  serverRateLimit?: number;
  /** Whether the collector consumes its queues itself (default) or only through `deliver`. */
  consumeQueues?: boolean;
}

const QUEUE_FLUSH_SECONDS = 0.05;

let collectorBundle: Promise<string> | undefined;
let emulatorBundle: Promise<string> | undefined;

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(REPO_ROOT, entry)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new Error(`esbuild produced no bundle of ${entry}`);
  return script;
}

function lineCollector(lines: string[]) {
  return (stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) => {
    for (const stream of [stdout, stderr]) {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const pieces = (partial + chunk.toString()).split('\n');
        partial = pieces.pop() ?? '';
        lines.push(...pieces.filter((line) => line.trim() !== ''));
      });
    }
  };
}

/**
 * The collector built as `wrangler deploy` would build it, with wrangler.toml's bindings, on a
 * free loopback port.
 */
export async function startWorkerdCollector(
  options: WorkerdCollectorOptions,
): Promise<WorkerdCollector> {
  collectorBundle ??= bundle('worker/src/index.ts');
  const script = await collectorBundle;
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(REPO_ROOT, 'wrangler.toml'));
  const lines: string[] = [];
  const consumer = {
    maxBatchSize: 100,
    maxBatchTimeout: QUEUE_FLUSH_SECONDS,
    maxRetries: 100,
  };
  const miniflare = new Miniflare({
    ...workerOptions,
    name: 'collector',
    modules: true,
    script,
    bindings: { ...workerOptions.bindings, BASE_PATH: '/pj', ...options.vars },
    queueConsumers:
      options.consumeQueues === false
        ? {}
        : {
            'pjcollector-events': { ...consumer, deadLetterQueue: 'pjcollector-dead-letters' },
            'pjcollector-dead-letters': consumer,
          },
    ratelimits: {
      BROWSER_RATE_LIMITER: { simple: { limit: options.browserRateLimit ?? 1_000, period: 60 } },
      SERVER_RATE_LIMITER: { simple: { limit: options.serverRateLimit ?? 1_000, period: 60 } },
    },
    host: '127.0.0.1',
    port: 0,
    verbose: false,
    handleRuntimeStdio: lineCollector(lines),
  } as ConstructorParameters<typeof Miniflare>[0]);
  const url = await miniflare.ready;
  const worker = (await miniflare.getWorker()) as unknown as {
    queue(queue: string, messages: QueuedMessage[]): Promise<BatchOutcome>;
  };
  return {
    collector: `${url.origin}/pj`,
    deliver: (messages) => worker.queue('pjcollector-events', messages),
    lines: () => lines,
    dispose: () => miniflare.dispose(),
  };
}

export interface WorkerdEmulatorOptions {
  /** The emulator's variables (emulator/wrangler.toml's defaults apply to the rest). */
  vars?: Record<string, string>;
  /**
   * Called with each line the emulator prints to stderr. By default nothing is shown: it prints
   * its seed (public test credentials) on start, which no test report needs.
   */
  onStderrLine?: (line: string) => void;
}

/** The Prisjakt API emulator under workerd on a free loopback port; its URL and a stop. */
export async function startWorkerdEmulator(
  options: WorkerdEmulatorOptions = {},
): Promise<{ url: string; dispose(): Promise<void> }> {
  emulatorBundle ??= bundle('emulator/src/worker.ts');
  const miniflare = new Miniflare({
    modules: true,
    script: await emulatorBundle,
    compatibilityDate: '2026-04-20',
    bindings: options.vars ?? {},
    host: '127.0.0.1',
    port: 0,
    verbose: false,
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      const forward = options.onStderrLine;
      if (forward === undefined) {
        stderr.resume();
        return;
      }
      stderr.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (line.trim() !== '') forward(line);
      });
    },
  });
  const url = await miniflare.ready;
  return { url: url.origin, dispose: () => miniflare.dispose() };
}
