/**
 * The time formats of the exports, read as epoch ms.
 *
 * - ISO 8601 with `Z` or an offset (`2026-11-20T13:03:11Z`, `…+01:00`): the plain format.
 * - Shopify's `2026-11-20 14:03:11 +0100`: a wall time with its offset.
 * - WooCommerce's `2026-11-20 14:03:11`: a wall time in the shop's time zone, which the file
 *   does not say; the caller names the zone.
 */
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseZonedTime(text: string): number | undefined {
  const match = ISO_WITH_ZONE.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = match;
  const wall = wallMs(year, month, day, hour, minute, second);
  if (wall === undefined) return undefined;
  const ms = Number(`0.${fraction || '0'}`) * 1000;
  if (zone.toUpperCase() === 'Z') return wall + Math.floor(ms);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  if (offsetMinutes > 18 * 60) return undefined;
  return wall - sign * offsetMinutes * 60_000 + Math.floor(ms);
}

/**
 * A wall time in an IANA time zone, as epoch ms. Where the clock jumps (DST), a time that does
 * not exist is read as after the jump, and one that exists twice as the first.
 */
export function parseWallTime(text: string, timeZone: string): number | undefined {
  const match = WALL_TIME.exec(text.trim());
  if (!match) return parseZonedTime(text);
  const [, year, month, day, hour, minute, second = '0'] = match;
  const wall = wallMs(year, month, day, hour, minute, second);
  if (wall === undefined) return undefined;
  // Two rounds find the offset in force at that wall time.
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return guess;
}

/** Whether `Intl` knows this time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function wallMs(...parts: (string | undefined)[]): number | undefined {
  const [year, month, day, hour, minute, second] = parts.map(Number) as number[];
  const ms = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  const date = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; such a date is not one.
  if (date.getUTCMonth() !== (month ?? 1) - 1 || date.getUTCDate() !== day) return undefined;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return undefined;
  return ms;
}

/** How far `timeZone` is ahead of UTC at the instant `ms`. */
function offsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}
