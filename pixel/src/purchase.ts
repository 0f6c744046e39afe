import { CURRENCIES } from '../../shared/src/currencies.ts';
import { hashString } from './hash.ts';
import { AMOUNT_MAX, EVENT_ID_MAX_LENGTH, NUMBER_OF_ITEMS_MAX } from './limits.ts';

/** A purchase that passed validation. */
export interface Purchase {
  amount: number;
  /** Upper case, one of Prisjakt's currencies. */
  currency: string;
  items: number | undefined;
  eventId: string | undefined;
}

/** A number, or a string holding one (shops and tag managers often push "122.95"). */
function toNumber(value: unknown): number {
  return typeof value === 'number' || (typeof value === 'string' && value.trim())
    ? Number(value)
    : Number.NaN;
}

/**
 * Validates `track('purchase', data, options)` as Prisjakt's API will: `amount` 0..999999999,
 * `currency` one of Prisjakt's (any case), `numberOfItems` an integer 0..999999999, `eventId`
 * 1..100 characters (a number counts as its digits). Returns the purchase and the names of the
 * fields that were unusable. Without a valid amount and currency there is no purchase; a bad
 * optional field is left out, so that the purchase itself is not lost.
 *
 * @example validatePurchase({ amount: '122.95', currency: 'eur', numberOfItems: 4 }, { eventId: 'order-1234' })
 */
export function validatePurchase(
  data: { amount?: unknown; currency?: unknown; numberOfItems?: unknown } | undefined,
  options: { eventId?: unknown } | undefined,
): [purchase: Purchase | undefined, invalid: string[]] {
  const fields = data ?? {};
  const invalid: string[] = [];
  const amount = toNumber(fields.amount);
  const currency = String(fields.currency).toUpperCase();
  let items: number | undefined = toNumber(fields.numberOfItems);
  let eventId: unknown = options?.eventId;
  if (!(amount >= 0 && amount <= AMOUNT_MAX)) invalid.push('amount');
  if (!(CURRENCIES as readonly string[]).includes(currency)) invalid.push('currency');
  if (!(Number.isInteger(items) && items >= 0 && items <= NUMBER_OF_ITEMS_MAX)) {
    if (fields.numberOfItems != null) invalid.push('numberOfItems');
    items = undefined;
  }
  if (typeof eventId === 'number') eventId = `${eventId}`;
  if (!(typeof eventId === 'string' && eventId && eventId.length <= EVENT_ID_MAX_LENGTH)) {
    if (eventId != null && eventId !== '') invalid.push('eventId');
    eventId = undefined;
  }
  const valid = invalid[0] !== 'amount' && !invalid.includes('currency');
  return [
    valid ? { amount, currency, items, eventId: eventId as string | undefined } : undefined,
    invalid,
  ];
}

/**
 * The id of a purchase the shop gave no id for. The same pixel, click, amount, currency, item
 * count and page (without its fragment) give the same id, so a reloaded confirmation page is
 * recognised here, in the collector and at Prisjakt; the page address only enters hashed, so
 * nothing in it reaches Prisjakt. Two orders alike in all of these would share the id: a shop
 * that can should pass its order id as `eventId`.
 *
 * @example deriveEventId('52907745-…', undefined, purchase, 'https://shop.example/thanks') // "pj-122.95EUR-…"
 */
export function deriveEventId(
  pixelId: string,
  clickId: string | undefined,
  purchase: Purchase,
  pageUrl: string,
): string {
  const { amount, currency, items } = purchase;
  return `pj-${amount}${currency}-${hashString([pixelId, clickId, items, pageUrl.split('#')[0]].join())}`;
}
