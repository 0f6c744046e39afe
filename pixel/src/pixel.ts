// The pixel of this page view: its state and the public API. A `pjclid` in the page's URL is
// read at once but kept in memory until `init` and consent allow storing it; nothing is stored
// or sent before `init`. Every method is guarded: the pixel never throws into the host page.
import type { Beacon } from '#shared/beacon.ts';
import { CLICK_KEY, clickIdFromSearch, storedClickId } from './click.ts';
import { defaultEndpoint, type PixelOptions } from './config.ts';
import { googleConsent } from './consent.ts';
import { type DataLayerEntry, purchaseFromDataLayer, watchDataLayer } from './datalayer.ts';
import { JOURNAL_KEY, type JournalEntry, parseJournal, pruneJournal } from './journal.ts';
import { COOKIE_MAX_AGE_S, HELD_MAX } from './limits.ts';
import { deriveEventId, type TrackArguments, validatePurchase } from './purchase.ts';
import { readStored, removeStored, writeCookie, writeLocal } from './storage.ts';

/** The public API: Prisjakt's script's, plus `consent`. */
export interface Pjpixel {
  init(pixelId: string, options?: PixelOptions): void;
  track(event: string, ...call: TrackArguments): void;
  getConversion(): { clickId: string; pixelId: string } | null;
  consent(granted: boolean | 'granted' | 'denied'): void;
}

let options: PixelOptions = {};
let endpoint = defaultEndpoint((document.currentScript as HTMLScriptElement | null)?.src);
let pixelId: string | undefined;
// The visitor's decision, once known: pjpixel.consent() or Google Consent Mode.
let decision: boolean | undefined;
let landingClick = clickIdFromSearch(location.search);
let journal: JournalEntry[] | undefined;
let held: TrackArguments[] = [];
let watching: boolean | undefined;
// Amount and currency of each purchase reported on this page: a shop that pushes a GA4
// purchase and calls track() for the same order, with different ids or none, reports it once.
const pagePurchases: string[] = [];

const warn = (...details: unknown[]) => options.debug && console.warn('pjpixel:', ...details);
const granted = () => decision ?? !options.consent;
const clickId = () => storedClickId(readStored(CLICK_KEY), Date.now());

/** The journal, read once per page, pruned on every use; `entries` replaces it. */
const loadJournal = (entries = journal): JournalEntry[] =>
  (journal = entries
    ? pruneJournal(entries, Date.now())
    : parseJournal(readStored(JOURNAL_KEY), Date.now()));
const saveJournal = (entries: JournalEntry[]) =>
  granted() && writeLocal(JOURNAL_KEY, JSON.stringify(loadJournal(entries)));

/**
 * A GET (or the DELETE that forgets a click), or a POST of `body` as `text/plain;charset=UTF-8` (a CORS "simple" request: no
 * preflight), to the collector. `fetch` with `keepalive` goes first: like `sendBeacon` it
 * outlives the page, and unlike it it reports the outcome (a beacon that a blocker drops still
 * returns `true`). The event `eventId` leaves the outbox once the collector answers in a way a
 * retry would not change: anything but a network failure, 429 or a 5xx. Where `fetch` cannot
 * start, the body goes by `sendBeacon`, whose acceptance is taken as delivery.
 */
const request = (path: string, body?: string, eventId?: string, method = body && 'POST') => {
  const url = endpoint + path;
  const settle = () =>
    eventId &&
    saveJournal(loadJournal().map((entry) => (entry[0] === eventId ? [eventId, entry[1]] : entry)));
  try {
    fetch(url, {
      method,
      body,
      keepalive: true,
      credentials: 'include',
    } as RequestInit).then(
      (response) => {
        // The collector's refusal says why (in debug mode): an amount it cannot read, say.
        response.ok || response.text().then((text) => warn(response.status, text));
        return response.status < 500 && response.status !== 429 && settle();
      },
      // Network error or blocked: the event stays in the outbox for the next page.
      () => {},
    );
  } catch {
    if (body && navigator.sendBeacon(url, body)) settle();
  }
};
const send = (beacon: Beacon) => request('/collect', JSON.stringify(beacon), beacon.event_id);

const report = (call: TrackArguments) => {
  const [purchase, invalid] = validatePurchase(call);
  if (invalid[0]) warn('invalid', invalid.join(), ...call);
  if (!purchase) return;
  const pjclid = clickId();
  const now = Date.now();
  const eventId =
    purchase.event_id || deriveEventId(pixelId as string, pjclid, purchase, location.href);
  const fingerprint = purchase.amount + purchase.currency;
  const duplicate = pagePurchases.includes(fingerprint);
  const beacon = {
    pixel_id: pixelId,
    event: 'purchase',
    ...purchase,
    event_id: eventId,
    pjclid,
    time: new Date(now).toISOString(),
  } as Beacon;
  const entries = loadJournal();
  if (entries.some(([id]) => id === eventId)) return warn('duplicate', eventId);
  pagePurchases.push(fingerprint);
  // A same-page duplicate's id is remembered too, so a reload skips it whatever comes first.
  saveJournal([...entries, duplicate ? [eventId, now] : [eventId, now, beacon]]);
  if (duplicate) warn('duplicate', eventId);
  else send(beacon);
};

// Does what init and consent now allow: store the landing click, resend what earlier pages
// could not deliver, report held purchases.
const flush = () => {
  if (pixelId && granted()) {
    if (landingClick) {
      const value = JSON.stringify({ clickId: landingClick, time: Date.now() });
      if (clickId() !== landingClick && !writeLocal(CLICK_KEY, value)) {
        writeCookie(CLICK_KEY, value, COOKIE_MAX_AGE_S);
      }
      request(`/click?pjclid=${landingClick}`);
      landingClick = undefined;
    }
    // The journal is first read here, so the outbox left by earlier pages is resent once.
    if (!journal) for (const [, , beacon] of loadJournal()) if (beacon) send(beacon);
    // Each on its own: a call that throws must not cost the purchases held after it.
    held.splice(0).map(guard(report));
  }
};

const decide = (consent: boolean) => {
  decision = consent;
  if (!consent) {
    // The collector's HttpOnly copy of a stored click is out of the page's reach: ask it.
    if (clickId()) request('/click', '', '', 'DELETE');
    removeStored(CLICK_KEY, JOURNAL_KEY);
    journal = [];
    held = [];
    landingClick = undefined;
  }
  flush();
};

const guard =
  <A extends unknown[]>(method: (...args: A) => unknown) =>
  (...args: A): void => {
    try {
      method(...args);
    } catch (error) {
      warn(error);
    }
  };

const onDataLayerEntry = guard((entry: DataLayerEntry) => {
  const adStorage = options.consent === 'google' && googleConsent(entry);
  if (adStorage) pjpixel.consent(adStorage);
  const call = options.dataLayer && purchaseFromDataLayer(entry);
  if (call) pjpixel.track('purchase', ...call);
});

/** The `pjpixel` global of this page. */
export const pjpixel: Pjpixel = {
  init: guard((id: string, initOptions?: PixelOptions) => {
    if (!id) return warn('no pixel id');
    pixelId = id;
    options = initOptions ?? options;
    if (options.endpoint) endpoint = options.endpoint.replace(/\/+$/, '');
    const layerName = typeof options.dataLayer === 'string' ? options.dataLayer : 'dataLayer';
    const layer = (window as unknown as Record<string, unknown>)[layerName];
    if (!watching && (options.dataLayer || options.consent === 'google')) {
      watching = Array.isArray(layer);
      if (watching) watchDataLayer(layer as DataLayerEntry[], onDataLayerEntry);
      else warn('no dataLayer', layerName);
    }
    flush();
  }),
  track: guard((event: string, ...call: TrackArguments) => {
    if (event !== 'purchase') return warn('not tracked:', event);
    if (decision !== false && held.length < HELD_MAX) held.push(call);
    flush();
  }),
  getConversion: () => {
    const click = pixelId && granted() && clickId();
    return click ? { clickId: click, pixelId: pixelId as string } : null;
  },
  consent: guard((consent: boolean | 'granted' | 'denied') =>
    decide(consent === true || consent === 'granted'),
  ),
};
