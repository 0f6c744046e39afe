import type { MiddlewareHandler } from 'hono';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { UNMATCHED } from '../request-log.ts';
import { isControlPath } from './base-paths.ts';

/** Counts every API request (not the controls) by operation and response status. */
export function countRequests(deps: EmulatorDeps): MiddlewareHandler<EmulatorEnv> {
  return async function countRequest(c, next) {
    if (isControlPath(new URL(c.req.url).pathname)) return next();
    await next();
    deps.requestLog.record(c.get('operation') ?? UNMATCHED, c.res.status);
  };
}
