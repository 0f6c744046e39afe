// The real Prisjakt emulator that global-setup.ts started: its test controls, for arranging
// clicks and faults and for reading what arrived upstream.
import { inject } from 'vitest';

export const PIXEL_ID = '52907745-7672-470e-a803-a2f8feb52944';
export const SHOP_ID = 123456;

/** An event as the emulator stored it, with what the inspection view adds. */
export interface UpstreamEvent {
  id: string;
  click_id: string;
  external_event_id?: string;
  event_name: 'purchase';
  event_time: string;
  data: { amount: number; currency: string; number_of_items?: number };
  pixel_id: string;
  signed_click_id: string;
  received_at: string;
}

import type { FaultRequest as FaultSpec } from '#emulator/controls/faults.ts';

export type { FaultSpec };

export function emulatorUrl(): string {
  return inject('emulatorUrl');
}

/**
 * workerd sometimes reuses a pooled connection the emulator has already closed and reports
 * "Network connection lost" before anything was sent; such a call is sent again.
 */
async function fetchEmulator(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('Network connection lost')) throw error;
    }
  }
}

/**
 * Calls a control and reads its whole answer: a body left unread keeps its connection busy,
 * and workerd then loses the next request sent over it.
 */
async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const response = await fetchEmulator(`${emulatorUrl()}/__emulator${path}`, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** A fresh signed click, as if a shopper had just clicked through from Prisjakt. */
export async function newClick(): Promise<string> {
  const click = (await control('POST', '/clicks', { shop_id: SHOP_ID })) as {
    signed_click_id: string;
  };
  return click.signed_click_id;
}

export async function resetEmulator(): Promise<void> {
  await control('POST', '/reset');
}

export async function addFault(fault: FaultSpec): Promise<void> {
  await control('POST', '/faults', fault);
}

export async function clearFaults(): Promise<void> {
  await control('DELETE', '/faults');
}

/** Every event stored for the seeded pixel. */
export async function upstreamEvents(): Promise<UpstreamEvent[]> {
  const answer = (await control('GET', `/events?pixel_id=${PIXEL_ID}`)) as {
    events: UpstreamEvent[];
  };
  return answer.events;
}

/** The stored events with this `external_event_id`. */
export async function upstreamEventsWithId(externalEventId: string): Promise<UpstreamEvent[]> {
  return (await upstreamEvents()).filter((event) => event.external_event_id === externalEventId);
}

/** API requests since the last reset: `{ createEvent: { "201": 3, "409": 1 }, … }`. */
export async function upstreamRequestCounts(): Promise<Record<string, Record<string, number>>> {
  const answer = (await control('GET', '/requests')) as {
    by_operation: Record<string, Record<string, number>>;
  };
  return answer.by_operation;
}

/** Sets the seeded pixel's `enabled` flag through the API itself, as the shop would. */
export async function setPixelEnabled(enabled: boolean): Promise<void> {
  const response = await fetchEmulator(`${emulatorUrl()}/pixels/${PIXEL_ID}`, {
    method: 'PATCH',
    headers: {
      'Content-Type': 'application/json',
      'client-id': 'lb4xiAVZZWkXiYxfxa146e4tbkYa702P',
      'client-secret': 'QciJ4AEjYjkE2f5pX5scLzPJi8lk9C',
    },
    body: JSON.stringify({ enabled }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`PATCH pixel: ${response.status} ${text}`);
}
