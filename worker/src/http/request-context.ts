import type { MiddlewareHandler } from 'hono';
import { createLogger, logLevelFrom } from '../log.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Gives every request an id (answered as `X-Request-Id`, carried in problem bodies, on every
 * log line and onto the queue) and writes one access line when it is answered. The line holds
 * the path without its query: `/click?pjclid=…` must not put a click id in the logs.
 */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async function assignRequestContext(c, next) {
    const requestId = crypto.randomUUID();
    const log = createLogger({ request_id: requestId }, logLevelFrom(c.env.LOG_LEVEL));
    c.set('requestId', requestId);
    c.set('log', log);
    const started = Date.now();
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    // Every answer is JSON, JavaScript or empty: never let a browser sniff one into HTML.
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    log.info('http.request', {
      method: c.req.method,
      path: new URL(c.req.url).pathname.slice(0, 200),
      status: c.res.status,
      duration_ms: Date.now() - started,
    });
  };
}
