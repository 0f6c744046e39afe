// Where the emulator once parted from Prisjakt's reference and public docs, read line by line:
// each test pins the reference's behaviour.
import { describe, expect, it } from 'vitest';
import { SHOP_LIMITS } from '#emulator/domain/shop-limits.ts';
import { SEED } from '#emulator/seed.ts';
import { DOCUMENT } from './support/conformance.ts';
import { EVENTS_PATH, PIXEL_PATH, purchase, useEmulator } from './support/harness.ts';

const api = useEmulator();
const SCHEMAS = (DOCUMENT.components as { schemas: Record<string, unknown> }).schemas;
const RANGE = 'from=2026-06-01T00:00:00Z&to=2026-06-15T12:00:00Z';
const REFERENCE_SAMPLE_CLICK = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';

describe('page and per_page are number <double>', () => {
  it.each([
    ['per_page=50.0', 50],
    ['per_page=1.0&page=1.0', 1],
    ['per_page=1e2', 100],
  ])('takes %s as a whole number', async (query, perPage) => {
    for (let index = 0; index < 3; index += 1) {
      await api.call('POST', EVENTS_PATH, { body: purchase({ external_event_id: `o-${index}` }) });
    }
    const response = await api.call('GET', `${EVENTS_PATH}?${RANGE}&${query}`);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(Math.min(perPage, 3));
  });

  it.each([
    ['per_page=50.5', 'per_page'],
    ['per_page=0.0', 'per_page'],
    ['per_page=100.1', 'per_page'],
    ['page=0.5', 'page'],
    ['page=1.', 'page'],
  ])('refuses %s, which names no page', async (query, field) => {
    const response = await api.call('GET', `${PIXEL_PATH}/conversions?${RANGE}&${query}`);
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors)).toEqual([field]);
  });

  it('documents them as numbers of format double, whole, within the bounds', () => {
    const operation = DOCUMENT.paths['/pixels/{pixel_id}/events']?.get as unknown as {
      parameters: { name: string; schema: Record<string, unknown> }[];
    };
    const parameters = operation.parameters;
    const schema = (name: string) =>
      parameters.find((parameter) => parameter.name === name)?.schema;
    expect(schema('per_page')).toMatchObject({
      type: 'number',
      format: 'double',
      minimum: 1,
      maximum: 100,
      multipleOf: 1,
    });
    expect(schema('page')).toMatchObject({
      type: 'number',
      format: 'double',
      minimum: 1,
      multipleOf: 1,
    });
  });
});

describe('external_event_id is 1..100 characters, counted as code points', () => {
  it('takes 100 emoji, which are 200 UTF-16 units', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      body: purchase({ external_event_id: '🛒'.repeat(100) }),
    });
    expect(response.status).toBe(201);
    expect(response.body.external_event_id).toBe('🛒'.repeat(100));
  });

  it('refuses 101 emoji', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      body: purchase({ external_event_id: '🛒'.repeat(101) }),
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors)).toEqual(['external_event_id']);
  });
});

describe('409 on Create a new client and Create a new pixel', () => {
  it(`answers 409 once a shop has ${SHOP_LIMITS.clients} clients`, async () => {
    const create = () =>
      api.call('POST', `/shops/${SEED.shopId}/clients`, {
        as: 'admin',
        body: { roles: ['event_publisher'] },
      });
    // The seeded shop has two clients already.
    for (let count = 2; count < SHOP_LIMITS.clients; count += 1)
      expect((await create()).status).toBe(201);
    const refused = await create();
    expect(refused.status).toBe(409);
    expect(refused.body.title).toBe('Conflict');
    expect(refused.body.detail).toContain(`${SHOP_LIMITS.clients} clients`);
    // Another shop has its own allowance.
    const other = await api.call('POST', `/shops/${SEED.otherShop.shopId}/clients`, {
      as: 'admin',
      body: { roles: ['shop_user'] },
    });
    expect(other.status).toBe(201);
  });

  it(`answers 409 once a shop has ${SHOP_LIMITS.pixels} pixels`, async () => {
    const create = () => api.call('POST', `/shops/${SEED.shopId}/pixels`);
    for (let count = 1; count < SHOP_LIMITS.pixels; count += 1)
      expect((await create()).status).toBe(201);
    const refused = await create();
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`${SHOP_LIMITS.pixels} pixels`);
  });

  it('documents both 409s', () => {
    const responses = (path: string) => {
      const operation = DOCUMENT.paths[path]?.post as unknown as {
        responses: Record<string, unknown>;
      };
      return operation.responses;
    };
    expect(responses('/shops/{shop_id}/clients')).toHaveProperty('409');
    expect(responses('/shops/{shop_id}/pixels')).toHaveProperty('409');
  });
});

describe("the reference's own request sample", () => {
  it('is accepted as written: its click is seeded as issued', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      as: { id: SEED.shopUser.id },
      body: {
        event_name: 'purchase',
        event_time: '2023-05-01T15:03:01Z',
        external_event_id: '2jclyrr-kgvz82',
        data: { number_of_items: 4, currency: 'EUR', amount: 122.95 },
        signed_click_id: REFERENCE_SAMPLE_CLICK,
      },
    });
    expect(response.status).toBe(201);
    expect(response.body.click_id).toBe('239cd31f-9d43-4cb4-b8dc-2057fe18c289');
    const click = await api.call('GET', '/clicks/239cd31f-9d43-4cb4-b8dc-2057fe18c289');
    expect(click.status).toBe(200);
  });

  it('keeps refusing the same click with another signature', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      body: purchase({ signed_click_id: REFERENCE_SAMPLE_CLICK.replace(/5$/, '6') }),
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors)).toEqual(['signed_click_id']);
  });
});

describe('the served OpenAPI document says what the emulator does', () => {
  it('accepts unknown keys in CreateClientRequest, and documents that', async () => {
    expect(SCHEMAS.CreateClientRequest).toMatchObject({
      additionalProperties: true,
    });
    const response = await api.call('POST', `/shops/${SEED.shopId}/clients`, {
      as: 'admin',
      body: { roles: ['event_publisher'], note: 'an unknown key' },
    });
    expect(response.status).toBe(201);
  });

  it('types a problem status as a number, as the reference does', () => {
    expect(SCHEMAS.Problem).toMatchObject({
      properties: { status: { type: 'number' } },
    });
  });
});

describe("a validation problem, as Prisjakt's public docs show one", () => {
  it('is titled "Request validation failed", keys a bad shop id shopId, and names the fields', async () => {
    const response = await api.call('GET', '/shops/alfa');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      title: 'Request validation failed',
      status: 400,
      detail: 'Request contains invalid fields: shopId. See field_errors for more details.',
      field_errors: { shopId: { value: 'alfa' } },
    });
  });

  it('names every invalid field in the detail', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      body: purchase({ event_name: 'view', data: { amount: -1, currency: 'SEK' } }),
    });
    expect(response.body.title).toBe('Request validation failed');
    expect(response.body.detail).toBe(
      'Request contains invalid fields: event_name, data.amount. See field_errors for more details.',
    );
  });
});
