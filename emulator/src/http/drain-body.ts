import type { MiddlewareHandler } from 'hono';
import { discardBody } from '#shared/http/discard-body.ts';
import type { EmulatorEnv } from '../app-env.ts';

/** Beyond this, an unread body is left unread and the connection closed after all. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Reads and discards whatever request body the handler left unread (an early 401, 403 or 404,
 * an injected fault, an operation that takes no body), as a proxy would, so a client reusing
 * the connection does not see it closed under it.
 */
export function drainRequestBody(): MiddlewareHandler<EmulatorEnv> {
  return async function drainBody(c, next) {
    await next();
    const body = c.req.raw.body;
    if (body === null || c.req.raw.bodyUsed) return;
    await discardBody(body, MAX_DRAIN_BYTES);
  };
}
