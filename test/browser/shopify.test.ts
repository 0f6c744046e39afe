import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEEDED_PIXEL_ID, startStack } from '#tooling/stack/fixture-stack.ts';
import { createClick, eventsOf, listEvents, waitForEvents } from '../support/emulator-client.ts';
import {
  checkoutCompleted,
  customPixelCode,
  MARKETING_ALLOWED,
  MARKETING_DENIED,
  pageViewed,
  SANDBOX_PAGE,
  SANDBOX_PATH,
  type SandboxPageOptions,
  sandboxPage,
} from '../support/shopify-sandbox.ts';
import { shopPage } from './pages.ts';
import { browserSuite } from './suite.ts';

// The Shopify custom pixel (integrations/shopify/custom-pixel.js) in an emulation of Shopify's
// sandbox (test/support/shopify-sandbox.ts): an iframe with sandbox="allow-scripts", whose
// requests say Origin: null, against the collector under wrangler dev and the emulator.

let code: string;
const suite = browserSuite(startStack, (stack) => {
  code = customPixelCode(`${stack.shopUrl}/pj`, SEEDED_PIXEL_ID);
  stack.shop.setPage(SANDBOX_PATH, SANDBOX_PAGE);
  // A storefront page of a shop that also runs the theme's pjpixel.js.
  stack.shop.setPage('/theme', shopPage('Theme'));
});
const newPage = () => suite.newPage();

let pageCount = 0;
/** Serves a page with the sandbox at a path of its own and opens it, with `search`. */
async function openSandboxPage(
  page: Page,
  options: Omit<SandboxPageOptions, 'code' | 'title'>,
  search = '',
): Promise<void> {
  pageCount += 1;
  const path = `/shopify-${pageCount}`;
  suite.stack.shop.setPage(path, sandboxPage({ title: `Page ${pageCount}`, code, ...options }));
  await page.goto(`${suite.stack.shopUrl}${path}${search}`);
  await page.waitForFunction(
    () => (window as { pixelEventsPublished?: boolean }).pixelEventsPublished,
  );
}

let orders = 0;
/** A Shopify order id: 13 digits, new for each test. */
const newOrder = () => `${Date.now()}${++orders}`.slice(-13);

const storedClick = (page: Page) => page.evaluate(() => localStorage.getItem('pjpixel_conversion'));

/** Lands from a fresh Prisjakt click on a storefront page where the custom pixel runs. */
async function landFromPrisjakt(page: Page, customerPrivacy = MARKETING_ALLOWED) {
  const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/`);
  await openSandboxPage(
    page,
    { customerPrivacy, events: [pageViewed()] },
    new URL(click.landing_url).search,
  );
  return click;
}

/** Lets the pixel's asynchronous storage calls and its beacon, if any, finish. */
const settle = (page: Page) => page.waitForTimeout(500);

describe("the Shopify custom pixel in Shopify's sandbox", () => {
  it("keeps the landing's pjclid in the shop's localStorage, byte for byte", async () => {
    const page = await newPage();
    const click = await landFromPrisjakt(page);
    await expect.poll(() => storedClick(page)).not.toBeNull();
    expect(JSON.parse((await storedClick(page)) ?? '{}')).toEqual({
      clickId: click.signed_click_id,
      time: expect.any(Number),
    });
    // The sandbox itself cannot reach that storage: its origin is opaque.
    const frame = page.frames().find((candidate) => candidate.url().endsWith(SANDBOX_PATH));
    expect(await frame?.evaluate(() => origin)).toBe('null');
    expect(
      await frame?.evaluate(() => {
        try {
          return localStorage.length;
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe('SecurityError');
  });

  it('reports the Thank-you page once, with the amount, currency and items, as Origin: null', async () => {
    const page = await newPage();
    const click = await landFromPrisjakt(page);
    await expect.poll(() => storedClick(page)).not.toBeNull();
    const order = newOrder();
    const beacon = page.waitForRequest((request) => request.url().endsWith('/pj/collect'));
    const answered = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
    await openSandboxPage(page, {
      customerPrivacy: MARKETING_ALLOWED,
      events: [pageViewed(), checkoutCompleted(order)],
    });
    expect((await (await beacon).allHeaders()).origin).toBe('null');
    expect((await answered).status()).toBe(202);
    expect(suite.network.beacons()).toEqual([
      {
        pixel_id: SEEDED_PIXEL_ID,
        event: 'purchase',
        event_id: order,
        amount: 1195,
        currency: 'SEK',
        items: 3,
        pjclid: click.signed_click_id,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
    const [event, ...others] = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      external_event_id: order,
      data: { amount: 1195, currency: 'SEK', number_of_items: 3 },
    });
  });

  it('reports an order once however often checkout_completed fires', async () => {
    const page = await newPage();
    const click = await landFromPrisjakt(page);
    await expect.poll(() => storedClick(page)).not.toBeNull();
    const order = newOrder();
    const options = {
      customerPrivacy: MARKETING_ALLOWED,
      events: [pageViewed(), checkoutCompleted(order), checkoutCompleted(order)],
    };
    const answered = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
    await openSandboxPage(page, options);
    await answered;
    // The order status page, then a reload of it.
    await openSandboxPage(page, { ...options, events: [pageViewed(), checkoutCompleted(order)] });
    await page.reload();
    await page.waitForFunction(
      () => (window as { pixelEventsPublished?: boolean }).pixelEventsPublished,
    );
    await settle(page);
    expect(suite.network.to('/pj/collect')).toHaveLength(1);
    await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    await settle(page);
    expect((await listEvents(suite.stack.emulatorUrl)).filter(eventsOf(click))).toHaveLength(1);
  });

  it("shares the click that the theme's pjpixel.js stored", async () => {
    const page = await newPage();
    const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/theme`);
    const registered = page.waitForResponse((response) => response.url().includes('/pj/click?'));
    await page.goto(click.landing_url);
    await registered;
    const order = newOrder();
    const answered = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
    await openSandboxPage(page, {
      customerPrivacy: MARKETING_ALLOWED,
      events: [pageViewed(), checkoutCompleted(order)],
    });
    expect((await answered).status()).toBe(202);
    expect(suite.network.beacons()).toMatchObject([
      { event_id: order, pjclid: click.signed_click_id },
    ]);
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });

  it('stores and sends nothing without marketing consent, and starts once it is given', async () => {
    const page = await newPage();
    const click = await landFromPrisjakt(page, MARKETING_DENIED);
    await settle(page);
    expect(await storedClick(page)).toBeNull();
    // Even a click stored earlier is not reported while consent is denied.
    await page.evaluate((clickId) => {
      localStorage.setItem('pjpixel_conversion', JSON.stringify({ clickId, time: Date.now() }));
    }, click.signed_click_id);
    await openSandboxPage(page, {
      customerPrivacy: MARKETING_DENIED,
      events: [pageViewed(), checkoutCompleted(newOrder())],
    });
    await settle(page);
    expect(suite.network.to('/pj/collect')).toEqual([]);

    // The visitor declines on the banner: the stored click is erased.
    await openSandboxPage(page, {
      customerPrivacy: MARKETING_ALLOWED,
      events: [pageViewed()],
      consentUpdate: { customerPrivacy: MARKETING_DENIED },
    });
    await expect.poll(() => storedClick(page)).toBeNull();

    // The visitor accepts on the banner of a later landing: from then on the click is kept.
    const second = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/`);
    await openSandboxPage(
      page,
      {
        customerPrivacy: MARKETING_DENIED,
        events: [],
        consentUpdate: { customerPrivacy: MARKETING_ALLOWED },
      },
      '',
    );
    await openSandboxPage(
      page,
      { customerPrivacy: MARKETING_ALLOWED, events: [pageViewed()] },
      new URL(second.landing_url).search,
    );
    await expect.poll(() => storedClick(page)).toContain(second.signed_click_id);
    expect(suite.network.to('/pj/collect')).toEqual([]);
    expect((await listEvents(suite.stack.emulatorUrl)).filter(eventsOf(click))).toEqual([]);
  });
});
