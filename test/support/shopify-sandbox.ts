import { readFileSync } from 'node:fs';
import {
  type Checkout,
  type CustomerPrivacyPayload,
  EventType,
  type PixelEventsCheckoutCompleted,
  type PixelEventsPageViewed,
  type RegisterInit,
} from '@shopify/web-pixels-extension';

/**
 * A faithful stand-in for Shopify's "lax" custom-pixel sandbox, for Chromium and WebKit alike.
 *
 * The shop's page (the top frame, on the shop's origin) holds an iframe with
 * `sandbox="allow-scripts"` and no `allow-same-origin`: its origin is opaque, so its requests
 * carry `Origin: null` and its own `localStorage` is not the shop's. Inside it the custom
 * pixel's code runs as a function of Shopify's globals `analytics`, `browser`, `init` and
 * `api`. `browser.localStorage`, `browser.sessionStorage` and `browser.cookie` are asynchronous
 * and answered by the top frame over `postMessage`, as Shopify's are; `analytics.subscribe`
 * receives the events the top frame publishes, `api.customerPrivacy.subscribe` its consent
 * changes. Events and `init` are typed with `@shopify/web-pixels-extension`'s own definitions;
 * their `context` (the top frame's document, navigator and window) is filled in by the page.
 */

const CUSTOM_PIXEL_PATH = new URL('../../integrations/shopify/custom-pixel.js', import.meta.url);
const COLLECTOR_LINE = /^const COLLECTOR_URL = '[^'\\]*';$/;
const PIXEL_ID_LINE = /^const PIXEL_ID = '[^'\\]*';$/;

/**
 * The custom pixel as a shop pastes it, with its two shop-edited lines filled in. Throws if the
 * file no longer starts with exactly those two lines, which docs/shopify.md tells shops to edit.
 */
export function customPixelCode(collectorUrl: string, pixelId: string): string {
  const [first = '', second = '', ...rest] = readFileSync(CUSTOM_PIXEL_PATH, 'utf8').split('\n');
  if (!COLLECTOR_LINE.test(first) || !PIXEL_ID_LINE.test(second)) {
    throw new Error('custom-pixel.js must start with its COLLECTOR_URL and PIXEL_ID lines');
  }
  return [
    `const COLLECTOR_URL = '${collectorUrl}';`,
    `const PIXEL_ID = '${pixelId}';`,
    ...rest,
  ].join('\n');
}

type WithoutContext<E> = Omit<E, 'context'>;
/** An event as the top frame publishes it; the page adds its `context`. */
export type SandboxEvent =
  | WithoutContext<PixelEventsPageViewed>
  | WithoutContext<PixelEventsCheckoutCompleted>;
type Privacy = RegisterInit['customerPrivacy'];

export const MARKETING_ALLOWED: Privacy = {
  analyticsProcessingAllowed: true,
  marketingAllowed: true,
  preferencesProcessingAllowed: true,
  saleOfDataAllowed: true,
};
export const MARKETING_DENIED: Privacy = {
  analyticsProcessingAllowed: true,
  marketingAllowed: false,
  preferencesProcessingAllowed: true,
  saleOfDataAllowed: false,
};

let sequence = 0;
const standard = {
  clientId: 'b6f1c2d4-6a0e-4c55-9d1e-2f8f7f0c6a11',
  type: EventType.Standard as const,
};

export function pageViewed(): WithoutContext<PixelEventsPageViewed> {
  sequence += 1;
  return {
    ...standard,
    id: `sh-page-${sequence}`,
    name: 'page_viewed',
    seq: sequence,
    timestamp: new Date().toISOString(),
    data: {},
  };
}

const money = (amount: number) => ({ amount, currencyCode: 'SEK' });

/**
 * A completed checkout of order `orderNumber`: 2 × 473 + 1 × 200 + 49 shipping = 1,195 SEK. The
 * order's id is the identity Shopify's Thank-you page carries, `gid://shopify/OrderIdentity/<id>`.
 */
export function checkoutCompleted(
  orderNumber: string,
): WithoutContext<PixelEventsCheckoutCompleted> {
  sequence += 1;
  const line = (id: string, title: string, price: number, quantity: number) => ({
    discountAllocations: [],
    finalLinePrice: money(price * quantity),
    id: `gid://shopify/CheckoutLineItem/${id}`,
    properties: [],
    quantity,
    sellingPlanAllocation: null,
    title,
    variant: null,
  });
  const checkout: Checkout = {
    attributes: [],
    billingAddress: null,
    buyerAcceptsEmailMarketing: false,
    buyerAcceptsSmsMarketing: false,
    currencyCode: 'SEK',
    delivery: null,
    discountApplications: [],
    discountsAmount: money(0),
    email: 'shopper@example.com',
    lineItems: [line('1', 'Kaffebryggare', 473, 2), line('2', 'Filter', 200, 1)],
    localization: {
      country: { isoCode: 'SE' },
      language: { isoCode: 'sv' },
      market: { handle: 'se', id: 'gid://shopify/Market/1' },
    },
    order: {
      customer: { id: 'gid://shopify/Customer/7', isFirstOrder: true },
      id: `gid://shopify/OrderIdentity/${orderNumber}`,
    },
    phone: null,
    shippingAddress: null,
    shippingLine: { price: money(49) },
    smsMarketingPhone: null,
    subtotalPrice: money(1146),
    token: `c1-${orderNumber}`,
    totalPrice: money(1195),
    totalTax: money(239),
    transactions: [],
  };
  return {
    ...standard,
    id: `sh-checkout-${sequence}`,
    name: 'checkout_completed',
    seq: sequence,
    timestamp: new Date().toISOString(),
    data: { checkout },
  };
}

/** Where the sandbox's document is served on the shop's host (Shopify serves it from there too). */
export const SANDBOX_PATH = '/wpm/custom/sandbox';

/** The sandbox's own document: the bridge that gives the pixel Shopify's four globals. */
export const SANDBOX_PAGE = `<!doctype html><meta charset="utf-8"><script>
(function () {
  var pending = {}, calls = 0, subscribers = {}, privacySubscribers = [];
  function call(api, method, args) {
    return new Promise(function (resolve, reject) {
      calls += 1;
      pending[calls] = [resolve, reject];
      parent.postMessage({ call: calls, api: api, method: method, args: args }, '*');
    });
  }
  function storage(api) {
    var store = {};
    ['getItem', 'setItem', 'removeItem', 'key', 'length', 'clear'].forEach(function (method) {
      store[method] = function () { return call(api, method, Array.prototype.slice.call(arguments)); };
    });
    return store;
  }
  var browser = {
    localStorage: storage('localStorage'),
    sessionStorage: storage('sessionStorage'),
    cookie: {
      get: function (name) { return call('cookie', 'get', [name]); },
      set: function (cookieOrName, value) { return call('cookie', 'set', [cookieOrName, value]); }
    },
    sendBeacon: function (url, body) { return Promise.resolve(navigator.sendBeacon(url, body)); }
  };
  var analytics = {
    subscribe: function (name, callback) {
      (subscribers[name] = subscribers[name] || []).push(callback);
      return function () { return true; };
    }
  };
  var api = {
    customerPrivacy: {
      subscribe: function (name, callback) {
        if (name === 'visitorConsentCollected') privacySubscribers.push(callback);
        return function () { return true; };
      }
    }
  };
  addEventListener('message', function (message) {
    if (message.source !== parent) return;
    var data = message.data;
    if (data.reply) {
      var settle = pending[data.reply];
      delete pending[data.reply];
      if ('error' in data) settle[1](new Error(data.error)); else settle[0](data.result);
    } else if (data.init) {
      new Function('analytics', 'browser', 'init', 'api', data.code)(analytics, browser, data.init, api);
      parent.postMessage({ ready: true }, '*');
    } else if (data.event) {
      (subscribers[data.event.name] || []).concat(subscribers.all_events || []).forEach(function (callback) {
        callback(data.event);
      });
    } else if (data.consent) {
      privacySubscribers.forEach(function (callback) { callback(data.consent); });
    }
  });
  parent.postMessage({ loaded: true }, '*');
})();
</script>`;

export interface SandboxPageOptions {
  title: string;
  /** The custom pixel's code, from {@link customPixelCode}. */
  code: string;
  customerPrivacy: Privacy;
  /** Published, in order, once the pixel has registered. */
  events: SandboxEvent[];
  /** A consent decision published after the events, as a banner's "accept" would be. */
  consentUpdate?: CustomerPrivacyPayload;
}

/**
 * A page of the shop with the sandbox in it. The top frame answers the sandbox's storage calls
 * from its own localStorage, sessionStorage and cookies, publishes the events with its own
 * `context`, and sets `window.pixelEventsPublished` once all are out.
 */
export function sandboxPage(options: SandboxPageOptions): string {
  const setup = JSON.stringify({
    code: options.code,
    customerPrivacy: options.customerPrivacy,
    events: options.events,
    consentUpdate: options.consentUpdate ?? null,
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>${options.title}</title></head><body><h1>${options.title}</h1><script>
(function () {
  var setup = ${setup.replaceAll('</', '<\\/')};
  var frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('style', 'display:none');
  frame.src = '${SANDBOX_PATH}';
  var stores = { localStorage: localStorage, sessionStorage: sessionStorage };
  function context() {
    var l = location;
    return {
      document: {
        characterSet: document.characterSet,
        location: { hash: l.hash, host: l.host, hostname: l.hostname, href: l.href, origin: l.origin,
          pathname: l.pathname, port: l.port, protocol: l.protocol, search: l.search },
        referrer: document.referrer,
        title: document.title
      },
      navigator: { cookieEnabled: navigator.cookieEnabled, language: navigator.language,
        languages: navigator.languages.slice(), userAgent: navigator.userAgent },
      window: { innerHeight: innerHeight, innerWidth: innerWidth, outerHeight: outerHeight,
        outerWidth: outerWidth, pageXOffset: pageXOffset, pageYOffset: pageYOffset,
        location: { hash: l.hash, host: l.host, hostname: l.hostname, href: l.href, origin: l.origin,
          pathname: l.pathname, port: l.port, protocol: l.protocol, search: l.search },
        origin: origin, screen: { height: screen.height, width: screen.width },
        screenX: screenX, screenY: screenY, scrollX: scrollX, scrollY: scrollY }
    };
  }
  function cookie(method, args) {
    if (method === 'set') {
      document.cookie = args[1] === undefined || args[1] === null ? args[0] : args[0] + '=' + args[1];
      return document.cookie;
    }
    if (!args[0]) return document.cookie;
    var match = document.cookie.match('(?:^|; )' + args[0] + '=([^;]*)');
    return match ? match[1] : '';
  }
  function post(message) { frame.contentWindow.postMessage(message, '*'); }
  addEventListener('message', function (message) {
    if (message.source !== frame.contentWindow) return;
    var data = message.data;
    if (data.loaded) {
      post({ code: setup.code, init: {
        context: context(),
        data: { customer: null, cart: null, purchasingCompany: null,
          shop: { countryCode: 'SE', myshopifyDomain: 'testbutiken.myshopify.com', name: 'Testbutiken',
            paymentSettings: { currencyCode: 'SEK' }, storefrontUrl: location.origin } },
        customerPrivacy: setup.customerPrivacy
      } });
    } else if (data.ready) {
      setup.events.forEach(function (event) {
        event.context = context();
        post({ event: event });
      });
      if (setup.consentUpdate) post({ consent: setup.consentUpdate });
      window.pixelEventsPublished = true;
    } else if (data.call) {
      var result, failure;
      try {
        result = data.api === 'cookie' ? cookie(data.method, data.args)
          : data.method === 'length' ? stores[data.api].length
          : stores[data.api][data.method].apply(stores[data.api], data.args);
      } catch (error) { failure = String(error); }
      post(failure === undefined ? { reply: data.call, result: result === undefined ? null : result }
        : { reply: data.call, error: failure });
    }
  });
  document.body.appendChild(frame);
})();
</script></body></html>`;
}
