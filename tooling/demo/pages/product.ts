import { formatPrice, type Product } from '../catalog.ts';
import { html, type SafeHtml } from '../html.ts';
import { MAX_QUANTITY } from '../orders.ts';

/** A product page: the landing page of a Prisjakt click, with a form to buy. */
export function productPage(product: Product): { title: string; main: SafeHtml } {
  return {
    title: product.name,
    main: html`
<article class="product">
  <h1>${product.name}</h1>
  <p>${product.description}</p>
  <p class="price">${formatPrice(product.priceCents)}</p>
  <form method="get" action="/checkout">
    <input type="hidden" name="product" value="${product.id}">
    <label>Quantity <input type="number" name="quantity" value="1" min="1" max="${MAX_QUANTITY}" required></label>
    <button type="submit">Buy now</button>
  </form>
</article>
`,
  };
}
