import { formatPrice } from '../catalog.ts';
import { html, type SafeHtml } from '../html.ts';
import type { OrderLine } from '../orders.ts';

/** The checkout: the order, the choice of how the confirmation reports it, and the button. */
export function checkoutPage(line: OrderLine): { title: string; main: SafeHtml } {
  const { product, quantity } = line;
  return {
    title: 'Checkout',
    main: html`
<h1>Checkout</h1>
<table class="order">
  <tr><th>Product</th><td>${product.name}</td></tr>
  <tr><th>Quantity</th><td>${quantity}</td></tr>
  <tr><th>Total</th><td class="total">${formatPrice(product.priceCents * quantity)}</td></tr>
</table>
<form method="post" action="/orders">
  <input type="hidden" name="product" value="${product.id}">
  <input type="hidden" name="quantity" value="${quantity}">
  <fieldset>
    <legend>The confirmation page reports the purchase with</legend>
    <label><input type="radio" name="reporting" value="track" checked>
      <code>pjpixel.track('purchase', …)</code>: Prisjakt's documented snippet</label>
    <label><input type="radio" name="reporting" value="datalayer">
      a GA4 <code>purchase</code> pushed to the <code>dataLayer</code> (as with Google Tag Manager)</label>
  </fieldset>
  <button type="submit">Confirm order</button>
</form>
`,
  };
}
