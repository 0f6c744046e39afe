import { SEEDED_PIXEL_ID } from '#tooling/stack/fixture-stack.ts';

/**
 * Fixture pages of the shop. Every page carries Prisjakt's documented snippet pasted
 * unchanged, with only the script's `src` swapped for the collector's: an async script tag and
 * `init` inside a `load` listener.
 */

/** See `confirmationPage`. */
export const ORDER_FROM_QUERY = '(order from the query string)';

const SCRIPT_TAG = '<script async src="/pj/pjpixel.js"></script>';

function page(title: string, head: string, body = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><h1>${title}</h1>${body}</body></html>`;
}

/** A page with the snippet: `init(pixelId, options)` on load, then `extra` script code. */
export function shopPage(
  title: string,
  {
    options,
    onLoad = '',
    headScript = '',
    body = '',
  }: {
    options?: Record<string, unknown>;
    onLoad?: string;
    headScript?: string;
    body?: string;
  } = {},
): string {
  const init = options
    ? `pjpixel.init('${SEEDED_PIXEL_ID}', ${JSON.stringify(options)});`
    : `pjpixel.init('${SEEDED_PIXEL_ID}');`;
  return page(
    title,
    `${headScript ? `<script>${headScript}</script>` : ''}${SCRIPT_TAG}
<script>
  window.addEventListener('load', function () {
    ${init}
    ${onLoad}
  });
</script>`,
    body,
  );
}

/**
 * The order confirmation page of Prisjakt's documentation: init, then track. With
 * `eventId: ORDER_FROM_QUERY` the page reports the order id in its own `?order=` parameter, as a
 * shop's thank-you page does, so that each test's order is a new one.
 */
export function confirmationPage(
  order: { amount: number | string; currency: string; numberOfItems?: number; eventId?: string },
  options?: Record<string, unknown>,
): string {
  const data = JSON.stringify({
    amount: order.amount,
    currency: order.currency,
    ...(order.numberOfItems === undefined ? {} : { numberOfItems: order.numberOfItems }),
  });
  const eventId =
    order.eventId === ORDER_FROM_QUERY
      ? "new URLSearchParams(location.search).get('order')"
      : JSON.stringify(order.eventId);
  const trackOptions = order.eventId === undefined ? '' : `, { eventId: ${eventId} }`;
  return shopPage('Thank you', {
    ...(options ? { options } : {}),
    onLoad: `pjpixel.track('purchase', ${data}${trackOptions});`,
  });
}

export { page as bareShopPage };
