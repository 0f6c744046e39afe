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
import { confirmationPage, ORDER_FROM_QUERY, shopPage } from './pages.ts';
import { browserSuite } from './suite.ts';

// A shopper's journey with the pixel installed by Prisjakt's snippet: land from Prisjakt, browse,
// buy, reload the confirmation page; and the same when the browser blocks storage or beacons.

const suite = browserSuite(() =>
  startStack({
    pages: {
      '/p/1': shopPage('Product 1'),
      '/p/2': shopPage('Product 2'),
      '/thanks': confirmationPage({
        amount: 122.95,
        currency: 'eur',
        numberOfItems: 4,
        eventId: ORDER_FROM_QUERY,
      }),
      '/thanks-without-id': confirmationPage({
        amount: '99.50',
        currency: 'SEK',
        numberOfItems: 1,
      }),
    },
  }),
);
const newPage = () => suite.newPage();

/** Lands on the shop from a fresh Prisjakt click and waits for the collector to take it. */
async function landFromPrisjakt(page: Page): Promise<EmulatedClick> {
  const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/p/1`);
  const registered = page.waitForResponse((response) => response.url().includes('/pj/click?'));
  await page.goto(click.landing_url);
  expect((await registered).status()).toBe(204);
  return click;
}

async function buy(page: Page, path: string): Promise<number> {
  const collected = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
  await page.goto(`${suite.stack.shopUrl}${path}`);
  return (await collected).status();
}

let orderNumber = 0;
/** A new order id, as each shop order has. */
const newOrder = () => `order-${Date.now().toString(36)}-${++orderNumber}`;

describe('a shopper from Prisjakt', () => {
  it('lands, browses, buys: exactly one event with the click and the amount', async () => {
    const page = await newPage();
    const click = await landFromPrisjakt(page);

    expect(suite.network.to('/pj/click')).toEqual([
      { method: 'GET', path: `/pj/click?pjclid=${click.signed_click_id}`, body: null },
    ]);
    const stored = await page.evaluate(() => localStorage.getItem('pjpixel_conversion'));
    expect(JSON.parse(stored ?? '{}')).toEqual({
      clickId: click.signed_click_id,
      time: expect.any(Number),
    });
    expect(Math.abs(JSON.parse(stored ?? '{}').time - Date.now())).toBeLessThan(60_000);
    const cookies = await suite.context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'pjclid')).toMatchObject({ httpOnly: true });
    expect(cookies.find((cookie) => cookie.name === 'pjpixel_conversion')).toBeUndefined();

    await page.goto(`${suite.stack.shopUrl}/p/2`);
    expect(await page.evaluate(() => pjpixel.getConversion())).toEqual({
      clickId: click.signed_click_id,
      pixelId: SEEDED_PIXEL_ID,
    });
    const order = newOrder();
    expect(await buy(page, `/thanks?order=${order}`)).toBe(202);

    expect(suite.network.beacons()).toEqual([
      {
        pixel_id: SEEDED_PIXEL_ID,
        event: 'purchase',
        event_id: order,
        amount: 122.95,
        currency: 'EUR',
        items: 4,
        pjclid: click.signed_click_id,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
    const [event, ...others] = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      external_event_id: order,
      data: { amount: 122.95, currency: 'EUR', number_of_items: 4 },
    });
    // Only the landing registered the click; browsing did not call /click again.
    expect(suite.network.to('/pj/click')).toHaveLength(1);

    // Reloading the confirmation page sends nothing: still one event.
    await page.reload({ waitUntil: 'networkidle' });
    expect(suite.network.to('/pj/collect')).toHaveLength(1);
    expect((await listEvents(suite.stack.emulatorUrl)).filter(eventsOf(click))).toHaveLength(1);
  });

  it('throws no exception, not even one it catches, from landing to the reloaded confirmation', async () => {
    // A thrown exception costs its stack trace and message: on a first visit that was more
    // than the rest of init. The debugger pauses on every exception, caught or not, and each
    // one raised in the pixel's script is counted here.
    const page = await newPage();
    const cdp = await suite.context.newCDPSession(page);
    const thrown: string[] = [];
    const scriptUrls = new Map<string, string>();
    cdp.on('Debugger.scriptParsed', (script) => scriptUrls.set(script.scriptId, script.url));
    cdp.on('Debugger.paused', (paused) => {
      const frame = paused.callFrames[0];
      if (frame && scriptUrls.get(frame.location.scriptId)?.endsWith('/pj/pjpixel.js')) {
        thrown.push(`${paused.data?.description?.split('\n')[0]} in ${frame.functionName}`);
      }
      void cdp.send('Debugger.resume').catch(() => {});
    });
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.setPauseOnExceptions', { state: 'all' });

    await landFromPrisjakt(page);
    await page.goto(`${suite.stack.shopUrl}/p/2`, { waitUntil: 'networkidle' });
    expect(await buy(page, `/thanks?order=${newOrder()}`)).toBe(202);
    await page.reload({ waitUntil: 'networkidle' });

    expect(suite.network.beacons()).toHaveLength(1);
    expect(thrown).toEqual([]);
  });

  it('derives a stable event id when the shop gives none, so a reload is still one event', async () => {
    const page = await newPage();
    const click = await landFromPrisjakt(page);
    expect(await buy(page, '/thanks-without-id')).toBe(202);
    await page.reload({ waitUntil: 'networkidle' });

    const beacons = suite.network.beacons();
    expect(beacons).toHaveLength(1);
    expect(beacons[0]).toMatchObject({ amount: 99.5, currency: 'SEK', items: 1 });
    expect(beacons[0]?.event_id).toMatch(/^pj-99\.5SEK-[0-9a-z]+$/);
    const events = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
    expect(events.map((event) => event.external_event_id)).toEqual([beacons[0]?.event_id]);
  });

  it('keeps the last click when the shopper comes back through another one', async () => {
    const page = await newPage();
    await landFromPrisjakt(page);
    const second = await landFromPrisjakt(page);
    expect(await page.evaluate(() => pjpixel.getConversion()?.clickId)).toBe(
      second.signed_click_id,
    );
  });

  it('ignores a malformed pjclid: nothing stored, no /click', async () => {
    const page = await newPage();
    await page.goto(
      `${suite.stack.shopUrl}/p/1?pjclid=239cd31f-9d43-4cb4-b8dc-2057fe18c289_nothex`,
      {
        waitUntil: 'networkidle',
      },
    );
    expect(suite.network.to('/pj/click')).toEqual([]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await page.evaluate(() => pjpixel.getConversion())).toBeNull();
  });

  it("honours a click stored by Prisjakt's own script before the switch", async () => {
    const page = await newPage();
    const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/p/1`);
    await page.goto(`${suite.stack.shopUrl}/p/2`);
    await page.evaluate((clickId) => {
      localStorage.setItem('pjpixel_conversion', JSON.stringify({ pjclid: clickId, ts: 1 }));
    }, click.signed_click_id);
    expect(await buy(page, `/thanks?order=${newOrder()}`)).toBe(202);
    expect(suite.network.beacons()[0]?.pjclid).toBe(click.signed_click_id);
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });
});

describe('a browser that blocks things', () => {
  it('delivers through the cookie fallback when localStorage is unavailable', async () => {
    const page = await newPage();
    await suite.context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const click = await landFromPrisjakt(page);
    const cookie = (await suite.context.cookies()).find((c) => c.name === 'pjpixel_conversion');
    expect(JSON.parse(decodeURIComponent(cookie?.value ?? '{}')).clickId).toBe(
      click.signed_click_id,
    );
    expect(cookie).toMatchObject({ httpOnly: false, sameSite: 'Lax', path: '/' });

    await page.goto(`${suite.stack.shopUrl}/p/2`);
    expect(await buy(page, `/thanks?order=${newOrder()}`)).toBe(202);
    expect(suite.network.beacons()[0]?.pjclid).toBe(click.signed_click_id);
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });

  it('keeps a purchase whose beacon was blocked and delivers it on the next page load', async () => {
    const page = await newPage();
    const click = await landFromPrisjakt(page);
    await suite.context.route('**/pj/collect', (route) => route.abort('blockedbyclient'));
    const attempted = page.waitForRequest((request) => request.url().endsWith('/pj/collect'));
    const order = newOrder();
    await page.goto(`${suite.stack.shopUrl}/thanks?order=${order}`);
    await attempted;
    await page.waitForLoadState('networkidle');
    const outbox = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('pjpixel_events') ?? '[]'),
    );
    expect(outbox).toEqual([
      [order, expect.any(Number), expect.objectContaining({ event_id: order })],
    ]);

    await suite.context.unroute('**/pj/collect');
    expect(await buy(page, '/p/2')).toBe(202);
    const beacons = suite.network.beacons();
    expect(beacons).toHaveLength(2);
    expect(beacons[1]).toEqual(beacons[0]);
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
    // Delivered: it leaves the outbox, its id stays.
    await expect
      .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('pjpixel_events') ?? '[]')))
      .toEqual([[order, outbox[0][1]]]);

    // Settled: neither a third page nor a reload of the confirmation page sends it again.
    await page.goto(`${suite.stack.shopUrl}/p/1`, { waitUntil: 'networkidle' });
    await page.goto(`${suite.stack.shopUrl}/thanks?order=${order}`, { waitUntil: 'networkidle' });
    expect(suite.network.to('/pj/collect')).toHaveLength(2);
  });

  it('degrades silently with storage and cookies both blocked, and still reports', async () => {
    const page = await newPage();
    await suite.context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
      Object.defineProperty(Document.prototype, 'cookie', {
        get: () => '',
        set: () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const click = await landFromPrisjakt(page);
    await page.goto(`${suite.stack.shopUrl}/p/2`);
    expect(await buy(page, `/thanks?order=${newOrder()}`)).toBe(202);
    // The pixel holds nothing; the collector's HttpOnly cookie carries the click.
    expect(suite.network.beacons()[0]?.pjclid).toBeUndefined();
    expect(await waitForEvents(suite.stack.emulatorUrl, eventsOf(click))).toHaveLength(1);
  });
});
