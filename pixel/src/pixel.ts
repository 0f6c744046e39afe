import type { Beacon } from '../../shared/src/beacon.ts';
import { CLICK_KEY, clickIdFromSearch, serializeClick, storedClickId } from './click.ts';
import { defaultEndpoint, type PixelOptions } from './config.ts';
import { googleConsent } from './consent.ts';
import { purchaseFromDataLayer, type TrackArguments, watchDataLayer } from './datalayer.ts';
import {
  addEvent,
  hasEvent,
  JOURNAL_KEY,
  type JournalEntry,
  outbox,
  parseJournal,
  settleEvent,
} from './journal.ts';
import { HELD_MAX } from './limits.ts';
import { deriveEventId, validatePurchase } from './purchase.ts';
import type { KeyValueStore } from './storage.ts';
import { deliver, registerClick } from './transport.ts';

/** The public API: Prisjakt's script's, plus `consent`. */
export interface Pjpixel {
  init(pixelId: string, options?: PixelOptions): void;
  track(event: string, ...call: Partial<TrackArguments>): void;
  getConversion(): { clickId: string; pixelId: string } | null;
  consent(granted: boolean | 'granted' | 'denied'): void;
}

/** What the pixel needs from its page. */
export interface PixelEnvironment {
  store: KeyValueStore;
  /** The page's global object, where the dataLayer lives. */
  global: Record<string, unknown>;
  location: { href: string; search: string };
  /** The `src` of the pixel's own script tag, when known. */
  scriptSrc: string | undefined;
}

/**
 * Creates the pixel for one page view. A `pjclid` in the page's URL is read at once but kept in
 * memory until `init` and consent allow storing it; nothing is stored or sent before `init`.
 * Every method is guarded: the pixel never throws into the host page.
 */
export function createPixel({ store, global, location, scriptSrc }: PixelEnvironment): Pjpixel {
  let options: PixelOptions = {};
  let endpoint = defaultEndpoint(scriptSrc);
  let pixelId: string | undefined;
  // The visitor's decision, once known: pjpixel.consent() or Google Consent Mode.
  let decision: boolean | undefined;
  let landingClick = clickIdFromSearch(location.search);
  let journal: JournalEntry[] | undefined;
  let held: Partial<TrackArguments>[] = [];
  let watching = false;
  let outboxReplayed = false;
  // Amount and currency of each purchase reported on this page: a shop that pushes a GA4
  // purchase and calls track() for the same order, with different ids or none, reports it once.
  const pagePurchases: string[] = [];

  const warn = (...details: unknown[]) => options.debug && console.warn('pjpixel:', ...details);
  const granted = () => decision ?? !options.consent;
  const clickId = () => storedClickId(store.get(CLICK_KEY), Date.now());
  const loadJournal = () => (journal ??= parseJournal(store.get(JOURNAL_KEY), Date.now()));
  const saveJournal = (next: JournalEntry[]) => {
    if (!granted()) return;
    journal = next;
    store.set(JOURNAL_KEY, JSON.stringify(next));
  };
  const send = (beacon: Beacon) =>
    deliver(`${endpoint}/collect`, JSON.stringify(beacon), () =>
      saveJournal(settleEvent(loadJournal(), beacon.event_id as string)),
    );

  const report = (pixel: string, [data, trackOptions]: Partial<TrackArguments>) => {
    const [purchase, invalid] = validatePurchase(data, trackOptions);
    if (invalid[0]) warn('invalid', invalid.join(), data, trackOptions);
    if (!purchase) return;
    const pjclid = clickId();
    const eventId = purchase.eventId ?? deriveEventId(pixel, pjclid, purchase, location.href);
    const now = Date.now();
    const current = loadJournal();
    const seen = hasEvent(current, eventId);
    const fingerprint = purchase.amount + purchase.currency;
    if (seen || pagePurchases.includes(fingerprint)) {
      // Remember the id of a same-page duplicate too, so a reload skips it whatever comes first.
      if (!seen) saveJournal(addEvent(current, [eventId, now], now));
      return warn('already reported', eventId);
    }
    pagePurchases.push(fingerprint);
    const beacon: Beacon = {
      pixel_id: pixel,
      event: 'purchase',
      event_id: eventId,
      amount: purchase.amount,
      currency: purchase.currency,
      time: new Date(now).toISOString(),
    };
    if (purchase.items !== undefined) beacon.items = purchase.items;
    if (pjclid) beacon.pjclid = pjclid;
    saveJournal(addEvent(current, [eventId, now, beacon], now));
    send(beacon);
  };

  // Does what init and consent now allow: store the landing click, resend what earlier pages
  // could not deliver, report held purchases.
  const flush = () => {
    if (!pixelId || !granted()) return;
    if (landingClick) {
      if (clickId() !== landingClick) {
        store.set(CLICK_KEY, serializeClick(landingClick, Date.now()), true);
      }
      registerClick(endpoint, landingClick);
      landingClick = undefined;
    }
    if (!outboxReplayed) outbox(loadJournal()).forEach(send);
    outboxReplayed = true;
    for (const call of held.splice(0)) report(pixelId, call);
  };

  const decide = (consent: boolean) => {
    decision = consent;
    if (!consent) {
      store.remove(CLICK_KEY);
      store.remove(JOURNAL_KEY);
      journal = [];
      held = [];
      landingClick = undefined;
    }
    flush();
  };

  const guard =
    <A extends unknown[], R>(method: (...args: A) => R) =>
    (...args: A): R | undefined => {
      try {
        return method(...args);
      } catch (error) {
        warn(error);
        return undefined;
      }
    };

  const onDataLayerEntry = guard((entry: unknown) => {
    const command = options.consent === 'google' && googleConsent(entry);
    // A default of "denied" only means "not yet": the pixel keeps waiting for an update.
    if (command && (command[0] || command[1])) decide(command[0]);
    const call = options.dataLayer && purchaseFromDataLayer(entry);
    if (call) pixel.track('purchase', ...call);
  });

  const pixel: Pjpixel = {
    init: guard((id: string, initOptions?: PixelOptions) => {
      if (!id) return warn('init needs a pixel id');
      pixelId = id;
      options = initOptions ?? options;
      if (options.endpoint) endpoint = options.endpoint.replace(/\/+$/, '');
      const layerName = typeof options.dataLayer === 'string' ? options.dataLayer : 'dataLayer';
      const layer = global[layerName] as unknown[] | undefined;
      if (!watching && (options.dataLayer || options.consent === 'google')) {
        watching = Array.isArray(layer);
        if (watching) watchDataLayer(layer as unknown[], onDataLayerEntry);
        else warn('no dataLayer', layerName);
      }
      flush();
    }),
    track: guard((event: string, ...call: Partial<TrackArguments>) => {
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
  return pixel;
}
