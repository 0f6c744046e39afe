import type { Env } from '#worker/env.ts';
import type { DeadLetterQueueBody, EventMessage } from '#worker/queue/messages.ts';
import {
  AdmittingRateLimiter,
  asBinding,
  type BindingCounts,
  InMemoryKv,
  InMemoryQueue,
} from './in-memory-bindings.ts';

/** The shop the benchmark's requests come from: the collector runs on its route. */
export const BENCH_SHOP_ORIGIN = 'https://shop.example';
export const BENCH_BASE_PATH = '/pj';
/** The pixel and click of Prisjakt's own documented examples (the emulator's seed). */
export const BENCH_PIXEL_ID = '52907745-7672-470e-a803-a2f8feb52944';
export const BENCH_SIGNED_CLICK_ID = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';

/** A collector environment on in-memory bindings, and the counters those bindings keep. */
export interface BenchEnvironment {
  env: Env;
  counts: BindingCounts;
  dedupe: InMemoryKv;
  eventQueue: InMemoryQueue<EventMessage>;
}

/**
 * A production configuration (`ENVIRONMENT=production`, https API, the default log level), so
 * the collector does in the benchmark what it does on a shop's route. The API is never reached:
 * delivery benchmarks answer its requests in-process (upstream-responder.ts). The credentials
 * are placeholders of the right shape, not real ones.
 */
export function createBenchEnvironment(deliveryMode: 'single' | 'batch'): BenchEnvironment {
  const counts: BindingCounts = { kvReads: 0, kvWrites: 0, queueSends: 0, rateLimitChecks: 0 };
  const dedupe = new InMemoryKv(counts);
  const eventQueue = new InMemoryQueue<EventMessage>(counts);
  const env: Env = {
    DEDUPE: asBinding<KVNamespace>(dedupe),
    DEAD_LETTERS: asBinding<KVNamespace>(new InMemoryKv(counts)),
    EVENT_QUEUE: asBinding<Queue<EventMessage>>(eventQueue),
    DEAD_LETTER_QUEUE: asBinding<Queue<DeadLetterQueueBody>>(
      new InMemoryQueue<DeadLetterQueueBody>(counts),
    ),
    BROWSER_RATE_LIMITER: asBinding<RateLimit>(new AdmittingRateLimiter(counts)),
    SERVER_RATE_LIMITER: asBinding<RateLimit>(new AdmittingRateLimiter(counts)),
    ENVIRONMENT: 'production',
    BASE_PATH: BENCH_BASE_PATH,
    PIXEL_IDS: BENCH_PIXEL_ID,
    ALLOWED_ORIGINS: BENCH_SHOP_ORIGIN,
    PRISJAKT_API_URL: 'https://api.pj.nu/click-conversion',
    PRISJAKT_CLIENT_ID: 'benchmarkClientId0000000000000000',
    PRISJAKT_CLIENT_SECRET: 'benchmarkClientSecret000000000',
    DELIVERY_MODE: deliveryMode,
    SERVER_TOKEN: 'benchmark-server-token-0000000000',
  };
  return { env, counts, dedupe, eventQueue };
}

/** Sets every counter back to zero. */
export function resetCounts(counts: BindingCounts): void {
  counts.kvReads = 0;
  counts.kvWrites = 0;
  counts.queueSends = 0;
  counts.rateLimitChecks = 0;
}
