import { DAY_MS, LIMITS } from '#shared/limits.ts';
import { parseUtcDateTime } from '#shared/time.ts';

/**
 * How far ahead of the collector's clock a browser's clock may run and still be believed. A
 * purchase cannot happen after the beacon arrives, so a time within this skew is taken as the
 * time of receipt.
 */
export const BEACON_CLOCK_SKEW_MS = 2 * 60 * 1000;

/** Epoch ms as the API's `UTCDateTime`, with milliseconds: `2026-11-26T10:00:00.123Z`. */
export function toUtcDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The `event_time` of a beacon: the browser's own time when it is sane, the time of receipt
 * otherwise. Sane means not ahead of receipt by more than {@link BEACON_CLOCK_SKEW_MS} (a
 * browser clock running fast) and not older than the 30-day attribution window (a clock years
 * off, or a beacon replayed long after). Never later than the receipt.
 *
 * @example beaconEventTime('2026-11-26T10:00:00.123Z', Date.parse('2026-11-26T10:00:05Z'))
 * // '2026-11-26T10:00:00.123Z'
 */
export function beaconEventTime(beaconTime: string | undefined, receivedAt: number): string {
  const ms = parseUtcDateTime(beaconTime);
  if (ms === undefined) return toUtcDateTime(receivedAt);
  if (ms > receivedAt + BEACON_CLOCK_SKEW_MS) return toUtcDateTime(receivedAt);
  if (ms < receivedAt - LIMITS.attributionWindowDays * DAY_MS) return toUtcDateTime(receivedAt);
  return toUtcDateTime(Math.min(ms, receivedAt));
}
