import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, collector, freshAddress, postBeacon, uniqueOrderId } from './support/collector.ts';
import { configuredEnv, fetchWithEnv } from './support/custom-env.ts';
import { newClick, PIXEL_ID, resetEmulator } from './support/emulator.ts';
import { TEST_BROWSER_RATE_LIMIT } from './support/limits.ts';
import { expectDeliveredOnce, expectNotDelivered } from './support/wait.ts';

beforeEach(async () => {
  await resetEmulator();
});

async function beaconFrom(origin: string | null, orderId: string): Promise<Response> {
  return postBeacon(
    {
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 10,
      currency: 'EUR',
      pjclid: await newClick(),
    },
    { origin },
  );
}

describe('browser origins', () => {
  it('refuses a beacon from a foreign origin with 403, no CORS headers, and forwards nothing', async () => {
    const orderId = uniqueOrderId('foreign');
    const response = await beaconFrom('https://evil.example', orderId);
    expect(response.status).toBe(403);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await expectNotDelivered(orderId);
  });

  it('refuses look-alikes of the allowed local origins', async () => {
    for (const origin of [
      'http://localhost.evil.example',
      'https://localhost:3000',
      'http://127.0.0.1.evil.example:80',
    ]) {
      const orderId = uniqueOrderId('lookalike');
      expect((await beaconFrom(origin, orderId)).status, origin).toBe(403);
    }
  });

  it('refuses a preflight from a foreign origin', async () => {
    const response = await collector('/collect', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('allows any port of localhost and 127.0.0.1 in local development', async () => {
    const first = uniqueOrderId('port');
    const second = uniqueOrderId('port');
    expect((await beaconFrom('http://localhost:51234', first)).status).toBe(202);
    expect((await beaconFrom('http://127.0.0.1:8080', second)).status).toBe(202);
    await expectDeliveredOnce(first);
    await expectDeliveredOnce(second);
  });
});

describe('rate limiting', () => {
  it(`answers 429 with Retry-After once one address sends more than ${TEST_BROWSER_RATE_LIMIT} a minute`, async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let index = 0; index <= TEST_BROWSER_RATE_LIMIT; index += 1) {
      const response = await postBeacon(
        { pixel_id: PIXEL_ID, event: 'purchase', amount: 1, currency: 'EUR' },
        { address },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('Retry-After')).toBe('60');
        expect(response.headers.get('Content-Type')).toBe('application/problem+json');
      }
    }
    // Without a click id the accepted ones are 204: nothing reaches the API while counting.
    expect(statuses.slice(0, TEST_BROWSER_RATE_LIMIT).every((status) => status === 204)).toBe(true);
    expect(statuses.at(-1)).toBe(429);

    const elsewhere = uniqueOrderId('other-address');
    expect((await beaconFrom('http://localhost:3000', elsewhere)).status).toBe(202);
    await expectDeliveredOnce(elsewhere);
  });

  it('refuses a rate-limited beacon before reading it, so it forwards nothing', async () => {
    const address = freshAddress();
    for (let index = 0; index < TEST_BROWSER_RATE_LIMIT; index += 1) {
      await postBeacon(
        { pixel_id: PIXEL_ID, event: 'purchase', amount: 1, currency: 'EUR' },
        { address },
      );
    }
    const orderId = uniqueOrderId('limited');
    const response = await postBeacon(
      {
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: orderId,
        amount: 1,
        currency: 'EUR',
        pjclid: await newClick(),
      },
      { address },
    );
    expect(response.status).toBe(429);
    await expectNotDelivered(orderId);
  });
});

// Shopify's custom pixels run in an iframe without allow-same-origin: their beacons say
// `Origin: null`. wrangler.toml's development settings accept them (ALLOW_NULL_ORIGIN).
describe('beacons from an opaque origin (a sandboxed frame)', () => {
  it('accepts one on /collect, answering CORS without credentials, and delivers it once', async () => {
    const orderId = uniqueOrderId('sandbox');
    const response = await beaconFrom('null', orderId);
    expect(response.status).toBe(202);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('null');
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    await expectDeliveredOnce(orderId);
  });

  it("ignores the visitor's click cookie: any page can open such a frame", async () => {
    const orderId = uniqueOrderId('sandbox-cookie');
    const response = await postBeacon(
      { pixel_id: PIXEL_ID, event: 'purchase', event_id: orderId, amount: 10, currency: 'EUR' },
      { origin: 'null', cookie: `pjclid=${await newClick()}` },
    );
    expect(response.status).toBe(204);
    await expectNotDelivered(orderId);
    // The same beacon from the shop's own pages is attributed by the cookie.
    const own = await postBeacon(
      { pixel_id: PIXEL_ID, event: 'purchase', event_id: orderId, amount: 10, currency: 'EUR' },
      { cookie: `pjclid=${await newClick()}` },
    );
    expect(own.status).toBe(202);
  });

  it('answers its preflight without credentials', async () => {
    const response = await collector('/collect', {
      method: 'OPTIONS',
      headers: { Origin: 'null', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('null');
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });

  it('still refuses it on /click, which sets and erases cookies', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await collector(`/click?pjclid=${await newClick()}`, {
        method,
        headers: { Origin: 'null' },
      });
      expect(response.status, method).toBe(403);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
  });

  it('refuses it where ALLOW_NULL_ORIGIN is false, as in production by default', async () => {
    const orderId = uniqueOrderId('sandbox-off');
    const body = JSON.stringify({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 10,
      currency: 'EUR',
      pjclid: await newClick(),
    });
    const response = await fetchWithEnv(
      configuredEnv({ ALLOW_NULL_ORIGIN: 'false' }),
      `${BASE}/collect`,
      {
        method: 'POST',
        headers: {
          Origin: 'null',
          'Content-Type': 'text/plain;charset=UTF-8',
          'CF-Connecting-IP': freshAddress(),
        },
        body,
      },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await expectNotDelivered(orderId);
  });
});
