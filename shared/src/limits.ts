/** Limits documented by Prisjakt for events and their lists. */
export const LIMITS = {
  /** `data.amount`, a decimal in major units. */
  amountMax: 999_999_999,
  /** `data.number_of_items`, an integer. */
  numberOfItemsMax: 999_999_999,
  /** `external_event_id` length. */
  externalEventIdMaxLength: 100,
  /** A single create refuses a reused `external_event_id` within this window (409). */
  duplicateWindowDays: 30,
  /** Purchases within this many days of a click are attributed to it. */
  attributionWindowDays: 30,
  /** The widest `from`..`to` range a list or summary accepts. */
  maxRangeDays: 60,
  /** `per_page` bounds and default. */
  perPageMax: 100,
  /** Events in one batch request. */
  batchMax: 100,
  /** Requests per client id per hour. */
  rateLimitPerHour: 10_000,
  /** How far in the future an `event_time` may lie (clock skew). */
  futureSkewMs: 5 * 60 * 1000,
} as const;

export const DAY_SECONDS = 24 * 60 * 60;
export const DAY_MS = DAY_SECONDS * 1000;
