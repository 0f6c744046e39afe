import { describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { createClickSigner } from '#emulator/signing.ts';
import {
  EVENTS_PATH,
  ORIGIN,
  PIXEL_PATH,
  purchase,
  START,
  useEmulator,
} from './support/harness.ts';

const api = useEmulator();

describe('POST /__emulator/clicks', () => {
  it('issues a click whose signed id verifies and whose landing URL carries it as pjclid', async () => {
    const response = await api.control('POST', '/clicks', {
      shop_id: SEED.shopId,
      url: 'https://shop.example/p/1?ref=pj#reviews',
      time: '2026-06-01T00:00:00Z',
    });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['id', 'landing_url', 'signed_click_id']);
    const { id, signed_click_id: signed, landing_url: landing } = response.body;
    expect(signed).toMatch(new RegExp(`^${id}_[0-9a-f]{16}$`));
    expect(await createClickSigner(SEED.signingKey).verify(signed)).toBe(true);
    expect(landing).toBe(`https://shop.example/p/1?ref=pj&pjclid=${signed}#reviews`);
    const event = await api.call('POST', EVENTS_PATH, {
      body: purchase({ signed_click_id: signed }),
    });
    expect(event.status).toBe(201);
  });

  it('defaults to the seeded shop, the default URL and now, with an empty body', async () => {
    const response = await api.control('POST', '/clicks');
    expect(response.status).toBe(201);
    expect(response.body.landing_url).toBe(
      `https://shop.example/p/1?pjclid=${response.body.signed_click_id}`,
    );
    const click = await api.call('GET', `/clicks/${response.body.id}`);
    expect(click.body.forwarded_date).toBe(new Date(START).toISOString());
  });

  it.each([
    ['an unknown shop', { shop_id: 999 }, 'shop_id'],
    ['a shop id as a string', { shop_id: '123456' }, 'shop_id'],
    ['a relative URL', { url: '/p/1' }, 'url'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url'],
    ['a local time', { time: '2026-06-01T00:00:00' }, 'time'],
    ['a bad market', { market: 'sweden' }, 'market'],
  ])('refuses %s with 400', async (_, body, field) => {
    const response = await api.control('POST', '/clicks', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(Object.keys(response.body.field_errors)).toEqual([field]);
  });

  it('signs with the configured key', async () => {
    const { createEmulator } = await import('#emulator/app.ts');
    const emulator = createEmulator({ signingKey: 'another key' });
    const response = await emulator.fetch(
      new Request(`${ORIGIN}/__emulator/clicks`, { method: 'POST' }),
    );
    const { signed_click_id: signed } = await response.json();
    expect(await createClickSigner('another key').verify(signed)).toBe(true);
    expect(await createClickSigner(SEED.signingKey).verify(signed)).toBe(false);
  });

  it('lists the clicks it knows, the seeded ones first, with their signed ids', async () => {
    const issued = await api.click();
    const response = await api.control('GET', '/clicks');
    expect(
      response.body.clicks.map((click: { signed_click_id: string }) => click.signed_click_id),
    ).toEqual([
      SEED.click.signedClickId,
      SEED.documentedClick.signedClickId,
      issued.signed_click_id,
    ]);
  });
});

describe('GET /__emulator/events', () => {
  it('lists every stored event in order of receipt, with pixel, signed click id and time of receipt', async () => {
    const pixel = await api.call('POST', `/shops/${SEED.shopId}/pixels`);
    const first = await api.call('POST', EVENTS_PATH, { body: purchase() });
    api.clock.now += 1000;
    await api.call('POST', `/pixels/${pixel.body.id}/events`, { body: purchase() });
    const all = await api.control('GET', '/events');
    expect(all.body.events).toHaveLength(2);
    expect(all.body.events[0]).toEqual({
      ...first.body,
      pixel_id: SEED.pixelId,
      signed_click_id: SEED.click.signedClickId,
      received_at: new Date(START).toISOString(),
    });
    const filtered = await api.control('GET', `/events?pixel_id=${pixel.body.id.toUpperCase()}`);
    expect(filtered.body.events.map((event: { pixel_id: string }) => event.pixel_id)).toEqual([
      pixel.body.id,
    ]);
    expect((await api.control('GET', '/events?pixel_id=nope')).status).toBe(400);
  });
});

describe('GET /__emulator/requests', () => {
  it('counts API requests by operation and status, not the controls', async () => {
    await api.call('POST', EVENTS_PATH, { body: purchase() });
    await api.call('POST', EVENTS_PATH, { body: purchase() });
    await api.call('POST', EVENTS_PATH, { body: purchase({ external_event_id: 'order-2' }) });
    await api.call('GET', PIXEL_PATH, { as: 'anonymous' });
    await api.call('GET', '/nothing');
    await api.call('GET', '/health', { base: '/click-conversion' });
    await api.control('GET', '/events');
    const response = await api.control('GET', '/requests');
    expect(response.body).toEqual({
      total: 6,
      by_operation: {
        createEvent: { '201': 2, '409': 1 },
        getPixel: { '401': 1 },
        unmatched: { '404': 1 },
        health: { '200': 1 },
      },
    });
  });
});

describe('POST /__emulator/reset', () => {
  it('returns to exactly the seed', async () => {
    const fresh = {
      shop: (await api.call('GET', `/shops/${SEED.shopId}`)).body,
      clicks: (await api.control('GET', '/clicks')).body,
    };
    await api.call('POST', EVENTS_PATH, { body: purchase() });
    await api.call('PATCH', PIXEL_PATH, { body: { enabled: false } });
    await api.call('POST', `/shops/${SEED.shopId}/pixels`);
    const client = await api.call('POST', `/shops/${SEED.shopId}/clients`, {
      as: 'admin',
      body: { roles: ['shop_user'] },
    });
    await api.click();
    await api.control('POST', '/faults', { status: 503, paths: ['/nothing'] });

    const reset = await api.control('POST', '/reset');
    expect(reset.status).toBe(204);
    expect((await api.control('GET', '/events')).body).toEqual({ events: [] });
    expect((await api.control('GET', '/faults')).body).toEqual({ faults: [] });
    expect((await api.control('GET', '/requests')).body).toEqual({ total: 0, by_operation: {} });
    expect((await api.call('GET', `/shops/${SEED.shopId}`)).body).toEqual(fresh.shop);
    expect((await api.control('GET', '/clicks')).body).toEqual(fresh.clicks);
    expect((await api.call('GET', PIXEL_PATH)).body.enabled).toBe(true);
    const { id, secret } = client.body;
    expect((await api.call('GET', PIXEL_PATH, { as: { id, secret } })).status).toBe(401);
    expect((await api.call('POST', EVENTS_PATH, { body: purchase() })).status).toBe(201);
  });

  it('is what emulator.reset() does as well', async () => {
    await api.call('POST', EVENTS_PATH, { body: purchase() });
    api.emulator.reset();
    expect((await api.control('GET', '/events')).body.events).toEqual([]);
  });
});

describe('CORS on the controls', () => {
  it('answers a preflight from any origin', async () => {
    const response = await api.emulator.fetch(
      new Request(`${ORIGIN}/__emulator/faults`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:5173',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'content-type',
    );
  });

  it('allows any origin to read a control, but not the API', async () => {
    const headers = { Origin: 'http://127.0.0.1:9000' };
    const control = await api.emulator.fetch(
      new Request(`${ORIGIN}/__emulator/events`, { headers }),
    );
    expect(control.headers.get('access-control-allow-origin')).toBe('*');
    const apiResponse = await api.emulator.fetch(new Request(`${ORIGIN}/health`, { headers }));
    expect(apiResponse.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('serves the controls under /click-conversion too', async () => {
    const response = await api.emulator.fetch(
      new Request(`${ORIGIN}/click-conversion/__emulator/requests`),
    );
    expect(await response.json()).toEqual({ total: 0, by_operation: {} });
  });
});
