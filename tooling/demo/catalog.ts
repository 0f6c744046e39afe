/** A product of the demo shop. Prices are in whole öre (cents), so totals are exact. */
export interface Product {
  id: string;
  name: string;
  description: string;
  priceCents: number;
}

/** The shop sells in one currency, as a Swedish shop listed on Prisjakt would. */
export const SHOP_CURRENCY = 'SEK';

export const PRODUCTS: readonly Product[] = [
  {
    id: 'espresso-machine',
    name: 'Espresso machine Barista 58',
    description: 'A dual-boiler espresso machine with a 58 mm group head and a PID controller.',
    priceCents: 499_500,
  },
  {
    id: 'coffee-grinder',
    name: 'Burr grinder Fine 64',
    description:
      'Flat 64 mm burrs, stepless adjustment, and a grounds cup that fits the portafilter.',
    priceCents: 124_950,
  },
  {
    id: 'milk-jug',
    name: 'Milk jug 600 ml',
    description: 'Brushed steel with a sharp spout, for latte art.',
    priceCents: 22_900,
  },
];

/** The product with this id, if the shop sells it. */
export function findProduct(id: string | null | undefined): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

const PRICE_FORMAT = new Intl.NumberFormat('sv-SE', {
  style: 'currency',
  currency: SHOP_CURRENCY,
});

/** A price as a Swedish shop shows it: `4 995,00 kr`. */
export function formatPrice(cents: number): string {
  return PRICE_FORMAT.format(cents / 100);
}
