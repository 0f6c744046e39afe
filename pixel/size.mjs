// The pixel's size budget, checked in `npm test` (`npm run size`): prints the built script's
// minified, gzip and brotli sizes and fails when gzip exceeds the budget. Every shop page loads
// this script, so its size is a feature: a change that grows it must earn its bytes.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Bytes of the gzipped script (level 9, what a CDN serves at best). The target is 1,536 B; the
 * full feature set measures about 2,250 B, and removing every optional feature together only
 * reaches about 1,420 B (the cost of each is in docs/pixel.md, "Size"). Until that trade-off
 * is settled, this budget holds the line just above today's size, so any growth fails here.
 * It was raised by 130 B for the warning that a purchase is kept on a 403/404 (the shop's own
 * ALLOWED_ORIGINS or PIXEL_IDS) and the check of `init`'s pixel id: both replace a silent loss;
 * and by 60 B for moving the outbox and the collector's click copy to idle time: what every
 * page view's main thread pays at load and `init` is worth more than those bytes.
 */
export const GZIP_BUDGET_BYTES = 2390;
export const GZIP_TARGET_BYTES = 1536;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const path = join(root, 'dist/pjpixel.js');
let source;
try {
  source = readFileSync(path);
} catch {
  console.error('size: dist/pjpixel.js is missing; run `npm run build` first.');
  process.exit(1);
}
const gzip = gzipSync(source, { level: 9 }).length;
const brotli = brotliCompressSync(source, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
  },
}).length;

console.log(
  `pixel size: ${source.length} B minified, ${gzip} B gzip, ${brotli} B brotli (budget: ${GZIP_BUDGET_BYTES} B gzip, target: ${GZIP_TARGET_BYTES} B)`,
);
if (gzip > GZIP_BUDGET_BYTES) {
  console.error(
    `pixel size: ${gzip - GZIP_BUDGET_BYTES} B over the ${GZIP_BUDGET_BYTES} B gzip budget.\n` +
      '  See what grew: npx esbuild pixel/src/index.ts --bundle --minify --format=iife --analyze\n' +
      '  Then make it smaller (shorter strings, shared code, no new dependencies), or, if the\n' +
      '  bytes are worth it, raise GZIP_BUDGET_BYTES in pixel/size.mjs in the same change and\n' +
      '  say why in its description.',
  );
  process.exit(1);
}
