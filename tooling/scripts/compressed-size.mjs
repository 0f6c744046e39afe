// How the pixel's bytes are counted, wherever they are reported (`npm run size`, `npm run bench`):
// gzip at level 9 and brotli at quality 11, what a CDN serves at best.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The file's bytes as they are, gzipped and brotli-compressed.
 *
 * @example compressedSize('dist/pjpixel.js') // { bytes: 4884, gzip: 2581, brotli: 2340 }
 */
export function compressedSize(path) {
  const source = readFileSync(path);
  return {
    bytes: source.length,
    gzip: gzipSync(source, { level: 9 }).length,
    brotli: brotliCompressSync(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }).length,
  };
}
