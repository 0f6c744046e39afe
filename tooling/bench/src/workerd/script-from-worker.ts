import { Hono } from 'hono';
import type { AppEnv } from '#worker/http/app-env.ts';
import { drainUnreadBody } from '#worker/http/drain-body.ts';
import { requestContext } from '#worker/http/request-context.ts';

/**
 * The built pixel, put in by the micro-benchmark's bundler (`define`), so that the figure is
 * for today's script.
 */
declare const BENCH_PIXEL_SCRIPT: string;

/** The ETag the script carried when the Worker served it. */
export const SCRIPT_ETAG = '"bench-pixel-script"';

/**
 * The "before" of the cost model: the script served by the Worker itself, as the collector did
 * before it became a static asset (a `GET {base}/pjpixel.js` route behind the collector's own
 * request middleware, with an ETag and 304). The collector no longer has that route; this
 * replica measures what every page view cost then, in the same run as today's figures.
 *
 * @example createScriptFromWorkerApp('/pj').fetch(new Request('https://shop.example/pj/pjpixel.js'))
 */
export function createScriptFromWorkerApp(basePath: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>().basePath(basePath);
  app.use('*', drainUnreadBody(), requestContext());
  app.get('/pjpixel.js', (c) => {
    const headers = {
      'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
      ETag: SCRIPT_ETAG,
      'Access-Control-Allow-Origin': '*',
    };
    if (c.req.header('If-None-Match') === SCRIPT_ETAG) return c.body(null, 304, headers);
    return c.body(BENCH_PIXEL_SCRIPT, 200, {
      ...headers,
      'Content-Type': 'text/javascript; charset=utf-8',
    });
  });
  return app;
}
