import autocannon, { type AutocannonResult } from 'autocannon';
import { SEED } from '#emulator/seed.ts';
import type { LoadResults, LoadRoute } from '../results.ts';
import { percentile } from '../stats.ts';
import { NOOP_PATH } from '../workerd/noop-app.ts';

export interface LoadOptions {
  /** The collector with the no-op route (the load entry under `wrangler dev`), base path `/pj`. */
  collectorUrl: string;
  connections: number;
  secondsPerRound: number;
  /** Rounds per route; they alternate, no-op first. */
  rounds: number;
  deliveryMode: string;
  /** The collector's `LOG_LEVEL`, reported with the figures. */
  logLevel: string;
  /** Waits until the queue has delivered what a round accepted (so it does not burden the next). */
  waitForDelivery: () => Promise<void>;
}

interface RouteRun {
  result: AutocannonResult;
  latenciesMs: number[];
}

/** The browser origin the beacons carry: a shop page on loopback, as in local development. */
const ORIGIN = 'http://127.0.0.1:8080';

/**
 * `/collect` under `wrangler dev` on loopback against the no-op route of the same server, in
 * alternating rounds of `connections` keep-alive connections for `secondsPerRound` each. Every
 * beacon is a new purchase (its own order id) from its own address (so the rate limiter, which
 * counts per address, does not turn the benchmark into a 429 benchmark), sent as the pixel sends
 * it; the no-op route gets the very same requests.
 */
export async function runLoadBenchmark(options: LoadOptions): Promise<LoadResults> {
  const runId = Date.now().toString(36);
  let sequence = 0;
  const request = (path: string) => ({
    method: 'POST',
    path,
    setupRequest: (prepared: { headers?: Record<string, string>; body?: string | Buffer }) => {
      sequence += 1;
      prepared.headers = {
        'Content-Type': 'text/plain;charset=UTF-8',
        Origin: ORIGIN,
        'CF-Connecting-IP': `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}`,
      };
      prepared.body = JSON.stringify({
        pixel_id: SEED.pixelId,
        event: 'purchase',
        event_id: `load-${runId}-${sequence}`,
        amount: 122.95,
        currency: 'EUR',
        items: 4,
        pjclid: SEED.click.signedClickId,
        time: new Date().toISOString(),
      });
      return prepared;
    },
  });

  const run = (path: string, seconds: number): Promise<RouteRun> =>
    new Promise((resolve, reject) => {
      const latenciesMs: number[] = [];
      const instance = autocannon(
        {
          url: options.collectorUrl,
          connections: options.connections,
          duration: seconds,
          timeout: 10,
          requests: [request(path)],
        },
        (error, result) => (error ? reject(error) : resolve({ result, latenciesMs })),
      );
      instance.on('response', (_client, _status, _bytes, responseTime) => {
        latenciesMs.push(responseTime);
      });
    });

  const noopPath = `/pj${NOOP_PATH}`;
  const collectPath = '/pj/collect';
  // Warm-up: connections open, both routes compiled; not counted.
  await run(noopPath, 1);
  await run(collectPath, 1);
  await options.waitForDelivery();

  const noopRuns: RouteRun[] = [];
  const collectRuns: RouteRun[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    noopRuns.push(await run(noopPath, options.secondsPerRound));
    collectRuns.push(await run(collectPath, options.secondsPerRound));
    await options.waitForDelivery();
  }
  return {
    connections: options.connections,
    secondsPerRound: options.secondsPerRound,
    rounds: options.rounds,
    deliveryMode: options.deliveryMode,
    logLevel: options.logLevel,
    noop: summarizeRoute(noopPath, noopRuns),
    collect: summarizeRoute(collectPath, collectRuns),
  };
}

function summarizeRoute(path: string, runs: RouteRun[]): LoadRoute {
  const latencies = runs.flatMap((run) => run.latenciesMs).sort((a, b) => a - b);
  const requests = runs.reduce((sum, run) => sum + run.result.requests.total, 0);
  const seconds = runs.reduce((sum, run) => sum + run.result.duration, 0);
  return {
    path,
    requests,
    non2xx: runs.reduce((sum, run) => sum + run.result.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.result.errors, 0),
    requestsPerSecond: requests / seconds,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p90: percentile(latencies, 0.9),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? 0,
    },
  };
}
