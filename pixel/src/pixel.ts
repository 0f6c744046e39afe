// The pixel of this page view: its state and the public API. The page's query is kept at once
// and searched for a `pjclid` when `init` and consent allow storing it; nothing is stored or
// sent before `init`. Every method is guarded: the pixel never throws into the host page.
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
// Both read while the script runs (`currentScript` is set only then, and a router may rewrite
// the URL before `init`), and parsed when first needed, so that loading the script does no more.
const scriptSrc = (document.currentScript as HTMLScriptElement | null)?.src;
let landingSearch = location.search;
let endpoint: string | undefined;
let pixelId: string | undefined;
// The visitor's decision, once known: pjpixel.consent() or Google Consent Mode.
let decision: boolean | undefined;
let journal: JournalEntry[] | undefined;
let held: TrackArguments[] = [];
let watching: boolean | undefined;
// Amount and currency of each purchase reported on this page: a shop that pushes a GA4
// purchase and calls track() for the same order, with different ids or none, reports it once.
const pagePurchases: string[] = [];

const warn = (...details: unknown[]) => options.debug && console.warn('pjpixel:', ...details);
// Said without `debug`: these lose purchases until the shop fixes its settings.
const REFUSED = "pjpixel: purchase kept; add to the collector's";
let refused = 0;
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
 * retry would not change: anything but a network failure, 429, a 5xx, or the 403/404 of a
 * setting the shop must fix (warned about once per page, even without `debug`). Where `fetch` cannot
 * start, the body goes by `sendBeacon`, whose acceptance is taken as delivery.
 */
const request = (path: string, body?: string, eventId?: string, method = body && 'POST') => {
  endpoint ??= defaultEndpoint(scriptSrc);
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
        const { status } = response;
        // The collector's refusal says why (in debug mode): an amount it cannot read, say.
        response.ok ||
          response.text().then(
            (text) => warn(status, text),
            () => {},
          );
        // 403 and 404 are the shop's settings (an origin or a pixel id the collector does not
        // know), not the purchase's fate: it stays in the outbox, and the console says so once.
        return status > 402 && status < 405
          ? refused++ ||
              console.warn(
                REFUSED,
                status & 1 ? 'ALLOWED_ORIGINS' : 'PIXEL_IDS',
                status & 1 ? location.origin : pixelId,
              )
          : status < 500 && status !== 429 && settle();
      },
      // Network error or blocked: the event stays in the outbox for the next page.
      () => {},
    );
  } catch {
    if (body && navigator.sendBeacon(url, body)) settle();
  }
};
const send = (beacon: Beacon) => request('/collect', JSON.stringify(beacon), beacon.event_id);

/**
 * Resends the outbox earlier pages left, once: where the journal is first read, in idle time or
 * at this page's first purchase, whichever comes first. Until then it waits in storage.
 */
const resend = () => {
  if (!journal) for (const [, , beacon] of loadJournal()) if (beacon) send(beacon);
};

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
  resend();
  const entries = loadJournal();
  if (entries.some(([id]) => id === eventId)) return warn('duplicate', eventId);
  pagePurchases.push(fingerprint);
  // A same-page duplicate's id is remembered too, so a reload skips it whatever comes first.
  saveJournal([...entries, duplicate ? [eventId, now] : [eventId, now, beacon]]);
  if (duplicate) warn('duplicate', eventId);
  else send(beacon);
};

// Does what init and consent now allow: store the landing click, report held purchases, and,
// when the page is idle, resend what earlier pages could not deliver.
const flush = () => {
  if (pixelId && granted()) {
    const landingClick = clickIdFromSearch(landingSearch);
    landingSearch = '';
    if (landingClick) {
      const value = JSON.stringify({ clickId: landingClick, time: Date.now() });
      if (clickId() !== landingClick && !writeLocal(CLICK_KEY, value)) {
        writeCookie(CLICK_KEY, value, COOKIE_MAX_AGE_S);
      }
    }
    // What can wait for idle time: the collector's copy of the click (its HttpOnly cookie; the
    // page has just stored its own), if consent still allows it then, and the outbox.
    later(() => {
      if (landingClick && granted()) request(`/click?pjclid=${landingClick}`);
      resend();
    });
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
    landingSearch = '';
  }
  flush();
};

/** Runs `task` once the page is idle (within 2 s), or soon where there is no idle callback. */
const later = (task: () => void) =>
  (
    (window.requestIdleCallback ?? setTimeout) as (
      task: () => void,
      options: IdleRequestOptions,
    ) => void
  )(guard(task), { timeout: 2e3 });

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
    if (!/^[\da-f-]{36}$/i.test(id)) console.warn('pjpixel: bad pixel id', id);
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
