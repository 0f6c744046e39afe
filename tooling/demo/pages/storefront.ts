import { formatPrice, PRODUCTS } from '../catalog.ts';
import { html, type SafeHtml } from '../html.ts';

/** The shop's front page: every product. */
export function storefrontPage(): { title: string; main: SafeHtml } {
  return {
    title: 'Shop',
    main: html`
<h1>Demo Coffee Shop</h1>
<ul class="products">
  ${PRODUCTS.map(
    (product) => html`<li>
    <a href="/products/${product.id}"><strong>${product.name}</strong></a>
    <span>${formatPrice(product.priceCents)}</span>
  </li>`,
  )}
</ul>
`,
  };
}
