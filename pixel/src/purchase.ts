import { CURRENCIES } from '#shared/currencies.ts';
import { AMOUNT_MAX, EVENT_ID_MAX_LENGTH, NUMBER_OF_ITEMS_MAX } from './limits.ts';

/** The purchase fields and the options with `eventId` that `track('purchase', …)` receives. */
export type TrackArguments = [
  data?: { amount?: unknown; currency?: unknown; numberOfItems?: unknown } | null,
  options?: { eventId?: unknown } | null,
];

/** A purchase that passed validation, its fields named as the beacon names them. */
export interface Purchase {
  /** A number, or a string as the shop wrote it, for the collector to read (`"1,195.00"`). */
  amount: number | string;
  /** Upper case, one of Prisjakt's currencies. */
  currency: string;
  items: number | undefined;
  event_id: string | undefined;
}

/** A number, or a string holding one (shops and tag managers often push "122.95"). */
const toNumber = (value: unknown): number =>
  typeof value === 'number' || (typeof value === 'string' && value.trim()) ? +value : NaN;

const within = (value: number, max: number): boolean => value >= 0 && value <= max;

/**
 * Validates `track('purchase', data, options)` as Prisjakt's API will: `amount` 0..999999999,
 * or a string passed on as it is (the collector reads `"1,195.00"` or `"1.195,00"` and refuses,
 * with a reason the debug console shows, what it cannot read), `currency` one of Prisjakt's (any case), `numberOfItems` an integer 0..999999999, `eventId`
 * 1..100 characters (a number counts as its digits). Returns the purchase and the names of the
 * fields that were unusable. Without a valid amount and currency there is no purchase; a bad
 * optional field is left out, so that the purchase itself is not lost.
 *
 * @example validatePurchase([{ amount: '122.95', currency: 'eur', numberOfItems: 4 }, { eventId: 'order-1234' }])
 */
export const validatePurchase = ([data, options]: TrackArguments): [
  purchase: Purchase | undefined,
  invalid: string[],
] => {
  const fields = data || {};
  const invalid: string[] = [];
  // A string JavaScript reads as a number becomes one ("122.95"); any other ("1,195.00") goes
  // as it is: bytes count here and not in the collector, which reads what it means.
  let amount = fields.amount as number | string;
  const number = toNumber(amount);
  if (!Number.isNaN(number)) amount = number;
  const currency = String(fields.currency).toUpperCase();
  let items: number | undefined = toNumber(fields.numberOfItems);
  let eventId = options?.eventId;
  if (
    !(typeof amount === 'string'
      ? amount.trim()
      : typeof amount === 'number' && within(amount, AMOUNT_MAX))
  ) {
    invalid.push('amount');
  }
  if (!(CURRENCIES as readonly string[]).includes(currency)) invalid.push('currency');
  const valid = !invalid[0];
  if (!(within(items, NUMBER_OF_ITEMS_MAX) && !(items % 1))) {
    if (fields.numberOfItems != null) invalid.push('numberOfItems');
    items = undefined;
  }
  if (typeof eventId === 'number') eventId = `${eventId}`;
  if (!(typeof eventId === 'string' && eventId && eventId.length <= EVENT_ID_MAX_LENGTH)) {
    if (eventId != null && eventId !== '') invalid.push('eventId');
    eventId = undefined;
  }
  return [
    valid ? { amount, currency, items, event_id: eventId as string | undefined } : undefined,
    invalid,
  ];
};

/**
 * A 32-bit FNV-1a string hash in base 36. Not cryptographic: derived event ids also carry the
 * amount and currency, so it only has to tell apart purchases of the same amount.
 *
 * @example hashString('a') !== hashString('b') // true
 */
export const hashString = (input: string): string => {
  let hash = 0x811c9dc5;
  for (const char of input) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return (hash >>> 0).toString(36);
};

/**
 * The id of a purchase the shop gave no id for. The same pixel, click, amount, currency, item
 * count and page (without its fragment) give the same id, so a reloaded confirmation page is
 * recognised here, in the collector and at Prisjakt; the page address only enters hashed, so
 * nothing in it reaches Prisjakt. Two orders alike in all of these would share the id: a shop
 * that can should pass its order id as `eventId`.
 *
 * @example deriveEventId('52907745-…', undefined, purchase, 'https://shop.example/thanks') // "pj-122.95EUR-…"
 */
export const deriveEventId = (
  pixelId: string,
  clickId: string | undefined,
  { amount, currency, items }: Purchase,
  pageUrl: string,
): string =>
  `pj-${amount}${currency}-${hashString([pixelId, clickId, items, pageUrl.split('#')[0]].join())}`;
