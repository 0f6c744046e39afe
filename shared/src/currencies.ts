/** The currencies Prisjakt's API accepts for purchase events (developer.prisjakt.nu, pj-pixel). */
export const CURRENCIES = ['DKK', 'EUR', 'GBP', 'NOK', 'NZD', 'SEK'] as const;

export type Currency = (typeof CURRENCIES)[number];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
}
