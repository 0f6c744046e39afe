import type { MiddlewareHandler } from 'hono';
import type { Operation } from '#shared/api/operations.ts';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { ApiError } from '../http/problem.ts';
import { constantTimeEqual } from '../signing.ts';

/** One message for an unknown id and a wrong secret, so neither can be probed. */
const BAD_CREDENTIALS = 'The client-id and client-secret headers do not match a client.';

/**
 * Checks the `client-id` and `client-secret` headers the way the operation asks: a secret is
 * required on every operation but *Create a new event*, where one that is sent must still be
 * right. Leaves the caller in `c.var.client`.
 */
export function authenticate(
  operation: Operation,
  deps: EmulatorDeps,
): MiddlewareHandler<EmulatorEnv> {
  return async function authenticateClient(c, next) {
    if (operation.secret === 'none') return next();
    const clientId = c.req.header('client-id');
    if (clientId === undefined || clientId === '') {
      throw new ApiError(401, 'The client-id header is required.');
    }
    const secret = c.req.header('client-secret');
    const client = deps.state.clients.get(clientId);
    if (secret === undefined && operation.secret === 'required') {
      throw new ApiError(401, 'The client-secret header is required for this operation.');
    }
    if (!client || (secret !== undefined && !constantTimeEqual(secret, client.secret))) {
      throw new ApiError(401, BAD_CREDENTIALS);
    }
    c.set('client', client);
    return next();
  };
}
