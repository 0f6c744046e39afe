import { canActOnShop } from '../auth/shop-access.ts';
import { eventView } from '../domain/views.ts';
import { notFound } from '../http/problem.ts';
import { ref } from '../openapi/json-schema.ts';
import { pathParameter } from '../validation/path-parameters.ts';
import type { RouteSpec } from './route.ts';

export const getEvent: RouteSpec = {
  description: 'Retrieve an event by ID.',
  responses: {
    200: { description: 'The event.', schema: ref('Event') },
    404: { description: 'No such event, or one on a pixel of another shop.' },
  },
  handle(c, { state }) {
    const event = state.events.get(pathParameter(c, 'event_id'));
    const pixel = event && state.pixels.get(event.pixelId);
    if (!event || !pixel || !canActOnShop(c.get('client'), pixel.shopId)) throw notFound('event');
    return c.json(eventView(event));
  },
};
