import { describe, expect, it } from 'vitest';
import { validateCreateEvent } from '#shared/purchase-event.ts';
import { parseUtcDateTime } from '#shared/time.ts';

const valid = {
  event_name: 'purchase',
  event_time: '2023-05-01T15:03:01Z',
  external_event_id: '2jclyrr-kgvz82',
  data: { number_of_items: 4, currency: 'EUR', amount: 122.95 },
  signed_click_id: '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125',
};

describe('validateCreateEvent', () => {
  it('accepts the reference example and returns only known fields', () => {
    const result = validateCreateEvent({ ...valid, extra: 1, __proto__: { polluted: true } });
    expect(result).toEqual({ ok: true, value: valid });
  });

  it('accepts the minimal event', () => {
    const { event_time, external_event_id, ...minimal } = valid;
    const result = validateCreateEvent({ ...minimal, data: { currency: 'SEK', amount: 0 } });
    expect(result.ok).toBe(true);
  });

  it('reports every invalid field at once, keyed by path', () => {
    const result = validateCreateEvent(
      {
        event_name: 'click',
        event_time: '2023-02-30T00:00:00Z',
        external_event_id: 'x'.repeat(101),
        data: { amount: -1, currency: 'usd', number_of_items: 1.5 },
        signed_click_id: 'nope',
      },
      { prefix: '[3].' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      '[3].data.amount',
      '[3].data.currency',
      '[3].data.number_of_items',
      '[3].event_name',
      '[3].event_time',
      '[3].external_event_id',
      '[3].signed_click_id',
    ]);
    expect(result.errors['[3].data.currency']).toEqual({
      message: 'must be one of DKK, EUR, GBP, NOK, NZD, SEK',
      value: 'usd',
    });
    expect(String(result.errors['[3].external_event_id']?.value).length).toBeLessThanOrEqual(101);
  });

  it.each([
    ['NaN amount', { amount: Number.NaN, currency: 'EUR' }, 'data.amount'],
    ['string amount', { amount: '10', currency: 'EUR' }, 'data.amount'],
    ['huge amount', { amount: 1e9, currency: 'EUR' }, 'data.amount'],
    ['missing currency', { amount: 1 }, 'data.currency'],
    ['negative items', { amount: 1, currency: 'EUR', number_of_items: -1 }, 'data.number_of_items'],
  ])('rejects %s', (_, data, field) => {
    const result = validateCreateEvent({ ...valid, data });
    expect(result.ok ? [] : Object.keys(result.errors)).toEqual([field]);
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, [], 'x', 3]) {
      const result = validateCreateEvent(body);
      expect(result.ok ? [] : Object.keys(result.errors)).toEqual(['body']);
    }
  });
});

describe('parseUtcDateTime', () => {
  it('parses UTC with and without fraction', () => {
    expect(parseUtcDateTime('2023-05-01T15:03:01Z')).toBe(Date.UTC(2023, 4, 1, 15, 3, 1));
    expect(parseUtcDateTime('2021-09-01T12:00:00.000Z')).toBe(Date.UTC(2021, 8, 1, 12));
  });

  it.each([
    '2023-05-01T15:03:01',
    '2023-05-01T15:03:01+02:00',
    '2023-05-01',
    '2023-13-01T00:00:00Z',
    '2023-02-29T00:00:00Z',
  ])('rejects %s', (value) => {
    expect(parseUtcDateTime(value)).toBeUndefined();
  });

  it('accepts a real leap day', () => {
    expect(parseUtcDateTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });
});
