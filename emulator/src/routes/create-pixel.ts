import { expandPath, OPERATIONS } from '#shared/api/operations.ts';
import { SHOP_LIMITS } from '../domain/shop-limits.ts';
import { pixelView } from '../domain/views.ts';
import { basePrefix } from '../http/base-paths.ts';
import { ApiError } from '../http/problem.ts';
import { ref } from '../openapi/json-schema.ts';
import type { PixelRecord } from '../state.ts';
import { shopOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

export const createPixel: RouteSpec = {
  description: 'Create a new pixel for a shop; it starts enabled. Any request body is ignored.',
  responses: {
    201: { description: 'The new pixel.', schema: ref('Pixel'), headers: ['Location'] },
    404: { description: 'No such shop, or another shop.' },
    409: {
      description: `The shop already has ${SHOP_LIMITS.pixels} pixels, as many as it may have.`,
    },
  },
  handle(c, deps) {
    const shop = shopOfCaller(c, deps);
    const pixels = [...deps.state.pixels.values()].filter((pixel) => pixel.shopId === shop.id);
    if (pixels.length >= SHOP_LIMITS.pixels) {
      throw new ApiError(
        409,
        `Shop ${shop.id} already has ${SHOP_LIMITS.pixels} pixels, as many as a shop may have.`,
      );
    }
    const pixel: PixelRecord = { id: crypto.randomUUID(), shopId: shop.id, enabled: true };
    deps.state.pixels.set(pixel.id, pixel);
    const location =
      basePrefix(new URL(c.req.url).pathname) +
      expandPath(OPERATIONS.getPixel.path, { pixel_id: pixel.id });
    return c.json(pixelView(pixel), 201, { Location: location });
  },
};
