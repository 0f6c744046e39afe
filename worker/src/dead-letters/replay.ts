import type { CollectorConfig } from '../config/settings.ts';
import type { EventMessage } from '../queue/messages.ts';
import { isEventMessage } from '../queue/messages.ts';
import type { DeadLetterStore } from './store.ts';

export type ReplayOutcome =
  | { ok: true; id: string; external_event_id: string }
  | { ok: false; id: string; reason: 'not_found' | 'not_replayable' };

/**
 * Puts a dead letter's event back on the event queue, as it was accepted (same id, same time),
 * and deletes the record once the queue has it. The intake's dedupe guard is not consulted: the
 * event was accepted once and never delivered. If the API still refuses it, it comes back.
 */
export async function replayDeadLetter(
  store: DeadLetterStore,
  config: CollectorConfig,
  id: string,
): Promise<ReplayOutcome> {
  const record = await store.get(id);
  if (record === undefined) return { ok: false, id, reason: 'not_found' };
  if (!isEventMessage(record.message)) return { ok: false, id, reason: 'not_replayable' };
  const message: EventMessage = { ...record.message, replayed_from: id };
  await config.bindings.eventQueue.send(message, { contentType: 'json' });
  await store.delete(id);
  return { ok: true, id, external_event_id: message.event.external_event_id };
}
