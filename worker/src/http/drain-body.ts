import type { MiddlewareHandler } from 'hono';
import { discardBody } from '#shared/http/discard-body.ts';
import type { AppEnv } from './app-env.ts';

/**
 * A refused body is read and discarded up to this much before the answer goes out. A beacon is at
 * most 8 KiB; 1 MiB covers any client that means well, and past it the rest is cancelled.
 */
const MAX_DRAIN_BYTES = 1024 * 1024;

/**
 * Reads and discards a request body that a refusal left unread (a 413 or 429 answered before
 * the body, a 415, an unknown pixel, a wrong token), before the refusal is sent: a proxy in front
 * (`wrangler dev`'s, a shop's CI) that sees the answer while it is still forwarding the body
 * breaks the connection, and the next request on it fails ("Your worker restarted
 * mid-request"). Draining after answering, in `waitUntil`, was too late for it. Bounded: past
 * {@link MAX_DRAIN_BYTES} the body is cancelled, and the client must open a new connection.
 */
export function drainUnreadBody(): MiddlewareHandler<AppEnv> {
  return async function drainBody(c, next) {
    await next();
    const body = c.req.raw.body;
    if (body === null || c.req.raw.bodyUsed) return;
    await discardBody(body, MAX_DRAIN_BYTES);
  };
}
