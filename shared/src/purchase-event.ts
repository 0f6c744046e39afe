import { type Currency, isCurrency } from './currencies.ts';
import {
  AMOUNT_RULE,
  CURRENCY_RULE,
  EVENT_TIME_RULE,
  EXTERNAL_EVENT_ID_RULE,
  FUTURE_EVENT_TIME_RULE,
  ITEM_COUNT_RULE,
  isAmount,
  isEventTimeAcceptable,
  isExternalEventId,
  isItemCount,
  PURCHASE_EVENT_RULE,
  SIGNED_CLICK_ID_RULE,
} from './field-rules.ts';
import { isPlainObject } from './json-object.ts';
import { isSignedClickId } from './pjclid.ts';
import { echoValue, type FieldErrors } from './problem.ts';
import { parseUtcDateTime } from './time.ts';

export interface PurchaseData {
  /** Major units, e.g. 122.95. */
  amount: number;
  currency: Currency;
  number_of_items?: number;
}

/** The body of Prisjakt's *Create a new event for a pixel*. */
export interface CreateEventRequest {
  event_name: 'purchase';
  /** UTC ISO 8601; the API defaults it to the time of receipt. */
  event_time?: string;
  /** 1..100 characters; what makes a resend a duplicate. */
  external_event_id?: string;
  data: PurchaseData;
  signed_click_id: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface CreateEventOptions {
  /** Keys a batch member's errors: `[3].`. */
  prefix?: string;
  /** The receiver's clock: with it, an `event_time` too far in the future is refused too. */
  nowMs?: number;
}

/**
 * Validates a create-event body field by field. Every problem is reported, keyed by its path
 * (`data.currency`; with a prefix, `[3].data.currency`), and unknown fields are dropped, so the
 * value returned is a fresh object holding only what the API defines.
 *
 * @example validateCreateEvent({ event_name: 'purchase', ... }, { nowMs: Date.now() }).ok
 */
export function validateCreateEvent(
  input: unknown,
  { prefix = '', nowMs }: CreateEventOptions = {},
): Validation<CreateEventRequest> {
  const errors: FieldErrors = {};
  const fail = (field: string, message: string, value: unknown) => {
    errors[prefix + field] = { message, value: echoValue(value) };
  };
  if (!isPlainObject(input)) {
    errors[prefix.replace(/\.$/, '') || 'body'] = {
      message: 'must be a JSON object',
      value: echoValue(input),
    };
    return { ok: false, errors };
  }

  if (input.event_name !== 'purchase') fail('event_name', PURCHASE_EVENT_RULE, input.event_name);

  const eventTime = input.event_time;
  if (eventTime !== undefined && parseUtcDateTime(eventTime) === undefined) {
    fail('event_time', EVENT_TIME_RULE, eventTime);
  } else if (
    typeof eventTime === 'string' &&
    nowMs !== undefined &&
    !isEventTimeAcceptable(eventTime, nowMs)
  ) {
    fail('event_time', FUTURE_EVENT_TIME_RULE, eventTime);
  }

  const externalId = input.external_event_id;
  if (externalId !== undefined && !isExternalEventId(externalId)) {
    fail('external_event_id', EXTERNAL_EVENT_ID_RULE, externalId);
  }

  if (!isSignedClickId(input.signed_click_id)) {
    fail('signed_click_id', SIGNED_CLICK_ID_RULE, input.signed_click_id);
  }

  const data = input.data;
  let amount = 0;
  let currency: Currency = 'EUR';
  let numberOfItems: number | undefined;
  if (!isPlainObject(data)) {
    fail('data', 'is required and must be an object', data);
  } else {
    if (isAmount(data.amount)) amount = data.amount;
    else fail('data.amount', AMOUNT_RULE, data.amount);

    if (isCurrency(data.currency)) currency = data.currency;
    else fail('data.currency', CURRENCY_RULE, data.currency);

    const items = data.number_of_items;
    if (items !== undefined) {
      if (isItemCount(items)) numberOfItems = items;
      else fail('data.number_of_items', ITEM_COUNT_RULE, items);
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const value: CreateEventRequest = {
    event_name: 'purchase',
    data:
      numberOfItems === undefined
        ? { amount, currency }
        : { amount, currency, number_of_items: numberOfItems },
    signed_click_id: input.signed_click_id as string,
  };
  if (typeof eventTime === 'string') value.event_time = eventTime;
  if (typeof externalId === 'string') value.external_event_id = externalId;
  return { ok: true, value };
}
