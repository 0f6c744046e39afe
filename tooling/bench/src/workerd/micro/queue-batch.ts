import type { EventMessage } from '#worker/queue/messages.ts';
import { BENCH_PIXEL_ID, BENCH_SIGNED_CLICK_ID } from './bench-env.ts';

/** What the consumer decided for the messages of one batch. */
export interface BatchOutcome {
  acked: number;
  retried: number;
}

/** An event as the collector queues it after a beacon (what `/collect` would have sent). */
export function queuedPurchase(eventId: string, receivedAt: string): EventMessage {
  return {
    v: 1,
    pixel_id: BENCH_PIXEL_ID,
    event: {
      event_name: 'purchase',
      event_time: receivedAt,
      external_event_id: eventId,
      data: { amount: 122.95, currency: 'EUR', number_of_items: 4 },
      signed_click_id: BENCH_SIGNED_CLICK_ID,
    },
    source: 'beacon',
    received_at: receivedAt,
    request_id: '0b6c1a52-7f0e-4c8e-9d3a-5e2f1b4c6d7e',
  };
}

/**
 * A queue batch as the runtime hands it to the consumer, first delivery, with the bodies already
 * deserialized (the runtime's work). `outcome` counts acks and retries, so the benchmark can
 * check that every message was delivered rather than timing an error path.
 */
export function eventBatch(
  queue: string,
  bodies: readonly EventMessage[],
): { batch: MessageBatch<EventMessage>; outcome: BatchOutcome } {
  const outcome: BatchOutcome = { acked: 0, retried: 0 };
  const now = new Date();
  const messages = bodies.map(
    (body, index): Message<EventMessage> => ({
      id: `bench-${index}`,
      timestamp: now,
      body,
      attempts: 1,
      ack: () => {
        outcome.acked += 1;
      },
      retry: () => {
        outcome.retried += 1;
      },
    }),
  );
  const batch: MessageBatch<EventMessage> = {
    messages,
    queue,
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    ackAll: () => {
      outcome.acked += messages.length;
    },
    retryAll: () => {
      outcome.retried += messages.length;
    },
  };
  return { batch, outcome };
}
