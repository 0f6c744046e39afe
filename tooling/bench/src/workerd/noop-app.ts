import { Hono } from 'hono';

/** Where the no-op route answers, under the collector's base path in the load benchmark. */
export const NOOP_PATH = '/__bench/noop';

/**
 * The baseline every collector figure is divided by: a Hono app with one route that does
 * nothing but answer 204. Measured the same way as the collector (same request, same runtime,
 * same run), the ratio cancels out how fast the machine is.
 *
 * @example createNoopApp('/pj').fetch(new Request('https://shop.example/pj/__bench/noop'))
 */
export function createNoopApp(basePath: string): Hono {
  const app = basePath === '' ? new Hono() : new Hono().basePath(basePath);
  app.all(NOOP_PATH, (c) => c.body(null, 204));
  return app;
}
