import type { Browser } from 'playwright-core';
import { SEED } from '#emulator/seed.ts';
import { launchChromium } from '#tooling/stack/chromium.ts';
import { type Stack, startStack } from '#tooling/stack/fixture-stack.ts';
import { freePort } from '#tooling/stack/ports.ts';
import { startTogether } from '#tooling/stack/start-together.ts';
import { startWranglerDev, type WranglerDev } from '#tooling/stack/wrangler-dev.ts';
import { BUDGETS } from './budgets.ts';
import { costModel } from './cost/model.ts';
import { waitForQuiet } from './delivery/emulator.ts';
import { runDeliveryBenchmark } from './delivery/run-delivery.ts';
import { runLoadBenchmark } from './load/run-load.ts';
import { runMicroBenchmark } from './micro/run-micro.ts';
import { baselinePages, bundlePlausibleTracker, runPixelBaseline } from './pixel/baseline.ts';
import { runPixelBrowserBenchmark } from './pixel/browser.ts';
import { benchPages } from './pixel/pages.ts';
import { measurePixelBytes } from './pixel/size.ts';
import { readSetting } from './repo.ts';
import { describeMachine, loadAverage } from './report/machine.ts';
import { formatReport, redrawLastResults, saveResults } from './report/output.ts';

/** How much of everything a run does; `--quick` is for checking the benchmark itself. */
const SETTINGS = {
  full: {
    micro: { samples: 60, sampleTargetMs: 15, censusRuns: 20 },
    pixelRuns: 20,
    baselineRuns: 25,
    latency: { beacons: 100, intervalMs: 50 },
    burstPurchases: 1000,
    load: { connections: 10, secondsPerRound: 5, rounds: 2 },
  },
  quick: {
    micro: { samples: 5, sampleTargetMs: 10, censusRuns: 5 },
    pixelRuns: 3,
    baselineRuns: 3,
    latency: { beacons: 10, intervalMs: 50 },
    burstPurchases: 100,
    load: { connections: 10, secondsPerRound: 2, rounds: 1 },
  },
} as const;

/** The log level of the collector under load (see where it is started). */
/** The load benchmark's entry: the collector plus a no-op route to compare it with. */
const LOAD_ENTRY = 'tooling/bench/src/workerd/load-entry.ts';
const LOAD_LOG_LEVEL = 'warn';

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function failed(error: unknown): number {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`bench: FAILED: ${detail}\n`);
  return 1;
}

/**
 * `npm run bench`: every figure of docs/benchmarks.md, measured the same way every time, printed
 * as one table (stdout) and written to bench/results/latest.json. Progress goes to stderr.
 * `--quick` takes a few samples of everything; `--table` prints the last run's table again.
 *
 * @returns the process exit code: 0 when every measurement ran (budgets overrun included:
 *   timings depend on the machine), 1 when one could not be taken.
 */
export async function runBench(options: { argv: string[] }): Promise<number> {
  if (options.argv.includes('--table')) {
    try {
      process.stdout.write(formatReport(redrawLastResults()));
      return 0;
    } catch (error) {
      return failed(error);
    }
  }
  const quick = options.argv.includes('--quick');
  const settings = quick ? SETTINGS.quick : SETTINGS.full;
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  progress(`${quick ? 'quick run' : 'full run'}; load average ${loadAtStart.join(' ')}`);

  let stack: Stack | undefined;
  let batchCollector: WranglerDev | undefined;
  let browser: Browser | undefined;
  try {
    const bytes = measurePixelBytes();
    const plausible = await bundlePlausibleTracker();

    // First, while nothing else of the benchmark runs: CPU timings want a quiet machine.
    progress('collector CPU, in workerd (micro-benchmark)');
    const micro = await runMicroBenchmark(settings.micro);

    progress('starting the emulator, the collectors and Chromium');
    const batchPort = await freePort();
    [stack, browser] = await startTogether([
      startStack({ pages: { ...benchPages(SEED.pixelId), ...baselinePages(plausible.source) } }),
      launchChromium(),
    ]);
    // The collector's own configuration with the load benchmark's entry, which adds the no-op
    // route, so both routes run on one server.
    batchCollector = await startWranglerDev({
      name: 'benchmark collector',
      entry: LOAD_ENTRY,
      port: batchPort,
      healthPath: '/pj/healthz',
      logLevel: 'warn',
      startTimeoutMs: 90_000,
      vars: {
        PRISJAKT_API_URL: stack.emulatorUrl,
        BASE_PATH: '/pj',
        DELIVERY_MODE: 'batch',
        // wrangler dev relays every console line to its own process, which under load costs
        // more than the Worker's own work; on Cloudflare lines go to Workers Logs. The CPU of
        // building the lines is in the micro-benchmark, which runs at the default level.
        LOG_LEVEL: LOAD_LOG_LEVEL,
      },
    });

    progress('pixel in Chromium');
    const pixelBrowser = await runPixelBrowserBenchmark(stack, browser, {
      runs: settings.pixelRuns,
      cpuThrottling: [1, 4],
      budgetMs: BUDGETS.pixelMainThreadMs,
    });
    progress(`pixel beside Plausible's tracker ${plausible.version}, inlined`);
    const baseline = await runPixelBaseline(stack, browser, {
      runs: settings.baselineRuns,
      cpuThrottling: [1, 4],
      version: plausible.version,
    });
    const chromiumVersion = browser.version();
    await browser.close();
    browser = undefined;

    progress('delivery to the emulator');
    const emulatorUrl = stack.emulatorUrl;
    const delivery = await runDeliveryBenchmark({
      emulatorUrl,
      singleCollectorUrl: stack.collectorUrl,
      batchCollectorUrl: batchCollector.url,
      latencyBeacons: settings.latency.beacons,
      latencyIntervalMs: settings.latency.intervalMs,
      burstPurchases: settings.burstPurchases,
      batchTimeoutSeconds: Number(readSetting('wrangler.toml', /^max_batch_timeout\s*=\s*(\d+)/m)),
    });

    progress('collector under load (wrangler dev, loopback)');
    const load = await runLoadBenchmark({
      collectorUrl: batchCollector.url,
      ...settings.load,
      deliveryMode: 'batch',
      logLevel: LOAD_LOG_LEVEL,
      waitForDelivery: () => waitForQuiet(emulatorUrl, 1_500, 60_000),
    });

    const results = saveResults({
      schema: 3,
      settings: quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: describeMachine(chromiumVersion, loadAtStart),
      pixel: { bytes, ...pixelBrowser, baseline },
      micro,
      load,
      delivery,
      cost: costModel(micro, delivery),
    });
    process.stdout.write(formatReport(results));
    return 0;
  } catch (error) {
    return failed(error);
  } finally {
    await Promise.allSettled([browser?.close(), batchCollector?.stop(), stack?.stop()]);
  }
}
