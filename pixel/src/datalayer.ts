import type { TrackArguments } from './purchase.ts';

interface Ga4Purchase {
  transaction_id?: unknown;
  value?: unknown;
  currency?: unknown;
  items?: { reduce?: unknown[]['reduce'] };
}

/**
 * An entry of the dataLayer, as far as the pixel reads it: GTM's `{ event, ecommerce }`, or the
 * arguments object of a `gtag(…)` call.
 */
export type DataLayerEntry =
  | {
      event?: unknown;
      ecommerce?: Ga4Purchase;
      0?: unknown;
      1?: unknown;
      2?: Ga4Purchase & { ad_storage?: unknown };
    }
  | null
  | undefined;

/**
 * Maps a GA4 `purchase` in the dataLayer to `track` arguments: `transaction_id` → `eventId`,
 * `value` → `amount`, `currency`, and the sum of `items[].quantity` → `numberOfItems` (an item
 * without a quantity counts as one, as in GA4). Takes the GTM shape
 * (`{ event: 'purchase', ecommerce: {…} }`) and gtag's (`gtag('event', 'purchase', {…})`,
 * pushed as an arguments object). Numbers pushed as strings are coerced by validation.
 *
 * @example purchaseFromDataLayer({ event: 'purchase', ecommerce: { transaction_id: 'T1', value: '10', currency: 'SEK', items: [{ quantity: '2' }] } })
 */
export const purchaseFromDataLayer = (entry: DataLayerEntry): TrackArguments | undefined => {
  const purchase =
    entry?.[0] === 'event' && entry[1] === 'purchase'
      ? entry[2]
      : entry?.event === 'purchase'
        ? entry.ecommerce
        : undefined;
  return purchase
    ? [
        {
          amount: purchase.value,
          currency: purchase.currency,
          // Only an array has a reduce to call; anything else gives no count.
          numberOfItems: purchase.items?.reduce?.(
            (sum: number, item) => sum + +((item as { quantity?: unknown })?.quantity ?? 1),
            0,
          ),
        },
        { eventId: purchase.transaction_id },
      ]
    : undefined;
};

/**
 * Calls `onEntry` for every entry already in a dataLayer and for every entry pushed later, by
 * wrapping its `push` as GTM and gtag do (each wrapper calls the one it replaced). `onEntry`
 * must not throw: the host page's own push has to keep working.
 */
export const watchDataLayer = <Entry>(layer: Entry[], onEntry: (entry: Entry) => void): void => {
  const push = layer.push;
  layer.map(onEntry);
  layer.push = (...entries) => {
    const length = push.apply(layer, entries);
    entries.map(onEntry);
    return length;
  };
};
