import { notFound } from '../http/problem.ts';
import { ref } from '../openapi/json-schema.ts';
import { pathParameter } from '../validation/path-parameters.ts';
import type { RouteSpec } from './route.ts';

/** A client may read itself and the clients of its own shop; an admin reads any. */
export const getClient: RouteSpec = {
  description: 'Retrieve a client by ID: its id and roles (never its secret).',
  responses: {
    200: { description: 'The client.', schema: ref('Client') },
    404: { description: 'No such client, or one of another shop.' },
  },
  handle(c, { state }) {
    const caller = c.get('client');
    const target = state.clients.get(pathParameter(c, 'client_id'));
    const visible =
      target !== undefined &&
      (target.id === caller.id ||
        caller.roles.includes('admin') ||
        (caller.shopId !== null && target.shopId === caller.shopId));
    if (!target || !visible) throw notFound('client');
    return c.json({ id: target.id, roles: target.roles });
  },
};
