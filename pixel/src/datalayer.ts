/** What `track('purchase', …)` receives: the purchase fields and the options with `eventId`. */
export type TrackArguments = [
  data: { amount?: unknown; currency?: unknown; numberOfItems?: unknown } | undefined,
  options: { eventId?: unknown } | undefined,
];

interface Ga4Purchase {
  transaction_id?: unknown;
  value?: unknown;
  currency?: unknown;
  items?: unknown;
}

/**
 * Maps a GA4 `purchase` in the dataLayer to `track` arguments: `transaction_id` → `eventId`,
 * `value` → `amount`, `currency`, and the sum of `items[].quantity` → `numberOfItems` (an item
 * without a quantity counts as one, as in GA4). Takes the GTM shape
 * (`{ event: 'purchase', ecommerce: {…} }`) and gtag's (`gtag('event', 'purchase', {…})`,
 * pushed as an arguments object). Numbers pushed as strings are coerced by validation.
 *
 * @example purchaseFromDataLayer({ event: 'purchase', ecommerce: { transaction_id: 'T1', value: '10', currency: 'SEK', items: [{ quantity: '2' }] } })
 */
export function purchaseFromDataLayer(entry: unknown): TrackArguments | undefined {
  const gtm = entry as { event?: unknown; ecommerce?: Ga4Purchase } | null | undefined;
  const gtag = entry as ArrayLike<unknown> | null | undefined;
  const purchase =
    gtag?.[0] === 'event' && gtag[1] === 'purchase'
      ? (gtag[2] as Ga4Purchase | undefined)
      : gtm?.event === 'purchase'
        ? gtm.ecommerce
        : undefined;
  if (!purchase) return undefined;
  const items = purchase.items;
  return [
    {
      amount: purchase.value,
      currency: purchase.currency,
      numberOfItems: Array.isArray(items)
        ? items.reduce((sum: number, item) => sum + Number(item?.quantity ?? 1), 0)
        : undefined,
    },
    { eventId: purchase.transaction_id },
  ];
}

/**
 * Calls `onEntry` for every entry already in a dataLayer and for every entry pushed later, by
 * wrapping its `push` as GTM and gtag do (each wrapper calls the one it replaced). `onEntry`
 * must not throw: the host page's own push has to keep working.
 */
export function watchDataLayer(layer: unknown[], onEntry: (entry: unknown) => void): void {
  const push = layer.push;
  for (const entry of layer) onEntry(entry);
  layer.push = (...entries: unknown[]) => {
    const length = push.apply(layer, entries);
    for (const entry of entries) onEntry(entry);
    return length;
  };
}
