import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/** A beacon is at most 8 KiB; past this, an unread body is cancelled and the connection let go. */
const MAX_DRAIN_BYTES = 64 * 1024;

async function discard(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  try {
    let read = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      read += chunk.value.byteLength;
      if (read > MAX_DRAIN_BYTES) break;
    }
    await reader.cancel();
  } catch {
    // The client went away; there is nothing left to read.
  }
}

/**
 * Reads and discards a request body that a refusal left unread (a 429 or 415 answered before
 * the body, an unknown pixel, a wrong token). An HTTP/1.1 server that answers without reading
 * the body has to close the connection, and a client that meanwhile sent its next request on it
 * sees a network error instead of the answer; workerd closes it. The refusal goes out first: the
 * body is drained after it, in `waitUntil`.
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
    if (ctx) ctx.waitUntil(discard(body));
    else await discard(body);
  };
}
