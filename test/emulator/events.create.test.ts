import { describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { DAY_MS } from '#shared/limits.ts';
import { EVENTS_PATH, PIXEL_PATH, purchase, useEmulator } from './support/harness.ts';

const api = useEmulator();

describe('create an event', () => {
  it('stores the event and answers 201 with it, its id a fresh UUIDv4 and Location pointing to it', async () => {
    const response = await api.call('POST', EVENTS_PATH, { body: purchase() });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      click_id: SEED.click.id,
      external_event_id: 'order-1',
      event_name: 'purchase',
      event_time: '2026-06-15T11:00:00Z',
      data: { number_of_items: 2, currency: 'SEK', amount: 499.5 },
    });
    expect(response.headers.get('location')).toBe(`/events/${response.body.id}`);
    const read = await api.call('GET', `/events/${response.body.id}`);
    expect(read.body).toEqual(response.body);
    const second = await api.call('POST', EVENTS_PATH, {
      body: purchase({ external_event_id: 'order-2' }),
    });
    expect(second.body.id).not.toBe(response.body.id);
  });

  it('keeps the click id byte for byte, in the case it was sent', async () => {
    const click = await api.click();
    const upper = click.signed_click_id.toUpperCase();
    const response = await api.call('POST', EVENTS_PATH, {
      body: purchase({ signed_click_id: upper }),
    });
    expect(response.status).toBe(201);
    expect(response.body.click_id).toBe(upper.split('_')[0]);
    const stored = await api.control('GET', '/events');
    expect(stored.body.events[0].signed_click_id).toBe(upper);
  });

  it('defaults event_time to the time of receipt and leaves out what was not sent', async () => {
    const { event_time: _, external_event_id: __, ...body } = purchase();
    const response = await api.call('POST', EVENTS_PATH, {
      body: { ...body, data: { amount: 10, currency: 'EUR' } },
    });
    expect(response.status).toBe(201);
    expect(response.body.event_time).toBe(new Date(api.clock.now).toISOString());
    expect(response.body).not.toHaveProperty('external_event_id');
    expect(response.body.data).toEqual({ currency: 'EUR', amount: 10 });
  });

  it('ignores unknown fields', async () => {
    const response = await api.call('POST', EVENTS_PATH, { body: purchase({ coupon: 'SUMMER' }) });
    expect(response.status).toBe(201);
    expect(response.body).not.toHaveProperty('coupon');
  });

  it('accepts a pixel id in capitals and under the /click-conversion prefix', async () => {
    const response = await api.call(
      'POST',
      EVENTS_PATH.toUpperCase().replace('/PIXELS/', '/pixels/').replace('/EVENTS', '/events'),
      {
        body: purchase(),
        base: '/click-conversion',
      },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/click-conversion/events/${response.body.id}`);
  });

  it('accepts an event_time any time in the past and up to five minutes ahead', async () => {
    const old = await api.call('POST', EVENTS_PATH, {
      body: purchase({ event_time: '2019-08-24T14:15:22Z', external_event_id: 'old' }),
    });
    const ahead = await api.call('POST', EVENTS_PATH, {
      body: purchase({
        event_time: new Date(api.clock.now + 5 * 60_000).toISOString(),
        external_event_id: 'ahead',
      }),
    });
    expect(old.status).toBe(201);
    expect(ahead.status).toBe(201);
  });
});

describe('create an event: validation', () => {
  it.each([
    ['event_name', { event_name: 'page_view' }],
    ['event_time', { event_time: '2026-06-15 11:00:00' }],
    ['event_time', { event_time: '2026-02-30T11:00:00Z' }],
    ['event_time', { event_time: '2026-06-15T11:00:00+02:00' }],
    ['external_event_id', { external_event_id: '' }],
    ['external_event_id', { external_event_id: 'x'.repeat(101) }],
    ['external_event_id', { external_event_id: 42 }],
    ['data', { data: undefined }],
    ['data', { data: 'lots' }],
    ['data.amount', { data: { amount: -1, currency: 'SEK' } }],
    ['data.amount', { data: { amount: 1_000_000_000, currency: 'SEK' } }],
    ['data.amount', { data: { amount: '10.00', currency: 'SEK' } }],
    ['data.currency', { data: { amount: 1, currency: 'USD' } }],
    ['data.currency', { data: { amount: 1, currency: 'sek' } }],
    ['data.number_of_items', { data: { amount: 1, currency: 'SEK', number_of_items: 1.5 } }],
    ['data.number_of_items', { data: { amount: 1, currency: 'SEK', number_of_items: -1 } }],
    ['signed_click_id', { signed_click_id: undefined }],
    ['signed_click_id', { signed_click_id: SEED.click.id }],
    ['signed_click_id', { signed_click_id: `${SEED.click.id}_zzzzzzzzzzzzzzzz` }],
  ])('refuses a bad %s with 400 and a field error naming it', async (field, overrides) => {
    const response = await api.call('POST', EVENTS_PATH, { body: purchase(overrides) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(Object.keys(response.body.field_errors)).toEqual([field]);
    expect(response.body.field_errors[field].message).toEqual(expect.any(String));
  });

  it('reports every invalid field at once', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      body: { event_name: 'view', data: { amount: 'x', currency: 'USD' }, signed_click_id: 'nope' },
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors).sort()).toEqual([
      'data.amount',
      'data.currency',
      'event_name',
      'signed_click_id',
    ]);
  });

  it('refuses a signature that does not verify, in a well-formed signed click id', async () => {
    const click = await api.click();
    const tampered = click.signed_click_id.replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    const response = await api.call('POST', EVENTS_PATH, {
      body: purchase({ signed_click_id: tampered }),
    });
    expect(response.status).toBe(400);
    expect(response.body.field_errors.signed_click_id.message).toContain('signature');
    expect(response.body.field_errors.signed_click_id.value).toBe(tampered);
  });

  it('accepts a click that verifies though the emulator never issued it', async () => {
    const { createClickSigner } = await import('#emulator/signing.ts');
    const foreign = await createClickSigner(SEED.signingKey).sign(
      '5f0c8e1a-3b7d-4c2e-9a6f-0d1e2f3a4b5c',
    );
    const response = await api.call('POST', EVENTS_PATH, {
      body: purchase({ signed_click_id: foreign }),
    });
    expect(response.status).toBe(201);
    expect((await api.call('GET', '/clicks/5f0c8e1a-3b7d-4c2e-9a6f-0d1e2f3a4b5c')).status).toBe(
      404,
    );
  });

  it('refuses an event_time more than five minutes ahead', async () => {
    const ahead = new Date(api.clock.now + 5 * 60_000 + 1000).toISOString();
    const response = await api.call('POST', EVENTS_PATH, { body: purchase({ event_time: ahead }) });
    expect(response.status).toBe(400);
    expect(response.body.field_errors.event_time.message).toContain('5 minutes');
  });

  it.each([
    ['a body that is not JSON', '{"event_name":', 'application/json', 400],
    ['an empty body', '', 'application/json', 400],
    ['an array', '[]', 'application/json', 400],
    ['a form', 'event_name=purchase', 'application/x-www-form-urlencoded', 415],
    ['text/plain JSON', JSON.stringify(purchase()), 'text/plain', 415],
  ])('refuses %s', async (_, rawBody, contentType, status) => {
    const response = await api.call('POST', EVENTS_PATH, { rawBody, contentType });
    expect(response.status).toBe(status);
    if (status === 400) expect(Object.keys(response.body.field_errors)).toEqual(['body']);
  });

  it('accepts JSON with a charset parameter', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      rawBody: JSON.stringify(purchase()),
      contentType: 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(201);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await api.call('POST', EVENTS_PATH, {
      body: purchase({ padding: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it('answers 400 for a pixel id that is not a UUIDv4, and 404 for an unknown one', async () => {
    const malformed = await api.call(
      'POST',
      '/pixels/52907745-7672-370e-a803-a2f8feb52944/events',
      {
        body: purchase(),
      },
    );
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.field_errors)).toEqual(['pixel_id']);
    const unknown = await api.call('POST', '/pixels/f3a5c7e9-1b2d-4f6a-8c0e-2d4f6a8c0e1b/events', {
      body: purchase(),
    });
    expect(unknown.status).toBe(404);
  });
});

describe('create an event: duplicates', () => {
  it('answers 409 for an external_event_id the pixel received within 30 days, and stores nothing', async () => {
    expect((await api.call('POST', EVENTS_PATH, { body: purchase() })).status).toBe(201);
    api.clock.now += 29 * DAY_MS;
    const again = await api.call('POST', EVENTS_PATH, {
      body: purchase({ data: { amount: 1, currency: 'SEK' } }),
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('order-1');
    const stored = await api.control('GET', '/events');
    expect(stored.body.events).toHaveLength(1);
    expect(stored.body.events[0].data.amount).toBe(499.5);
  });

  it('measures the 30 days from when the first was received, not from its event_time', async () => {
    await api.call('POST', EVENTS_PATH, { body: purchase({ event_time: '2026-01-01T00:00:00Z' }) });
    api.clock.now += 30 * DAY_MS - 1;
    expect((await api.call('POST', EVENTS_PATH, { body: purchase() })).status).toBe(409);
    api.clock.now += 1;
    const later = await api.call('POST', EVENTS_PATH, { body: purchase() });
    expect(later.status).toBe(201);
    expect((await api.control('GET', '/events')).body.events).toHaveLength(2);
  });

  it('counts duplicates per pixel', async () => {
    const created = await api.call('POST', `/shops/${SEED.shopId}/pixels`);
    expect((await api.call('POST', EVENTS_PATH, { body: purchase() })).status).toBe(201);
    const otherPixel = await api.call('POST', `/pixels/${created.body.id}/events`, {
      body: purchase(),
    });
    expect(otherPixel.status).toBe(201);
  });

  it('never treats events without an external_event_id as duplicates', async () => {
    const { external_event_id: _, ...body } = purchase();
    expect((await api.call('POST', EVENTS_PATH, { body })).status).toBe(201);
    expect((await api.call('POST', EVENTS_PATH, { body })).status).toBe(201);
  });
});

describe('create an event: disabled pixel', () => {
  it('refuses events with 403 while the pixel is disabled, and takes them again once enabled', async () => {
    const disabled = await api.call('PATCH', PIXEL_PATH, { body: { enabled: false } });
    expect(disabled.body).toEqual({ id: SEED.pixelId, enabled: false });
    const refused = await api.call('POST', EVENTS_PATH, { body: purchase() });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('disabled');
    const batch = await api.call('POST', `${EVENTS_PATH}/batch`, { body: [purchase()] });
    expect(batch.status).toBe(403);
    expect((await api.control('GET', '/events')).body.events).toHaveLength(0);
    await api.call('PATCH', PIXEL_PATH, { body: { enabled: true } });
    expect((await api.call('POST', EVENTS_PATH, { body: purchase() })).status).toBe(201);
  });
});
