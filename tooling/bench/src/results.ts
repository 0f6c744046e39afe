import type { MicroCensusReport } from './micro/protocol.ts';
import type { Summary } from './stats.ts';

/** What one run of `npm run bench` measured: the content of bench/results/latest.json. */
export interface BenchResults {
  /** Bump when a field changes meaning, so old files are not compared with new ones. */
  schema: 3;
  /** `quick` runs take too few samples to quote. */
  settings: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  pixel: PixelResults;
  micro: MicroResults;
  load: LoadResults;
  delivery: DeliveryResults;
  cost: CostResults;
  /** Every figure as one table row, as printed. */
  table: TableRow[];
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  wrangler: string;
  chromium: string;
  /** 1-, 5- and 15-minute load averages when the run started and when it ended. */
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  gitCommit: string;
  /** Whether the work tree had changes the commit does not hold. */
  gitDirty: boolean;
}

/** One operation of the micro-benchmark; timings are microseconds per message. */
export interface MicroOperationResult {
  id: string;
  label: string;
  baselineId: string | undefined;
  /** Queue messages per run (1 for an HTTP request). */
  messagesPerRun: number;
  /** Runs timed together in one sample (workerd's clock ticks in whole milliseconds). */
  runsPerSample: number;
  /** Over the samples: each is the mean time per message of `runsPerSample` runs. */
  perMessageMicros: Summary;
  /** Median and p99 divided by those of the baseline; undefined for the baseline. */
  ratioMedian: number | undefined;
  ratioP99: number | undefined;
  /** Per message, over a census run: what it asks of bindings, the API and the logs. */
  census: Omit<MicroCensusReport, 'operation'>;
}

export interface MicroResults {
  runtime: string;
  samples: number;
  sampleTargetMs: number;
  operations: MicroOperationResult[];
}

export interface PixelResults {
  bytes: { minified: number; gzip: number; brotli: number; gzipBudget: number };
  /** Milliseconds of main-thread work, medians (and p90) over `runs` page loads. */
  mainThread: PixelMainThread[];
  /** Ours beside Plausible's tracker, both inlined, measured alike in the same run. */
  baseline: PixelBaseline;
  purchase: {
    beaconBodyBytes: number;
    beaconRequestBytes: number;
    requestsOnPurchasePage: number;
    bytesSentOnPurchasePage: number;
    beaconLimitBytes: number;
  };
}

export interface PixelBaseline {
  /** The baseline script: package and version. */
  script: string;
  runs: PixelBaselineRun[];
}

export interface PixelBaselineRun {
  cpuThrottling: number;
  /** Page loads of each script. */
  runs: number;
  ours: ScriptTiming;
  plausible: ScriptTiming;
  /** Ours with a tag manager's dataLayer to read (`dataLayer: true, consent: 'google'`). */
  oursWithDataLayer: ScriptTiming;
  /** Ours' median evaluation + init over Plausible's: at most 1 is at or below it. */
  ratio: number;
}

/** Main-thread milliseconds of an inlined script, medians over the loads. */
export interface ScriptTiming {
  evaluateMedianMs: number;
  initMedianMs: number;
  /** The median of each load's evaluation + init. */
  totalMedianMs: number;
}

export interface PixelMainThread {
  cpuThrottling: number;
  runs: number;
  /** Parse, compile and top-level run of pjpixel.js, from the browser's trace. */
  loadMedianMs: number;
  loadP90Ms: number;
  /** `pjpixel.init(…)` in the page's load listener, timed by the page, storage already open. */
  initMedianMs: number;
  initP90Ms: number;
  /**
   * The page's first access to localStorage and cookies (a synchronous round trip to the browser
   * process), which the first script to touch them pays once per page.
   */
  storageOpenMedianMs: number;
  storageOpenP90Ms: number;
  /** The same measure for an empty script loaded the same way. */
  emptyScriptLoadMedianMs: number;
  budgetMs: number;
}

export interface LoadRoute {
  path: string;
  requests: number;
  non2xx: number;
  errors: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

export interface LoadResults {
  connections: number;
  secondsPerRound: number;
  rounds: number;
  deliveryMode: string;
  logLevel: string;
  noop: LoadRoute;
  collect: LoadRoute;
}

export interface DeliveryResults {
  latency: {
    beacons: number;
    medianMs: number;
    p99Ms: number;
    maxMs: number;
    batchTimeoutSeconds: number;
  };
  perThousand: {
    single: { purchases: number; apiRequests: number; drainSeconds: number };
    batch: { purchases: number; apiRequests: number; drainSeconds: number };
  };
}

export interface CostLine {
  item: string;
  unit: string;
  perThousandPurchases: number;
  perMillionPageViews: number;
}

export interface CostResults {
  assumptions: Record<string, number | string>;
  lines: CostLine[];
  /** US dollars on the Paid plan once its inclusions are used up. */
  marginalUsd: { perThousandPurchases: number; perMillionPageViews: number };
  /** The example shop of the assumptions, for a month. */
  monthly: {
    pageViews: number;
    purchases: number;
    freePlanFits: boolean;
    /** The Free plan allowance closest to its limit, with use and limit a day. */
    freePlanLimitingItem: string;
    /** Page views a day (at the assumed mix) before the first Free plan allowance runs out. */
    freePlanMaxPageViewsPerDay: number;
    /** The highest median CPU time of one invocation measured, against Free's 10 ms. */
    slowestCpuMsPerInvocation: number;
    paidPlanUsd: number;
    paidPlanBreakdown: Record<string, number>;
  };
  /** The same shop with the script served by the Worker (before) and as a static asset (after). */
  scriptServing: { before: ScriptServingCost; after: ScriptServingCost };
  /** Three shop sizes at the assumed mix, for the playbook's cost section. */
  shops: ShopSizeCost[];
  priceListSources: string[];
}

/** One way of serving the script, for the example shop. */
export interface ScriptServingCost {
  workerRequestsPerMillionPageViews: number;
  cpuMsPerMillionPageViews: number;
  /** Page views a day before the first Free plan allowance runs out, and which one it is. */
  freePlanMaxPageViewsPerDay: number;
  freePlanCeilingItem: string;
}

/** A month of a shop of one size, the script a static asset. */
export interface ShopSizeCost {
  name: string;
  pageViewsPerMonth: number;
  purchasesPerMonth: number;
  workerRequestsPerMonth: number;
  freePlanFits: boolean;
  freePlanLimitingItem: string;
  paidPlanUsd: number;
}

/** One line of the printed table. */
export interface TableRow {
  section: string;
  measure: string;
  figure: string;
  against: string;
  verdict: string;
}
