import { CollectorError } from '../http/problem.ts';
import { clickIdForLog, errorFields, type Logger } from '../log.ts';
import type { EventMessage } from '../queue/messages.ts';
import type { DedupeGuard } from './dedupe.ts';

export type Acceptance = 'accepted' | 'duplicate';

export interface AcceptDependencies {
  dedupe: DedupeGuard;
  queue: Queue<EventMessage>;
  log: Logger;
}

/**
 * The pipeline both intakes share: skip an event already accepted, enqueue it, and only then
 * mark its id, so a failure to enqueue can never leave a mark that would make a retry look like
 * a duplicate (and the purchase silently lost).
 *
 * `guarded: false` skips the guard for ids the collector made up itself (a beacon without an
 * event id gets a fresh one, which nothing else can repeat).
 *
 * @throws CollectorError `unavailable` (503) when the queue refuses the event.
 */
export async function acceptEvent(
  deps: AcceptDependencies,
  message: EventMessage,
  guarded: boolean,
): Promise<Acceptance> {
  const { pixel_id: pixelId, event } = message;
  const fields = {
    pixel_id: pixelId,
    external_event_id: event.external_event_id,
    click_id: clickIdForLog(event.signed_click_id),
    source: message.source,
  };
  // The key is a hash of the id: computed once, for the check and for the mark.
  let dedupeKey: string | undefined;
  if (guarded) {
    let seen = false;
    try {
      dedupeKey = await deps.dedupe.key(pixelId, event.external_event_id);
      seen = await deps.dedupe.seenKey(dedupeKey);
    } catch (error) {
      // Better a duplicate stopped by the API's 409 than a purchase refused.
      deps.log.warn('dedupe.read_failed', { ...fields, ...errorFields(error) });
    }
    if (seen) {
      deps.log.info('intake.duplicate', fields);
      return 'duplicate';
    }
  }

  try {
    await deps.queue.send(message, { contentType: 'json' });
  } catch (error) {
    deps.log.error('intake.enqueue_failed', { ...fields, ...errorFields(error) });
    throw new CollectorError('unavailable', 'the event could not be queued; send it again later', {
      headers: { 'Retry-After': '10' },
    });
  }

  if (guarded) {
    try {
      dedupeKey ??= await deps.dedupe.key(pixelId, event.external_event_id);
      await deps.dedupe.markKey(dedupeKey, message.received_at);
    } catch (error) {
      // The event is queued; a missing mark only lets a resend through to the 409 backstop.
      deps.log.warn('dedupe.mark_failed', { ...fields, ...errorFields(error) });
    }
  }
  deps.log.info('intake.accepted', {
    ...fields,
    amount: event.data.amount,
    currency: event.data.currency,
  });
  return 'accepted';
}
