import type { MiddlewareHandler } from 'hono';
import type { Operation } from '#shared/api/operations.ts';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { ApiError } from '../http/problem.ts';
import { rateLimitHeaders } from './rate-limiter.ts';

/**
 * Counts the authenticated caller's request against its hourly limit and reports the limit on
 * every response it gets, errors included; over the limit, answers 429. Requests without valid
 * credentials are refused before this and carry no rate-limit headers.
 */
export function limitRate(
  operation: Operation,
  deps: EmulatorDeps,
): MiddlewareHandler<EmulatorEnv> {
  return async function limitClientRate(c, next) {
    if (operation.secret === 'none') return next();
    const decision = deps.rateLimiter.take(c.get('client').id);
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      throw new ApiError(
        429,
        `The client has used its ${decision.limit} requests for this hour; the window ends at ${new Date(decision.resetMs).toISOString()}.`,
        { headers },
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
