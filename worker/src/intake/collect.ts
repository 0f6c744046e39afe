import type { Handler } from 'hono';
import { BEACON_MAX_BYTES, type ValidBeacon, validateBeacon } from '#shared/beacon.ts';
import type { CollectorConfig } from '../config/settings.ts';
import type { AppEnv } from '../http/app-env.ts';
import { inertJson } from '../http/inert-json.ts';
import { CollectorError } from '../http/problem.ts';
import { parseJson, readBodyText, requireMediaType } from '../http/read-body.ts';
import type { EventMessage } from '../queue/messages.ts';
import { acceptEvent } from './accept-event.ts';
import { readClickCookie } from './click-cookie.ts';
import { DedupeGuard } from './dedupe.ts';
import { beaconEventTime, toUtcDateTime } from './event-time.ts';
import { clientAddress, enforceRateLimit } from './rate-limit.ts';

/** `text/plain` is what `sendBeacon` sends without a preflight; JSON is accepted too. */
const BEACON_MEDIA_TYPES = ['text/plain', 'application/json'] as const;
/** Prefix of the ids the collector gives beacons that carry no event id. */
const GENERATED_EVENT_ID_PREFIX = 'pjc-';
/**
 * The ids the pixel derives for a purchase the shop gave no id for (`deriveEventId` in
 * pixel/src/purchase.ts): `pj-`, amount and currency, a hash of pixel, click, items and page.
 */
const DERIVED_EVENT_ID = /^pj-[0-9.e+-]+[A-Z]{3}-[0-9a-z]{1,7}$/;

/**
 * The event id a beacon is delivered under. A derived id from a page whose script storage had
 * lost the click (Safari wipes it after 7 days) was hashed without it, so two shoppers buying
 * the same thing on the same static page would share it; when the click came from the
 * collector's cookie, the collector adds it, so the id stays the same on a reload and differs
 * between shoppers.
 */
async function deliveredEventId(
  beacon: ValidBeacon,
  clickFromCookie: boolean,
  signedClickId: string,
): Promise<string> {
  const id = beacon.event_id;
  if (id === undefined) return `${GENERATED_EVENT_ID_PREFIX}${crypto.randomUUID()}`;
  if (!clickFromCookie || !DERIVED_EVENT_ID.test(id)) return id;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(signedClickId));
  const clickHash = new DataView(digest).getUint32(0).toString(36);
  return `${id}-${clickHash}`;
}

function toEventMessage(
  beacon: ValidBeacon,
  pixelId: string,
  signedClickId: string,
  externalEventId: string,
  receivedAt: number,
  requestId: string,
): EventMessage {
  const data =
    beacon.items === undefined
      ? { amount: beacon.amount, currency: beacon.currency }
      : { amount: beacon.amount, currency: beacon.currency, number_of_items: beacon.items };
  return {
    v: 1,
    pixel_id: pixelId,
    event: {
      event_name: 'purchase',
      event_time: beaconEventTime(beacon.time, receivedAt),
      external_event_id: externalEventId,
      data,
      signed_click_id: signedClickId,
    },
    source: 'beacon',
    received_at: toUtcDateTime(receivedAt),
    request_id: requestId,
  };
}

/**
 * `POST /collect`: the pixel's beacon. Validates it, takes the click from the beacon or else
 * from the collector's cookie, and queues the purchase; delivery happens after the answer.
 * 202: accepted (or already accepted); 204: valid but not attributable, nothing forwarded.
 */
export function collectBeacon(config: CollectorConfig): Handler<AppEnv> {
  const dedupe = new DedupeGuard(config.bindings.dedupe);
  return async function handleBeacon(c) {
    const receivedAt = Date.now();
    const log = c.get('log');
    await enforceRateLimit(
      config.bindings.browserRateLimiter,
      `browser:${clientAddress(c.req.raw)}`,
    );
    requireMediaType(c.req.raw, BEACON_MEDIA_TYPES);
    const body = parseJson(await readBodyText(c.req.raw, BEACON_MAX_BYTES));

    const validation = validateBeacon(body);
    if (!validation.ok) {
      throw new CollectorError('invalid_request', 'the beacon has invalid fields', {
        fieldErrors: validation.errors,
      });
    }
    const beacon = validation.value;
    const pixelId = config.pixelIds.get(beacon.pixel_id.toLowerCase());
    if (pixelId === undefined) {
      log.warn('intake.unknown_pixel', {
        pixel_id: beacon.pixel_id.slice(0, 40),
        action: 'add it to PIXEL_IDS if it is this shop’s',
      });
      throw new CollectorError('unknown_pixel', 'this collector does not serve that pixel');
    }

    // A beacon from an opaque origin could come from any page: the visitor's cookie is no
    // evidence of their click there.
    const cookieClick = c.get('opaqueOrigin')
      ? undefined
      : readClickCookie(c.req.header('Cookie'), config.cookie.name);
    const signedClickId = beacon.pjclid ?? cookieClick;
    if (signedClickId === undefined) {
      log.info('intake.unattributable', {
        pixel_id: pixelId,
        source: 'beacon',
        external_event_id: beacon.event_id,
      });
      return c.body(null, 204);
    }

    const externalEventId = await deliveredEventId(
      beacon,
      beacon.pjclid === undefined,
      signedClickId,
    );
    const message = toEventMessage(
      beacon,
      pixelId,
      signedClickId,
      externalEventId,
      receivedAt,
      c.get('requestId'),
    );
    if (signedClickId === cookieClick) message.click_seen = true;
    const outcome = await acceptEvent(
      {
        dedupe,
        queue: config.bindings.eventQueue,
        log: log.with({ click_from: beacon.pjclid ? 'beacon' : 'cookie' }),
      },
      message,
      beacon.event_id !== undefined,
    );
    const answer = { status: outcome, external_event_id: message.event.external_event_id };
    return c.body(inertJson(answer), 202, { 'Content-Type': 'application/json' });
  };
}
