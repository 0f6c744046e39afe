import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../app-env.ts';

/** Beyond this, an unread body is left unread and the connection closed after all. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Reads and discards whatever request body the handler left unread (an early 401, 403 or 404,
 * an injected fault, an operation that takes no body). An HTTP/1.1 server that answers without
 * reading the body must close the connection, and a client reusing that connection meanwhile
 * sees a network error; workerd does close it, so the emulator drains, as a proxy would.
 */
export function drainRequestBody(): MiddlewareHandler<EmulatorEnv> {
  return async function drainBody(c, next) {
    await next();
    const body = c.req.raw.body;
    if (body === null || c.req.raw.bodyUsed) return;
    const reader = body.getReader();
    try {
      let read = 0;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        read += chunk.value.byteLength;
        if (read > MAX_DRAIN_BYTES) break;
      }
      await reader.cancel();
    } catch {
      // The client went away; there is nothing left to keep.
    }
  };
}
