import { SEED } from '#emulator/seed.ts';
import type { SiteHandler } from '#tooling/stack/site-server.ts';
import { loadAssets } from './assets.ts';
import { findProduct } from './catalog.ts';
import { OrderBook, readCheckout, readOrderForm } from './orders.ts';
import { checkoutPage } from './pages/checkout.ts';
import { confirmationPage } from './pages/confirmation.ts';
import { type PageContent, type PageContext, renderPage } from './pages/layout.ts';
import { messagePage } from './pages/message.ts';
import { productPage } from './pages/product.ts';
import { startPage } from './pages/start.ts';
import { storefrontPage } from './pages/storefront.ts';
import { htmlResponse, newNonce, prefersHtml, problemResponse, seeOther } from './responses.ts';

export interface DemoShopOptions {
  /** The Prisjakt API emulator, which issues the clicks: `http://127.0.0.1:8788`. */
  emulatorUrl: string;
  /** The pixel the pages report to; default the emulator's seeded pixel. */
  pixelId?: string;
  /** The shop the clicks belong to; default the emulator's seeded shop. */
  shopId?: number;
  /** How the shop reaches the emulator; default the global `fetch`. */
  fetch?: typeof fetch;
}

/** How long the shop waits for the emulator to issue a click. */
const CLICK_TIMEOUT_MS = 5_000;

interface IssuedClick {
  landing_url: string;
}

/**
 * The demo shop: a start page standing in for Prisjakt's offer list, product pages, a
 * checkout, and confirmation pages that report the purchase with Prisjakt's snippet or a GA4
 * dataLayer push, all behind a consent banner. Served by `npm start` in front of the collector
 * (`/pj/*` is proxied by the site server, as a Worker route on the shop's domain is in
 * production); never part of the Worker.
 *
 * @example
 * const site = await startSiteServer({
 *   collectorUrl: 'http://127.0.0.1:8787',
 *   handler: createDemoShop({ emulatorUrl: 'http://127.0.0.1:8788' }),
 * });
 */
export function createDemoShop(options: DemoShopOptions): SiteHandler {
  const emulatorUrl = options.emulatorUrl.replace(/\/+$/, '');
  const pixelId = options.pixelId ?? SEED.pixelId;
  const shopId = options.shopId ?? SEED.shopId;
  const fetchEmulator = options.fetch ?? ((input, init) => fetch(input, init));
  const inspectorUrl = `${emulatorUrl}/__emulator/`;
  const assets = loadAssets();
  const orders = new OrderBook();

  const page = (content: PageContent, status = 200) => {
    const context: PageContext = { nonce: newNonce(), pixelId, inspectorUrl };
    return htmlResponse(renderPage(context, content), context.nonce, status);
  };
  const notFound = () =>
    page(messagePage('Not found', 'The shop has no page at this address.'), 404);

  /** `GET /prisjakt/go?product=…`: a shopper's click on Prisjakt, issued by the emulator. */
  const goToShop = async (request: Request, url: URL): Promise<Response> => {
    const product = findProduct(url.searchParams.get('product'));
    if (!product) return notFound();
    let response: Response;
    try {
      response = await fetchEmulator(`${emulatorUrl}/__emulator/clicks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          shop_id: shopId,
          url: new URL(`/products/${product.id}`, url.origin).href,
          product_id: product.id,
          product_name: product.name,
        }),
        signal: AbortSignal.timeout(CLICK_TIMEOUT_MS),
      });
    } catch {
      return emulatorFailed(request, `the emulator at ${emulatorUrl} did not answer`);
    }
    if (response.status !== 201) {
      await response.body?.cancel();
      return emulatorFailed(request, `the emulator answered ${response.status} to a new click`);
    }
    const click = (await response.json().catch(() => undefined)) as IssuedClick | undefined;
    if (typeof click?.landing_url !== 'string') {
      return emulatorFailed(request, 'the emulator answered a new click without a landing URL');
    }
    return seeOther(click.landing_url);
  };

  const emulatorFailed = (request: Request, detail: string) =>
    prefersHtml(request)
      ? page(
          messagePage(
            'No click from Prisjakt',
            `The demo could not get a click: ${detail}. Is \`npm start\` still running?`,
          ),
          502,
        )
      : problemResponse(502, 'Bad Gateway', detail);

  const placeOrder = async (request: Request): Promise<Response> => {
    const type = request.headers.get('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      return problemResponse(
        415,
        'Unsupported Media Type',
        'send the checkout form as application/x-www-form-urlencoded',
      );
    }
    const form = readOrderForm(new URLSearchParams(await request.text()));
    if (!form.ok) {
      return prefersHtml(request)
        ? page(messagePage('The order is not valid', 'Please check:', form.errors), 400)
        : problemResponse(400, 'Bad Request', 'the order has invalid fields', form.errors);
    }
    return seeOther(`/orders/${encodeURIComponent(orders.place(form.value).id)}`);
  };

  return async function serveDemoShop(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === '/orders') {
      if (request.method === 'POST') return placeOrder(request);
      return methodNotAllowed('POST');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET, HEAD');

    const asset = assets.get(path);
    if (asset) {
      return new Response(asset.body, {
        headers: {
          'content-type': asset.contentType,
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
        },
      });
    }
    if (path === '/') return page(startPage(inspectorUrl));
    if (path === '/shop') return page(storefrontPage());
    if (path === '/prisjakt/go') return goToShop(request, url);
    if (path === '/checkout') {
      const checkout = readCheckout(url.searchParams);
      if (checkout.ok) return page(checkoutPage(checkout.value));
      return prefersHtml(request)
        ? page(messagePage('Nothing to check out', 'Please check:', checkout.errors), 400)
        : problemResponse(400, 'Bad Request', 'the checkout has invalid fields', checkout.errors);
    }
    const productMatch = /^\/products\/([^/]+)$/.exec(path);
    if (productMatch) {
      const product = findProduct(decodePathSegment(productMatch[1]));
      return product ? page(productPage(product)) : notFound();
    }
    const orderMatch = /^\/orders\/([^/]+)$/.exec(path);
    if (orderMatch) {
      const order = orders.get(decodePathSegment(orderMatch[1]) ?? '');
      return order ? page(confirmationPage(order, pixelId)) : notFound();
    }
    return notFound();
  };
}

/** A path segment decoded, or undefined when its percent-encoding is malformed. */
function decodePathSegment(segment: string | undefined): string | undefined {
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function methodNotAllowed(allow: string): Response {
  const response = problemResponse(405, 'Method Not Allowed', `use ${allow}`);
  response.headers.set('allow', allow);
  return response;
}
