/**
 * The beacon the pixel posts to the collector's `/collect`: a `text/plain` body holding JSON,
 * so browsers send it without a CORS preflight. Shared by the pixel (which builds it) and the
 * collector (which validates it), so both agree on every field.
 *
 * Type-only and pure-function imports keep it cheap to bundle into the browser script.
 */

import { readAmount } from './amount.ts';
import { type Currency, isCurrency } from './currencies.ts';
import {
  AMOUNT_RULE,
  CURRENCY_RULE,
  EXTERNAL_EVENT_ID_RULE,
  ITEM_COUNT_RULE,
  isAmount,
  isExternalEventId,
  isItemCount,
  isWellFormedText,
  PURCHASE_EVENT_RULE,
  SIGNED_CLICK_ID_RULE,
  WELL_FORMED_ID_RULE,
} from './field-rules.ts';
import { isPlainObject } from './json-object.ts';
import { isSignedClickId, isUuidV4 } from './pjclid.ts';
import { echoValue, type FieldErrors } from './problem.ts';
import { parseUtcDateTime } from './time.ts';

/** The largest beacon body the collector reads, in bytes; a larger one is answered with 413. */
export const BEACON_MAX_BYTES = 8 * 1024;

/** What the pixel sends, as it appears on the wire. */
export interface Beacon {
  pixel_id: string;
  event: 'purchase';
  /** The shop's eventId, or one the pixel derived: 1..100 characters. */
  event_id?: string;
  /**
   * Major units: a number (`122.95`), or the string the shop's page held (`"1,195.00"`,
   * `"1.195,00"`), which the collector reads (`shared/src/amount.ts`).
   */
  amount: number | string;
  /** Any case on the wire; the collector upper-cases it. */
  currency: string;
  /** numberOfItems: an integer. */
  items?: number;
  /** The signed click id the browser holds, byte for byte. */
  pjclid?: string;
  /** When `track()` was called, by the browser's clock: UTC ISO 8601 (`…Z`). */
  time?: string;
}

/** A beacon that passed validation: the amount is a number, the currency upper-cased and known. */
export interface ValidBeacon extends Omit<Beacon, 'amount' | 'currency'> {
  amount: number;
  currency: Currency;
}

export type BeaconValidation =
  | { ok: true; value: ValidBeacon }
  | { ok: false; errors: FieldErrors };

/**
 * Checks a parsed beacon field by field and reports every problem, keyed by field name. Unknown
 * fields are ignored (so a newer pixel can add some); the value returned holds only known ones.
 * A `pjclid` that is present but empty counts as absent: a page without a click sends none.
 *
 * @example
 * validateBeacon({ pixel_id: '52907745-7672-470e-a803-a2f8feb52944', event: 'purchase',
 *   amount: 122.95, currency: 'eur' }) // { ok: true, value: { …, currency: 'EUR' } }
 */
export function validateBeacon(input: unknown): BeaconValidation {
  const errors: FieldErrors = {};
  const fail = (field: string, message: string, value: unknown) => {
    errors[field] = { message, value: echoValue(value) };
  };
  if (!isPlainObject(input)) {
    return {
      ok: false,
      errors: { body: { message: 'must be a JSON object', value: echoValue(input) } },
    };
  }

  if (!isUuidV4(input.pixel_id)) fail('pixel_id', 'must be a UUIDv4', input.pixel_id);
  if (input.event !== 'purchase') fail('event', PURCHASE_EVENT_RULE, input.event);

  const eventId = input.event_id;
  if (eventId !== undefined && !isExternalEventId(eventId)) {
    fail('event_id', EXTERNAL_EVENT_ID_RULE, eventId);
  } else if (typeof eventId === 'string' && !isWellFormedText(eventId)) {
    fail('event_id', WELL_FORMED_ID_RULE, eventId);
  }

  const amount = readAmount(input.amount);
  if (!amount.ok) fail('amount', `${AMOUNT_RULE}; this one ${amount.reason}`, input.amount);
  else if (!isAmount(amount.value)) fail('amount', AMOUNT_RULE, input.amount);

  const currency = typeof input.currency === 'string' ? input.currency.toUpperCase() : undefined;
  if (!isCurrency(currency)) fail('currency', CURRENCY_RULE, input.currency);

  const items = input.items;
  if (items !== undefined && !isItemCount(items)) fail('items', ITEM_COUNT_RULE, items);

  const pjclid = input.pjclid === '' || input.pjclid === null ? undefined : input.pjclid;
  if (pjclid !== undefined && !isSignedClickId(pjclid)) {
    fail('pjclid', SIGNED_CLICK_ID_RULE, pjclid);
  }

  const time = input.time;
  if (time !== undefined && parseUtcDateTime(time) === undefined) {
    fail('time', 'must be an ISO 8601 date and time in UTC, e.g. 2026-11-26T10:00:00.123Z', time);
  }

  if (Object.keys(errors).length > 0 || !isCurrency(currency) || !amount.ok) {
    return { ok: false, errors };
  }

  const value: ValidBeacon = {
    pixel_id: input.pixel_id as string,
    event: 'purchase',
    amount: amount.value,
    currency,
  };
  if (typeof eventId === 'string') value.event_id = eventId;
  if (typeof items === 'number') value.items = items;
  if (typeof pjclid === 'string') value.pjclid = pjclid;
  if (typeof time === 'string') value.time = time;
  return { ok: true, value };
}
