import type { ErrorHandler, NotFoundHandler } from 'hono';
import { OPERATIONS } from '#shared/api/operations.ts';
import type { EmulatorEnv } from '../app-env.ts';
import { ConnectionDropped } from '../faults/inject-faults.ts';
import { apiPath, isControlPath } from './base-paths.ts';
import { ApiError, problemResponse } from './problem.ts';

/**
 * Renders ApiError as problem details. Anything else is a defect: it is logged and answered
 * with a bare 500 that reveals nothing of it. A dropped connection is let through on purpose.
 */
export const renderError: ErrorHandler<EmulatorEnv> = (error, c) => {
  if (error instanceof ConnectionDropped) throw error;
  const requestId = c.get('requestId');
  if (error instanceof ApiError) {
    return problemResponse(error.status, error.message, requestId, {
      title: error.title,
      fieldErrors: error.fieldErrors,
      headers: { ...error.headers },
    });
  }
  console.error(`request ${requestId} failed:`, error);
  return problemResponse(500, 'The emulator failed to handle this request.', requestId);
};

/** Methods of the operations whose path template matches `path`. */
function allowedMethods(path: string): string[] {
  const methods = new Set<string>();
  for (const operation of Object.values(OPERATIONS)) {
    const pattern = new RegExp(
      `^${operation.path.replace(/\{\w+\}/g, '[^/]+').replaceAll('.', '\\.')}$`,
    );
    if (pattern.test(path)) methods.add(operation.method);
  }
  return [...methods];
}

/** 405 with `Allow` for a known path and the wrong method; 404 for anything else. */
export const renderNotFound: NotFoundHandler<EmulatorEnv> = (c) => {
  const { pathname } = new URL(c.req.url);
  const requestId = c.get('requestId');
  const methods = isControlPath(pathname) ? [] : allowedMethods(apiPath(pathname));
  if (methods.length > 0) {
    return problemResponse(
      405,
      `${c.req.method} is not allowed here; use ${methods.join(', ')}.`,
      requestId,
      {
        headers: { Allow: methods.join(', ') },
      },
    );
  }
  return problemResponse(404, `Nothing is served at ${pathname.slice(0, 200)}.`, requestId);
};
