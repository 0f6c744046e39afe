import { DAY_MS, LIMITS } from '#shared/limits.ts';
import { splitSignedClickId } from '#shared/pjclid.ts';
import type { CreateEventRequest } from '#shared/purchase-event.ts';
import { parseUtcDateTime } from '#shared/time.ts';
import type { EmulatorState, EventRecord } from '../state.ts';

type EventContent = Pick<
  EventRecord,
  | 'clickId'
  | 'signedClickId'
  | 'eventName'
  | 'eventTime'
  | 'eventTimeMs'
  | 'amount'
  | 'currency'
  | 'numberOfItems'
>;

/** The stored fields a validated body sets; `event_time` defaults to the time of receipt. */
function contentOf(request: CreateEventRequest, nowMs: number): EventContent {
  const eventTime = request.event_time ?? new Date(nowMs).toISOString();
  const content: EventContent = {
    clickId: splitSignedClickId(request.signed_click_id).clickId,
    signedClickId: request.signed_click_id,
    eventName: request.event_name,
    eventTime,
    eventTimeMs: parseUtcDateTime(eventTime) ?? nowMs,
    amount: request.data.amount,
    currency: request.data.currency,
  };
  if (request.data.number_of_items !== undefined) {
    content.numberOfItems = request.data.number_of_items;
  }
  return content;
}

/**
 * The event on `pixelId` that makes a single create with this `external_event_id` a duplicate:
 * one received within the last 30 days. Older ones no longer count.
 */
export function findDuplicate(
  state: EmulatorState,
  pixelId: string,
  externalEventId: string | undefined,
  nowMs: number,
): EventRecord | undefined {
  if (externalEventId === undefined) return undefined;
  const existing = state.findByExternalId(pixelId, externalEventId);
  if (!existing) return undefined;
  return nowMs - existing.receivedAtMs < LIMITS.duplicateWindowDays * DAY_MS ? existing : undefined;
}

/** Stores a validated event as new, with a fresh UUIDv4. */
export function insertEvent(
  state: EmulatorState,
  pixelId: string,
  request: CreateEventRequest,
  nowMs: number,
): EventRecord {
  const event: EventRecord = {
    id: crypto.randomUUID(),
    pixelId,
    ...contentOf(request, nowMs),
    receivedAtMs: nowMs,
    sequence: state.nextSequence(),
  };
  if (request.external_event_id !== undefined) event.externalEventId = request.external_event_id;
  state.addEvent(event);
  return event;
}

/**
 * Batch semantics: an event whose `external_event_id` the pixel already has (at any age)
 * updates that event in place, keeping its id and time of receipt; any other is inserted.
 */
export function upsertEvent(
  state: EmulatorState,
  pixelId: string,
  request: CreateEventRequest,
  nowMs: number,
): EventRecord {
  const existing =
    request.external_event_id === undefined
      ? undefined
      : state.findByExternalId(pixelId, request.external_event_id);
  if (!existing) return insertEvent(state, pixelId, request, nowMs);
  const content = contentOf(request, nowMs);
  if (content.numberOfItems === undefined) delete existing.numberOfItems;
  Object.assign(existing, content);
  return existing;
}

/** Newest `event_time` first; among equal times, the later received first. */
export function reverseChronological(a: EventRecord, b: EventRecord): number {
  return b.eventTimeMs - a.eventTimeMs || b.sequence - a.sequence;
}
