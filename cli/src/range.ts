import { DAY_MS } from '#shared/limits.ts';
import { parseUtcDateTime } from '#shared/time.ts';
import { type OptionValues, stringOption } from './command.ts';
import { UsageError } from './errors.ts';

export interface TimeRange {
  /** UTC ISO 8601, as the API takes them. */
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DEFAULT_RANGE_DAYS = 30;

/** `2026-11-01` is that whole day in UTC: its start as a `from`, its last millisecond as a `to`. */
function readTime(name: string, text: string, end: boolean): number {
  if (DATE.test(text)) {
    const start = parseUtcDateTime(`${text}T00:00:00Z`);
    if (start === undefined) throw new UsageError(`--${name} is not a date: ${text}`);
    return end ? start + DAY_MS - 1 : start;
  }
  const ms = parseUtcDateTime(text);
  if (ms === undefined) {
    throw new UsageError(
      `--${name} must be a date (2026-11-01) or a UTC time (2026-11-01T12:00:00Z), got ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return ms;
}

/**
 * The range of `--from`/`--to`. Without `--to` it ends now; without `--from` it starts
 * `fallbackFrom` (if given) or 30 days before its end.
 */
export function readRange(
  values: OptionValues,
  now: number,
  fallback?: { fromMs: number; toMs: number },
): TimeRange {
  const fromText = stringOption(values, 'from');
  const toText = stringOption(values, 'to');
  const toMs = toText !== undefined ? readTime('to', toText, true) : (fallback?.toMs ?? now);
  const fromMs =
    fromText !== undefined
      ? readTime('from', fromText, false)
      : (fallback?.fromMs ?? toMs - DEFAULT_RANGE_DAYS * DAY_MS);
  if (fromMs > toMs) throw new UsageError('--from must not be after --to');
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
}
