import type { Emulator } from '#emulator/app.ts';
import { SEED } from '#emulator/seed.ts';

/** A purchase as the API's *Create a new event* takes it. */
export interface PurchaseEvent {
  event_name: 'purchase';
  event_time?: string;
  external_event_id?: string;
  data: { amount: number; currency: string; number_of_items?: number };
  signed_click_id: string;
}

/** Who serves the requests: an in-process emulator, or one over HTTP at a URL. */
export type EmulatorTarget = { emulator: Emulator } | { url: string };

const ORIGIN = 'http://emulator.test';

/** Sends one request to the emulator, in-process or over HTTP. */
export function send(target: EmulatorTarget, path: string, init: RequestInit = {}) {
  if ('url' in target) return fetch(target.url + path, init);
  return target.emulator.fetch(new Request(ORIGIN + path, init));
}

/** A click through `POST /__emulator/clicks`, as a shopper's click on Prisjakt. */
export async function issueClick(
  target: EmulatorTarget,
  body: Record<string, unknown> = {},
): Promise<{ id: string; signed_click_id: string; landing_url: string }> {
  const response = await send(target, '/__emulator/clicks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`click: ${response.status} ${await response.text()}`);
  return response.json() as Promise<{ id: string; signed_click_id: string; landing_url: string }>;
}

/** Posts a purchase straight to the API with the seeded shop_user client; answers the status. */
export async function postPurchase(
  target: EmulatorTarget,
  event: PurchaseEvent,
  pixelId: string = SEED.pixelId,
): Promise<number> {
  const response = await send(target, `/pixels/${pixelId}/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'client-id': SEED.shopUser.id,
      'client-secret': SEED.shopUser.secret,
    },
    body: JSON.stringify(event),
  });
  await response.arrayBuffer();
  return response.status;
}

/** `GET` a path and parse its JSON. */
export async function getJson<T>(target: EmulatorTarget, path: string): Promise<T> {
  const response = await send(target, path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return response.json() as Promise<T>;
}
