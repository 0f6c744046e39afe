import type { CollectorConfig } from '../config/settings.ts';
import { cannotSucceed } from '../delivery/refusals.ts';
import type { EventMessage } from '../queue/messages.ts';
import { isEventMessage } from '../queue/messages.ts';
import type { DeadLetterStore } from './store.ts';

export type ReplayOutcome =
  | { ok: true; id: string; external_event_id: string }
  | { ok: false; id: string; reason: 'not_found' | 'not_replayable' | 'cannot_succeed' };

/**
 * Puts a dead letter's event back on the event queue, as it was accepted (same id, same time),
 * and deletes the record once the queue has it. The intake's dedupe guard is not consulted: the
 * event was accepted once and never delivered. If the API still refuses it, it comes back.
 *
 * `skipHopeless` (the bulk replay) leaves alone what the API refused for its fields: sent again
 * as it is, it would be refused again, spending quota and a dead-letter write each time. An
 * operator can still replay one such record by its id.
 */
export async function replayDeadLetter(
  store: DeadLetterStore,
  config: CollectorConfig,
  id: string,
  options: { skipHopeless?: boolean } = {},
): Promise<ReplayOutcome> {
  const record = await store.get(id);
  if (record === undefined) return { ok: false, id, reason: 'not_found' };
  if (!isEventMessage(record.message)) return { ok: false, id, reason: 'not_replayable' };
  if (options.skipHopeless && cannotSucceed(record.reason)) {
    return { ok: false, id, reason: 'cannot_succeed' };
  }
  const message: EventMessage = { ...record.message, replayed_from: id };
  await config.bindings.eventQueue.send(message, { contentType: 'json' });
  await store.delete(id);
  return { ok: true, id, external_event_id: message.event.external_event_id };
}
