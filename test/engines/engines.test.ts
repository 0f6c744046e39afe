import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserEngine,
  type BrowserSession,
  waitInPage,
} from '#tooling/stack/browser-session.ts';
import { launchFirefox } from '#tooling/stack/firefox.ts';
import { SEEDED_PIXEL_ID, type Stack, startStack } from '#tooling/stack/fixture-stack.ts';
import { launchWebKit } from '#tooling/stack/webkit.ts';
import { confirmationPage, ORDER_FROM_QUERY, shopPage } from '../browser/pages.ts';
import { createClick, eventsOf, listEvents, waitForEvents } from '../support/emulator-client.ts';
import {
  checkoutCompleted,
  customPixelCode,
  MARKETING_ALLOWED,
  pageViewed,
  SANDBOX_PAGE,
  SANDBOX_PATH,
  sandboxPage,
} from '../support/shopify-sandbox.ts';

// The README's first promise is about Safari: these journeys run in WebKitGTK, with
// Intelligent Tracking Prevention on, and in Firefox ESR, against the collector under wrangler
// dev and the emulator (Chromium runs them in test/browser/).

let stack: Stack | undefined;
const engines: BrowserEngine[] = [];
let session: BrowserSession | undefined;

beforeAll(async () => {
  const [stackStart, ...engineStarts] = await Promise.allSettled([
    startStack({
      pages: {
        '/p/1': shopPage('Product 1'),
        '/thanks': confirmationPage({
          amount: 122.95,
          currency: 'eur',
          numberOfItems: 4,
          eventId: ORDER_FROM_QUERY,
        }),
        [SANDBOX_PATH]: SANDBOX_PAGE,
      },
    }),
    launchWebKit(),
    launchFirefox(),
  ]);
  // Whatever started is kept, so that afterAll stops it, before a failure is reported.
  if (stackStart?.status === 'fulfilled') stack = stackStart.value as Stack;
  for (const start of engineStarts) {
    if (start.status === 'fulfilled') engines.push(start.value as BrowserEngine);
  }
  const failure = [stackStart, ...engineStarts].find((start) => start?.status === 'rejected');
  if (failure?.status === 'rejected') throw failure.reason;
});

/** The stack, which beforeAll has started when a test runs. */
const shop = () => stack as Stack;

afterAll(async () => {
  await session?.close();
  await Promise.all([...engines.map((engine) => engine.stop()), stack?.stop()]);
});

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function newSession(engine: BrowserEngine): Promise<BrowserSession> {
  session = await engine.newSession();
  return session;
}

const storedClick = 'return localStorage.getItem("pjpixel_conversion")';
let orders = 0;
const newOrder = () => `${Date.now()}${++orders}`.slice(-13);

describe.each(['WebKit', 'Firefox ESR'])('%s: a shopper from Prisjakt', (name) => {
  const engine = () => engines.find((candidate) => candidate.name === name) as BrowserEngine;

  it('lands (stored click and HttpOnly cookie), buys, reloads: exactly one event', async () => {
    const browser = await newSession(engine());
    const click = await createClick(shop().emulatorUrl, `${shop().shopUrl}/p/1`);
    await browser.goto(click.landing_url);

    const stored = await waitInPage<string>(browser, storedClick);
    expect(JSON.parse(stored)).toEqual({
      clickId: click.signed_click_id,
      time: expect.any(Number),
    });
    // The collector's first-party HttpOnly cookie, out of the page's reach.
    await expect
      .poll(async () => (await browser.cookies()).find((cookie) => cookie.name === 'pjclid'))
      .toMatchObject({ value: click.signed_click_id, httpOnly: true, path: '/' });
    expect(await browser.evaluate('return document.cookie')).not.toContain('pjclid=');

    const order = newOrder();
    await browser.goto(`${shop().shopUrl}/thanks?order=${order}`);
    const [event, ...others] = await waitForEvents(shop().emulatorUrl, eventsOf(click));
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      external_event_id: order,
      data: { amount: 122.95, currency: 'EUR', number_of_items: 4 },
    });
    expect(await browser.evaluate('return pjpixel.getConversion()')).toEqual({
      clickId: click.signed_click_id,
      pixelId: SEEDED_PIXEL_ID,
    });

    await browser.reload();
    await waitInPage(browser, 'return document.readyState === "complete"');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await listEvents(shop().emulatorUrl)).filter(eventsOf(click))).toHaveLength(1);
  });

  it("reports a Shopify Thank-you page from the custom pixel's sandbox once", async () => {
    const browser = await newSession(engine());
    const code = customPixelCode(`${shop().shopUrl}/pj`, SEEDED_PIXEL_ID);
    shop().shop.setPage(
      '/shopify/landing',
      sandboxPage({
        title: 'Shop',
        code,
        customerPrivacy: MARKETING_ALLOWED,
        events: [pageViewed()],
      }),
    );
    const order = newOrder();
    shop().shop.setPage(
      '/shopify/thank-you',
      sandboxPage({
        title: 'Thank you',
        code,
        customerPrivacy: MARKETING_ALLOWED,
        events: [pageViewed(), checkoutCompleted(order), checkoutCompleted(order)],
      }),
    );
    const click = await createClick(shop().emulatorUrl, `${shop().shopUrl}/shopify/landing`);
    await browser.goto(click.landing_url);
    expect(JSON.parse(await waitInPage<string>(browser, storedClick)).clickId).toBe(
      click.signed_click_id,
    );

    await browser.goto(`${shop().shopUrl}/shopify/thank-you`);
    const [event, ...others] = await waitForEvents(shop().emulatorUrl, eventsOf(click));
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      external_event_id: order,
      data: { amount: 1195, currency: 'SEK', number_of_items: 3 },
    });
    await waitInPage(browser, 'return localStorage.getItem("pjpixel_shopify_orders")');
    await browser.reload();
    await waitInPage(browser, 'return window.pixelEventsPublished');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await listEvents(shop().emulatorUrl)).filter(eventsOf(click))).toHaveLength(1);
  });
});
