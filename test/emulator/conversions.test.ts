import { describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { createClickSigner } from '#emulator/signing.ts';
import { DAY_MS } from '#shared/limits.ts';
import { EVENTS_PATH, ORIGIN, PIXEL_PATH, purchase, useEmulator } from './support/harness.ts';

const api = useEmulator();
const CONVERSIONS_PATH = `${PIXEL_PATH}/conversions`;
const RANGE = 'from=2026-05-01T00:00:00Z&to=2026-06-15T12:00:00Z';

describe('conversions', () => {
  it('joins a purchase with its click in the reference camelCase shape', async () => {
    const click = await api.click({
      url: 'https://shop.example/p/42?colour=red',
      time: '2026-06-01T08:00:00Z',
    });
    const created = await api.call('POST', EVENTS_PATH, {
      body: purchase({
        signed_click_id: click.signed_click_id,
        event_time: '2026-06-02T09:30:00Z',
      }),
    });
    const response = await api.call('GET', `${CONVERSIONS_PATH}?${RANGE}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      {
        purchase: {
          timestamp: '2026-06-02T09:30:00Z',
          numberOfItems: 2,
          id: created.body.id,
          currency: 'SEK',
          amount: 499.5,
        },
        forwarding: {
          url: 'https://shop.example/p/42?colour=red',
          timestamp: '2026-06-01T08:00:00.000Z',
          product: { name: 'Emulated product', id: '5070455' },
          offerId: '8461742963',
        },
      },
    ]);
  });

  it('leaves out numberOfItems when the purchase did not report it', async () => {
    const click = await api.click({ time: '2026-06-01T08:00:00Z' });
    await api.call('POST', EVENTS_PATH, {
      body: purchase({
        signed_click_id: click.signed_click_id,
        data: { amount: 5, currency: 'EUR' },
      }),
    });
    const response = await api.call('GET', `${CONVERSIONS_PATH}?${RANGE}`);
    expect(response.body[0].purchase).not.toHaveProperty('numberOfItems');
  });

  it('attributes purchases made from the click up to 30 days after it, and no others', async () => {
    const clickTime = Date.parse('2026-05-10T00:00:00Z');
    const click = await api.click({ time: new Date(clickTime).toISOString() });
    const at = (offsetMs: number, id: string) =>
      purchase({
        signed_click_id: click.signed_click_id,
        external_event_id: id,
        event_time: new Date(clickTime + offsetMs).toISOString(),
      });
    await api.call('POST', `${EVENTS_PATH}/batch`, {
      body: [
        at(-1000, 'before'),
        at(0, 'at-click'),
        at(30 * DAY_MS, 'day-30'),
        at(30 * DAY_MS + 1000, 'late'),
      ],
    });
    const response = await api.call('GET', `${CONVERSIONS_PATH}?${RANGE}`);
    expect(
      response.body.map((row: { purchase: { timestamp: string } }) => row.purchase.timestamp),
    ).toEqual(['2026-06-09T00:00:00.000Z', '2026-05-10T00:00:00.000Z']);
  });

  it('leaves out purchases whose click the emulator does not know, or that belongs to another shop', async () => {
    const unknown = await createClickSigner(SEED.signingKey).sign(
      '5f0c8e1a-3b7d-4c2e-9a6f-0d1e2f3a4b5c',
    );
    const foreign = await api.click({
      shop_id: SEED.otherShop.shopId,
      time: '2026-06-01T00:00:00Z',
    });
    await api.call('POST', `${EVENTS_PATH}/batch`, {
      body: [
        purchase({ signed_click_id: unknown, external_event_id: 'unknown' }),
        purchase({ signed_click_id: foreign.signed_click_id, external_event_id: 'foreign' }),
      ],
    });
    expect((await api.call('GET', `${CONVERSIONS_PATH}?${RANGE}`)).body).toEqual([]);
  });

  it('pages like the events, with a Link header', async () => {
    const click = await api.click({ time: '2026-06-01T00:00:00Z' });
    const body = Array.from({ length: 5 }, (_, i) =>
      purchase({
        signed_click_id: click.signed_click_id,
        external_event_id: `c${i}`,
        event_time: `2026-06-0${i + 2}T00:00:00Z`,
      }),
    );
    await api.call('POST', `${EVENTS_PATH}/batch`, { body });
    const response = await api.call('GET', `${CONVERSIONS_PATH}?${RANGE}&per_page=2&page=3`);
    expect(
      response.body.map((row: { purchase: { timestamp: string } }) => row.purchase.timestamp),
    ).toEqual(['2026-06-02T00:00:00Z']);
    const url = (page: number) =>
      `<${ORIGIN}${CONVERSIONS_PATH}?from=2026-05-01T00%3A00%3A00Z&to=2026-06-15T12%3A00%3A00Z&per_page=2&page=${page}>`;
    expect(response.headers.get('link')).toBe(
      `${url(1)}; rel="first", ${url(2)}; rel="prev", ${url(3)}; rel="last"`,
    );
  });

  it.each([
    ['per_page 0', `${RANGE}&per_page=0`, ['per_page']],
    ['per_page 101', `${RANGE}&per_page=101`, ['per_page']],
    ['a 61-day window', 'from=2026-04-15T00:00:00Z&to=2026-06-15T00:00:00Z', ['to']],
    ['from after to', 'from=2026-06-15T00:00:00Z&to=2026-06-01T00:00:00Z', ['from']],
  ])('refuses %s', async (_, query, fields) => {
    const response = await api.call('GET', `${CONVERSIONS_PATH}?${query}`);
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors)).toEqual(fields);
  });
});
