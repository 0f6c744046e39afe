import { describe, expect, it } from 'vitest';
import {
  type DataLayerEntry,
  purchaseFromDataLayer as mapEntry,
  watchDataLayer,
} from '#pixel/datalayer.ts';

// The dataLayer holds anything a page pushes.
const purchaseFromDataLayer = (entry: unknown) => mapEntry(entry as DataLayerEntry);

function gtagArguments(..._args: unknown[]): IArguments {
  // biome-ignore lint/complexity/noArguments: gtag pushes exactly this object.
  return arguments;
}

describe('mapping a GA4 purchase from the dataLayer', () => {
  it('maps the GTM shape, coercing numbers pushed as strings later', () => {
    expect(
      purchaseFromDataLayer({
        event: 'purchase',
        ecommerce: {
          transaction_id: 'T-1001',
          value: '122.95',
          currency: 'eur',
          items: [{ item_id: 'a', quantity: '2' }, { item_id: 'b', quantity: 1 }, { item_id: 'c' }],
        },
      }),
    ).toEqual([{ amount: '122.95', currency: 'eur', numberOfItems: 4 }, { eventId: 'T-1001' }]);
  });

  it("maps gtag's arguments object", () => {
    expect(
      purchaseFromDataLayer(
        gtagArguments('event', 'purchase', { transaction_id: 7, value: 10, currency: 'SEK' }),
      ),
    ).toEqual([{ amount: 10, currency: 'SEK', numberOfItems: undefined }, { eventId: 7 }]);
  });

  it('gives a count that validation refuses when a quantity is not a number', () => {
    const call = purchaseFromDataLayer({
      event: 'purchase',
      ecommerce: { value: 1, currency: 'SEK', items: [{ quantity: 'many' }] },
    });
    expect(call?.[0]?.numberOfItems).toBeNaN();
  });

  it('gives no count when items is not a list', () => {
    for (const items of ['abc', { quantity: 2 }, 3, null]) {
      const call = purchaseFromDataLayer({
        event: 'purchase',
        ecommerce: { value: 1, currency: 'SEK', items },
      });
      expect(call?.[0]?.numberOfItems).toBeUndefined();
    }
  });

  it('ignores everything that is not a purchase', () => {
    for (const entry of [
      { event: 'add_to_cart', ecommerce: { value: 1 } },
      { event: 'purchase' },
      { ecommerce: null },
      ['event', 'page_view', {}],
      ['consent', 'update', { ad_storage: 'granted' }],
      { event: 'gtm.js' },
      null,
      undefined,
      5,
      'purchase',
    ]) {
      expect(purchaseFromDataLayer(entry)).toBeUndefined();
    }
  });
});

describe('mapping the purchase pushes of shop plugins', () => {
  it("maps Universal Analytics' Enhanced Ecommerce purchase (GTM4WP 1.x)", () => {
    expect(
      purchaseFromDataLayer({
        event: 'gtm4wp.orderCompletedEEC',
        ecommerce: {
          currencyCode: 'SEK',
          purchase: {
            actionField: { id: '1234', revenue: 1195, tax: 239 },
            products: [
              { id: 1, quantity: 2 },
              { id: 2, quantity: 1 },
            ],
          },
        },
      }),
    ).toEqual([{ amount: 1195, currency: 'SEK', numberOfItems: 3 }, { eventId: '1234' }]);
  });

  it("maps classic ecommerce's flat keys, with the currency an earlier push named (MagePal)", () => {
    expect(
      purchaseFromDataLayer({ ecommerce: { currencyCode: 'NOK' }, pageType: 'x' }),
    ).toBeUndefined();
    const order = {
      transactionId: '000000123',
      transactionTotal: 1195,
      transactionProducts: [
        { sku: 'a', quantity: 2 },
        { sku: 'b', quantity: 1 },
      ],
    };
    expect(purchaseFromDataLayer({ event: 'gtm.orderComplete', ...order })).toEqual([
      { amount: 1195, currency: 'NOK', numberOfItems: 3 },
      { eventId: '000000123' },
    ]);
    expect(
      purchaseFromDataLayer({ event: 'purchase', transactionCurrency: 'DKK', ...order })?.[0]
        ?.currency,
    ).toBe('DKK');
  });

  it("maps Stape's purchase_stape event name", () => {
    expect(
      purchaseFromDataLayer({
        event: 'purchase_stape',
        ecommerce: {
          transaction_id: '9',
          value: '1195.00',
          currency: 'SEK',
          items: [{ quantity: 2 }],
        },
      }),
    ).toEqual([{ amount: '1195.00', currency: 'SEK', numberOfItems: 2 }, { eventId: '9' }]);
  });

  it('passes an amount with thousands separators on as pushed (Magento core)', () => {
    expect(
      purchaseFromDataLayer(
        gtagArguments('event', 'purchase', {
          transaction_id: '000000123',
          value: '1,195.00',
          currency: 'SEK',
        }),
      )?.[0]?.amount,
    ).toBe('1,195.00');
  });

  it('ignores events of other names that merely carry an ecommerce object', () => {
    for (const event of ['purchased', 'refund', 'purchase_refund', 'add_to_cart']) {
      expect(
        purchaseFromDataLayer({
          event,
          ecommerce: { transaction_id: '1', value: 1, currency: 'SEK' },
        }),
      ).toBeUndefined();
    }
  });
});

describe('watching a dataLayer', () => {
  it('sees entries pushed before and after, and keeps push working', () => {
    const layer: unknown[] = [{ event: 'gtm.js' }];
    const seen: unknown[] = [];
    watchDataLayer(layer, (entry) => seen.push(entry));
    expect(layer.push({ event: 'a' }, { event: 'b' })).toBe(3);
    expect([...layer]).toEqual([{ event: 'gtm.js' }, { event: 'a' }, { event: 'b' }]);
    expect(seen).toEqual([...layer]);
  });

  it('calls through a push another script installed before it', () => {
    const layer: unknown[] = [];
    const forwarded: unknown[] = [];
    const originalPush = layer.push;
    layer.push = (...entries: unknown[]) => {
      forwarded.push(...entries);
      return originalPush.apply(layer, entries);
    };
    const seen: unknown[] = [];
    watchDataLayer(layer, (entry) => seen.push(entry));
    layer.push({ event: 'x' });
    expect(forwarded).toEqual([{ event: 'x' }]);
    expect(seen).toEqual([{ event: 'x' }]);
  });
});
