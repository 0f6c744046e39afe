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
