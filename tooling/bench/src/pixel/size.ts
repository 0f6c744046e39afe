import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readRepoFile, readSetting } from '../repo.ts';

export interface PixelBytes {
  minified: number;
  gzip: number;
  brotli: number;
  /** The budget `npm run size` enforces (pixel/size.mjs). */
  gzipBudget: number;
}

/**
 * The built pixel's size as `npm run size` counts it: gzip at level 9 and brotli at quality 11,
 * what a CDN serves at best. The budget is read from pixel/size.mjs, so the two never disagree.
 *
 * @throws Error when dist/pjpixel.js is missing (run `npm run build`).
 */
export function measurePixelBytes(): PixelBytes {
  const source = Buffer.from(readRepoFile('dist/pjpixel.js'));
  return {
    minified: source.length,
    gzip: gzipSync(source, { level: 9 }).length,
    brotli: brotliCompressSync(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }).length,
    gzipBudget: Number(
      readSetting('pixel/size.mjs', /GZIP_BUDGET_BYTES\s*=\s*([\d_]+)/).replaceAll('_', ''),
    ),
  };
}
