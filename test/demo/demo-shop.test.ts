import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '#emulator/app.ts';
import { SEED } from '#emulator/seed.ts';
import { PRODUCTS } from '#tooling/demo/catalog.ts';
import { escapeHtml, html, scriptJson } from '#tooling/demo/html.ts';
import { createDemoShop } from '#tooling/demo/shop.ts';
import { freePort } from '#tooling/stack/ports.ts';
import type { SiteHandler } from '#tooling/stack/site-server.ts';
import { getJson } from './support/emulator-api.ts';

// The demo shop's handler in-process, with the real emulator in-process behind it: pages,
// the click through Prisjakt, orders, and what bad input gets. Chromium drives it end to end in
// demo.test.ts.

const SHOP = 'http://127.0.0.1:8080';
const EMULATOR = 'http://emulator.test';
let emulator: Emulator;
let shop: SiteHandler;

beforeEach(() => {
  emulator = createEmulator();
  shop = createDemoShop({
    emulatorUrl: EMULATOR,
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
});

async function get(path: string, accept = 'text/html'): Promise<Response> {
  const response = await shop(new Request(SHOP + path, { headers: { accept } }));
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

async function postOrder(fields: Record<string, string>, accept = 'text/html') {
  const response = await shop(
    new Request(`${SHOP}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
      body: new URLSearchParams(fields).toString(),
    }),
  );
  if (!response) throw new Error('no response');
  return response;
}

/** The confirmation page of a new order. */
async function orderPage(fields: Record<string, string>): Promise<{ id: string; page: string }> {
  const placed = await postOrder(fields);
  expect(placed.status).toBe(303);
  const location = placed.headers.get('location') ?? '';
  expect(location).toMatch(/^\/orders\/DEMO-\d{8}-[0-9a-f]{8}$/);
  const response = await get(location);
  expect(response.status).toBe(200);
  return { id: decodeURIComponent(location.slice('/orders/'.length)), page: await response.text() };
}

describe('pages', () => {
  it('carry the snippet, the consent option, and a nonce on every inline script', async () => {
    for (const path of [
      '/',
      '/shop',
      `/products/${PRODUCTS[0]?.id}`,
      '/checkout?product=milk-jug',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const csp = response.headers.get('content-security-policy') ?? '';
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(csp).toContain("connect-src 'self'");
      const page = await response.text();
      expect(page).toContain('<script async src="/pj/pjpixel.js"></script>');
      expect(page).toContain(`pjpixel.init("${SEED.pixelId}", { consent: "required" });`);
      const inline = [...page.matchAll(/<script( [^>]*)?>/g)].map((match) => match[1] ?? '');
      for (const attributes of inline) {
        if (!attributes.includes('src=')) expect(attributes).toBe(` nonce="${nonce}"`);
      }
      expect(page).toContain('id="consent-banner"');
      expect(page).toContain(`href="${EMULATOR}/__emulator/"`);
    }
  });

  it('gets a fresh nonce per response', async () => {
    const nonces = await Promise.all(
      [1, 2].map(async () => (await get('/')).headers.get('content-security-policy')),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('answers 404 for unknown products, orders and paths, and for malformed escapes', async () => {
    for (const path of ['/products/nope', '/orders/DEMO-1', '/nowhere', '/products/%E0%A4%A']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('The shop has no page at this address.');
    }
  });

  it('serves its banner script and styles', async () => {
    const script = await get('/assets/shop.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('pjpixel.consent(');
    const styles = await get('/assets/shop.css');
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('refuses other methods with 405 and Allow', async () => {
    const put = await shop(new Request(`${SHOP}/shop`, { method: 'PUT' }));
    expect(put?.status).toBe(405);
    expect(put?.headers.get('allow')).toBe('GET, HEAD');
    const getOrders = await get('/orders');
    expect(getOrders.status).toBe(405);
    expect(getOrders.headers.get('allow')).toBe('POST');
    expect(getOrders.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the click through Prisjakt', () => {
  it('asks the emulator for a click on the product and redirects to its landing URL', async () => {
    const response = await get('/prisjakt/go?product=coffee-grinder');
    expect(response.status).toBe(303);
    const landing = new URL(response.headers.get('location') ?? '');
    expect(`${landing.origin}${landing.pathname}`).toBe(`${SHOP}/products/coffee-grinder`);
    const pjclid = landing.searchParams.get('pjclid') ?? '';
    expect(pjclid).toMatch(/^[0-9a-f-]{36}_[0-9a-f]{16}$/);

    const { clicks } = await getJson<{ clicks: { signed_click_id: string; shop_id: number }[] }>(
      { emulator },
      '/__emulator/clicks',
    );
    expect(clicks.find((click) => click.signed_click_id === pjclid)).toMatchObject({
      shop_id: SEED.shopId,
    });
  });

  it('lands on the origin the shopper used', async () => {
    const response = await shop(
      new Request('http://localhost:9090/prisjakt/go?product=milk-jug', {
        headers: { accept: 'text/html' },
      }),
    );
    expect(response?.headers.get('location')).toMatch(
      /^http:\/\/localhost:9090\/products\/milk-jug\?pjclid=/,
    );
  });

  it('answers 404 for a product the shop does not sell', async () => {
    expect((await get('/prisjakt/go?product=kettle')).status).toBe(404);
  });

  it('explains an emulator that does not answer: a page for people, problem details for tools', async () => {
    const offline = createDemoShop({ emulatorUrl: `http://127.0.0.1:${await freePort()}` });
    const page = await offline(
      new Request(`${SHOP}/prisjakt/go?product=milk-jug`, { headers: { accept: 'text/html' } }),
    );
    expect(page?.status).toBe(502);
    expect(await page?.text()).toContain('Is `npm start` still running?');
    const problem = await offline(new Request(`${SHOP}/prisjakt/go?product=milk-jug`));
    expect(problem?.status).toBe(502);
    expect(problem?.headers.get('content-type')).toBe('application/problem+json');
    expect(await problem?.json()).toMatchObject({ status: 502, title: 'Bad Gateway' });
  });
});

describe('orders', () => {
  it("reports a confirmed order with Prisjakt's documented track call", async () => {
    const { id, page } = await orderPage({
      product: 'milk-jug',
      quantity: '2',
      reporting: 'track',
    });
    expect(page).toContain(
      `pjpixel.track('purchase', { amount: 458, currency: "SEK", numberOfItems: 2 }, { eventId: "${id}" });`,
    );
    // The track call runs inside the load listener, after init.
    expect(page).toMatch(
      /addEventListener\('load', function \(\) \{\n\s+pjpixel\.init\([^)]*\);\n\s+pjpixel\.track\(/,
    );
    expect(page).not.toContain('dataLayer');
    expect(page).toContain(`<td id="order-id">${id}</td>`);
  });

  it('reports through a GA4 dataLayer push when chosen', async () => {
    const { id, page } = await orderPage({
      product: 'coffee-grinder',
      quantity: '3',
      reporting: 'datalayer',
    });
    expect(page).toContain(`transaction_id: "${id}"`);
    expect(page).toContain('value: 3748.5');
    expect(page).toContain('"quantity":3');
    expect(page).toContain(
      `pjpixel.init("${SEED.pixelId}", { consent: "required", dataLayer: true });`,
    );
    expect(page).not.toContain("pjpixel.track('purchase'");
    // The push comes before the pixel's script tag, as a tag manager's would.
    expect(page.indexOf('dataLayer.push({\n')).toBeLessThan(page.indexOf('/pj/pjpixel.js'));
  });

  it('keeps amounts exact in cents', async () => {
    const { page } = await orderPage({ product: 'coffee-grinder', quantity: '7' });
    expect(page).toContain('amount: 8746.5,'); // 7 × 1249.50
  });

  it('gives every order its own id', async () => {
    const first = await orderPage({ product: 'milk-jug', quantity: '1' });
    const second = await orderPage({ product: 'milk-jug', quantity: '1' });
    expect(first.id).not.toBe(second.id);
  });

  it('answers invalid fields with problem details naming each', async () => {
    const response = await postOrder(
      { product: '<b>kettle</b>', quantity: '11', reporting: 'fax' },
      'application/json',
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { field_errors: Record<string, { value: unknown }> };
    expect(Object.keys(problem.field_errors).sort()).toEqual(['product', 'quantity', 'reporting']);
    expect(problem.field_errors.product?.value).toBe('<b>kettle</b>');
  });

  it('shows a browser the invalid fields on a page, escaped', async () => {
    const response = await postOrder({ product: 'milk-jug', quantity: '0' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<code>quantity</code> must be a whole number from 1 to 10');
    const checkout = await get('/checkout?product=%3Cscript%3E&quantity=1');
    expect(checkout.status).toBe(400);
    expect(await checkout.text()).not.toContain('<script>');
  });

  it('takes only the checkout form', async () => {
    const response = await shop(
      new Request(`${SHOP}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ product: 'milk-jug' }),
      }),
    );
    expect(response?.status).toBe(415);
  });
});

describe('escaping', () => {
  it('escapes text and attributes, and keeps SafeHtml', () => {
    const hostile = `"><img src=x onerror='alert(1)'>&`;
    expect(escapeHtml(hostile)).toBe('&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;');
    expect(html`<a title="${hostile}">${[hostile, html`<b>ok</b>`]}</a>`.value).toBe(
      `<a title="${escapeHtml(hostile)}">${escapeHtml(hostile)}<b>ok</b></a>`,
    );
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('keeps script values from closing the script or breaking lines', () => {
    const source = scriptJson({ id: '</script><script>alert(1)//', line: '\u2028&' });
    expect(source).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(source)).toEqual({ id: '</script><script>alert(1)//', line: '\u2028&' });
  });
});
