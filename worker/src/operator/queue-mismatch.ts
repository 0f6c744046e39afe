import type { CollectorConfig } from '../config/settings.ts';
import { errorFields, type Logger } from '../log.ts';

/**
 * The consumer's note that a batch came from a queue whose name matches neither
 * EVENT_QUEUE_NAME nor DEAD_LETTER_QUEUE_NAME, kept in the dead-letter namespace for a day so
 * `/healthz` can say so: the Worker cannot read its queue bindings' names, only the batches'.
 */
export interface QueueMismatch {
  queue: string;
  event_queue_name: string;
  dead_letter_queue_name: string;
  seen_at: string;
}

const KEY = 'health:queue-name-mismatch';
const KEEP_SECONDS = 24 * 60 * 60;
/** Written once per isolate: every batch of a renamed queue would otherwise cost a KV write. */
const recorded = new Set<string>();

export async function recordQueueMismatch(
  config: CollectorConfig,
  queue: string,
  log: Logger,
): Promise<void> {
  if (recorded.has(queue)) return;
  const note: QueueMismatch = {
    queue: queue.slice(0, 100),
    event_queue_name: config.queueNames.events,
    dead_letter_queue_name: config.queueNames.deadLetters,
    seen_at: new Date().toISOString(),
  };
  try {
    await config.bindings.deadLetters.put(KEY, JSON.stringify(note), {
      expirationTtl: KEEP_SECONDS,
    });
    recorded.add(queue);
  } catch (error) {
    log.warn('queue.name_mismatch_not_recorded', errorFields(error));
  }
}

/** The last mismatch the consumer met within a day, if any. */
export async function readQueueMismatch(kv: KVNamespace): Promise<QueueMismatch | undefined> {
  return (await kv.get<QueueMismatch>(KEY, 'json')) ?? undefined;
}
