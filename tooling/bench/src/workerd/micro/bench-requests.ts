import type { Beacon } from '#shared/beacon.ts';
import {
  BENCH_BASE_PATH,
  BENCH_PIXEL_ID,
  BENCH_SHOP_ORIGIN,
  BENCH_SIGNED_CLICK_ID,
} from './bench-env.ts';

/**
 * The beacon the pixel sends for an order confirmation: every field set, as on a shop that
 * passes its order id and item count (the largest common beacon).
 */
export function purchaseBeacon(eventId: string, time: string): Beacon {
  return {
    pixel_id: BENCH_PIXEL_ID,
    event: 'purchase',
    event_id: eventId,
    amount: 122.95,
    currency: 'EUR',
    items: 4,
    pjclid: BENCH_SIGNED_CLICK_ID,
    time,
  };
}

const encoder = new TextEncoder();

/**
 * `POST {path}` as a browser's `sendBeacon` makes it from the shop's page: `text/plain`, its
 * length declared, the shop's origin, and the visitor's address as Cloudflare reports it.
 */
export function beaconRequest(path: string, beacon: Beacon, clientAddress: string): Request {
  const body = encoder.encode(JSON.stringify(beacon));
  return new Request(`${BENCH_SHOP_ORIGIN}${BENCH_BASE_PATH}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/plain;charset=UTF-8',
      'Content-Length': String(body.byteLength),
      Origin: BENCH_SHOP_ORIGIN,
      'CF-Connecting-IP': clientAddress,
    },
    body,
  });
}

/** `GET /pjpixel.js`, fresh or revalidating with the ETag the browser holds. */
export function pixelScriptRequest(ifNoneMatch?: string): Request {
  const headers: Record<string, string> = { 'CF-Connecting-IP': '198.51.100.7' };
  if (ifNoneMatch !== undefined) headers['If-None-Match'] = ifNoneMatch;
  return new Request(`${BENCH_SHOP_ORIGIN}${BENCH_BASE_PATH}/pjpixel.js`, { headers });
}

/** `GET /click?pjclid=…` as the pixel calls it on a landing from Prisjakt. */
export function clickRequest(): Request {
  return new Request(
    `${BENCH_SHOP_ORIGIN}${BENCH_BASE_PATH}/click?pjclid=${BENCH_SIGNED_CLICK_ID}`,
    { headers: { Origin: BENCH_SHOP_ORIGIN, 'CF-Connecting-IP': '198.51.100.7' } },
  );
}

/** A documentation address (RFC 5737) per visitor, so the rate limiter sees many clients. */
export function visitorAddress(index: number): string {
  return `203.0.113.${index % 250}`;
}
