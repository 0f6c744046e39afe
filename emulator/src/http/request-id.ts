import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../app-env.ts';

/**
 * Gives every request a fresh id, returned in `X-Request-Id` on every response and in the
 * `context.request_id` of every error, so a failure can be traced from either side.
 */
export function assignRequestId(): MiddlewareHandler<EmulatorEnv> {
  return async function requestId(c, next) {
    const id = crypto.randomUUID();
    c.set('requestId', id);
    await next();
    c.res.headers.set('X-Request-Id', id);
  };
}
