import { formatPrice, PRODUCTS } from '../catalog.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * The demo's start page: the steps to follow, and a stand-in for Prisjakt's offer list whose
 * "Go to shop" buttons ask the emulator for a real click, as a shopper's click on Prisjakt does.
 */
export function startPage(inspectorUrl: string): { title: string; main: SafeHtml } {
  return {
    title: 'Start',
    main: html`
<h1>See a Prisjakt click become a reported purchase</h1>
<ol class="steps">
  <li>Pick an offer below, as a shopper on Prisjakt would. The emulator issues a signed click and
    sends you to the shop's product page with <code>?pjclid=…</code>.</li>
  <li>Accept the consent banner. The pixel keeps the click and registers it with the collector,
    which sets a first-party cookie.</li>
  <li>Buy. The confirmation page reports the purchase with Prisjakt's snippet
    (<code>pjpixel.track</code>), or with a GA4 <code>dataLayer</code> push if you choose so.</li>
  <li>Watch it arrive in the <a href="${inspectorUrl}" target="_blank" rel="noopener">event
    inspector</a>: the collector queues it and delivers it to the API within a second or two.</li>
</ol>
<section class="prisjakt" aria-labelledby="prisjakt-title">
  <h2 id="prisjakt-title"><span class="prisjakt-logo">Prisjakt</span> Compare prices</h2>
  <p class="note">A stand-in for Prisjakt's offer list. The button goes through the emulator,
    which records the click and redirects to the shop.</p>
  <ul class="offers">
    ${PRODUCTS.map(
      (product) => html`<li>
      <span class="offer-name">${product.name}</span>
      <span class="offer-shop">Demo Coffee Shop</span>
      <span class="offer-price">${formatPrice(product.priceCents)}</span>
      <a class="button" href="/prisjakt/go?product=${product.id}">Go to shop</a>
    </li>`,
    )}
  </ul>
</section>
<p>Or <a href="/shop">visit the shop directly</a>: without a Prisjakt click there is nothing to
  attribute, and the collector forwards nothing.</p>
`,
  };
}
