import type { DateRange } from '../api/types.ts';
import { DAY_MS, LIMITS } from '../limits.ts';
import { parseUtcDateTime } from '../time.ts';

/** The widest range one list request may cover. */
export const MAX_WINDOW_MS = LIMITS.maxRangeDays * DAY_MS;

/**
 * Splits a date range into windows the API accepts (at most {@link MAX_WINDOW_MS} apart), newest
 * first, to match the lists' reverse chronological order.
 *
 * Neighbouring windows share their boundary instant: one window's `from` is the next one's `to`.
 * Whether the API reads `from`/`to` as inclusive or exclusive, and whatever precision event times
 * carry, an event on a boundary falls in at least one window; the iterators drop the copy by
 * event id when it falls in both. The outer bounds are passed on exactly as given.
 *
 * @throws RangeError when `from` or `to` is not a UTC ISO 8601 date-time, or `from` is after `to`.
 * @example splitDateRange({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })
 * // [{ from: '2026-01-31T00:00:00.000Z', to: '2026-04-01T00:00:00Z' },
 * //  { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00.000Z' }]
 */
export function splitDateRange(range: DateRange, maxWindowMs: number = MAX_WINDOW_MS): DateRange[] {
  const fromMs = parseUtcDateTime(range.from);
  const toMs = parseUtcDateTime(range.to);
  if (fromMs === undefined) throw new RangeError(invalidDateTime('from', range.from));
  if (toMs === undefined) throw new RangeError(invalidDateTime('to', range.to));
  if (fromMs > toMs) {
    throw new RangeError(`from (${range.from}) must not be after to (${range.to})`);
  }
  if (!(maxWindowMs >= 1000)) throw new RangeError('a window must span at least one second');

  const windows: DateRange[] = [];
  let end = ceilMs(range.to, toMs);
  let endText = range.to;
  for (;;) {
    const start = end - maxWindowMs;
    if (start <= fromMs) {
      windows.push({ from: range.from, to: endText });
      return windows;
    }
    const startText = new Date(start).toISOString();
    windows.push({ from: startText, to: endText });
    end = start;
    endText = startText;
  }
}

/**
 * The smallest whole ms not before the instant a date-time names. `Date.parse` drops digits past
 * the millisecond, which would let a window ending at `…00.0004Z` span a fraction past the limit.
 */
function ceilMs(text: string, parsedMs: number): number {
  const fraction = /\.(\d+)Z$/.exec(text)?.[1] ?? '';
  return /[1-9]/.test(fraction.slice(3)) ? parsedMs + 1 : parsedMs;
}

function invalidDateTime(name: string, value: unknown): string {
  return `${name} must be a UTC ISO 8601 date-time such as 2023-05-01T15:03:01Z, got ${JSON.stringify(value)}`;
}
