import type { MiddlewareHandler } from 'hono';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { rateLimitHeaders } from '../auth/rate-limiter.ts';
import { apiPath } from '../http/base-paths.ts';
import { ApiError } from '../http/problem.ts';
import { DROPPED } from '../request-log.ts';

/**
 * Thrown to cut the connection. A TypeError, like the one `fetch` rejects with on a network
 * failure; the app's error handler lets it through instead of answering.
 */
export class ConnectionDropped extends TypeError {
  constructor() {
    super('Network connection lost.');
    this.name = 'ConnectionDropped';
  }
}

/**
 * Applies the oldest matching fault before the request reaches authentication: waits
 * `delay_ms`, then cuts the connection, answers with the fault's status, or (a delay alone)
 * lets the request through.
 */
export function injectFaults(deps: EmulatorDeps): MiddlewareHandler<EmulatorEnv> {
  return async function injectFault(c, next) {
    const fault = deps.faults.take(apiPath(new URL(c.req.url).pathname));
    if (!fault) return next();
    if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.drop) {
      const operation = c.get('operation');
      if (operation) deps.requestLog.record(operation, DROPPED);
      throw new ConnectionDropped();
    }
    if (fault.status === undefined) return next();
    const headers: Record<string, string> =
      fault.status === 429
        ? rateLimitHeaders({
            limit: deps.rateLimiter.limit,
            remaining: 0,
            resetMs: deps.now() + fault.resetMs,
          })
        : {};
    throw new ApiError(fault.status, 'This failure was injected through POST /__emulator/faults.', {
      headers,
    });
  };
}
