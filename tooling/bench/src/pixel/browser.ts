import type { Browser, Page, Request } from 'playwright-core';
import { SEED } from '#emulator/seed.ts';
import { BEACON_MAX_BYTES } from '#shared/beacon.ts';
import type { Stack } from '#tooling/stack/fixture-stack.ts';
import type { PixelMainThread, PixelResults } from '../results.ts';
import { percentile } from '../stats.ts';
import { BENCH_PAGES } from './pages.ts';
import { mainThreadEvaluations } from './trace.ts';

export interface PixelBrowserOptions {
  /** Page loads per CPU setting; each in a fresh context, as a first visit. */
  runs: number;
  /** CPU slow-down factors (1 = this machine); 4 is Lighthouse's mobile setting. */
  cpuThrottling: number[];
  /** Main-thread budget (load and init together) at each slow-down factor. */
  budgetMs: (cpuThrottling: number) => number;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** Fails the benchmark when the page threw: a pixel that errors has no meaningful timing. */
function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
}

/**
 * The pixel's cost to a shop's page, in Chromium: main-thread time of loading it and of `init`
 * (fresh contexts, so every load is a first visit with nothing cached), with and without CPU
 * throttling; and the bytes a purchase sends.
 */
export async function runPixelBrowserBenchmark(
  stack: Stack,
  browser: Browser,
  options: PixelBrowserOptions,
): Promise<Pick<PixelResults, 'mainThread' | 'purchase'>> {
  const mainThread: PixelMainThread[] = [];
  for (const cpuThrottling of options.cpuThrottling) {
    mainThread.push(await timeLoads(stack, browser, cpuThrottling, options));
  }
  return { mainThread, purchase: await measurePurchase(stack, browser) };
}

async function timeLoads(
  stack: Stack,
  browser: Browser,
  cpuThrottling: number,
  options: PixelBrowserOptions,
): Promise<PixelMainThread> {
  const initMs: number[] = [];
  const storageMs: number[] = [];
  const errors: string[] = [];
  await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
  let trace: Buffer;
  try {
    for (let run = 0; run < options.runs; run += 1) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        watchErrors(page, errors);
        if (cpuThrottling !== 1) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
        }
        await page.goto(stack.shopUrl + BENCH_PAGES.timing, { waitUntil: 'load' });
        await page.waitForFunction('typeof window.__pjInitMs === "number"');
        initMs.push((await page.evaluate('window.__pjInitMs')) as number);
        storageMs.push((await page.evaluate('window.__storageMs')) as number);
      } finally {
        await context.close();
      }
    }
  } finally {
    trace = await browser.stopTracing();
  }
  if (errors.length > 0) throw new Error(`the timing page threw: ${errors.join('; ')}`);

  const loadMs = mainThreadEvaluations(trace, '/pj/pjpixel.js').sort((a, b) => a - b);
  const emptyMs = mainThreadEvaluations(trace, BENCH_PAGES.emptyScript).sort((a, b) => a - b);
  if (loadMs.length !== options.runs || emptyMs.length !== options.runs) {
    throw new Error(
      `expected ${options.runs} evaluations of each script in the trace, found ${loadMs.length} and ${emptyMs.length}`,
    );
  }
  initMs.sort((a, b) => a - b);
  storageMs.sort((a, b) => a - b);
  return {
    cpuThrottling,
    runs: options.runs,
    loadMedianMs: percentile(loadMs, 0.5),
    loadP90Ms: percentile(loadMs, 0.9),
    initMedianMs: percentile(initMs, 0.5),
    initP90Ms: percentile(initMs, 0.9),
    storageOpenMedianMs: percentile(storageMs, 0.5),
    storageOpenP90Ms: percentile(storageMs, 0.9),
    emptyScriptLoadMedianMs: percentile(emptyMs, 0.5),
    budgetMs: options.budgetMs(cpuThrottling),
  };
}

/** What a request put on the wire: its headers as sent and its body. */
async function wireBytes(request: Request): Promise<{ body: number; total: number }> {
  const sizes = await request.sizes();
  return { body: sizes.requestBodySize, total: sizes.requestHeadersSize + sizes.requestBodySize };
}

/**
 * A shopper lands from Prisjakt, then buys: the bytes the pixel sends on the confirmation page
 * (the beacon and anything else it calls, not the script itself, which is the page view's).
 */
async function measurePurchase(stack: Stack, browser: Browser): Promise<PixelResults['purchase']> {
  const context = await browser.newContext();
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    watchErrors(page, errors);
    const landed = page.waitForResponse((response) => response.url().includes('/pj/click'));
    await page.goto(`${stack.shopUrl}${BENCH_PAGES.landing}?pjclid=${SEED.click.signedClickId}`, {
      waitUntil: 'load',
    });
    await landed;

    const sent: Request[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/pj/') && path !== '/pj/pjpixel.js') sent.push(request);
    });
    const collected = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
    await page.goto(`${stack.shopUrl}${BENCH_PAGES.thanks}?order=bench-${Date.now()}`, {
      waitUntil: 'load',
    });
    const beaconResponse = await collected;
    if (beaconResponse.status() !== 202) {
      throw new Error(`the beacon was answered ${beaconResponse.status()}`);
    }
    // Let anything else the pixel sends after the beacon go out before counting.
    await page.waitForTimeout(300);
    const beacon = await wireBytes(beaconResponse.request());
    let bytesSent = 0;
    for (const request of sent) bytesSent += (await wireBytes(request)).total;
    if (errors.length > 0) throw new Error(`the purchase pages threw: ${errors.join('; ')}`);
    return {
      beaconBodyBytes: beacon.body,
      beaconRequestBytes: beacon.total,
      requestsOnPurchasePage: sent.length,
      bytesSentOnPurchasePage: bytesSent,
      beaconLimitBytes: BEACON_MAX_BYTES,
    };
  } finally {
    await context.close();
  }
}
