import { SEEDED_PIXEL_ID, SEEDED_SHOP_ID } from '#tooling/stack/fixture-stack.ts';

/** A click from `POST /__emulator/clicks`: a real signed click id and its landing URL. */
export interface EmulatedClick {
  id: string;
  signed_click_id: string;
  landing_url: string;
}

/** An event as `GET /__emulator/events` lists it. */
export interface EmulatedEvent {
  id: string;
  pixel_id: string;
  signed_click_id: string;
  external_event_id?: string;
  event_time: string;
  data: { amount: number; currency: string; number_of_items?: number };
}

/** Matches the events that carry `click`: a test's own purchases among those of other tests. */
export const eventsOf =
  (click: EmulatedClick) =>
  (event: { signed_click_id: string }): boolean =>
    event.signed_click_id === click.signed_click_id;

/** Asks the emulator for a fresh click landing on `url`, as if a shopper had just clicked. */
export async function createClick(emulatorUrl: string, url: string): Promise<EmulatedClick> {
  const response = await fetch(`${emulatorUrl}/__emulator/clicks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ shop_id: SEEDED_SHOP_ID, url }),
  });
  if (response.status !== 201)
    throw new Error(`click not created: ${response.status} ${await response.text()}`);
  return (await response.json()) as EmulatedClick;
}

/** Every event the emulator stored for the seeded pixel, in order of receipt. */
export async function listEvents(emulatorUrl: string): Promise<EmulatedEvent[]> {
  const response = await fetch(`${emulatorUrl}/__emulator/events?pixel_id=${SEEDED_PIXEL_ID}`);
  return ((await response.json()) as { events: EmulatedEvent[] }).events;
}

/**
 * Waits until the emulator holds `count` events that `match`, then returns them. The collector
 * delivers through a queue, about a second after intake; the wait ends as soon as they are
 * there, or after `timeoutMs` with whatever arrived.
 */
export async function waitForEvents(
  emulatorUrl: string,
  match: (event: EmulatedEvent) => boolean,
  count = 1,
  timeoutMs = 15_000,
): Promise<EmulatedEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await listEvents(emulatorUrl)).filter(match);
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
