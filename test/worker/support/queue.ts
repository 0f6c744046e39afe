// Drives the collector's queue consumer directly with a batch of a test's making, against the
// real emulator and bindings, and reads back what it decided for each message: ack, or retry
// and with what delay. (The pool's createMessageBatch drops retry delays, which are exactly
// what these tests check, so the batch here records them itself.)

import type { Env } from '#worker/env.ts';
import worker from '#worker/index.ts';
import type { EventMessage } from '#worker/queue/messages.ts';
import { PIXEL_ID } from './emulator.ts';

export const EVENT_QUEUE = 'pjcollector-events';
export const DEAD_LETTER_QUEUE = 'pjcollector-dead-letters';

export interface TestMessage {
  id?: string;
  body: unknown;
  attempts?: number;
  timestamp?: Date;
}

/** What the consumer decided for a batch. */
export interface Verdicts {
  acked: Set<string>;
  /** Message id → delay in seconds (undefined: the queue's default). */
  retried: Map<string, number | undefined>;
  /** Set when the consumer retried the whole batch. */
  retriedAll?: { delaySeconds: number | undefined };
}

class RecordingMessage implements Message<unknown> {
  readonly id: string;
  readonly timestamp: Date;
  readonly body: unknown;
  readonly attempts: number;
  readonly #verdicts: Verdicts;

  constructor(message: TestMessage, index: number, verdicts: Verdicts) {
    this.id = message.id ?? `message-${index}`;
    this.timestamp = message.timestamp ?? new Date();
    this.attempts = message.attempts ?? 1;
    // Queues hand the consumer a copy of what was sent.
    this.body = structuredClone(message.body);
    this.#verdicts = verdicts;
  }

  ack(): void {
    if (this.#verdicts.retried.has(this.id)) throw new Error(`${this.id} acked after a retry`);
    this.#verdicts.acked.add(this.id);
  }

  retry(options?: QueueRetryOptions): void {
    if (this.#verdicts.acked.has(this.id)) throw new Error(`${this.id} retried after an ack`);
    this.#verdicts.retried.set(this.id, options?.delaySeconds);
  }
}

/** An event message as the intake would queue it. */
export function eventMessage(
  externalEventId: string,
  signedClickId: string,
  overrides: Partial<EventMessage> = {},
): EventMessage {
  return {
    v: 1,
    pixel_id: PIXEL_ID,
    event: {
      event_name: 'purchase',
      event_time: new Date().toISOString(),
      external_event_id: externalEventId,
      data: { amount: 42.5, currency: 'EUR', number_of_items: 1 },
      signed_click_id: signedClickId,
    },
    source: 'beacon',
    received_at: new Date().toISOString(),
    request_id: crypto.randomUUID(),
    ...overrides,
  };
}

/** Runs one batch through the collector's `queue` handler and returns its verdicts. */
export async function runBatch(
  target: Env,
  messages: TestMessage[],
  queue = EVENT_QUEUE,
): Promise<Verdicts> {
  const verdicts: Verdicts = { acked: new Set(), retried: new Map() };
  const recorded = messages.map((message, index) => new RecordingMessage(message, index, verdicts));
  const batch: MessageBatch<unknown> = {
    queue,
    messages: recorded,
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } },
    retryAll(options?: QueueRetryOptions) {
      verdicts.retriedAll = { delaySeconds: options?.delaySeconds };
    },
    ackAll() {
      for (const message of recorded) verdicts.acked.add(message.id);
    },
  };
  const queueHandler = worker.queue;
  if (queueHandler === undefined) throw new Error('the collector exports no queue handler');
  await queueHandler(batch, target);
  return verdicts;
}
