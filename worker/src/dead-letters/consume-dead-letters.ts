import type { CollectorConfig } from '../config/settings.ts';
import { backoffDelaySeconds } from '../delivery/retry-policy.ts';
import { toUtcDateTime } from '../intake/event-time.ts';
import { errorFields, type Logger } from '../log.ts';
import { isDeadLetterEnvelope, isEventMessage } from '../queue/messages.ts';
import { DEAD_LETTER_ID_PATTERN } from './ids.ts';
import { type DeadLetterRecord, DeadLetterStore, type StoreCount } from './store.ts';

/** Dead-letter queue messages are stored under an id derived from theirs, so a redelivery overwrites. */
function idForQueueMessage(message: Message<unknown>): string {
  const stamp = message.timestamp.toISOString().replace(/[-:.]/g, '');
  const suffix = message.id
    .replace(/[^0-9a-f]/gi, '')
    .toLowerCase()
    .padEnd(12, '0')
    .slice(0, 12);
  return `${stamp}-${suffix}`;
}

function toRecord(message: Message<unknown>, now: number): DeadLetterRecord {
  const body = message.body;
  if (isDeadLetterEnvelope(body)) {
    const id = DEAD_LETTER_ID_PATTERN.test(body.id) ? body.id : idForQueueMessage(message);
    return { id, failed_at: body.failed_at, reason: body.reason, message: body.message };
  }
  // A bare event: the event queue moved it here itself after max_retries.
  const readable = isEventMessage(body);
  return {
    id: idForQueueMessage(message),
    failed_at: toUtcDateTime(now),
    reason: {
      kind: readable ? 'retries_exhausted' : 'unreadable',
      status: 0,
      title: readable
        ? 'The event queue gave up after its max_retries'
        : 'The dead-letter queue received a body that is not an event',
      attempts: message.attempts,
    },
    message: body,
  };
}

/**
 * The dead-letter queue's consumer: keeps each message in the dead-letter store, where an
 * operator can list and replay it. A message is acked only once stored. The store holds at most
 * DEAD_LETTER_MAX_RECORDS: past it a dead letter is dropped, loudly (`dead_letter.dropped` at
 * error level, and counted in the listing and `/healthz`), rather than filling KV (on the Free
 * plan, its 1,000 writes a day) until nothing can be stored at all.
 */
export async function consumeDeadLetters(
  batch: { readonly messages: readonly Message<unknown>[] },
  config: CollectorConfig,
  log: Logger,
): Promise<void> {
  const store = new DeadLetterStore(config.bindings.deadLetters);
  let count: StoreCount = { stored: 0, dropped: 0 };
  try {
    count = await store.readCount();
  } catch (error) {
    log.warn('dead_letter.count_unreadable', errorFields(error));
  }
  let changed = false;
  for (const message of batch.messages) {
    const record = toRecord(message, Date.now());
    if (count.stored >= config.deadLetterMaxRecords) {
      message.ack();
      count = { ...count, dropped: count.dropped + 1, last_dropped_at: toUtcDateTime(Date.now()) };
      changed = true;
      log.error('dead_letter.dropped', {
        dead_letter_id: record.id,
        reason: record.reason.kind,
        status: record.reason.status,
        stored: count.stored,
        max: config.deadLetterMaxRecords,
        action:
          'the dead-letter store is full: replay or delete dead letters, or raise DEAD_LETTER_MAX_RECORDS',
      });
      continue;
    }
    try {
      await store.put(record);
      message.ack();
      count = { ...count, stored: count.stored + 1 };
      changed = true;
      log.warn('dead_letter.stored', {
        dead_letter_id: record.id,
        reason: record.reason.kind,
        status: record.reason.status,
      });
    } catch (error) {
      const delaySeconds = backoffDelaySeconds(message.attempts, config.retry);
      message.retry({ delaySeconds });
      log.error('dead_letter.store_failed', {
        dead_letter_id: record.id,
        delay_seconds: delaySeconds,
        ...errorFields(error),
      });
    }
  }
  if (!changed) return;
  try {
    await store.writeCount(count);
  } catch (error) {
    log.warn('dead_letter.count_not_written', errorFields(error));
  }
}
