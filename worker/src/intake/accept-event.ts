import { CollectorError } from '../http/problem.ts';
import { clickIdForLog, errorFields, type Logger } from '../log.ts';
import type { EventMessage } from '../queue/messages.ts';
import { contentDigest, type DedupeGuard, judge, type Verdict } from './dedupe.ts';

export type Acceptance = 'accepted' | 'duplicate';

export interface AcceptDependencies {
  dedupe: DedupeGuard;
  queue: Queue<EventMessage>;
  log: Logger;
}

/**
 * The pipeline both intakes share: judge the report against its id's mark, enqueue it, and only
 * then mark its id `pending`, so a failure to enqueue can never leave a mark that would make a
 * retry look like a duplicate (and the purchase silently lost). Delivery turns the mark into
 * `delivered` once the API has accepted the event, or clears it when the API refuses it; a
 * pending mark blocks only the same content (see `judge` in dedupe.ts).
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
  let digest: string | undefined;
  if (guarded) {
    let verdict: Verdict = { kind: 'accept' };
    try {
      dedupeKey = await deps.dedupe.key(pixelId, event.external_event_id);
      digest = await contentDigest(event);
      verdict = judge(await deps.dedupe.read(dedupeKey), message.source, digest);
    } catch (error) {
      // Better a duplicate stopped by the API's 409 than a purchase refused.
      deps.log.warn('dedupe.read_failed', { ...fields, ...errorFields(error) });
    }
    if (verdict.kind === 'duplicate') {
      deps.log.info('intake.duplicate', fields);
      return 'duplicate';
    }
    if (verdict.kind === 'replace') {
      message.replaces = 'beacon';
      deps.log.warn('intake.replaces_beacon', fields);
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
      digest ??= await contentDigest(event);
      await deps.dedupe.write(dedupeKey, { source: message.source, digest, state: 'pending' });
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
