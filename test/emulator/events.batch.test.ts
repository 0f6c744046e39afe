import { describe, expect, it } from 'vitest';
import { DAY_MS } from '#shared/limits.ts';
import { EVENTS_PATH, purchase, useEmulator } from './support/harness.ts';

const api = useEmulator();
const BATCH_PATH = `${EVENTS_PATH}/batch`;

describe('create events in a batch', () => {
  it('stores every event and answers 200 with them in request order', async () => {
    const response = await api.call('POST', BATCH_PATH, {
      body: [purchase({ external_event_id: 'a' }), purchase({ external_event_id: 'b' })],
    });
    expect(response.status).toBe(200);
    expect(
      response.body.map((event: { external_event_id: string }) => event.external_event_id),
    ).toEqual(['a', 'b']);
    expect((await api.control('GET', '/events')).body.events).toHaveLength(2);
  });

  it('upserts: a known external_event_id updates that event in place, same id, new amount', async () => {
    const created = await api.call('POST', EVENTS_PATH, { body: purchase() });
    api.clock.now += 45 * DAY_MS;
    const response = await api.call('POST', BATCH_PATH, {
      body: [
        purchase({
          event_time: '2026-06-16T09:00:00Z',
          data: { amount: 120.25, currency: 'NOK' },
        }),
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      {
        ...created.body,
        event_time: '2026-06-16T09:00:00Z',
        data: { amount: 120.25, currency: 'NOK' },
      },
    ]);
    const read = await api.call('GET', `/events/${created.body.id}`);
    expect(read.body.data).toEqual({ amount: 120.25, currency: 'NOK' });
    const stored = (await api.control('GET', '/events')).body.events;
    expect(stored).toHaveLength(1);
    expect(stored[0].received_at).toBe('2026-06-15T12:00:00.000Z');
  });

  it('upserts within one batch: the later member wins and both report the final event', async () => {
    const response = await api.call('POST', BATCH_PATH, {
      body: [purchase(), purchase({ data: { amount: 7, currency: 'SEK' } })],
    });
    expect(response.status).toBe(200);
    expect(response.body[0]).toEqual(response.body[1]);
    expect(response.body[0].data.amount).toBe(7);
    expect((await api.control('GET', '/events')).body.events).toHaveLength(1);
  });

  it('inserts events without an external_event_id every time', async () => {
    const { external_event_id: _, ...body } = purchase();
    await api.call('POST', BATCH_PATH, { body: [body, body] });
    expect((await api.control('GET', '/events')).body.events).toHaveLength(2);
  });

  it('fails the whole batch for one bad event, with field errors keyed by its index', async () => {
    const response = await api.call('POST', BATCH_PATH, {
      body: [
        purchase({ external_event_id: 'a' }),
        purchase({ external_event_id: 'b' }),
        purchase({ external_event_id: 'c' }),
        purchase({ external_event_id: 'd', data: { amount: 1, currency: 'USD' } }),
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.field_errors).toEqual({
      '[3].data.currency': { message: expect.stringContaining('SEK'), value: 'USD' },
    });
    expect((await api.control('GET', '/events')).body.events).toHaveLength(0);
  });

  it('reports bad signatures, future times and non-objects per member', async () => {
    const response = await api.call('POST', BATCH_PATH, {
      body: [
        // Well formed, but signed by no one.
        purchase({ signed_click_id: 'feeb31ed-22b0-43d2-88e5-8baaba2b26ad_e4c03e8bf0df72e5' }),
        'not an event',
        purchase({ event_time: '2030-01-01T00:00:00Z' }),
      ],
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors).sort()).toEqual([
      '[0].signed_click_id',
      '[1]',
      '[2].event_time',
    ]);
  });

  it.each([
    ['an empty array', []],
    ['an object', purchase()],
    ['101 events', Array.from({ length: 101 }, (_, i) => purchase({ external_event_id: `o${i}` }))],
  ])('refuses %s', async (_, body) => {
    const response = await api.call('POST', BATCH_PATH, { body });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors)).toEqual(['body']);
  });

  it('takes exactly 100 events', async () => {
    const body = Array.from({ length: 100 }, (_, i) => purchase({ external_event_id: `o${i}` }));
    const response = await api.call('POST', BATCH_PATH, { body });
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(100);
  });
});
