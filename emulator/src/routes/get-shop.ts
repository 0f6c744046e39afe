import type { Shop } from '#shared/api/types.ts';
import { ref } from '../openapi/json-schema.ts';
import { shopOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

export const getShop: RouteSpec = {
  description: 'Retrieve a shop by ID, with the ids of its clients and pixels.',
  responses: {
    200: { description: 'The shop.', schema: ref('Shop') },
    404: { description: 'No such shop, or another shop.' },
  },
  handle(c, deps) {
    const shop = shopOfCaller(c, deps);
    const { clients, pixels } = deps.state;
    const view: Shop = {
      id: shop.id,
      clients: [...clients.values()].filter((x) => x.shopId === shop.id).map(({ id }) => ({ id })),
      pixels: [...pixels.values()].filter((x) => x.shopId === shop.id).map(({ id }) => ({ id })),
    };
    return c.json(view);
  },
};
