import type { CreatableRole, CreatedClient } from '#shared/api/types.ts';
import { isPlainObject } from '#shared/json-object.ts';
import { echoValue } from '#shared/problem.ts';
import { SHOP_LIMITS } from '../domain/shop-limits.ts';
import { randomToken } from '../domain/tokens.ts';
import { readJsonBody } from '../http/json-body.ts';
import { ApiError, invalidRequest } from '../http/problem.ts';
import { ref } from '../openapi/json-schema.ts';
import { shopOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

const CREATABLE_ROLES: readonly CreatableRole[] = ['event_publisher', 'shop_user'];

function isCreatableRole(value: unknown): value is CreatableRole {
  return CREATABLE_ROLES.some((role) => role === value);
}

export const createClient: RouteSpec = {
  description:
    'Create a new client for a shop with the given roles (event_publisher, shop_user). The answer is the only time the secret is shown.',
  requestBody: { description: 'The roles of the new client.', schema: ref('CreateClientRequest') },
  responses: {
    201: { description: 'The new client, with its secret.', schema: ref('CreatedClient') },
    404: { description: 'No such shop.' },
    409: {
      description: `The shop already has ${SHOP_LIMITS.clients} clients, as many as it may have.`,
    },
  },
  async handle(c, deps) {
    const shop = shopOfCaller(c, deps);
    const body = await readJsonBody(c);
    if (!isPlainObject(body)) {
      throw invalidRequest({ body: { message: 'must be a JSON object', value: echoValue(body) } });
    }
    const { roles } = body as Record<string, unknown>;
    if (!Array.isArray(roles) || roles.length === 0) {
      throw invalidRequest({
        roles: {
          message: `must be a non-empty array of ${CREATABLE_ROLES.join(', ')}`,
          value: echoValue(roles),
        },
      });
    }
    const badIndex = roles.findIndex((role) => !isCreatableRole(role));
    if (badIndex >= 0) {
      throw invalidRequest({
        [`roles[${badIndex}]`]: {
          message: `must be one of ${CREATABLE_ROLES.join(', ')}`,
          value: echoValue(roles[badIndex]),
        },
      });
    }
    const clients = [...deps.state.clients.values()].filter((client) => client.shopId === shop.id);
    if (clients.length >= SHOP_LIMITS.clients) {
      throw new ApiError(
        409,
        `Shop ${shop.id} already has ${SHOP_LIMITS.clients} clients, as many as a shop may have.`,
      );
    }
    const granted = CREATABLE_ROLES.filter((role) => roles.includes(role));
    const client: CreatedClient = { id: randomToken(32), secret: randomToken(30), roles: granted };
    deps.state.clients.set(client.id, { ...client, roles: [...granted], shopId: shop.id });
    return c.json(client, 201);
  },
};
