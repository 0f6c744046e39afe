import { describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { OPERATIONS } from '#shared/api/operations.ts';
import { EVENTS_PATH, PIXEL_PATH, purchase, useEmulator } from './support/harness.ts';
import { SAMPLE_REQUESTS } from './support/sample-requests.ts';

const api = useEmulator();
const samples = Object.entries(SAMPLE_REQUESTS);

describe('authentication', () => {
  it.each(samples)(
    '%s answers 401 without credentials, and no rate-limit headers',
    async (_, sample) => {
      const response = await api.call(sample.method, sample.path, {
        as: 'anonymous',
        body: sample.body,
      });
      expect(response.status).toBe(401);
      expect(response.body.detail).toBe('The client-id header is required.');
      expect(response.headers.has('x-ratelimit-limit')).toBe(false);
    },
  );

  it.each(samples)('%s answers 401 for a wrong secret, without echoing it', async (_, sample) => {
    const wrong = 'NotTheSecretOfThisClient000000';
    const response = await api.call(sample.method, sample.path, {
      as: { id: SEED.shopUser.id, secret: wrong },
      body: sample.body,
    });
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).not.toContain(wrong);
    expect(JSON.stringify(response.body)).not.toContain(SEED.shopUser.secret);
  });

  it('gives one answer for an unknown client id and a wrong secret, so ids cannot be probed', async () => {
    const unknown = await api.call('GET', PIXEL_PATH, { as: { id: 'nobody', secret: 'x' } });
    const wrongSecret = await api.call('GET', PIXEL_PATH, {
      as: { id: SEED.shopUser.id, secret: 'x' },
    });
    expect(unknown.status).toBe(401);
    expect(wrongSecret.status).toBe(401);
    expect(unknown.body.detail).toBe(wrongSecret.body.detail);
  });

  it('requires the secret on every operation but creating a single event', async () => {
    for (const [id, sample] of samples) {
      const response = await api.call(sample.method, sample.path, {
        as: { id: SEED.shopUser.id },
        body: sample.body,
      });
      if (id === 'createEvent') expect(response.status, id).toBe(201);
      else {
        expect(response.status, id).toBe(401);
        expect(response.body.detail, id).toBe(
          'The client-secret header is required for this operation.',
        );
      }
    }
    expect(OPERATIONS.createEvent.secret).toBe('optional');
  });

  it('refuses a wrong secret on creating a single event even though the secret is optional', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      as: { id: SEED.publisher.id, secret: 'wrong' },
      body: purchase(),
    });
    expect(response.status).toBe(401);
  });

  it('refuses an unknown client id on creating a single event', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      as: { id: 'unknown-client' },
      body: purchase(),
    });
    expect(response.status).toBe(401);
  });

  it('treats an empty client-id header as missing', async () => {
    const response = await api.call('GET', PIXEL_PATH, {
      as: { id: '', secret: SEED.shopUser.secret },
    });
    expect(response.status).toBe(401);
  });

  it('serves health and the document without credentials', async () => {
    expect((await api.call('GET', '/health', { as: 'anonymous' })).status).toBe(200);
    expect((await api.call('GET', '/docs/openapi.json', { as: 'anonymous' })).status).toBe(200);
  });
});

describe('roles', () => {
  it('lets an event_publisher create single events, with or without its secret', async () => {
    const withSecret = await api.call('POST', EVENTS_PATH, { as: 'publisher', body: purchase() });
    const withoutSecret = await api.call('POST', EVENTS_PATH, {
      as: { id: SEED.publisher.id },
      body: purchase({ external_event_id: 'order-2' }),
    });
    expect(withSecret.status).toBe(201);
    expect(withoutSecret.status).toBe(201);
  });

  it.each(
    samples.filter(([id]) => id !== 'createEvent' && id !== 'getClient' && id !== 'createClient'),
  )('%s answers 403 to an event_publisher, with rate-limit headers', async (_, sample) => {
    const response = await api.call(sample.method, sample.path, {
      as: 'publisher',
      body: sample.body,
    });
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('shop_user');
    expect(response.headers.get('x-ratelimit-limit')).toBe('10000');
  });

  it('lets only an admin create clients', async () => {
    const sample = SAMPLE_REQUESTS.createClient;
    for (const caller of ['shopUser', 'publisher', 'otherShopUser'] as const) {
      const response = await api.call(sample.method, sample.path, {
        as: caller,
        body: sample.body,
      });
      expect(response.status, caller).toBe(403);
    }
    expect(
      (await api.call(sample.method, sample.path, { as: 'admin', body: sample.body })).status,
    ).toBe(201);
  });

  it('does not let an admin act as a shop_user: roles are exactly those the reference lists', async () => {
    expect((await api.call('GET', PIXEL_PATH, { as: 'admin' })).status).toBe(403);
    expect((await api.call('POST', EVENTS_PATH, { as: 'admin', body: purchase() })).status).toBe(
      403,
    );
  });

  it('checks the role before the path, so a wrong role never learns whether an id is valid', async () => {
    const response = await api.call('GET', '/pixels/not-a-uuid', { as: 'publisher' });
    expect(response.status).toBe(403);
  });
});

describe('shops', () => {
  const otherPixel = `/pixels/${SEED.otherShop.pixelId}`;

  it.each([
    ['GET', otherPixel],
    ['PATCH', otherPixel],
    ['GET', `${otherPixel}/events?from=2026-06-01T00:00:00Z&to=2026-06-15T00:00:00Z`],
    ['POST', `${otherPixel}/events`],
    ['POST', `${otherPixel}/events/batch`],
    ['GET', `${otherPixel}/purchase-summary?from=2026-06-01T00:00:00Z&to=2026-06-15T00:00:00Z`],
    ['GET', `${otherPixel}/conversions?from=2026-06-01T00:00:00Z&to=2026-06-15T00:00:00Z`],
    ['GET', `/shops/${SEED.otherShop.shopId}`],
    ['GET', `/shops/${SEED.otherShop.shopId}/pixels`],
    ['POST', `/shops/${SEED.otherShop.shopId}/pixels`],
    ['GET', `/clients/${SEED.otherShop.shopUser.id}`],
  ])('%s %s of another shop answers 404, as if it did not exist', async (method, path) => {
    const body = path.endsWith('/batch')
      ? [purchase()]
      : method === 'PATCH'
        ? { enabled: false }
        : purchase();
    const response = await api.call(method, path, { body: method === 'GET' ? undefined : body });
    expect(response.status).toBe(404);
    const unknown = path.replace(SEED.otherShop.pixelId, 'f3a5c7e9-1b2d-4f6a-8c0e-2d4f6a8c0e1b');
    if (unknown !== path) {
      const missing = await api.call(method, unknown, {
        body: method === 'GET' ? undefined : body,
      });
      expect(missing.body.detail).toBe(response.body.detail);
    }
  });

  it("hides another shop's events and clicks", async () => {
    const created = await api.call('POST', EVENTS_PATH, { body: purchase() });
    const click = await api.click();
    expect(created.status).toBe(201);
    const event = await api.call('GET', `/events/${created.body.id}`, { as: 'otherShopUser' });
    expect(event.status).toBe(404);
    expect((await api.call('GET', `/clicks/${click.id}`, { as: 'otherShopUser' })).status).toBe(
      404,
    );
    expect((await api.call('GET', `/events/${created.body.id}`)).status).toBe(200);
  });

  it('lets an admin create clients for any shop', async () => {
    const response = await api.call('POST', `/shops/${SEED.otherShop.shopId}/clients`, {
      as: 'admin',
      body: { roles: ['shop_user'] },
    });
    expect(response.status).toBe(201);
  });
});
