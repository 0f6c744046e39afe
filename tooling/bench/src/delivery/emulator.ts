import { SEED } from '#emulator/seed.ts';

/** What `GET /__emulator/events` tells of a stored event that the benchmark reads. */
export interface StoredEventView {
  external_event_id?: string;
  /** When the emulator stored it, UTC ISO 8601 with milliseconds. */
  received_at: string;
}

/** The emulator's request counters (`GET /__emulator/requests`). */
interface RequestCounts {
  total: number;
  by_operation: Record<string, Record<string, number>>;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** Requests the emulator has answered for the event-creating operations, any status. */
export async function eventApiRequests(emulatorUrl: string): Promise<number> {
  const counts = await getJson<RequestCounts>(`${emulatorUrl}/__emulator/requests`);
  let total = 0;
  for (const operation of ['createEvent', 'createEvents']) {
    for (const count of Object.values(counts.by_operation[operation] ?? {})) total += count;
  }
  return total;
}

/** Every API request the emulator has answered, any operation. */
export async function allApiRequests(emulatorUrl: string): Promise<number> {
  return (await getJson<RequestCounts>(`${emulatorUrl}/__emulator/requests`)).total;
}

/**
 * Waits until the emulator holds an event for each of `orderIds` and returns them by order id.
 *
 * @throws Error naming how many are missing after `timeoutMs`.
 */
export async function waitForOrders(
  emulatorUrl: string,
  orderIds: readonly string[],
  timeoutMs: number,
): Promise<Map<string, StoredEventView>> {
  const wanted = new Set(orderIds);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { events } = await getJson<{ events: StoredEventView[] }>(
      `${emulatorUrl}/__emulator/events?pixel_id=${SEED.pixelId}`,
    );
    const found = new Map<string, StoredEventView>();
    for (const event of events) {
      if (event.external_event_id !== undefined && wanted.has(event.external_event_id)) {
        found.set(event.external_event_id, event);
      }
    }
    if (found.size === wanted.size) return found;
    if (Date.now() > deadline) {
      throw new Error(`${wanted.size - found.size} of ${wanted.size} purchases never arrived`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Resolves once the emulator has answered no new API request for `quietMs`: the collector's
 * queue has delivered what it had (or is waiting out a retry, which `maxMs` bounds).
 */
export async function waitForQuiet(emulatorUrl: string, quietMs: number, maxMs: number) {
  const deadline = Date.now() + maxMs;
  let last = await allApiRequests(emulatorUrl);
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await allApiRequests(emulatorUrl);
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
  }
}
