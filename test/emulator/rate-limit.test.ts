import { describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { EVENTS_PATH, PIXEL_PATH, purchase, START, useEmulator } from './support/harness.ts';

const HOUR_MS = 60 * 60 * 1000;

describe('rate limit', () => {
  const api = useEmulator({ rateLimitPerHour: 3 });

  it('counts down, then answers 429 until the hour is over, then starts a new window', async () => {
    const remaining = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await api.call('GET', PIXEL_PATH);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe('3');
      expect(response.headers.get('x-ratelimit-reset')).toBe(String(START + HOUR_MS));
      remaining.push(response.headers.get('x-ratelimit-remaining'));
      api.clock.now += 60_000;
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await api.call('POST', EVENTS_PATH, { body: purchase() });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset')).toBe(String(START + HOUR_MS));
    expect(refused.body.detail).toContain('3 requests');
    expect((await api.control('GET', '/events')).body.events).toEqual([]);

    api.clock.now = START + HOUR_MS - 1;
    expect((await api.call('GET', PIXEL_PATH)).status).toBe(429);
    api.clock.now = START + HOUR_MS;
    const renewed = await api.call('GET', PIXEL_PATH);
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(renewed.headers.get('x-ratelimit-reset')).toBe(String(START + 2 * HOUR_MS));
  });

  it('limits each client id on its own', async () => {
    for (let i = 0; i < 3; i += 1) await api.call('GET', PIXEL_PATH);
    expect((await api.call('GET', PIXEL_PATH)).status).toBe(429);
    const other = await api.call('GET', `/pixels/${SEED.otherShop.pixelId}`, {
      as: 'otherShopUser',
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('counts refused requests of an authenticated client (403, 404, 400), but not 401s', async () => {
    await api.call('GET', PIXEL_PATH, { as: { id: SEED.shopUser.id, secret: 'wrong' } });
    await api.call('GET', PIXEL_PATH, { as: { id: SEED.shopUser.id } });
    const forbidden = await api.call('POST', `/shops/${SEED.shopId}/clients`, {
      body: { roles: ['shop_user'] },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('x-ratelimit-remaining')).toBe('2');
    const missing = await api.call('GET', '/pixels/f3a5c7e9-1b2d-4f6a-8c0e-2d4f6a8c0e1b');
    expect(missing.headers.get('x-ratelimit-remaining')).toBe('1');
    const invalid = await api.call('GET', '/pixels/x');
    expect(invalid.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await api.call('GET', PIXEL_PATH)).status).toBe(429);
  });

  it('does not limit health and the document', async () => {
    for (let i = 0; i < 5; i += 1) {
      const response = await api.call('GET', '/health');
      expect(response.status).toBe(200);
      expect(response.headers.has('x-ratelimit-limit')).toBe(false);
    }
  });

  it('starts over on reset', async () => {
    for (let i = 0; i < 3; i += 1) await api.call('GET', PIXEL_PATH);
    await api.control('POST', '/reset');
    expect((await api.call('GET', PIXEL_PATH)).headers.get('x-ratelimit-remaining')).toBe('2');
  });
});

describe('rate limit default', () => {
  const api = useEmulator();

  it('is 10,000 requests per hour', async () => {
    const response = await api.call('GET', PIXEL_PATH);
    expect(response.headers.get('x-ratelimit-limit')).toBe('10000');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('9999');
  });
});
