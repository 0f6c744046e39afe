import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { SEED } from '#emulator/seed.ts';
import type { ShopPage, Stack } from '#tooling/stack/fixture-stack.ts';
import { readRepoFile, readSetting } from '../repo.ts';
import type { PixelBaseline, PixelBaselineRun, ScriptTiming } from '../results.ts';
import { percentile } from '../stats.ts';

/** The baseline script: Plausible's official tracker, as a shop would bundle it. */
const BASELINE_PACKAGE = '@plausible-analytics/tracker';

/** Where the side-by-side pages live on the fixture shop. */
export const BASELINE_PAGES = {
  ours: '/bench/inline/pjpixel',
  plausible: '/bench/inline/plausible',
  oursWithDataLayer: '/bench/inline/pjpixel-datalayer',
} as const;

/**
 * What a tag manager has pushed by the time the pixel's `init` runs on a product page: Google
 * Tag Manager's container snippet (`gtm.start`), gtag's snippet (`js`, `config`), a Consent
 * Mode v2 default and the banner's stored update, and a GA4 `view_item` as Google's ecommerce
 * guide writes it. gtag pushes its `arguments` object, as here.
 */
const TAG_MANAGER_DATALAYER = `window.dataLayer = window.dataLayer || [];
function gtag() { dataLayer.push(arguments); }
gtag('consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied', wait_for_update: 500 });
dataLayer.push({ 'gtm.start': new Date().getTime(), event: 'gtm.js' });
gtag('js', new Date());
gtag('config', 'G-BENCH');
gtag('consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted' });
dataLayer.push({ ecommerce: null });
dataLayer.push({ event: 'view_item', ecommerce: { currency: 'SEK', value: 473, items: [{ item_id: 'KB-1', item_name: 'Kaffebryggare', price: 473, quantity: 1 }] } });`;

/** A 5 µs `performance.now()` instead of 100 µs (cross-origin isolation); nothing else changes. */
const ISOLATED = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Plausible's tracker bundled by esbuild into a minified IIFE whose exports are the global
 * `Plausible` (its `init` and `track`), from the package in node_modules.
 */
export async function bundlePlausibleTracker(): Promise<{ source: string; version: string }> {
  const result = await build({
    stdin: { contents: `export { init, track } from '${BASELINE_PACKAGE}';`, resolveDir: '.' },
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plausible',
    target: ['es2020'],
    write: false,
    logLevel: 'warning',
  });
  const version = readSetting(
    `node_modules/${BASELINE_PACKAGE}/package.json`,
    /"version":\s*"([^"]+)"/,
  );
  return { source: result.outputFiles[0]?.text ?? '', version };
}

/**
 * An otherwise empty page with `source` inlined and `init` run right after it. The page times
 * both from its own scripts: evaluation (compiling and running the inlined script) and `init`.
 * Storage is opened first, by the page, for both scripts alike: that synchronous round trip is
 * paid once per page by whichever script comes first (the pixel's own table shows it apart).
 */
function inlinedPage(title: string, source: string, init: string, before = ''): ShopPage {
  // An inlined script ends at the first `</script`; neither holds one, but never let it.
  const inline = source.replaceAll('</script', '<\\/script');
  return {
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><script>${before} try { localStorage.getItem('x'); document.cookie; } catch (e) {} window.__started = performance.now();</script><script>${inline}</script><script>var evaluated = performance.now(); ${init}; window.__timing = [evaluated - window.__started, performance.now() - evaluated];</script></head><body><h1>${title}</h1></body></html>`,
    headers: ISOLATED,
  };
}

/**
 * The two pages, identical but for the script: ours (`dist/pjpixel.js`, with `init` of the
 * seeded pixel) and Plausible's (with `init` of a site, sending its pageview to the shop).
 */
export function baselinePages(plausibleSource: string): Record<string, ShopPage> {
  const pixel = readRepoFile('dist/pjpixel.js');
  return {
    [BASELINE_PAGES.ours]: inlinedPage('Inlined pjpixel', pixel, `pjpixel.init('${SEED.pixelId}')`),
    // The same, reading the tag manager's entries (consent and purchases) at `init`, as it does.
    [BASELINE_PAGES.oursWithDataLayer]: inlinedPage(
      'Inlined pjpixel with a dataLayer',
      pixel,
      `pjpixel.init('${SEED.pixelId}', { dataLayer: true, consent: 'google' })`,
      TAG_MANAGER_DATALAYER,
    ),
    // `captureOnLocalhost`: on 127.0.0.1 it would otherwise skip the pageview it sends at init.
    // The shop answers the pageview 404; the timing ends before any answer.
    [BASELINE_PAGES.plausible]: inlinedPage(
      'Inlined Plausible',
      plausibleSource,
      "Plausible.init({ domain: 'shop.example', endpoint: '/bench/plausible/api/event', captureOnLocalhost: true })",
    ),
  };
}

export interface BaselineOptions {
  /** Page loads of each script per CPU setting, each in a fresh context. */
  runs: number;
  cpuThrottling: number[];
  version: string;
}

/**
 * Ours against Plausible's tracker, in one run: both inlined in otherwise empty pages, each load
 * in a fresh Chromium context, the pages taking turns (so a busy moment hits all), a `pjclid` on
 * the URL (a landing: the pixel's busiest `init`). Medians of evaluation, `init` and their sum.
 * Ours is loaded a third way too, with a tag manager's dataLayer to read at `init`.
 */
export async function runPixelBaseline(
  stack: Stack,
  browser: Browser,
  options: BaselineOptions,
): Promise<PixelBaseline> {
  const runs: PixelBaselineRun[] = [];
  for (const cpuThrottling of options.cpuThrottling) {
    const samples = {
      ours: [] as number[][],
      plausible: [] as number[][],
      oursWithDataLayer: [] as number[][],
    };
    const scripts = Object.keys(samples) as (keyof typeof samples)[];
    for (let run = 0; run < options.runs; run += 1) {
      const order = run % 2 === 0 ? scripts : [...scripts].reverse();
      for (const script of order) {
        samples[script].push(
          await timeOneLoad(stack, browser, BASELINE_PAGES[script], cpuThrottling),
        );
      }
    }
    const ours = summarize(samples.ours);
    const plausible = summarize(samples.plausible);
    runs.push({
      cpuThrottling,
      runs: options.runs,
      ours,
      plausible,
      oursWithDataLayer: summarize(samples.oursWithDataLayer),
      ratio: ours.totalMedianMs / plausible.totalMedianMs,
    });
  }
  return { script: `${BASELINE_PACKAGE} ${options.version}`, runs };
}

async function timeOneLoad(
  stack: Stack,
  browser: Browser,
  path: string,
  cpuThrottling: number,
): Promise<number[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    if (cpuThrottling !== 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
    }
    await page.goto(`${stack.shopUrl}${path}?pjclid=${SEED.click.signedClickId}`, {
      waitUntil: 'load',
    });
    const timing = (await page.evaluate('window.__timing')) as number[] | undefined;
    if (errors.length > 0 || timing === undefined) {
      throw new Error(`${path} did not time its script: ${errors.join('; ') || 'no timing'}`);
    }
    return timing;
  } finally {
    await context.close();
  }
}

function summarize(samples: number[][]): ScriptTiming {
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  return {
    evaluateMedianMs: median(samples.map(([evaluate = 0]) => evaluate)),
    initMedianMs: median(samples.map(([, init = 0]) => init)),
    totalMedianMs: median(samples.map(([evaluate = 0, init = 0]) => evaluate + init)),
  };
}
