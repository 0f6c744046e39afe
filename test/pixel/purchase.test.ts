import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveEventId, validatePurchase } from '#pixel/purchase.ts';

const PIXEL = '52907745-7672-470e-a803-a2f8feb52944';
const CLICK = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';

describe('validating track("purchase", …)', () => {
  it("accepts Prisjakt's documented example", () => {
    expect(
      validatePurchase([
        { amount: 122.95, currency: 'EUR', numberOfItems: 4 },
        { eventId: 'order-1234' },
      ]),
    ).toEqual([{ amount: 122.95, currency: 'EUR', items: 4, event_id: 'order-1234' }, []]);
  });

  it('takes currencies in any case and numbers given as strings', () => {
    expect(validatePurchase([{ amount: '10.5', currency: 'sek', numberOfItems: '2' }, {}])).toEqual(
      [{ amount: 10.5, currency: 'SEK', items: 2, event_id: undefined }, []],
    );
  });

  it('passes an amount JavaScript cannot read on as it is, for the collector to read', () => {
    for (const amount of ['1,195.00', '1.195,00', '12,50', 'x']) {
      expect(validatePurchase([{ amount, currency: 'EUR' }, {}])).toEqual([
        { amount, currency: 'EUR', items: undefined, event_id: undefined },
        [],
      ]);
    }
  });

  it('takes an order number as an event id', () => {
    expect(validatePurchase([{ amount: 1, currency: 'NOK' }, { eventId: 1234 }])[0]?.event_id).toBe(
      '1234',
    );
  });

  it('accepts the bounds and refuses what lies beyond', () => {
    expect(validatePurchase([{ amount: 0, currency: 'DKK' }])[0]?.amount).toBe(0);
    expect(validatePurchase([{ amount: 999_999_999, currency: 'DKK' }])[1]).toEqual([]);
    expect(validatePurchase([{ amount: 1_000_000_000, currency: 'DKK' }])).toEqual([
      undefined,
      ['amount'],
    ]);
    expect(validatePurchase([{ amount: 999_999_999.01, currency: 'DKK' }])[1]).toEqual(['amount']);
    expect(validatePurchase([{ amount: -0.01, currency: 'DKK' }])[0]).toBeUndefined();
    const hundred = 'x'.repeat(100);
    expect(
      validatePurchase([{ amount: 1, currency: 'GBP' }, { eventId: hundred }])[0]?.event_id,
    ).toBe(hundred);
    const items = (numberOfItems: unknown) =>
      validatePurchase([{ amount: 1, currency: 'GBP', numberOfItems }])[0]?.items;
    expect(items(0)).toBe(0);
    expect(items(999_999_999)).toBe(999_999_999);
    expect(items(1_000_000_000)).toBeUndefined();
    expect(items(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('refuses a purchase without a usable amount or currency and names the fields', () => {
    expect(validatePurchase([])).toEqual([undefined, ['amount', 'currency']]);
    expect(validatePurchase([null, null])).toEqual([undefined, ['amount', 'currency']]);
    for (const amount of ['', ' ', null, true, Number.NaN, Number.POSITIVE_INFINITY, {}, [5]]) {
      expect(validatePurchase([{ amount, currency: 'EUR' }, {}])).toEqual([undefined, ['amount']]);
    }
    for (const currency of ['USD', 'EURO', '', null, 978, ['EUR', 'SEK']]) {
      expect(validatePurchase([{ amount: 1, currency }, {}])).toEqual([undefined, ['currency']]);
    }
  });

  it('leaves out a bad optional field rather than lose the purchase, and names it', () => {
    expect(
      validatePurchase([
        { amount: 5, currency: 'NZD', numberOfItems: 1.5 },
        { eventId: 'y'.repeat(101) },
      ]),
    ).toEqual([
      { amount: 5, currency: 'NZD', items: undefined, event_id: undefined },
      ['numberOfItems', 'eventId'],
    ]);
    expect(
      validatePurchase([{ amount: 5, currency: 'NZD', numberOfItems: -1 }, { eventId: {} }])[1],
    ).toEqual(['numberOfItems', 'eventId']);
    // A bad optional field beside a bad amount: every field is named, nothing is sent.
    expect(validatePurchase([{ amount: null, currency: 'SEK', numberOfItems: 'two' }])).toEqual([
      undefined,
      ['amount', 'numberOfItems'],
    ]);
  });

  it('treats an empty event id as none', () => {
    expect(validatePurchase([{ amount: 5, currency: 'EUR' }, { eventId: '' }])).toEqual([
      { amount: 5, currency: 'EUR', items: undefined, event_id: undefined },
      [],
    ]);
  });
});

describe('deriving an event id when the shop gives none', () => {
  const purchase = { amount: 122.95, currency: 'EUR', items: 4, event_id: undefined };
  const page = 'https://shop.example/thanks?order=77';

  it('gives a reloaded page the same id, whatever its fragment', () => {
    const id = deriveEventId(PIXEL, CLICK, purchase, page);
    expect(deriveEventId(PIXEL, CLICK, { ...purchase }, `${page}#receipt`)).toBe(id);
    expect(id).toMatch(/^pj-122\.95EUR-[0-9a-z]+$/);
    expect(id.length).toBeLessThanOrEqual(100);
  });

  it('keeps the page address out of the id', () => {
    expect(
      deriveEventId(PIXEL, CLICK, purchase, 'https://shop.example/thanks?email=a@b.c'),
    ).not.toMatch(/email|shop|thanks/);
  });

  it('gives different purchases different ids', () => {
    const ids = new Set([
      deriveEventId(PIXEL, CLICK, purchase, page),
      deriveEventId(PIXEL, undefined, purchase, page),
      deriveEventId(PIXEL, CLICK, { ...purchase, items: 5 }, page),
      deriveEventId(PIXEL, CLICK, { ...purchase, amount: 122.96 }, page),
      deriveEventId(PIXEL, CLICK, purchase, 'https://shop.example/thanks?order=78'),
    ]);
    expect(ids.size).toBe(5);
  });

  it('stays within 100 characters for any valid purchase', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 999_999_999, noNaN: true }),
        fc.webUrl(),
        (amount, url) => {
          const id = deriveEventId(PIXEL, CLICK, { ...purchase, amount }, url);
          expect(id.length).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});
