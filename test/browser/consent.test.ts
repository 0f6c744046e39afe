import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startStack } from '#tooling/stack/fixture-stack.ts';
import { createClick, eventsOf, listEvents, waitForEvents } from '../support/emulator-client.ts';
import './pjpixel-global.ts';
import { confirmationPage, ORDER_FROM_QUERY, shopPage } from './pages.ts';
import { browserSuite } from './suite.ts';

// Consent: with `consent: 'required'` nothing is stored or sent before pjpixel.consent(true);
// with `consent: 'google'` the pixel follows Google Consent Mode's ad_storage in the dataLayer.

const REQUIRED = { consent: 'required' };
const GOOGLE = { consent: 'google' };
// What a consent banner does on each page once the visitor has accepted (it keeps the choice).
const CMP_GRANTED = 'pjpixel.consent(true);';
const GTAG =
  'window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }';

const ORDER = { amount: 50, currency: 'NOK', eventId: ORDER_FROM_QUERY };
// A banner that knows the visitor accepted: the default, then at once the stored update.
const ACCEPTED = `${GTAG} gtag('consent', 'default', { ad_storage: 'denied' }); gtag('consent', 'update', { ad_storage: 'granted' });`;

const suite = browserSuite(() =>
  startStack({
    pages: {
      '/required/p/1': shopPage('Product', { options: REQUIRED }),
      '/required/thanks': confirmationPage(ORDER, REQUIRED),
      '/required/accepted/p/2': shopPage('Product', { options: REQUIRED, onLoad: CMP_GRANTED }),
      '/required/accepted/thanks': shopPage('Thank you', {
        options: REQUIRED,
        onLoad: `pjpixel.track('purchase', { amount: 50, currency: 'NOK' }, { eventId: new URLSearchParams(location.search).get('order') });
            setTimeout(function () { ${CMP_GRANTED} }, 50);`,
      }),
      '/default/p/1': shopPage('Product'),
      '/google/p/1': shopPage('Product', {
        options: GOOGLE,
        headScript: `${GTAG} gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });`,
      }),
      '/google/granted/p/1': shopPage('Product', { options: GOOGLE, headScript: ACCEPTED }),
      '/google/granted/thanks': shopPage('Thank you', {
        options: GOOGLE,
        headScript: ACCEPTED,
        onLoad: `pjpixel.track('purchase', { amount: 50, currency: 'NOK' }, { eventId: new URLSearchParams(location.search).get('order') });`,
      }),
    },
  }),
);
const newPage = () => suite.newPage();

let orderNumber = 0;
const newOrder = () => `consent-${Date.now().toString(36)}-${++orderNumber}`;

async function storedKeys(page: Page): Promise<{ local: string[]; cookies: string[] }> {
  const local = await page.evaluate(() => Object.keys(localStorage));
  const cookies = (await suite.context.cookies()).map((cookie) => cookie.name);
  return { local, cookies };
}

describe("consent: 'required'", () => {
  it('stores and sends nothing when consent is never given', async () => {
    const page = await newPage();
    const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/required/p/1`);
    await page.goto(click.landing_url, { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => pjpixel.getConversion())).toBeNull();
    await page.goto(`${suite.stack.shopUrl}/required/thanks?order=${newOrder()}`, {
      waitUntil: 'networkidle',
    });

    expect(await storedKeys(page)).toEqual({ local: [], cookies: [] });
    expect(suite.network.to('/pj/click')).toEqual([]);
    expect(suite.network.to('/pj/collect')).toEqual([]);
    // The script itself was loaded, and that is all.
    expect(suite.network.to('/pj/').map((request) => request.path)).toEqual([
      '/pj/pjpixel.js',
      '/pj/pjpixel.js',
    ]);
    expect((await listEvents(suite.stack.emulatorUrl)).filter(eventsOf(click))).toEqual([]);
  });

  it('stores the landing click once consent arrives on that page, then delivers', async () => {
    const page = await newPage();
    const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/required/p/1`);
    await page.goto(click.landing_url, { waitUntil: 'networkidle' });
    expect(suite.network.to('/pj/click')).toEqual([]);
    expect((await storedKeys(page)).local).toEqual([]);

    // The visitor accepts in the banner, on the landing page.
    const registered = page.waitForResponse((response) => response.url().includes('/pj/click?'));
    await page.evaluate(() => pjpixel.consent(true));
    expect((await registered).status()).toBe(204);
    expect(await page.evaluate(() => pjpixel.getConversion()?.clickId)).toBe(click.signed_click_id);

    // Later pages: the banner re-signals the stored choice; the purchase is held until it does.
    await page.goto(`${suite.stack.shopUrl}/required/accepted/p/2`, { waitUntil: 'networkidle' });
    const order = newOrder();
    const collected = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
    await page.goto(`${suite.stack.shopUrl}/required/accepted/thanks?order=${order}`);
    expect((await collected).status()).toBe(202);
    expect(suite.network.beacons()).toEqual([
      expect.objectContaining({ event_id: order, pjclid: click.signed_click_id }),
    ]);
    const events = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    expect(events.map((event) => event.external_event_id)).toEqual([order]);
  });
});

describe('denial', () => {
  it('clears what the pixel and the collector stored, and stops sending', async () => {
    const page = await newPage();
    const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/default/p/1`);
    await page.goto(click.landing_url, { waitUntil: 'networkidle' });
    expect(await storedKeys(page)).toEqual({ local: ['pjpixel_conversion'], cookies: ['pjclid'] });

    // The collector's cookie is HttpOnly: the pixel asks the collector to erase it.
    const forgotten = page.waitForResponse(
      (response) =>
        response.url().endsWith('/pj/click') && response.request().method() === 'DELETE',
    );
    await page.evaluate(() => pjpixel.consent(false));
    expect((await forgotten).status()).toBe(204);
    expect(await storedKeys(page)).toEqual({ local: [], cookies: [] });
    expect(await page.evaluate(() => pjpixel.getConversion())).toBeNull();
    await page.evaluate(() =>
      pjpixel.track('purchase', { amount: 1, currency: 'EUR' }, { eventId: 'x' }),
    );
    await page.waitForLoadState('networkidle');
    expect(suite.network.to('/pj/collect')).toEqual([]);
    // Denying again, with nothing stored, sends nothing.
    await page.evaluate(() => pjpixel.consent(false));
    await page.waitForLoadState('networkidle');
    expect(suite.network.to('/pj/click').map((request) => request.method)).toEqual([
      'GET',
      'DELETE',
    ]);
  });
  it('leaves nothing with the collector when the visitor denies on the landing, before idle time', async () => {
    // The collector's copy of a landing click waits for idle time; a denial in the same task as
    // init (a banner answering at once) comes first, and the copy must then never be made.
    suite.stack.shop.setPage(
      '/default/denied-at-once/p/1',
      shopPage('Product', { onLoad: 'pjpixel.consent(false);' }),
    );
    const page = await newPage();
    const click = await createClick(
      suite.stack.emulatorUrl,
      `${suite.stack.shopUrl}/default/denied-at-once/p/1`,
    );
    await page.goto(click.landing_url, { waitUntil: 'networkidle' });
    // An idle callback queued now runs after the pixel's.
    await page.evaluate(
      () => new Promise((resolve) => requestIdleCallback(() => resolve(0), { timeout: 3000 })),
    );
    await page.waitForLoadState('networkidle');
    expect(suite.network.to('/pj/click').map((request) => request.method)).toEqual(['DELETE']);
    expect(await storedKeys(page)).toEqual({ local: [], cookies: [] });
  });
});

describe("consent: 'google' (Google Consent Mode)", () => {
  it('waits while ad_storage is denied by default, and stores nothing', async () => {
    const page = await newPage();
    const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/google/p/1`);
    await page.goto(click.landing_url, { waitUntil: 'networkidle' });
    expect(suite.network.to('/pj/click')).toEqual([]);
    expect(await storedKeys(page)).toEqual({ local: [], cookies: [] });

    // The banner's update, pushed by gtag: the held landing click is stored and registered.
    const registered = page.waitForResponse((response) => response.url().includes('/pj/click?'));
    await page.evaluate(() => {
      (window as unknown as { gtag: (...args: unknown[]) => void }).gtag('consent', 'update', {
        ad_storage: 'granted',
      });
    });
    expect((await registered).status()).toBe(204);
    expect(await page.evaluate(() => pjpixel.getConversion()?.clickId)).toBe(click.signed_click_id);

    // An update to denied is a decision: it erases.
    await page.evaluate(() => {
      (window as unknown as { gtag: (...args: unknown[]) => void }).gtag('consent', 'update', {
        ad_storage: 'denied',
      });
    });
    expect((await storedKeys(page)).local).toEqual([]);
  });

  it('does not take a default granted for other regions as consent (the page cannot know the region)', async () => {
    // Granted for US visitors, denied everywhere else: a visitor in Sweden has not consented.
    suite.stack.shop.setPage(
      '/google/regional/p/1',
      shopPage('Product', {
        options: GOOGLE,
        headScript: `${GTAG} gtag('consent', 'default', { ad_storage: 'granted', region: ['US'] });
          gtag('consent', 'default', { ad_storage: 'denied' });`,
      }),
    );
    const page = await newPage();
    const click = await createClick(
      suite.stack.emulatorUrl,
      `${suite.stack.shopUrl}/google/regional/p/1`,
    );
    await page.goto(click.landing_url, { waitUntil: 'networkidle' });
    expect(suite.network.to('/pj/click')).toEqual([]);
    expect(await storedKeys(page)).toEqual({ local: [], cookies: [] });
    expect(await page.evaluate(() => pjpixel.getConversion())).toBeNull();
  });

  it('delivers when ad_storage is granted, without any glue code', async () => {
    const page = await newPage();
    const click = await createClick(
      suite.stack.emulatorUrl,
      `${suite.stack.shopUrl}/google/granted/p/1`,
    );
    const registered = page.waitForResponse((response) => response.url().includes('/pj/click?'));
    await page.goto(click.landing_url);
    expect((await registered).status()).toBe(204);

    const order = newOrder();
    const collected = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
    await page.goto(`${suite.stack.shopUrl}/google/granted/thanks?order=${order}`);
    expect((await collected).status()).toBe(202);
    expect(suite.network.beacons()).toEqual([
      expect.objectContaining({ event_id: order, pjclid: click.signed_click_id }),
    ]);
    const events = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    expect(events.map((event) => event.external_event_id)).toEqual([order]);
  });
});
