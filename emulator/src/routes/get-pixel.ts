import { pixelView } from '../domain/views.ts';
import { ref } from '../openapi/json-schema.ts';
import { pixelOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

export const getPixel: RouteSpec = {
  description: 'Retrieve a pixel by ID.',
  responses: {
    200: { description: 'The pixel.', schema: ref('Pixel') },
    404: { description: 'No such pixel, or one of another shop.' },
  },
  handle(c, deps) {
    return c.json(pixelView(pixelOfCaller(c, deps)));
  },
};
