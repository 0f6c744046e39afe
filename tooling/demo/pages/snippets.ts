import { SHOP_CURRENCY } from '../catalog.ts';
import { scriptJson } from '../html.ts';
import type { Order } from '../orders.ts';

/** The collector serves the pixel on the shop's own origin, on its `/pj/*` route. */
export const PIXEL_SCRIPT_SRC = '/pj/pjpixel.js';

/** The pixel's options on every demo page: nothing is stored or sent before consent. */
export const PIXEL_OPTIONS = { consent: 'required' } as const;

/**
 * The queueing stub of docs/pixel.md: lets the consent banner call `pjpixel.consent` before
 * the async script has arrived; the pixel replays the calls in order.
 */
export const PIXEL_STUB = `window.pjpixel = window.pjpixel || { q: [] };
['init', 'track', 'consent'].forEach(function (m) {
  window.pjpixel[m] = window.pjpixel[m] || function () { window.pjpixel.q.push([m, arguments]); };
});`;

/**
 * Prisjakt's documented snippet, pasted as Prisjakt shows it: `init` (and `track`, on the
 * confirmation page) inside a `load` listener. Values are written as JSON, safe in a script.
 *
 * @example loadListener(pixelId, { consent: 'required' }, [trackCall(order)])
 */
export function loadListener(
  pixelId: string,
  options: Record<string, unknown>,
  calls: readonly string[] = [],
): string {
  const lines = [`pjpixel.init(${scriptJson(pixelId)}, ${optionsSource(options)});`, ...calls];
  return `window.addEventListener('load', function () {\n${lines.map((line) => `  ${line}`).join('\n')}\n});`;
}

function optionsSource(options: Record<string, unknown>): string {
  const entries = Object.entries(options).map(([key, value]) => `${key}: ${scriptJson(value)}`);
  return `{ ${entries.join(', ')} }`;
}

/** An amount in cents as the decimal `track` takes (major units): 124950 → 1249.5. */
function amountOf(order: Order): number {
  return order.amountCents / 100;
}

/** The documented purchase call, with the order id as `eventId` (it prevents duplicates). */
export function trackCall(order: Order): string {
  return `pjpixel.track('purchase', { amount: ${scriptJson(amountOf(order))}, currency: ${scriptJson(SHOP_CURRENCY)}, numberOfItems: ${scriptJson(order.quantity)} }, { eventId: ${scriptJson(order.id)} });`;
}

/**
 * A GA4 purchase as Google Tag Manager setups push it (clearing the previous ecommerce object
 * first, as Google recommends); the pixel reads it with `dataLayer: true`.
 */
export function dataLayerPurchase(order: Order): string {
  const item = {
    item_id: order.product.id,
    item_name: order.product.name,
    price: order.product.priceCents / 100,
    quantity: order.quantity,
  };
  return `window.dataLayer = window.dataLayer || [];
dataLayer.push({ ecommerce: null });
dataLayer.push({
  event: 'purchase',
  ecommerce: {
    transaction_id: ${scriptJson(order.id)},
    value: ${scriptJson(amountOf(order))},
    currency: ${scriptJson(SHOP_CURRENCY)},
    items: [${scriptJson(item)}]
  }
});`;
}
