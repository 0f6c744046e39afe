import type { ShopPage } from '#tooling/stack/fixture-stack.ts';

/** Where the benchmark's pages live on the fixture shop. */
export const BENCH_PAGES = {
  timing: '/bench/timing',
  emptyScript: '/bench/empty.js',
  landing: '/bench/landing',
  thanks: '/bench/thanks',
} as const;

/**
 * Cross-origin isolation gives the page a 5 µs `performance.now()` instead of 100 µs; the
 * pixel and the empty script are same-origin, so nothing else changes.
 */
const ISOLATED = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function html(title: string, head: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><h1>${title}</h1></body></html>`;
}

/**
 * The pages of the pixel benchmark, each with Prisjakt's documented snippet (an async script
 * tag, `init` in a `load` listener) and only the script's `src` swapped:
 * - timing: the snippet with `init` timed by the page (after the page has opened localStorage
 *   and cookies, timed too), and an empty script loaded the same way (the baseline of what any
 *   script tag costs);
 * - landing: an arrival from Prisjakt (the click id comes in the URL);
 * - thanks: an order confirmation that calls `track` with the order from its `?order=`.
 */
export function benchPages(pixelId: string): Record<string, ShopPage> {
  const snippet = (onLoad: string) =>
    `<script async src="/pj/pjpixel.js"></script><script>window.addEventListener('load', function () { ${onLoad} });</script>`;
  return {
    [BENCH_PAGES.timing]: {
      body: html(
        'Timing',
        `<script async src="${BENCH_PAGES.emptyScript}"></script>${snippet(
          // The first access to localStorage and to cookies is a synchronous round trip to the
          // browser process, paid once per page by whichever script comes first: timed apart,
          // so that init's own figure is the pixel's work.
          "var started = performance.now(); try { localStorage.getItem('pjpixel_conversion'); document.cookie; } catch (e) {} window.__storageMs = performance.now() - started; " +
            `started = performance.now(); pjpixel.init('${pixelId}'); window.__pjInitMs = performance.now() - started;`,
        )}`,
      ),
      headers: ISOLATED,
    },
    [BENCH_PAGES.emptyScript]: {
      body: '',
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    },
    [BENCH_PAGES.landing]: { body: html('Product', snippet(`pjpixel.init('${pixelId}');`)) },
    [BENCH_PAGES.thanks]: {
      body: html(
        'Thank you',
        snippet(
          `pjpixel.init('${pixelId}'); pjpixel.track('purchase', { amount: 122.95, currency: 'EUR', numberOfItems: 4 }, { eventId: new URLSearchParams(location.search).get('order') });`,
        ),
      ),
    },
  };
}
