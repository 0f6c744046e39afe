import { SIGNED_CLICK_ID_PATTERN } from '../../shared/src/pjclid.ts';
import { CLICK_TTL_MS } from './limits.ts';

/** The key Prisjakt's own script uses, so clicks it captured before the switch are honoured. */
export const CLICK_KEY = 'pjpixel_conversion';

// The click id pattern without its anchors, bounded by non-word characters: finds a click id
// inside whatever shape Prisjakt's script stored (a bare id, JSON, an encoded cookie value).
const CLICK_ID_ANYWHERE = RegExp(`\\b${SIGNED_CLICK_ID_PATTERN.source.slice(1, -1)}\\b`);

/**
 * Reads `pjclid` from a query string exactly as it was sent: no decoding, no change of case.
 * A malformed value is ignored.
 *
 * @example clickIdFromSearch('?pjclid=239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125')
 */
export function clickIdFromSearch(search: string): string | undefined {
  const value = /[?&]pjclid=([^&#]*)/.exec(search)?.[1];
  return value && SIGNED_CLICK_ID_PATTERN.test(value) ? value : undefined;
}

/**
 * The click id held in a stored value of any shape: this pixel's JSON (`{"clickId","time"}`) or
 * whatever Prisjakt's script left under the same key, found wherever it sits. Undefined when
 * there is none or this pixel stored it more than 30 days ago. A value without this pixel's
 * `time` is of unknown age and is kept: Prisjakt applies its own 30-day window when attributing.
 *
 * @example storedClickId('{"clickId":"239cd31f-…_1b05fa7f1c34d125","time":1764151200000}', Date.now())
 */
export function storedClickId(raw: string | null, now: number): string | undefined {
  let time: unknown;
  try {
    time = JSON.parse(raw as string).time;
  } catch {
    // Not JSON (a bare click id): its age is unknown.
  }
  const clickId = raw && CLICK_ID_ANYWHERE.exec(raw)?.[0];
  return clickId && !(now - (time as number) > CLICK_TTL_MS) ? clickId : undefined;
}

/** Serialises a click for storage: the click id byte for byte and when it was captured. */
export function serializeClick(clickId: string, time: number): string {
  return JSON.stringify({ clickId, time });
}
