import type { Handler } from 'hono';
import { PIXEL_ETAG, PIXEL_SOURCE } from '../generated/pixel.ts';
import type { AppEnv } from '../http/app-env.ts';

/**
 * Shops load the script from an unversioned URL, so caches keep it briefly and then revalidate
 * with the ETag (a 304 costs no body); a stale copy may be served for a day while that happens.
 */
export const PIXEL_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/** Whether `If-None-Match` names this ETag (RFC 9110 §13.1.2: weak comparison, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** `GET /pjpixel.js`: the pixel built from `pixel/`, with ETag and 304. */
export function servePixelScript(): Handler<AppEnv> {
  return function handlePixelScript(c) {
    const headers = {
      'Cache-Control': PIXEL_CACHE_CONTROL,
      ETag: PIXEL_ETAG,
      // Public by nature; lets a page load it with `crossorigin` (and Subresource Integrity).
      'Access-Control-Allow-Origin': '*',
    };
    if (matchesEtag(c.req.header('If-None-Match'), PIXEL_ETAG)) return c.body(null, 304, headers);
    return c.body(PIXEL_SOURCE, 200, {
      ...headers,
      'Content-Type': 'text/javascript; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    });
  };
}
