import { describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { ORIGIN, PIXEL_PATH, useEmulator } from './support/harness.ts';

const api = useEmulator();
const SHOP_PATH = `/shops/${SEED.shopId}`;
const UNKNOWN_UUID = 'f3a5c7e9-1b2d-4f6a-8c0e-2d4f6a8c0e1b';

describe('pixels', () => {
  it('reads the seeded pixel, enabled', async () => {
    const response = await api.call('GET', PIXEL_PATH);
    expect(response.body).toEqual({ id: SEED.pixelId, enabled: true });
  });

  it('creates a pixel that starts enabled, lists it after the seeded one and serves it', async () => {
    const created = await api.call('POST', `${SHOP_PATH}/pixels`);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), enabled: true });
    expect(created.headers.get('location')).toBe(`/pixels/${created.body.id}`);
    const list = await api.call('GET', `${SHOP_PATH}/pixels`);
    expect(list.body).toEqual([{ id: SEED.pixelId, enabled: true }, created.body]);
    expect((await api.call('GET', `/pixels/${created.body.id}`)).body).toEqual(created.body);
  });

  it('updates enabled, keeps it when the body leaves it out, and refuses a non-boolean', async () => {
    expect((await api.call('PATCH', PIXEL_PATH, { body: { enabled: false } })).body.enabled).toBe(
      false,
    );
    expect((await api.call('PATCH', PIXEL_PATH, { body: {} })).body.enabled).toBe(false);
    expect((await api.call('GET', PIXEL_PATH)).body.enabled).toBe(false);
    const bad = await api.call('PATCH', PIXEL_PATH, { body: { enabled: 'no' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field_errors).toEqual({
      enabled: { message: 'must be true or false', value: 'no' },
    });
    const notObject = await api.call('PATCH', PIXEL_PATH, { body: [true] });
    expect(Object.keys(notObject.body.field_errors)).toEqual(['body']);
  });

  it('answers 400 for a malformed pixel id and 404 for an unknown one', async () => {
    const malformed = await api.call('GET', '/pixels/52907745');
    expect(malformed.status).toBe(400);
    expect(malformed.body.field_errors).toEqual({
      pixel_id: { message: 'must be a UUID version 4', value: '52907745' },
    });
    expect((await api.call('GET', `/pixels/${UNKNOWN_UUID}`)).status).toBe(404);
  });
});

describe('shops', () => {
  it('reads the seeded shop with its clients and pixels', async () => {
    const response = await api.call('GET', SHOP_PATH);
    expect(response.body).toEqual({
      id: SEED.shopId,
      clients: [{ id: SEED.shopUser.id }, { id: SEED.publisher.id }],
      pixels: [{ id: SEED.pixelId }],
    });
  });

  it.each(['0', '1000000', '12.5', 'abc', '-1', '0123'])(
    'answers 400 for shop id %s',
    async (shopId) => {
      const response = await api.call('GET', `/shops/${shopId}`);
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.field_errors)).toEqual(['shopId']);
    },
  );

  it('answers 404 for a shop that does not exist', async () => {
    expect((await api.call('GET', '/shops/999999')).status).toBe(404);
    expect(
      (
        await api.call('POST', '/shops/999999/clients', {
          as: 'admin',
          body: { roles: ['shop_user'] },
        })
      ).status,
    ).toBe(404);
  });
});

describe('clients', () => {
  it('reads itself and the clients of its shop, never with a secret', async () => {
    const self = await api.call('GET', `/clients/${SEED.shopUser.id}`);
    expect(self.body).toEqual({ id: SEED.shopUser.id, roles: ['shop_user', 'event_publisher'] });
    const colleague = await api.call('GET', `/clients/${SEED.shopUser.id}`, { as: 'publisher' });
    expect(colleague.body).toEqual({
      id: SEED.shopUser.id,
      roles: ['shop_user', 'event_publisher'],
    });
    const admin = await api.call('GET', `/clients/${SEED.otherShop.shopUser.id}`, { as: 'admin' });
    expect(admin.body).toEqual({ id: SEED.otherShop.shopUser.id, roles: ['shop_user'] });
    expect((await api.call('GET', `/clients/${SEED.admin.id}`)).status).toBe(404);
    expect((await api.call('GET', '/clients/no-such-client')).status).toBe(404);
    expect((await api.call('GET', `/clients/${'x'.repeat(101)}`)).status).toBe(400);
  });

  it('creates a client whose credentials work at once, with the roles asked for', async () => {
    const created = await api.call('POST', `${SHOP_PATH}/clients`, {
      as: 'admin',
      body: { roles: ['shop_user', 'event_publisher', 'shop_user'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      secret: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      roles: ['event_publisher', 'shop_user'],
    });
    const { id, secret } = created.body;
    expect((await api.call('GET', PIXEL_PATH, { as: { id, secret } })).status).toBe(200);
    expect((await api.call('GET', `/clients/${id}`)).body).toEqual({
      id,
      roles: ['event_publisher', 'shop_user'],
    });
    expect((await api.call('GET', SHOP_PATH)).body.clients).toContainEqual({ id });
  });

  it.each([
    ['no roles', {}, 'roles'],
    ['an empty list', { roles: [] }, 'roles'],
    ['admin', { roles: ['shop_user', 'admin'] }, 'roles[1]'],
    ['a string', { roles: 'shop_user' }, 'roles'],
  ])('refuses %s', async (_, body, field) => {
    const response = await api.call('POST', `${SHOP_PATH}/clients`, { as: 'admin', body });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors)).toEqual([field]);
  });
});

describe('clicks', () => {
  it('reads a click issued through the controls, on its own shop only', async () => {
    const click = await api.click({
      url: 'https://shop.example/p/9',
      time: '2026-06-01T10:00:00Z',
    });
    const response = await api.call('GET', `/clicks/${click.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: click.id,
      forwarded_date: '2026-06-01T10:00:00.000Z',
      location: {
        url: 'https://shop.example/p/9',
        shop: { market: 'SE', id: String(SEED.shopId) },
      },
    });
    expect((await api.call('GET', `/clicks/${click.id.toUpperCase()}`)).status).toBe(200);
  });

  it('reads the seeded click, dated when the emulator started', async () => {
    const response = await api.call('GET', `/clicks/${SEED.click.id}`);
    expect(response.body.forwarded_date).toBe(new Date(api.clock.now).toISOString());
  });

  it('answers 400 for a malformed click id and 404 for an unknown one', async () => {
    expect((await api.call('GET', '/clicks/nope')).status).toBe(400);
    expect((await api.call('GET', `/clicks/${UNKNOWN_UUID}`)).status).toBe(404);
  });
});

describe('events by id', () => {
  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const malformed = await api.call('GET', '/events/52907745-7672-470e-a803-a2f8feb5294');
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.field_errors)).toEqual(['event_id']);
    expect((await api.call('GET', `/events/${UNKNOWN_UUID}`)).status).toBe(404);
  });
});

describe('routing', () => {
  it('answers 405 with Allow for a known path and another method', async () => {
    const response = await api.call('DELETE', PIXEL_PATH);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 404 problem details for an unknown path', async () => {
    const response = await api.call('GET', '/nothing/here');
    expect(response.status).toBe(404);
    expect(response.body.context.request_id).toBe(response.headers.get('x-request-id'));
  });

  it('serves every operation under /click-conversion as well', async () => {
    const response = await api.call('GET', PIXEL_PATH, { base: '/click-conversion' });
    expect(response.body).toEqual({ id: SEED.pixelId, enabled: true });
    expect((await api.call('GET', '/health', { base: '/click-conversion' })).body).toEqual({
      status: 'ok',
    });
  });

  it('gives every response its own request id', async () => {
    const first = await api.call('GET', '/health');
    const second = await api.call('GET', '/health');
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });
});

describe('request bodies', () => {
  it('reads the body of a request it refuses early, so the connection can be reused', async () => {
    const request = new Request(`${ORIGIN}${PIXEL_PATH}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(10_000) }),
    });
    const response = await api.emulator.fetch(request);
    expect(response.status).toBe(401);
    expect(request.bodyUsed).toBe(true);
  });
});
