import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEEDED_PIXEL_ID, startStack } from '#tooling/stack/fixture-stack.ts';
import {
  createClick,
  type EmulatedClick,
  eventsOf,
  listEvents,
  waitForEvents,
} from '../support/emulator-client.ts';
import './pjpixel-global.ts';
import { gtmContainer, gtmTag } from './gtm-recipe.ts';
import { bareShopPage, shopPage } from './pages.ts';
import { browserSuite } from './suite.ts';

// Tag managers and the host page: GA4 purchases from the dataLayer, calls queued before the
// script arrives, a strict CSP, and a pixel that never throws, adds one global, shows nothing.

const ORDER = "new URLSearchParams(location.search).get('order')";
const GA4_PURCHASE = `window.dataLayer = window.dataLayer || [];
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: ${ORDER}, value: '249.90', currency: 'sek',
    items: [{ item_id: 'a', quantity: '2' }, { item_id: 'b', quantity: 1 }] } });`;
const STUB = `window.pjpixel = window.pjpixel || { q: [] };
  ['init', 'track', 'consent'].forEach(function (m) {
    window.pjpixel[m] = window.pjpixel[m] || function () { window.pjpixel.q.push([m, arguments]); };
  });`;

let consoleWarnings: string[];

const suite = browserSuite(
  () =>
    startStack({
      pages: {
        '/p/1': shopPage('Product', { options: { dataLayer: true } }),
        // The shop pushes a GA4 purchase and also calls track() for the same order, by another id.
        '/thanks': shopPage('Thank you', {
          options: { dataLayer: true },
          headScript: GA4_PURCHASE,
          onLoad: `pjpixel.track('purchase', { amount: 249.9, currency: 'SEK', numberOfItems: 3 }, { eventId: 'shop-' + ${ORDER} });`,
        }),
        // gtag-style purchase pushed after the pixel started.
        '/gtag-thanks': shopPage('Thank you', {
          options: { dataLayer: true },
          headScript:
            'window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }',
          onLoad: `setTimeout(function () { gtag('event', 'purchase', { transaction_id: ${ORDER}, value: 12, currency: 'DKK' }); }, 20);`,
        }),
        // A tag manager that calls before the script has arrived: the stub queues, the script
        // replays. The script tag is added late, as a tag manager does.
        '/stub-thanks': bareShopPage(
          'Thank you',
          `<script>${STUB}
            pjpixel.init('${SEEDED_PIXEL_ID}');
            pjpixel.track('purchase', { amount: 10, currency: 'EUR' }, { eventId: ${ORDER} });
            window.addEventListener('load', function () {
              var s = document.createElement('script'); s.async = true; s.src = '/pj/pjpixel.js';
              document.head.appendChild(s);
            });</script>`,
        ),
        // A stub queue with junk in it, and a purchase that throws held ahead of a good one:
        // the junk is skipped, and the good purchase still goes out.
        '/junk-stub-thanks': bareShopPage(
          'Thank you',
          `<script>${STUB}
            pjpixel.q.push(null, 5, ['nope', []], ['track']);
            pjpixel.track('purchase', { get amount() { throw new Error('broken getter'); }, currency: 'EUR' });
            pjpixel.track('purchase', { amount: 11, currency: 'EUR' }, { eventId: ${ORDER} });
            pjpixel.init('${SEEDED_PIXEL_ID}');
            window.addEventListener('load', function () {
              var s = document.createElement('script'); s.async = true; s.src = '/pj/pjpixel.js';
              document.head.appendChild(s);
            });</script>`,
        ),
        '/without-pixel': bareShopPage('Plain', ''),
        '/with-pixel': shopPage('Plain'),
        '/bad-calls': shopPage('Bad calls', {
          options: { debug: true, dataLayer: true },
          headScript:
            'window.dataLayer = [null, 5, "x", { event: "purchase", ecommerce: { value: "free" } }];',
          onLoad: `pjpixel.track(); pjpixel.track('purchase'); pjpixel.track('purchase', null, null);
            pjpixel.track('purchase', { amount: 'x', currency: 'USD' });
            pjpixel.track('refund', { amount: 1, currency: 'EUR' });
            pjpixel.track('purchase', { amount: 1, currency: 'EUR', numberOfItems: -2 }, { eventId: {} });
            pjpixel.consent('maybe'); pjpixel.init(); pjpixel.init(null, 5);
            dataLayer.push(undefined); dataLayer.push({ event: 'purchase', ecommerce: 7 });
            document.title = 'done';`,
        }),
      },
    }),
  (stack) => {
    stack.shop.setPage('/csp-thanks', {
      headers: {
        'content-security-policy':
          "default-src 'none'; script-src 'self' 'nonce-r4nd0m'; connect-src 'self'; base-uri 'none'",
      },
      body: bareShopPage(
        'Thank you',
        `<script async src="/pj/pjpixel.js"></script>
         <script nonce="r4nd0m">
           window.addEventListener('load', function () {
             pjpixel.init('${SEEDED_PIXEL_ID}');
             pjpixel.track('purchase', { amount: 5, currency: 'GBP' }, { eventId: ${ORDER} });
           });
           document.addEventListener('securitypolicyviolation', function (e) {
             console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
           });
         </script>`,
      ),
    });
  },
);

/** A page in a fresh profile whose console warnings and errors land in `consoleWarnings`. */
async function newPage(): Promise<Page> {
  const page = await suite.newPage();
  consoleWarnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error')
      consoleWarnings.push(message.text());
  });
  return page;
}

let orderNumber = 0;
const newOrder = () => `tags-${Date.now().toString(36)}-${++orderNumber}`;

async function land(page: Page): Promise<EmulatedClick> {
  const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/p/1`);
  const registered = page.waitForResponse((response) => response.url().includes('/pj/click?'));
  await page.goto(click.landing_url);
  await registered;
  return click;
}

async function buy(page: Page, path: string): Promise<number> {
  const collected = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
  await page.goto(`${suite.stack.shopUrl}${path}`);
  const status = (await collected).status();
  await page.waitForLoadState('networkidle');
  return status;
}

describe('GA4 purchases in the dataLayer', () => {
  it('reports a purchase pushed and also tracked once, and not again on reload', async () => {
    const page = await newPage();
    const click = await land(page);
    const order = newOrder();
    expect(await buy(page, `/thanks?order=${order}`)).toBe(202);
    expect(suite.network.beacons()).toEqual([
      expect.objectContaining({
        event_id: order,
        amount: 249.9,
        currency: 'SEK',
        items: 3,
        pjclid: click.signed_click_id,
      }),
    ]);
    await page.reload({ waitUntil: 'networkidle' });
    expect(suite.network.to('/pj/collect')).toHaveLength(1);
    const events = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      external_event_id: order,
      data: { amount: 249.9, number_of_items: 3 },
    });
  });

  it("reports gtag's purchase pushed after the pixel started", async () => {
    const page = await newPage();
    const click = await land(page);
    const order = newOrder();
    expect(await buy(page, `/gtag-thanks?order=${order}`)).toBe(202);
    expect(suite.network.beacons()).toEqual([
      expect.objectContaining({
        event_id: order,
        amount: 12,
        currency: 'DKK',
        pjclid: click.signed_click_id,
      }),
    ]);
    expect(suite.network.beacons()[0]?.items).toBeUndefined();
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });
});

describe('the host page', () => {
  it('replays calls queued by a stub before the script arrived', async () => {
    const page = await newPage();
    const click = await land(page);
    const order = newOrder();
    expect(await buy(page, `/stub-thanks?order=${order}`)).toBe(202);
    expect(suite.network.beacons()).toEqual([
      expect.objectContaining({
        event_id: order,
        amount: 10,
        currency: 'EUR',
        pjclid: click.signed_click_id,
      }),
    ]);
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });

  it('skips junk in a stub queue and a throwing call, and still reports what follows', async () => {
    const page = await newPage();
    const click = await land(page);
    const order = newOrder();
    expect(await buy(page, `/junk-stub-thanks?order=${order}`)).toBe(202);
    expect(suite.network.beacons()).toEqual([
      expect.objectContaining({ event_id: order, amount: 11, pjclid: click.signed_click_id }),
    ]);
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });

  it("works under a strict CSP that allows only the shop's own origin", async () => {
    const page = await newPage();
    const click = await land(page);
    const order = newOrder();
    expect(await buy(page, `/csp-thanks?order=${order}`)).toBe(202);
    expect(consoleWarnings).toEqual([]);
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });

  it('defines only the pjpixel global and adds nothing to the page', async () => {
    const page = await newPage();
    await page.goto(`${suite.stack.shopUrl}/without-pixel`, { waitUntil: 'networkidle' });
    const before = await page.evaluate(() => ({
      keys: Object.keys(window),
      html: document.body.outerHTML,
    }));
    await page.goto(`${suite.stack.shopUrl}/with-pixel`, { waitUntil: 'networkidle' });
    const after = await page.evaluate(() => ({
      keys: Object.keys(window),
      html: document.body.outerHTML,
    }));
    expect(after.keys.filter((key) => !before.keys.includes(key))).toEqual(['pjpixel']);
    expect(after.html).toBe(before.html);
    expect(await page.evaluate(() => Object.keys(pjpixel).sort())).toEqual([
      'consent',
      'getConversion',
      'init',
      'track',
    ]);
  });

  it('never throws on bad calls, sends nothing invalid, and explains itself in debug mode', async () => {
    const page = await newPage();
    await page.goto(`${suite.stack.shopUrl}/bad-calls`, { waitUntil: 'networkidle' });
    expect(await page.title()).toBe('done');
    expect(suite.network.to('/pj/collect')).toHaveLength(1);
    // The one valid purchase goes, without its invalid optional fields.
    expect(suite.network.beacons()[0]).toMatchObject({ amount: 1, currency: 'EUR' });
    expect(suite.network.beacons()[0]?.items).toBeUndefined();
    expect(suite.network.beacons()[0]?.event_id).toMatch(/^pj-1EUR-/);
    expect(consoleWarnings.every((text) => text.startsWith('pjpixel:'))).toBe(true);
    expect(consoleWarnings.join('\n')).toMatch(/invalid amount,currency/);
    expect(consoleWarnings.join('\n')).toMatch(/invalid numberOfItems,eventId/);
    expect(consoleWarnings.join('\n')).toMatch(/not tracked: refund/);
    expect(
      (await listEvents(suite.stack.emulatorUrl)).filter((event) => event.data.currency === 'USD'),
    ).toEqual([]);
  });
});

describe('amounts the collector reads', () => {
  it('reads an amount with a thousands separator, and shows why it refuses an ambiguous one', async () => {
    suite.stack.shop.setPage(
      '/formatted-thanks',
      shopPage('Thank you', {
        options: { debug: true },
        onLoad: `pjpixel.track('purchase', { amount: new URLSearchParams(location.search).get('amount'), currency: 'SEK' }, { eventId: ${ORDER} });`,
      }),
    );
    const page = await newPage();
    const click = await land(page);
    const order = newOrder();
    expect(
      await buy(page, `/formatted-thanks?amount=${encodeURIComponent('1,195.00')}&order=${order}`),
    ).toBe(202);
    expect(suite.network.beacons()[0]?.amount).toBe('1,195.00');
    const [event] = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    expect(event).toMatchObject({
      external_event_id: order,
      data: { amount: 1195, currency: 'SEK' },
    });

    expect(await buy(page, `/formatted-thanks?amount=1,195&order=${newOrder()}`)).toBe(400);
    await expect
      .poll(() => consoleWarnings.filter((text) => text.startsWith('pjpixel: 400')).join('\n'))
      .toMatch(/amount.*is ambiguous/);
  });
});

describe('the Google Tag Manager recipe of docs/pixel.md', () => {
  // The shop's own tags: a consent banner (Consent Mode v2) that the visitor accepts, and, on
  // the confirmation page, the GA4 purchase the shop pushes anyway.
  const BANNER = `window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }
    gtag('consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied' });
    setTimeout(function () { gtag('consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted' }); }, 50);`;
  const PURCHASE = `dataLayer.push({ ecommerce: null });
    dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: new URLSearchParams(location.search).get('order'),
      value: 249.9, currency: 'SEK', items: [{ item_id: 'a', quantity: 2 }, { item_id: 'b', quantity: 1 }] } });`;
  const pixelTag = (initOptions?: string) => {
    let tag = gtmTag('pjpixel')
      .replace('<PIXEL ID>', SEEDED_PIXEL_ID)
      .replace('https://shop.example/pj/pjpixel.js', '/pj/pjpixel.js');
    if (initOptions) tag = tag.replace("{ consent: 'google', dataLayer: true }", initOptions);
    return tag;
  };
  const page = (title: string, script: string, container: string) =>
    bareShopPage(title, `<script>${script}</script>`, `<script>${container}</script>`);

  async function landThroughGtm(
    path: string,
    tag: string,
  ): Promise<{ page: Page; click: EmulatedClick }> {
    suite.stack.shop.setPage(path, page('Product', BANNER, gtmContainer({ initialization: tag })));
    const browserPage = await newPage();
    const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}${path}`);
    const registered = browserPage.waitForResponse((response) =>
      response.url().includes('/pj/click?'),
    );
    await browserPage.goto(click.landing_url);
    expect((await registered).status()).toBe(204);
    return { page: browserPage, click };
  }

  it('waits for consent, then reports the GA4 purchase with dataLayer: true', async () => {
    const tag = pixelTag();
    const { page: browserPage, click } = await landThroughGtm('/gtm/p/1', tag);
    suite.stack.shop.setPage(
      '/gtm/thanks',
      page('Thank you', `${BANNER} ${PURCHASE}`, gtmContainer({ initialization: tag })),
    );
    const order = newOrder();
    expect(await buy(browserPage, `/gtm/thanks?order=${order}`)).toBe(202);
    await browserPage.reload({ waitUntil: 'networkidle' });
    expect(suite.network.beacons()).toEqual([
      expect.objectContaining({
        event_id: order,
        amount: 249.9,
        currency: 'SEK',
        items: 3,
        pjclid: click.signed_click_id,
      }),
    ]);
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });

  it('reports the purchase from a tag on a purchase trigger instead', async () => {
    const tag = pixelTag("{ consent: 'google' }");
    const { page: browserPage, click } = await landThroughGtm('/gtm-trigger/p/1', tag);
    suite.stack.shop.setPage(
      '/gtm-trigger/thanks',
      page(
        'Thank you',
        `${BANNER} ${PURCHASE}`,
        gtmContainer({ initialization: tag, onEvent: { purchase: gtmTag('purchase') } }),
      ),
    );
    const order = newOrder();
    expect(await buy(browserPage, `/gtm-trigger/thanks?order=${order}`)).toBe(202);
    expect(suite.network.beacons()).toEqual([
      expect.objectContaining({
        event_id: order,
        amount: 249.9,
        currency: 'SEK',
        pjclid: click.signed_click_id,
      }),
    ]);
    const [event, ...others] = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      external_event_id: order,
      data: { amount: 249.9, currency: 'SEK' },
    });
  });

  it('stores nothing while the visitor has not accepted', async () => {
    const tag = pixelTag();
    suite.stack.shop.setPage(
      '/gtm-denied/p/1',
      page(
        'Product',
        "window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); } gtag('consent', 'default', { ad_storage: 'denied' });",
        gtmContainer({ initialization: tag }),
      ),
    );
    const browserPage = await newPage();
    const click = await createClick(
      suite.stack.emulatorUrl,
      `${suite.stack.shopUrl}/gtm-denied/p/1`,
    );
    await browserPage.goto(click.landing_url, { waitUntil: 'networkidle' });
    expect(suite.network.to('/pj/pjpixel.js')).toHaveLength(1);
    expect(suite.network.to('/pj/click')).toEqual([]);
    expect(await browserPage.evaluate(() => localStorage.length)).toBe(0);
  });
});
