import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { REPO_ROOT, readRepoFile, readSetting } from '../repo.ts';
import type { MicroOperationResult, MicroResults } from '../results.ts';
import { summarize } from '../stats.ts';
import type { MicroCensusReport, MicroOperationInfo, MicroRunReport } from './protocol.ts';

export interface MicroOptions {
  /** Timed samples per operation (after one warm-up round). */
  samples: number;
  /** Wall time each sample aims at; workerd's clock ticks in whole milliseconds. */
  sampleTargetMs: number;
  /** Runs per operation for the census of binding calls and log lines. */
  censusRuns: number;
}

/** The most runs one sample may take (the inputs are built in memory first). */
const MAX_RUNS_PER_SAMPLE = 20_000;
/** Fixed, so every run shuffles the rounds the same way. */
const ROUND_ORDER_SEED = 20_261_126;

/** Mulberry32: a small seeded generator, uniform enough to shuffle a dozen items. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A Fisher-Yates shuffled copy. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/**
 * Times the collector's hot paths inside workerd, the runtime it runs on, through Miniflare:
 * bundles bench/src/workerd/micro/workerd-entry.ts (the collector, the no-op route, in-memory
 * bindings), sizes each sample so it lasts about `sampleTargetMs` (the clock ticks in whole
 * milliseconds, so that bounds the rounding error to a few percent), then takes the samples in
 * rounds of every operation in a shuffled order, so a busy moment on the machine, or another
 * operation's garbage, hits every operation alike.
 *
 * @throws Error when a run of the collector did not do what it should.
 */
export async function runMicroBenchmark(options: MicroOptions): Promise<MicroResults> {
  const compatibilityDate = readSetting('wrangler.toml', /^compatibility_date\s*=\s*"([^"]+)"/m);
  const bundle = await build({
    entryPoints: [join(REPO_ROOT, 'tooling/bench/src/workerd/micro/workerd-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    // The script the "before" of the cost model serves (workerd/script-from-worker.ts).
    define: { BENCH_PIXEL_SCRIPT: JSON.stringify(readRepoFile('dist/pjpixel.js')) },
    write: false,
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const miniflare = new Miniflare({ modules: true, script, compatibilityDate });
  try {
    const call = async <T>(path: string): Promise<T> => {
      const response = await miniflare.dispatchFetch(`http://bench${path}`);
      const text = await response.text();
      if (response.status !== 200) throw new Error(`micro-benchmark ${path}: ${text}`);
      return JSON.parse(text) as T;
    };
    const operations = await call<MicroOperationInfo[]>('/operations');
    const sample = (id: string, runs: number) =>
      call<MicroRunReport>(`/run?operation=${id}&runs=${runs}`);

    // Warm-up (the JIT compiles the hot paths, as in an isolate that has served a while), and
    // a first measure to size the samples.
    const runsPerSample = new Map<string, number>();
    for (const operation of operations) {
      let runs = 8;
      let report = await sample(operation.id, runs);
      while (report.elapsedMs < options.sampleTargetMs / 4 && runs < MAX_RUNS_PER_SAMPLE) {
        runs = Math.min(runs * 4, MAX_RUNS_PER_SAMPLE);
        report = await sample(operation.id, runs);
      }
      const perRunMs = Math.max(report.elapsedMs, 1) / runs;
      const sized = Math.ceil(options.sampleTargetMs / perRunMs);
      runsPerSample.set(operation.id, Math.min(Math.max(sized, 4), MAX_RUNS_PER_SAMPLE));
    }

    const microsPerMessage = new Map<string, number[]>(operations.map((op) => [op.id, []]));
    const random = seededRandom(ROUND_ORDER_SEED);
    for (let round = 0; round < options.samples; round += 1) {
      // A new order every round: an operation that follows a wasteful one pays for its garbage
      // collection, and a fixed order would always bill the same one (the cheap baseline most).
      for (const operation of shuffled(operations, random)) {
        let runs = runsPerSample.get(operation.id) as number;
        let report = await sample(operation.id, runs);
        // A sample sized while the code was still cold can come out too short for the clock's
        // whole milliseconds (even 0): it is taken again, longer, and the longer size kept.
        while (report.elapsedMs < options.sampleTargetMs / 2 && runs < MAX_RUNS_PER_SAMPLE) {
          runs = Math.min(runs * 2, MAX_RUNS_PER_SAMPLE);
          runsPerSample.set(operation.id, runs);
          report = await sample(operation.id, runs);
        }
        microsPerMessage
          .get(operation.id)
          ?.push((report.elapsedMs * 1000) / (runs * operation.messagesPerRun));
      }
    }

    const results: MicroOperationResult[] = [];
    for (const operation of operations) {
      const census = await call<MicroCensusReport>(
        `/census?operation=${operation.id}&runs=${options.censusRuns}`,
      );
      results.push({
        id: operation.id,
        label: operation.label,
        baselineId: operation.baselineId,
        messagesPerRun: operation.messagesPerRun,
        runsPerSample: runsPerSample.get(operation.id) as number,
        perMessageMicros: summarize(microsPerMessage.get(operation.id) as number[]),
        ratioMedian: undefined,
        ratioP99: undefined,
        census,
      });
    }
    for (const result of results) {
      const baseline = results.find((candidate) => candidate.id === result.baselineId);
      if (baseline === undefined) continue;
      result.ratioMedian = result.perMessageMicros.median / baseline.perMessageMicros.median;
      result.ratioP99 = result.perMessageMicros.p99 / baseline.perMessageMicros.p99;
    }
    return {
      runtime: `workerd (Miniflare ${miniflareVersion()}), compatibility date ${compatibilityDate}`,
      samples: options.samples,
      sampleTargetMs: options.sampleTargetMs,
      operations: results,
    };
  } finally {
    await miniflare.dispose();
  }
}

function miniflareVersion(): string {
  return readSetting('node_modules/miniflare/package.json', /"version":\s*"([^"]+)"/);
}
