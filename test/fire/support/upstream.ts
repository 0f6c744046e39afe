// The emulator's test controls, as the fire suites use them: clicks to attribute purchases to,
// faults to inject, and what actually arrived upstream.
import { SEED } from '#emulator/seed.ts';

export const PIXEL_ID = SEED.pixelId;

/** A fault as `POST /__emulator/faults` takes it. */
import type { FaultRequest as FaultSpec } from '#emulator/controls/faults.ts';

export type { FaultSpec };

/** An event the emulator stored. */
export interface StoredEvent {
  id: string;
  external_event_id?: string;
  signed_click_id: string;
  event_time: string;
  data: { amount: number; currency: string; number_of_items?: number };
}

/** Faults hit only event creation, so the controls and the tests' own reads stay healthy. */
const EVENT_PATHS = [`/pixels/${PIXEL_ID}/events`];

/**
 * Calls a control and reads the whole answer.
 *
 * @throws Error when the emulator refuses.
 */
async function control(
  emulatorUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(`${emulatorUrl}/__emulator${path}`, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** `count` fresh signed clicks of the seeded shop, as if shoppers had just clicked through. */
export async function newClicks(emulatorUrl: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const click = (await control(emulatorUrl, 'POST', '/clicks', {
        shop_id: SEED.shopId,
      })) as { signed_click_id: string };
      return click.signed_click_id;
    }),
  );
}

/** Makes event creation fail as `fault` says, until {@link clearFaults} (unless it has a count). */
export async function injectFault(emulatorUrl: string, fault: FaultSpec): Promise<void> {
  await control(emulatorUrl, 'POST', '/faults', { paths: EVENT_PATHS, ...fault });
}

export async function clearFaults(emulatorUrl: string): Promise<void> {
  await control(emulatorUrl, 'DELETE', '/faults');
}

/** Every event stored for the seeded pixel, in order of receipt. */
export async function storedEvents(emulatorUrl: string): Promise<StoredEvent[]> {
  const answer = (await control(emulatorUrl, 'GET', `/events?pixel_id=${PIXEL_ID}`)) as {
    events: StoredEvent[];
  };
  return answer.events;
}

/** Event creations the emulator answered, by status (`dropped` for a cut connection). */
export async function createEventOutcomes(emulatorUrl: string): Promise<Record<string, number>> {
  const answer = (await control(emulatorUrl, 'GET', '/requests')) as {
    by_operation: Record<string, Record<string, number>>;
  };
  return answer.by_operation.createEvent ?? {};
}
