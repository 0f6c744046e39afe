/**
 * The field rules a purchase obeys wherever it arrives (the API's create-event body, the
 * pixel's beacon): each a check and the message that explains it, so every validator refuses
 * the same values in the same words.
 */
import { CURRENCIES } from './currencies.ts';
import { LIMITS } from './limits.ts';
import { parseUtcDateTime } from './time.ts';

function isNumberIn(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max;
}

/** `amount`: a decimal in major units, 0..999999999. */
export function isAmount(value: unknown): value is number {
  return isNumberIn(value, LIMITS.amountMax);
}
export const AMOUNT_RULE = `must be a number from 0 to ${LIMITS.amountMax}`;

/** `number_of_items`: an integer, 0..999999999. */
export function isItemCount(value: unknown): value is number {
  return isNumberIn(value, LIMITS.numberOfItemsMax) && Number.isInteger(value);
}
export const ITEM_COUNT_RULE = `must be an integer from 0 to ${LIMITS.numberOfItemsMax}`;

/**
 * `external_event_id`: 1..100 characters. Characters are Unicode code points, as JSON Schema's
 * `maxLength` counts them: 100 emoji are 100 characters, though JavaScript's `length` says 200.
 */
export function isExternalEventId(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  // Cheap bounds first: a code point is one or two UTF-16 units.
  if (value.length <= LIMITS.externalEventIdMaxLength) return true;
  if (value.length > 2 * LIMITS.externalEventIdMaxLength) return false;
  let codePoints = 0;
  for (const _ of value) codePoints += 1;
  return codePoints <= LIMITS.externalEventIdMaxLength;
}
export const EXTERNAL_EVENT_ID_RULE = `must be a string of 1 to ${LIMITS.externalEventIdMaxLength} characters`;

/**
 * Whether a string is well-formed UTF-16: no lone surrogate. JSON may carry one (`"\ud800"`),
 * but UTF-8 cannot, so hashing or storing it replaces it with U+FFFD and two different ids
 * become one. The collector refuses such ids rather than merge two orders.
 */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}
// With the `u` flag a surrogate range matches only a surrogate that is not half of a pair.
const LONE_SURROGATE = /[\ud800-\udfff]/u;
export const WELL_FORMED_ID_RULE =
  'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) would make it another order’s id';

/**
 * `event_time`: any past time, and at most five minutes ahead of the receiver's clock (the API
 * refuses one further ahead, so the collector refuses it at intake rather than dead-lettering it).
 */
export function isEventTimeAcceptable(eventTime: string, nowMs: number): boolean {
  const ms = parseUtcDateTime(eventTime);
  return ms !== undefined && ms <= nowMs + LIMITS.futureSkewMs;
}
export const EVENT_TIME_RULE =
  'must be an ISO 8601 date and time in UTC, e.g. 2023-05-01T15:03:01Z';
export const FUTURE_EVENT_TIME_RULE = `must not be more than ${LIMITS.futureSkewMs / 60_000} minutes in the future`;

export const CURRENCY_RULE = `must be one of ${CURRENCIES.join(', ')}`;
export const SIGNED_CLICK_ID_RULE = 'must be a UUIDv4, "_" and a 16-hex-digit signature';
export const PURCHASE_EVENT_RULE = 'must be "purchase"';
