import { LIMITS } from '#shared/limits.ts';
import { echoValue, type FieldErrors } from '#shared/problem.ts';
import type { CreateEventRequest } from '#shared/purchase-event.ts';
import { upsertEvent } from '../domain/store-event.ts';
import { eventView } from '../domain/views.ts';
import { readJsonBody } from '../http/json-body.ts';
import { invalidRequest } from '../http/problem.ts';
import { ref } from '../openapi/json-schema.ts';
import { validateEvent } from '../validation/event.ts';
import { pixelOfCaller } from './lookups.ts';
import { refuseDisabledPixel } from './refuse-disabled-pixel.ts';
import type { RouteSpec } from './route.ts';

export const createEvents: RouteSpec = {
  description: `Create multiple events (1 to ${LIMITS.batchMax}) for a pixel. An event whose external_event_id the pixel already has updates that event in place (same id). All or nothing: one invalid event fails the batch, with field errors keyed by its index ("[3].data.currency").`,
  requestBody: { description: 'The batch of events.', schema: ref('BatchRequest') },
  responses: {
    200: { description: 'The stored events, in request order.', schema: ref('EventList') },
    403: { description: 'The client lacks the role, or the pixel is disabled.' },
    404: { description: 'No such pixel, or one of another shop.' },
  },
  async handle(c, deps) {
    const pixel = pixelOfCaller(c, deps);
    refuseDisabledPixel(pixel);
    const body = await readJsonBody(c);
    if (!Array.isArray(body) || body.length === 0 || body.length > LIMITS.batchMax) {
      throw invalidRequest({
        body: {
          message: `must be an array of 1 to ${LIMITS.batchMax} events`,
          value: Array.isArray(body) ? `[${body.length} events]` : echoValue(body),
        },
      });
    }
    const nowMs = deps.now();
    const errors: FieldErrors = {};
    const valid: CreateEventRequest[] = [];
    for (const [index, member] of body.entries()) {
      const result = await validateEvent(member, {
        prefix: `[${index}].`,
        nowMs,
        signer: deps.signer,
      });
      if (result.ok) valid.push(result.value);
      else Object.assign(errors, result.errors);
    }
    if (Object.keys(errors).length > 0) throw invalidRequest(errors);
    const stored = valid.map((request) => upsertEvent(deps.state, pixel.id, request, nowMs));
    // A later member with the same external id updated the same event: report its final state.
    return c.json(stored.map(eventView));
  },
};
