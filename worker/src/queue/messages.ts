import { isPlainObject } from '#shared/json-object.ts';
import { isUuidV4 } from '#shared/pjclid.ts';
import type { FieldErrors } from '#shared/problem.ts';
import { type CreateEventRequest, validateCreateEvent } from '#shared/purchase-event.ts';

/** Where an event entered the collector. */
export type EventSource = 'beacon' | 'server';

/**
 * One accepted purchase on its way to Prisjakt: what goes onto the event queue. The event is
 * complete when enqueued (its `external_event_id` and `event_time` are always set), so a
 * delivery hours later sends exactly what was accepted.
 */
export interface EventMessage {
  v: 1;
  /** As configured (the spelling the API knows). */
  pixel_id: string;
  event: CreateEventRequest & { external_event_id: string; event_time: string };
  source: EventSource;
  /** When the collector accepted it, UTC ISO 8601. */
  received_at: string;
  /** The intake request's id, so delivery logs can be joined to it. */
  request_id: string;
  /** Set when an operator replayed it from the dead-letter store. */
  replayed_from?: string;
  /**
   * A beacon whose click is the one in the collector's own HttpOnly cookie, which only `/click`
   * sets: a click this collector saw land. Such beacons are delivered before unverified ones;
   * it is a priority, never a reason to refuse (a script can fetch a cookie too).
   */
  click_seen?: true;
  /**
   * Set on a server report whose id a beacon with other data or another click had claimed: at
   * delivery it replaces that beacon's event (the batch upsert), or is kept as a conflict.
   */
  replaces?: 'beacon';
}

/** Why an event could not be delivered. */
export interface DeadLetterReason {
  /** `rejected`: the API refused it (400/403/404…); `expired`: retries would outlive the queue;
   * `retries_exhausted`: the queue gave up; `unreadable`: the queued body was not an event;
   * `conflict`: a server report the API holds a beacon's other data for, and the collector
   * could not replace (no PRISJAKT_CLIENT_SECRET, or a client without `shop_user`). */
  kind: 'rejected' | 'expired' | 'retries_exhausted' | 'unreadable' | 'conflict';
  /** The API's HTTP status; 0 when there was none. */
  status: number;
  title: string;
  detail?: string;
  field_errors?: FieldErrors;
  upstream_request_id?: string;
  /** Delivery attempts made. */
  attempts: number;
}

/** What the consumer puts on the dead-letter queue when it gives up on an event. */
export interface DeadLetterEnvelope {
  v: 1;
  kind: 'dead-letter';
  /** Chosen once, so a redelivered envelope overwrites its own record instead of adding one. */
  id: string;
  failed_at: string;
  reason: DeadLetterReason;
  /** The queued body as it was: an {@link EventMessage}, unless `reason.kind` is `unreadable`. */
  message: unknown;
}

/**
 * The dead-letter queue carries envelopes from the consumer, and bare event messages that the
 * queue itself moved there after `max_retries`.
 */
export type DeadLetterQueueBody = DeadLetterEnvelope | EventMessage;

/**
 * Whether a queued body is an event this version can deliver: it re-validates the event, so a
 * body from an older version or a hand-edited replay cannot reach the API half-formed.
 */
export function isEventMessage(value: unknown): value is EventMessage {
  if (!isPlainObject(value) || value.v !== 1) return false;
  if (!isUuidV4(value.pixel_id)) return false;
  if (value.source !== 'beacon' && value.source !== 'server') return false;
  if (typeof value.received_at !== 'string' || typeof value.request_id !== 'string') return false;
  const event = value.event;
  if (!isPlainObject(event)) return false;
  if (typeof event.external_event_id !== 'string' || typeof event.event_time !== 'string') {
    return false;
  }
  return validateCreateEvent(event).ok;
}

/** Whether a dead-letter queue body is an envelope the consumer wrote (rather than a bare event). */
export function isDeadLetterEnvelope(value: unknown): value is DeadLetterEnvelope {
  return (
    isPlainObject(value) &&
    value.v === 1 &&
    value.kind === 'dead-letter' &&
    typeof value.id === 'string' &&
    typeof value.failed_at === 'string' &&
    isPlainObject(value.reason)
  );
}
