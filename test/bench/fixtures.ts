import type {
  BenchResults,
  DeliveryResults,
  MicroOperationResult,
  MicroResults,
} from '#tooling/bench/src/results.ts';

const census = (overrides: Partial<MicroOperationResult['census']> = {}) => ({
  kvReads: 0,
  kvWrites: 0,
  queueSends: 0,
  rateLimitChecks: 0,
  apiRequests: 0,
  logLines: 1,
  logCharacters: 200,
  ...overrides,
});

function operation(
  id: string,
  medianMicros: number,
  messagesPerRun = 1,
  overrides: Partial<MicroOperationResult['census']> = {},
): MicroOperationResult {
  return {
    id,
    label: id,
    baselineId: id === 'noop' ? undefined : 'noop',
    messagesPerRun,
    runsPerSample: 100,
    perMessageMicros: {
      n: 60,
      median: medianMicros,
      p99: medianMicros * 2,
      mean: medianMicros,
      min: medianMicros,
      max: medianMicros * 2,
    },
    ratioMedian: id === 'noop' ? undefined : medianMicros / 4,
    ratioP99: id === 'noop' ? undefined : medianMicros / 4,
    census: census(overrides),
  };
}

/** Round figures, so that what the model derives from them can be worked out by hand. */
export const MICRO: MicroResults = {
  runtime: 'workerd (fixture)',
  samples: 60,
  sampleTargetMs: 15,
  operations: [
    operation('noop', 4, 1, { logLines: 0 }),
    operation('collect', 50, 1, {
      kvReads: 1,
      kvWrites: 1,
      queueSends: 1,
      rateLimitChecks: 1,
      logLines: 2,
    }),
    operation('collect.duplicate', 40, 1, { kvReads: 1, rateLimitChecks: 1, logLines: 2 }),
    operation('pixel', 20),
    operation('pixel.revalidate', 10),
    operation('click', 10, 1, { logLines: 2 }),
    operation('queue.single.1', 30, 1, { apiRequests: 1 }),
    operation('queue.single.100', 20, 100, { apiRequests: 1 }),
    operation('queue.batch.100', 5, 100, { apiRequests: 0.01 }),
  ],
};

export const DELIVERY: DeliveryResults = {
  latency: { beacons: 100, medianMs: 600, p99Ms: 1100, maxMs: 1200, batchTimeoutSeconds: 1 },
  perThousand: {
    single: { purchases: 1000, apiRequests: 1000, drainSeconds: 8 },
    batch: { purchases: 1000, apiRequests: 10, drainSeconds: 3 },
  },
};

/** A whole run's results but the table, as `tableRows` takes them. */
export function resultsWithout(cost: BenchResults['cost']): Omit<BenchResults, 'table'> {
  return {
    schema: 3,
    settings: 'full',
    startedAt: '2026-11-26T21:00:00.000Z',
    durationSeconds: 100,
    machine: {
      cpuModel: 'fixture CPU',
      cores: 2,
      memoryGiB: 8,
      platform: 'linux',
      node: '20.20.2',
      wrangler: '4.86.0',
      chromium: '156',
      loadAverageAtStart: [0.5, 0.5, 0.5],
      loadAverageAtEnd: [1, 0.6, 0.5],
      gitCommit: 'abc1234',
      gitDirty: false,
    },
    pixel: {
      bytes: { minified: 4000, gzip: 2100, brotli: 1900, gzipBudget: 2200 },
      mainThread: [
        {
          cpuThrottling: 1,
          runs: 20,
          loadMedianMs: 1,
          loadP90Ms: 2,
          initMedianMs: 1,
          initP90Ms: 2,
          storageOpenMedianMs: 3,
          storageOpenP90Ms: 4,
          emptyScriptLoadMedianMs: 0.1,
          budgetMs: 1000 / 60,
        },
        {
          cpuThrottling: 4,
          runs: 20,
          loadMedianMs: 6,
          loadP90Ms: 8,
          initMedianMs: 6,
          initP90Ms: 9,
          storageOpenMedianMs: 8,
          storageOpenP90Ms: 12,
          emptyScriptLoadMedianMs: 0.2,
          budgetMs: 1000 / 60,
        },
      ],
      baseline: {
        script: '@plausible-analytics/tracker 0.4.6',
        runs: [
          {
            cpuThrottling: 1,
            runs: 25,
            ours: { evaluateMedianMs: 0.8, initMedianMs: 1.5, totalMedianMs: 2.4 },
            plausible: { evaluateMedianMs: 0.7, initMedianMs: 2, totalMedianMs: 2.8 },
            oursWithDataLayer: { evaluateMedianMs: 0.8, initMedianMs: 1.75, totalMedianMs: 2.6 },
            ratio: 2.4 / 2.8,
          },
          {
            cpuThrottling: 4,
            runs: 25,
            ours: { evaluateMedianMs: 4, initMedianMs: 8, totalMedianMs: 12 },
            plausible: { evaluateMedianMs: 3, initMedianMs: 7, totalMedianMs: 10 },
            oursWithDataLayer: { evaluateMedianMs: 4, initMedianMs: 9, totalMedianMs: 13 },
            ratio: 1.2,
          },
        ],
      },
      purchase: {
        beaconBodyBytes: 245,
        beaconRequestBytes: 940,
        requestsOnPurchasePage: 1,
        bytesSentOnPurchasePage: 940,
        beaconLimitBytes: 8192,
      },
    },
    micro: MICRO,
    load: {
      connections: 10,
      secondsPerRound: 5,
      rounds: 2,
      deliveryMode: 'batch',
      logLevel: 'warn',
      noop: {
        path: '/pj/__bench/noop',
        requests: 20000,
        non2xx: 0,
        errors: 0,
        requestsPerSecond: 2000,
        latencyMs: { p50: 3, p90: 6, p99: 20, max: 40 },
      },
      collect: {
        path: '/pj/collect',
        requests: 5000,
        non2xx: 3,
        errors: 0,
        requestsPerSecond: 500,
        latencyMs: { p50: 15, p90: 30, p99: 60, max: 90 },
      },
    },
    delivery: DELIVERY,
    cost,
  };
}
