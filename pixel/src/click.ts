import { CLICK_TTL_MS } from './limits.ts';

/** The key Prisjakt's own script uses, so clicks it captured before the switch are honoured. */
export const CLICK_KEY = 'pjpixel_conversion';

// The signed click id, a UUIDv4, `_` and 16 hex digits: `SIGNED_CLICK_ID_PATTERN` of
// shared/src/pjclid.ts, written case-insensitively and without anchors because it is shorter
// (a unit test keeps the two equivalent).
const CLICK_ID = '[\\da-f]{8}-[\\da-f]{4}-4[\\da-f]{3}-[89ab][\\da-f]{3}-[\\da-f]{12}_[\\da-f]{16}';
// `pjclid=` followed by a click id and nothing more: the next `&`, `#` or the end must follow.
const LANDING_CLICK = RegExp(`[?&]pjclid=(${CLICK_ID})(?![^&#])`, 'i');
// A click id bounded by non-word characters, inside whatever shape Prisjakt's script stored (a
// bare id, JSON, an encoded cookie value).
const CLICK_ANYWHERE = RegExp(`\\b${CLICK_ID}\\b`, 'i');

/**
 * Reads `pjclid` from a query string exactly as it was sent: no decoding, no change of case.
 * A malformed value is ignored.
 *
 * @example clickIdFromSearch('?pjclid=239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125')
 */
export const clickIdFromSearch = (search: string): string | undefined =>
  LANDING_CLICK.exec(search)?.[1];

/**
 * The click id held in a stored value of any shape: this pixel's JSON (`{"clickId","time"}`) or
 * whatever Prisjakt's script left under the same key, found wherever it sits. Undefined when
 * there is none or this pixel stored it more than 30 days ago. A value without this pixel's
 * `time` is of unknown age and is kept: Prisjakt applies its own 30-day window when attributing.
 *
 * @example storedClickId('{"clickId":"239cd31f-…_1b05fa7f1c34d125","time":1764151200000}', Date.now())
 */
export const storedClickId = (raw: string | null | undefined, now: number): string | undefined => {
  const clickId = CLICK_ANYWHERE.exec(raw as string)?.[0];
  let time: unknown;
  try {
    // Parsed only where there is a click to date: nothing stored (every first visit) would
    // throw here, and an exception is the costliest thing on that path.
    time = clickId && JSON.parse(raw as string).time;
  } catch {
    // Not JSON (a bare click id): its age is unknown.
  }
  return clickId && !(now - (time as number) > CLICK_TTL_MS) ? clickId : undefined;
};
