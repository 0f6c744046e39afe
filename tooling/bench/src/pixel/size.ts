import { join } from 'node:path';
import { compressedSize } from '#tooling/scripts/compressed-size.mjs';
import { REPO_ROOT, readSetting } from '../repo.ts';

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
  const { bytes, gzip, brotli } = compressedSize(join(REPO_ROOT, 'dist/pjpixel.js'));
  return {
    minified: bytes,
    gzip,
    brotli,
    gzipBudget: Number(
      readSetting('pixel/size.mjs', /GZIP_BUDGET_BYTES\s*=\s*([\d_]+)/).replaceAll('_', ''),
    ),
  };
}
