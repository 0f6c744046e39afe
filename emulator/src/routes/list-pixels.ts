import { pixelView } from '../domain/views.ts';
import { ref } from '../openapi/json-schema.ts';
import { shopOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

export const listPixels: RouteSpec = {
  description: 'Retrieve all pixels for a shop, oldest first.',
  responses: {
    200: { description: 'The pixels.', schema: ref('PixelList') },
    404: { description: 'No such shop, or another shop.' },
  },
  handle(c, deps) {
    const shop = shopOfCaller(c, deps);
    const pixels = [...deps.state.pixels.values()].filter((pixel) => pixel.shopId === shop.id);
    return c.json(pixels.map(pixelView));
  },
};
