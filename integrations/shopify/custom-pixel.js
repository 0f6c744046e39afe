const COLLECTOR_URL = 'https://shop.example/pj';
const PIXEL_ID = 'REPLACE_WITH_YOUR_PIXEL_ID';

// pjcollector's custom pixel for Shopify's checkout: Settings → Customer events → Add custom
// pixel, paste this file as it is, and edit only the two lines above (the collector's URL, the
// one the theme's pjpixel.js loads from without "/pjpixel.js", and the Prisjakt pixel id).
// Set its Customer privacy permission to "Marketing". See docs/shopify.md.
//
// It runs in Shopify's sandbox, whose globals are analytics, browser, init and api.
// browser.localStorage is the shop's own storage, so this pixel and the theme's pjpixel.js
// share one stored click, in the format pjpixel.js keeps.

const CLICK_KEY = 'pjpixel_conversion';
const ORDERS_KEY = 'pjpixel_shopify_orders';
const CLICK_ID = '[\\da-f]{8}-[\\da-f]{4}-4[\\da-f]{3}-[89ab][\\da-f]{3}-[\\da-f]{12}_[\\da-f]{16}';
// pjclid= and a click id, followed by the next parameter, the fragment or the end.
const LANDING_CLICK = RegExp(`[?&]pjclid=(${CLICK_ID})(?![^&#])`, 'i');
const STORED_CLICK = RegExp(`\\b${CLICK_ID}\\b`, 'i');
// Prisjakt attributes purchases within 30 days of the click.
const CLICK_MAX_AGE_MS = 30 * 864e5;
const ORDERS_KEPT = 50;

let marketingAllowed = init.customerPrivacy?.marketingAllowed === true;
// Orders handled by this sandbox: a repeated event may arrive before storage has answered.
const handled = new Set();

// Nothing here may throw into Shopify's page: every handler swallows its own failures.
/** @type {<E>(handler: (event: E) => Promise<void>) => (event: E) => void} */
const guard = (handler) => (event) => {
  try {
    handler(event).catch(() => {});
  } catch {}
};

api.customerPrivacy.subscribe(
  'visitorConsentCollected',
  guard(async (event) => {
    marketingAllowed = event.customerPrivacy?.marketingAllowed === true;
    if (!marketingAllowed) await browser.localStorage.removeItem(CLICK_KEY);
  }),
);

// A landing from Prisjakt: keep its pjclid byte for byte.
analytics.subscribe(
  'page_viewed',
  guard(async (event) => {
    const search = event.context.document.location.search;
    const clickId = marketingAllowed && LANDING_CLICK.exec(search)?.[1];
    if (clickId) {
      await browser.localStorage.setItem(CLICK_KEY, JSON.stringify({ clickId, time: Date.now() }));
    }
  }),
);

// JSON some other script may have garbled reads as nothing.
const parse = (text) => {
  try {
    return JSON.parse(text);
  } catch {}
};

// The stored click: pjpixel.js keeps it in localStorage, or in a cookie where that fails.
const storedClick = async () => {
  let raw = await browser.localStorage.getItem(CLICK_KEY);
  if (!raw) {
    try {
      raw = decodeURIComponent(await browser.cookie.get(CLICK_KEY));
    } catch {}
  }
  const clickId = STORED_CLICK.exec(raw || '')?.[0];
  return clickId && !(Date.now() - parse(raw)?.time > CLICK_MAX_AGE_MS) ? clickId : undefined;
};

// The purchase, once per order however often Shopify repeats the event (a reload, the order
// status page). The event id is the order's numeric id, the id the Admin API, the order
// webhooks and the order export use, so a report of the same order from the shop's backend is
// the same event. Without a click there is nothing to attribute, and nothing is sent.
analytics.subscribe(
  'checkout_completed',
  guard(async (event) => {
    const checkout = event.data.checkout;
    const eventId = `${checkout.order?.id ?? ''}`.match(/\d+$/)?.[0] || checkout.token;
    if (!marketingAllowed || !eventId || handled.has(eventId)) return;
    handled.add(eventId);
    const stored = parse(await browser.localStorage.getItem(ORDERS_KEY));
    const reported = Array.isArray(stored) ? stored : [];
    const pjclid = await storedClick();
    if (reported.includes(eventId) || !pjclid) return;
    const response = await fetch(`${COLLECTOR_URL}/collect`, {
      method: 'POST',
      keepalive: true,
      body: JSON.stringify({
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: eventId,
        amount: checkout.totalPrice?.amount,
        currency: checkout.currencyCode || checkout.totalPrice?.currencyCode,
        items: checkout.lineItems.reduce((sum, line) => sum + line.quantity, 0),
        pjclid,
        time: new Date().toISOString(),
      }),
    });
    // Remembered once the collector has answered for good; after a network failure, 429 or
    // 5xx, the order status page tries again (the collector recognises a repeat by its id).
    if (response.status < 500 && response.status !== 429) {
      const orders = [...reported, eventId].slice(-ORDERS_KEPT);
      await browser.localStorage.setItem(ORDERS_KEY, JSON.stringify(orders));
    }
  }),
);
