import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_PIXEL_ID, type Stack, startStack } from '#tooling/stack/fixture-stack.ts';
import { launchWebKit, type WebKit, type WebKitSession } from '#tooling/stack/webkit.ts';
import { confirmationPage, ORDER_FROM_QUERY, shopPage } from '../browser/pages.ts';
import {
  createClick,
  type EmulatedClick,
  listEvents,
  waitForEvents,
} from '../support/emulator-client.ts';
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
// Intelligent Tracking Prevention on, against the collector under wrangler dev and the emulator.

let stack: Stack;
let webkit: WebKit;
let session: WebKitSession | undefined;

beforeAll(async () => {
  [stack, webkit] = await Promise.all([
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
  ]);
});

afterAll(async () => {
  await session?.close();
  await Promise.all([webkit?.stop(), stack?.stop()]);
});

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function newSession(): Promise<WebKitSession> {
  session = await webkit.newSession();
  return session;
}

const eventsOf = (click: EmulatedClick) => (event: { signed_click_id: string }) =>
  event.signed_click_id === click.signed_click_id;
const storedClick = 'return localStorage.getItem("pjpixel_conversion")';
let orders = 0;
const newOrder = () => `${Date.now()}${++orders}`.slice(-13);

describe('WebKit: a shopper from Prisjakt', () => {
  it('lands (stored click and HttpOnly cookie), buys, reloads: exactly one event', async () => {
    const browser = await newSession();
    const click = await createClick(stack.emulatorUrl, `${stack.shopUrl}/p/1`);
    await browser.goto(click.landing_url);

    const stored = await browser.waitFor<string>(storedClick);
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
    await browser.goto(`${stack.shopUrl}/thanks?order=${order}`);
    const [event, ...others] = await waitForEvents(stack.emulatorUrl, eventsOf(click));
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
    await browser.waitFor('return document.readyState === "complete"');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await listEvents(stack.emulatorUrl)).filter(eventsOf(click))).toHaveLength(1);
  });

  it("reports a Shopify Thank-you page from the custom pixel's sandbox once", async () => {
    const browser = await newSession();
    const code = customPixelCode(`${stack.shopUrl}/pj`, SEEDED_PIXEL_ID);
    stack.shop.setPage(
      '/shopify/landing',
      sandboxPage({
        title: 'Shop',
        code,
        customerPrivacy: MARKETING_ALLOWED,
        events: [pageViewed()],
      }),
    );
    const order = newOrder();
    stack.shop.setPage(
      '/shopify/thank-you',
      sandboxPage({
        title: 'Thank you',
        code,
        customerPrivacy: MARKETING_ALLOWED,
        events: [pageViewed(), checkoutCompleted(order), checkoutCompleted(order)],
      }),
    );
    const click = await createClick(stack.emulatorUrl, `${stack.shopUrl}/shopify/landing`);
    await browser.goto(click.landing_url);
    expect(JSON.parse(await browser.waitFor<string>(storedClick)).clickId).toBe(
      click.signed_click_id,
    );

    await browser.goto(`${stack.shopUrl}/shopify/thank-you`);
    const [event, ...others] = await waitForEvents(stack.emulatorUrl, eventsOf(click));
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      external_event_id: order,
      data: { amount: 1195, currency: 'SEK', number_of_items: 3 },
    });
    await browser.waitFor('return localStorage.getItem("pjpixel_shopify_orders")');
    await browser.reload();
    await browser.waitFor('return window.pixelEventsPublished');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await listEvents(stack.emulatorUrl)).filter(eventsOf(click))).toHaveLength(1);
  });
});
