/**
 * The limits the pixel enforces, the same numbers as `shared/src/limits.ts` (a unit test keeps
 * them equal). They are repeated as plain constants because esbuild inlines a constant number
 * into the bundle but must keep a whole object literal, and every byte of the pixel counts.
 */
export const AMOUNT_MAX = 999_999_999;
export const NUMBER_OF_ITEMS_MAX = 999_999_999;
export const EVENT_ID_MAX_LENGTH = 100;
/** A click older than this is dropped: Prisjakt attributes purchases within 30 days of a click. */
export const CLICK_TTL_MS = 30 * 864e5;
/** Sent event ids are remembered this long: Prisjakt refuses a reused event id for 30 days. */
export const JOURNAL_TTL_MS = 30 * 864e5;
/** At most this many events are remembered (sent ids and the outbox together). */
export const JOURNAL_MAX_ENTRIES = 50;
/** Calls held in memory while consent or `init` is awaited. */
export const HELD_MAX = 20;
/** The fallback cookie lives as long as a click counts. */
export const COOKIE_MAX_AGE_S = 30 * 86400;
