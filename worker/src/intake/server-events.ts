import type { Handler } from 'hono';
import { LIMITS } from '#shared/limits.ts';
import type { FieldErrors } from '#shared/problem.ts';
import { validateServerEvent } from '#shared/server-event.ts';
import type { CollectorConfig } from '../config/settings.ts';
import type { AppEnv } from '../http/app-env.ts';
import { inertJson } from '../http/inert-json.ts';
import { CollectorError } from '../http/problem.ts';
import { parseJson, readBodyText, requireMediaType } from '../http/read-body.ts';
import { requireBearer } from '../security/bearer.ts';
import { acceptEvent } from './accept-event.ts';
import { DedupeGuard } from './dedupe.ts';
import { toUtcDateTime } from './event-time.ts';
import { enforceRateLimit } from './rate-limit.ts';

/** A create-event body is a few hundred bytes; the beacon's limit is ample. */
const SERVER_EVENT_MAX_BYTES = 8 * 1024;

function refuse(fieldErrors: FieldErrors): never {
  throw new CollectorError('invalid_request', 'the event has invalid fields', { fieldErrors });
}

/**
 * `POST /server/pixels/{pixel_id}/events`: the body of Prisjakt's *Create a new event*, from
 * the shop's backend with `Authorization: Bearer <SERVER_TOKEN>`. It joins the beacons'
 * pipeline, so a browser and a server report of one order (one `external_event_id`) become one
 * event. 202: accepted for delivery; 409: already accepted (as the API answers a reused id);
 * 204: no `signed_click_id`, so not attributable and not forwarded.
 */
export function collectServerEvent(config: CollectorConfig, serverToken: string): Handler<AppEnv> {
  const dedupe = new DedupeGuard(config.bindings.dedupe);
  return async function handleServerEvent(c) {
    const receivedAt = Date.now();
    const log = c.get('log');
    await requireBearer(c.req.raw, serverToken, 'pjcollector');

    const pixelId = config.pixelIds.get((c.req.param('pixel_id') ?? '').toLowerCase());
    if (pixelId === undefined) {
      log.warn('intake.unknown_pixel', {
        pixel_id: (c.req.param('pixel_id') ?? '').slice(0, 40),
        action: 'add it to PIXEL_IDS if it is this shop’s',
      });
      throw new CollectorError('unknown_pixel', 'this collector does not serve that pixel');
    }
    await enforceRateLimit(config.bindings.serverRateLimiter, `server:${pixelId}`);
    requireMediaType(c.req.raw, ['application/json']);
    const body = parseJson(await readBodyText(c.req.raw, SERVER_EVENT_MAX_BYTES));

    const validation = validateServerEvent(body, receivedAt);
    if (!validation.ok) refuse(validation.errors);
    if (!validation.attributable) {
      log.info('intake.unattributable', {
        pixel_id: pixelId,
        source: 'server',
        external_event_id: validation.externalEventId,
      });
      return c.body(null, 204);
    }

    const event = validation.value;
    const externalEventId = event.external_event_id;
    const outcome = await acceptEvent(
      { dedupe, queue: config.bindings.eventQueue, log },
      {
        v: 1,
        pixel_id: pixelId,
        event: {
          ...event,
          event_time: event.event_time ?? toUtcDateTime(receivedAt),
        },
        source: 'server',
        received_at: toUtcDateTime(receivedAt),
        request_id: c.get('requestId'),
      },
      true,
    );
    if (outcome === 'duplicate') {
      throw new CollectorError(
        'duplicate_event',
        `an event with this external_event_id was accepted within the last ${LIMITS.duplicateWindowDays} days`,
      );
    }
    const answer = { status: outcome, external_event_id: externalEventId };
    return c.body(inertJson(answer), 202, { 'Content-Type': 'application/json' });
  };
}
