import { isPlainObject } from '#shared/json-object.ts';
import { echoValue } from '#shared/problem.ts';
import { pixelView } from '../domain/views.ts';
import { readJsonBody } from '../http/json-body.ts';
import { invalidRequest } from '../http/problem.ts';
import { ref } from '../openapi/json-schema.ts';
import { pixelOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

export const updatePixel: RouteSpec = {
  description:
    'Update a pixel. `enabled: false` makes it refuse new events (403) until it is enabled again; an absent `enabled` changes nothing.',
  requestBody: { description: 'The pixel data.', schema: ref('UpdatePixelRequest') },
  responses: {
    200: { description: 'The pixel as updated.', schema: ref('Pixel') },
    404: { description: 'No such pixel, or one of another shop.' },
  },
  async handle(c, deps) {
    const pixel = pixelOfCaller(c, deps);
    const body = await readJsonBody(c);
    if (!isPlainObject(body)) {
      throw invalidRequest({ body: { message: 'must be a JSON object', value: echoValue(body) } });
    }
    const { enabled } = body as Record<string, unknown>;
    if (enabled !== undefined && typeof enabled !== 'boolean') {
      throw invalidRequest({
        enabled: { message: 'must be true or false', value: echoValue(enabled) },
      });
    }
    if (enabled !== undefined) pixel.enabled = enabled;
    return c.json(pixelView(pixel));
  },
};
