import type { TrackArguments } from './purchase.ts';

interface Purchase {
  // GA4: `{ event: 'purchase', ecommerce: {…} }` and gtag's third argument.
  transaction_id?: unknown;
  value?: unknown;
  currency?: unknown;
  items?: Items;
  // Universal Analytics Enhanced Ecommerce: `ecommerce: { currencyCode, purchase: {…} }`.
  currencyCode?: unknown;
  purchase?: { actionField?: { id?: unknown; revenue?: unknown }; products?: Items };
}

type Items = { reduce?: unknown[]['reduce'] };

/**
 * An entry of the dataLayer, as far as the pixel reads it: GTM's `{ event, ecommerce }`, the
 * flat keys of Universal Analytics' classic ecommerce (`transactionId`, …), or the arguments
 * object of a `gtag(…)` call.
 */
export type DataLayerEntry =
  | {
      event?: unknown;
      ecommerce?: Purchase | null;
      transactionId?: unknown;
      transactionTotal?: unknown;
      transactionCurrency?: unknown;
      transactionProducts?: Items;
      0?: unknown;
      1?: unknown;
      2?: Purchase & { ad_storage?: unknown; region?: unknown };
    }
  | null
  | undefined;

// The last `ecommerce.currencyCode` pushed: classic ecommerce pushes name no currency, and
// MagePal's module states it only in an earlier push of the same page.
let currencyCode: unknown;

/**
 * Maps a purchase in the dataLayer to `track` arguments, in the shapes real shop plugins push:
 * - GA4, `{ event: 'purchase', ecommerce: {…} }` (also Stape's `purchase_stape`) and
 *   `gtag('event', 'purchase', {…})` (an arguments object): `transaction_id`, `value`,
 *   `currency`, `items`;
 * - Universal Analytics Enhanced Ecommerce (GTM4WP 1.x's `gtm4wp.orderCompletedEEC`):
 *   `ecommerce.purchase.actionField.id` and `.revenue`, `ecommerce.currencyCode`, `products`;
 * - classic ecommerce (MagePal): flat `transactionId`, `transactionTotal`,
 *   `transactionCurrency` or the page's last `ecommerce.currencyCode`, `transactionProducts`.
 * The id becomes `eventId`; the sum of the items' `quantity` `numberOfItems` (an item without a
 * quantity counts as one, as in GA4). Values are passed on as pushed: validation coerces them,
 * and the collector reads amounts written with thousands separators or decimal commas.
 *
 * @example purchaseFromDataLayer({ event: 'purchase', ecommerce: { transaction_id: 'T1', value: '10', currency: 'SEK', items: [{ quantity: '2' }] } })
 */
export const purchaseFromDataLayer = (entry: DataLayerEntry): TrackArguments | undefined => {
  const ecommerce = entry?.ecommerce;
  currencyCode = ecommerce?.currencyCode ?? currencyCode;
  const ga4 =
    entry?.[0] === 'event' && entry[1] === 'purchase'
      ? entry[2]
      : /^purchase(_stape)?$/.test(entry?.event as string) && ecommerce;
  const enhanced = ecommerce?.purchase;
  const order = ga4
    ? [ga4.transaction_id, ga4.value, ga4.currency, ga4.items]
    : enhanced?.actionField
      ? [enhanced.actionField.id, enhanced.actionField.revenue, currencyCode, enhanced.products]
      : entry?.transactionId != null && [
          entry.transactionId,
          entry.transactionTotal,
          entry.transactionCurrency ?? currencyCode,
          entry.transactionProducts,
        ];
  return order
    ? [
        {
          amount: order[1],
          currency: order[2],
          // Only an array has a reduce to call; anything else gives no count.
          numberOfItems: (order[3] as Items)?.reduce?.(
            (sum: number, item) => sum + +((item as { quantity?: unknown })?.quantity ?? 1),
            0,
          ),
        },
        { eventId: order[0] },
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
