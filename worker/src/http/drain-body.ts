import type { MiddlewareHandler } from 'hono';
import { discardBody } from '#shared/http/discard-body.ts';
import type { AppEnv } from './app-env.ts';

/** A beacon is at most 8 KiB; past this, an unread body is cancelled and the connection let go. */
const MAX_DRAIN_BYTES = 64 * 1024;

/**
 * Reads and discards a request body that a refusal left unread (a 429 or 415 answered before
 * the body, an unknown pixel, a wrong token), so a client reusing the connection gets the
 * refusal rather than a network error. The refusal goes out first: the body is drained after
 * it, in `waitUntil`.
 */
export function drainUnreadBody(): MiddlewareHandler<AppEnv> {
  return async function drainBody(c, next) {
    await next();
    const body = c.req.raw.body;
    if (body === null || c.req.raw.bodyUsed) return;
    let ctx: ExecutionContext | undefined;
    try {
      ctx = c.executionCtx;
    } catch {
      // Called without an execution context (a unit test): drain before answering.
    }
    if (ctx) ctx.waitUntil(discardBody(body, MAX_DRAIN_BYTES));
    else await discardBody(body, MAX_DRAIN_BYTES);
  };
}
