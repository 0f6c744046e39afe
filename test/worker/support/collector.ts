// Calls into the collector under test: through its default export, as Cloudflare would, with
// the real bindings of wrangler.toml.
import { exports } from 'cloudflare:workers';

export const ORIGIN = 'http://collector.test';
export const BASE = `${ORIGIN}/pj`;
export const SHOP_ORIGIN = 'http://localhost:3000';
export const SERVER_TOKEN = 'local-dev-token';
export const ADMIN_TOKEN = 'local-dev-admin-token';
export const CLIENT_SECRET = 'QciJ4AEjYjkE2f5pX5scLzPJi8lk9C';

/**
 * A client address of its own for each call, so the browser rate limit (per address) only trips
 * where a test means it to.
 */
export function freshAddress(): string {
  return `2001:db8:${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}::1`;
}

export function collector(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${BASE}${path}`, init);
}

export interface BeaconFields {
  pixel_id?: unknown;
  event?: unknown;
  event_id?: unknown;
  amount?: unknown;
  currency?: unknown;
  items?: unknown;
  pjclid?: unknown;
  time?: unknown;
  [extra: string]: unknown;
}

/** Posts a beacon as `sendBeacon` does: `text/plain;charset=UTF-8`, from the shop's origin. */
export function postBeacon(
  beacon: BeaconFields,
  options: { origin?: string | null; cookie?: string; contentType?: string; address?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': options.contentType ?? 'text/plain;charset=UTF-8',
    'CF-Connecting-IP': options.address ?? freshAddress(),
  };
  if (options.origin !== null) headers.Origin = options.origin ?? SHOP_ORIGIN;
  if (options.cookie !== undefined) headers.Cookie = options.cookie;
  return collector('/collect', { method: 'POST', headers, body: JSON.stringify(beacon) });
}

/** Posts a create-event body as the shop's backend does. */
export function postServerEvent(
  body: unknown,
  options: { token?: string | null; pixelId?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? SERVER_TOKEN}`;
  const pixelId = options.pixelId ?? '52907745-7672-470e-a803-a2f8feb52944';
  return collector(`/server/pixels/${pixelId}/events`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An order id no other test uses. */
export function uniqueOrderId(label: string): string {
  return `${label}-${crypto.randomUUID()}`;
}
