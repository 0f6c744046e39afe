import { vi } from 'vitest';
import { type UpstreamEvent, upstreamEventsWithId } from './emulator.ts';

/**
 * Waits until the emulator holds exactly `count` events with this id, then a little longer to
 * make sure no further copy arrives (the queue flushes every 50 ms in tests).
 */
export async function expectDeliveredOnce(
  externalEventId: string,
  settleMs = 250,
): Promise<UpstreamEvent> {
  const first = await vi.waitFor(
    async () => {
      const events = await upstreamEventsWithId(externalEventId);
      if (events.length === 0) throw new Error(`no event ${externalEventId} upstream yet`);
      return events;
    },
    { timeout: 10_000, interval: 50 },
  );
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const settled = await upstreamEventsWithId(externalEventId);
  if (first.length !== 1 || settled.length !== 1) {
    throw new Error(`expected one event ${externalEventId} upstream, found ${settled.length}`);
  }
  return settled[0] as UpstreamEvent;
}

/** Waits for the queue to have had its chance, then checks nothing with this id arrived. */
export async function expectNotDelivered(externalEventId: string, settleMs = 250): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const events = await upstreamEventsWithId(externalEventId);
  if (events.length !== 0)
    throw new Error(`expected no event ${externalEventId}, found ${events.length}`);
}
