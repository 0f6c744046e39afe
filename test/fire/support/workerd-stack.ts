// The collector and the emulator under workerd through Miniflare, as `wrangler dev` runs them,
// with the collector's own wrangler.toml bindings (KV, queues, rate limiters) but a queue that
// flushes every 50 ms instead of every second, so that outages and retries play out in seconds.
// It also lets a test hand the queue consumer a batch itself, to redeliver a message.
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { type ShopPage, shopPages } from '#tooling/stack/shop-pages.ts';
import { startSiteServer } from '#tooling/stack/site-server.ts';
import { REPO_ROOT } from '#tooling/stack/wrangler-dev.ts';
import type { FireStack } from './fire-stack.ts';
import { FAST_RECOVERY_VARS } from './settings.ts';

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

/** The Prisjakt API emulator under workerd on a free loopback port; its URL and a stop. */
export async function startWorkerdEmulator(
  vars: Record<string, string> = {},
): Promise<{ url: string; dispose(): Promise<void> }> {
  emulatorBundle ??= bundle('emulator/src/worker.ts');
  const miniflare = new Miniflare({
    modules: true,
    script: await emulatorBundle,
    compatibilityDate: '2026-04-20',
    bindings: { RATE_LIMIT_PER_HOUR: '1000000', COLLECTOR_URL: '', ...vars },
    host: '127.0.0.1',
    port: 0,
    verbose: false,
    // It prints its seed (public test credentials) on start; nothing of it is needed here.
    handleRuntimeStdio: lineCollector([]),
  });
  const url = await miniflare.ready;
  return { url: url.origin, dispose: () => miniflare.dispose() };
}

export interface WorkerdStackOptions {
  pages?: Record<string, ShopPage | string>;
  /** Variables for the collector, on top of {@link FAST_RECOVERY_VARS}. */
  collectorVars?: Record<string, string>;
  /** Variables for the emulator (`RATE_LIMIT_PER_HOUR` to scale the API's quota down). */
  emulatorVars?: Record<string, string>;
  browserRateLimit?: number;
  serverRateLimit?: number;
  /**
   * Where the collector reaches the API, given the emulator's URL (default: the emulator
   * itself); a test puts a fault proxy there.
   */
  apiUrl?: (emulatorUrl: string) => string;
}

/** The fire stack on workerd: emulator, collector and the fixture shop in front. */
export interface WorkerdStack extends FireStack {
  deliver: WorkerdCollector['deliver'];
}

/**
 * Starts the emulator, the collector upstream of it and the fixture shop (which proxies `/pj/*`
 * to the collector, as a route on the shop's own domain does).
 */
export async function startWorkerdStack(options: WorkerdStackOptions = {}): Promise<WorkerdStack> {
  const emulator = await startWorkerdEmulator(options.emulatorVars);
  let collector: WorkerdCollector;
  try {
    collector = await startWorkerdCollector({
      vars: {
        ...FAST_RECOVERY_VARS,
        PRISJAKT_API_URL: options.apiUrl?.(emulator.url) ?? emulator.url,
        ...options.collectorVars,
      },
      ...(options.browserRateLimit === undefined
        ? {}
        : { browserRateLimit: options.browserRateLimit }),
      ...(options.serverRateLimit === undefined
        ? {}
        : { serverRateLimit: options.serverRateLimit }),
    });
  } catch (error) {
    await emulator.dispose();
    throw error;
  }
  const pages = shopPages(options.pages);
  const site = await startSiteServer({
    collectorUrl: new URL(collector.collector).origin,
    handler: pages.handler,
  });
  return {
    shopUrl: site.url,
    collector: collector.collector,
    emulatorUrl: emulator.url,
    setPage: pages.setPage,
    collectorLines: collector.lines,
    deliver: collector.deliver,
    stop: async () => {
      await site.stop();
      await Promise.all([collector.dispose(), emulator.dispose()]);
    },
  };
}
