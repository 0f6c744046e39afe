import { formatPrice } from '../catalog.ts';
import { html } from '../html.ts';
import type { Order } from '../orders.ts';
import type { PageContent } from './layout.ts';
import { dataLayerPurchase, loadListener, PIXEL_OPTIONS, trackCall } from './snippets.ts';

/**
 * The order confirmation, which reports the purchase: with Prisjakt's snippet (`track` after
 * `init` on load), or with a GA4 purchase in the dataLayer that the pixel reads. The page shows
 * the code it runs. A reload reports nothing new: the order id is the event id.
 */
export function confirmationPage(order: Order, pixelId: string): PageContent {
  const viaDataLayer = order.reporting === 'datalayer';
  const pixelOptions = viaDataLayer ? { ...PIXEL_OPTIONS, dataLayer: true } : PIXEL_OPTIONS;
  const calls = viaDataLayer ? [] : [trackCall(order)];
  const shownCode = viaDataLayer
    ? `${dataLayerPurchase(order)}\n\n${loadListener(pixelId, pixelOptions)}`
    : loadListener(pixelId, pixelOptions, calls);
  return {
    title: 'Thank you',
    pixelOptions,
    calls,
    ...(viaDataLayer ? { beforePixel: dataLayerPurchase(order) } : {}),
    main: html`
<h1>Thank you for your order</h1>
<table class="order">
  <tr><th>Order</th><td id="order-id">${order.id}</td></tr>
  <tr><th>Product</th><td>${order.product.name}</td></tr>
  <tr><th>Quantity</th><td>${order.quantity}</td></tr>
  <tr><th>Total</th><td class="total">${formatPrice(order.amountCents)}</td></tr>
</table>
<section class="explain">
  <h2>How this page reported the purchase</h2>
  <p>${viaDataLayer ? 'A GA4 purchase in the dataLayer, read by the pixel (dataLayer: true):' : "Prisjakt's documented snippet, with the script served by the collector at /pj/pjpixel.js:"}</p>
  <pre><code>${shownCode}</code></pre>
  <p>The pixel posts a beacon to <code>/pj/collect</code> on this shop's own origin; the collector
    queues it and delivers it to the Prisjakt API (here, the emulator). Reloading this page
    reports nothing new: the order id is the event id.</p>
</section>
<p><a href="/shop">Continue shopping</a></p>
`,
  };
}
