import type { MiddlewareHandler } from 'hono';
import type { Operation } from '#shared/api/operations.ts';
import type { EmulatorEnv } from '../app-env.ts';
import { ApiError } from '../http/problem.ts';

/**
 * Refuses with 403 a caller none of whose roles the operation allows. Roles are exactly those
 * the reference names per operation: `admin` passes only where it is listed.
 */
export function authorize(operation: Operation): MiddlewareHandler<EmulatorEnv> {
  return async function authorizeRole(c, next) {
    const allowed = operation.roles;
    if (allowed === 'none' || allowed === 'any') return next();
    const client = c.get('client');
    if (!client.roles.some((role) => allowed.includes(role))) {
      throw new ApiError(
        403,
        `This operation needs the role ${allowed.join(' or ')}; the client has ${client.roles.join(', ')}.`,
      );
    }
    return next();
  };
}
