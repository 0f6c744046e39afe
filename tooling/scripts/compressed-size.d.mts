/** See compressed-size.mjs. */
export function compressedSize(path: string): { bytes: number; gzip: number; brotli: number };
