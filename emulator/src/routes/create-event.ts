import { expandPath, OPERATIONS } from '#shared/api/operations.ts';
import { findDuplicate, insertEvent } from '../domain/store-event.ts';
import { eventView } from '../domain/views.ts';
import { basePrefix } from '../http/base-paths.ts';
import { readJsonBody } from '../http/json-body.ts';
import { ApiError, invalidRequest } from '../http/problem.ts';
import { ref } from '../openapi/json-schema.ts';
import { validateEvent } from '../validation/event.ts';
import { pixelOfCaller } from './lookups.ts';
import { refuseDisabledPixel } from './refuse-disabled-pixel.ts';
import type { RouteSpec } from './route.ts';

export const createEvent: RouteSpec = {
  description:
    'Create a new event for a pixel. An external_event_id the pixel received within the last 30 days makes it a duplicate (409). The signed_click_id must carry a valid signature.',
  requestBody: { description: 'The event.', schema: ref('CreateEventRequest') },
  responses: {
    201: { description: 'The stored event.', schema: ref('Event'), headers: ['Location'] },
    403: { description: 'The client lacks the role, or the pixel is disabled.' },
    404: { description: 'No such pixel, or one of another shop.' },
    409: { description: 'The external_event_id was used on this pixel within the last 30 days.' },
  },
  async handle(c, deps) {
    const pixel = pixelOfCaller(c, deps);
    refuseDisabledPixel(pixel);
    const body = await readJsonBody(c);
    const nowMs = deps.now();
    const result = await validateEvent(body, { prefix: '', nowMs, signer: deps.signer });
    if (!result.ok) throw invalidRequest(result.errors);
    const externalId = result.value.external_event_id;
    if (findDuplicate(deps.state, pixel.id, externalId, nowMs)) {
      throw new ApiError(
        409,
        `An event with external_event_id "${externalId}" was received on this pixel within the last 30 days.`,
      );
    }
    const event = insertEvent(deps.state, pixel.id, result.value, nowMs);
    const location =
      basePrefix(new URL(c.req.url).pathname) +
      expandPath(OPERATIONS.getEvent.path, { event_id: event.id });
    return c.json(eventView(event), 201, { Location: location });
  },
};
