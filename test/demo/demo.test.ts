import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readDeadLetters } from '#emulator/inspector/dead-letters.ts';
import { SEED } from '#emulator/seed.ts';
import { LOCAL_DEV_SERVER_TOKEN } from '#tooling/demo/start-command.ts';
import { launchChromium, NetworkLog } from '#tooling/stack/chromium.ts';
import {
  COLLECTOR_BASE_PATH,
  LOCAL_DEV_ADMIN_TOKEN,
  type LocalStack,
} from '#tooling/stack/stack.ts';
import { startTogether } from '#tooling/stack/start-together.ts';
import { REPO_ROOT } from '#tooling/stack/wrangler-dev.ts';
import { listEvents, waitForEvents } from '../support/emulator-client.ts';
import { startDemoStack } from './support/demo-stack.ts';
import { issueClick, postPurchase } from './support/emulator-api.ts';

// The demo end to end in Chromium, on the stack `npm start` runs (on free ports): a click on
// the Prisjakt stand-in, consent, a purchase, and the event inspector showing it arrive
// without a reload; the GA4 variant; a declined banner; hostile values in the inspector; and
// the collector's dead letters in the inspector.

let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let network: NetworkLog;

beforeAll(async () => {
  [stack, browser] = await startTogether([startDemoStack(), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), stack?.stop()]);
});

afterEach(async () => {
  expect(network.pageErrors).toEqual([]);
  await context.close();
});

async function newContext(): Promise<BrowserContext> {
  context = await browser.newContext();
  network = new NetworkLog(context);
  return context;
}

/** Opens the inspector and waits for its first snapshot. */
async function openInspector(): Promise<Page> {
  const inspector = await context.newPage();
  await inspector.goto(`${stack.emulatorUrl}/__emulator/`);
  await inspector.locator('#status', { hasText: /^Live:/ }).waitFor();
  return inspector;
}

/** From the demo's Prisjakt stand-in to the product page, as a shopper clicks an offer. */
async function followPrisjaktClick(shopper: Page, productName: string): Promise<string> {
  await shopper.goto(`${stack.siteUrl}/`);
  await shopper
    .locator('.offers li', { hasText: productName })
    .getByRole('link', { name: 'Go to shop' })
    .click();
  await shopper.waitForURL(/\/products\/[a-z-]+\?pjclid=/);
  return new URL(shopper.url()).searchParams.get('pjclid') ?? '';
}

async function acceptConsent(shopper: Page): Promise<void> {
  expect(await shopper.locator('#consent-banner').isVisible()).toBe(true);
  const registered = shopper.waitForResponse((response) => response.url().includes('/pj/click?'));
  await shopper.getByRole('button', { name: 'Accept' }).click();
  expect((await registered).status()).toBe(204);
}

/** Buys from the product page, up to the confirmation page; resolves with the order id. */
async function checkOut(
  shopper: Page,
  quantity: number,
  reporting: 'track' | 'datalayer' = 'track',
): Promise<string> {
  await shopper.locator('input[name="quantity"]').fill(String(quantity));
  await shopper.getByRole('button', { name: 'Buy now' }).click();
  await shopper.waitForURL(/\/checkout\?/);
  await shopper.locator(`input[name="reporting"][value="${reporting}"]`).check();
  await shopper.getByRole('button', { name: 'Confirm order' }).click();
  await shopper.waitForURL(/\/orders\/DEMO-/);
  return (await shopper.locator('#order-id').textContent()) ?? '';
}

/** Buys, and resolves with the order id and the collector's answer to the beacon. */
async function buy(
  shopper: Page,
  quantity: number,
  reporting: 'track' | 'datalayer' = 'track',
): Promise<{ orderId: string; collectStatus: number }> {
  const collected = shopper.waitForResponse((response) => response.url().endsWith('/pj/collect'));
  const orderId = await checkOut(shopper, quantity, reporting);
  return { orderId, collectStatus: (await collected).status() };
}

describe('the demo, end to end', () => {
  it('turns a Prisjakt click into a purchase the inspector shows without reloading', async () => {
    await newContext();
    const inspector = await openInspector();
    await inspector.evaluate(() => {
      (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
    });

    const shopper = await context.newPage();
    const pjclid = await followPrisjaktClick(shopper, 'Espresso machine');
    expect(pjclid).toMatch(/^[0-9a-f-]{36}_[0-9a-f]{16}$/);
    // Nothing is stored or sent before consent.
    expect(await shopper.locator('#pj-click').textContent()).toBe('none');
    expect(network.to('/pj/click')).toEqual([]);
    await acceptConsent(shopper);
    expect(await shopper.locator('#pj-click').textContent()).toBe(pjclid);
    expect(await shopper.locator('#consent-state').textContent()).toBe('accepted');

    const { orderId, collectStatus } = await buy(shopper, 2);
    expect(collectStatus).toBe(202);
    expect(await shopper.locator('#consent-banner').isVisible()).toBe(false);
    expect(network.beacons()).toEqual([
      expect.objectContaining({
        pixel_id: SEED.pixelId,
        event_id: orderId,
        amount: 9990,
        currency: 'SEK',
        items: 2,
        pjclid,
      }),
    ]);

    // The collector delivers through its queue; the inspector polls and shows it.
    const row = inspector.locator('#events tr', { hasText: orderId });
    await row.waitFor({ timeout: 15_000 });
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1, 5)).toEqual([orderId, '9990', 'SEK', '2']);
    expect(cells[6]).toBe('issued here');
    expect(cells[7]).toBe(SEED.pixelId);
    await inspector
      .locator('#summary-totals tr', { hasText: 'SEK' })
      .filter({ hasText: '9990.00' })
      .waitFor();
    expect(await inspector.locator('#summary-days tr').first().textContent()).toContain('SEK');
    expect(await inspector.locator('#clicks').textContent()).toContain(pjclid);
    expect(await inspector.locator('#clicks').textContent()).toContain(
      'Espresso machine Barista 58',
    );
    expect(
      await inspector.evaluate(
        () => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage,
      ),
    ).toBe(true);

    // A reload of the confirmation reports nothing new: the order id is the event id.
    await shopper.reload({ waitUntil: 'networkidle' });
    expect(network.to('/pj/collect')).toHaveLength(1);
  });

  it('reports through a GA4 dataLayer push when the shopper picks that variant', async () => {
    await newContext();
    const shopper = await context.newPage();
    const pjclid = await followPrisjaktClick(shopper, 'Burr grinder');
    await acceptConsent(shopper);
    const { orderId, collectStatus } = await buy(shopper, 3, 'datalayer');
    expect(collectStatus).toBe(202);
    expect(network.beacons()).toEqual([
      expect.objectContaining({ event_id: orderId, amount: 3748.5, currency: 'SEK', items: 3 }),
    ]);
    const events = await waitForEvents(
      stack.emulatorUrl,
      (event) => event.external_event_id === orderId,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      signed_click_id: pjclid,
      data: { amount: 3748.5, currency: 'SEK', number_of_items: 3 },
    });
  });

  it('stores and sends nothing when the shopper declines, on any page', async () => {
    await newContext();
    const shopper = await context.newPage();
    const pjclid = await followPrisjaktClick(shopper, 'Milk jug');
    await shopper.getByRole('button', { name: 'Decline' }).click();
    expect(await shopper.locator('#consent-state').textContent()).toBe('declined');
    await checkOut(shopper, 1);
    await shopper.waitForLoadState('networkidle');
    expect(network.to('/pj/click')).toEqual([]);
    expect(network.to('/pj/collect')).toEqual([]);
    expect(await shopper.locator('#consent-banner').isVisible()).toBe(false);
    const stored = await shopper.evaluate(() => ({
      click: localStorage.getItem('pjpixel_conversion'),
      events: localStorage.getItem('pjpixel_events'),
      cookies: document.cookie,
    }));
    expect(stored).toEqual({ click: null, events: null, cookies: '' });
    expect(
      (await listEvents(stack.emulatorUrl)).filter((event) => event.signed_click_id === pjclid),
    ).toEqual([]);
  });
});

describe('the consent banner', () => {
  it('withdraws consent through Cookie settings: the pixel erases the click, here and at the collector', async () => {
    await newContext();
    const shopper = await context.newPage();
    const pjclid = await followPrisjaktClick(shopper, 'Milk jug');
    await acceptConsent(shopper);
    expect(await shopper.locator('#pj-click').textContent()).toBe(pjclid);
    // The collector's first-party HttpOnly cookie, set through the shop's /pj route.
    expect(
      (await context.cookies(stack.siteUrl)).find((cookie) => cookie.name === 'pjclid'),
    ).toMatchObject({ value: pjclid, httpOnly: true });
    await shopper.goto(`${stack.siteUrl}/shop`);
    expect(await shopper.locator('#consent-banner').isVisible()).toBe(false);

    await shopper.getByRole('button', { name: 'Cookie settings' }).click();
    const erased = shopper.waitForResponse(
      (response) =>
        response.url().endsWith('/pj/click') && response.request().method() === 'DELETE',
    );
    await shopper.getByRole('button', { name: 'Decline' }).click();
    expect((await erased).ok()).toBe(true);
    expect(await shopper.locator('#pj-click').textContent()).toBe('none');
    expect(await shopper.locator('#consent-state').textContent()).toBe('declined');
    expect(await shopper.evaluate(() => localStorage.getItem('pjpixel_conversion'))).toBeNull();
    const cookies = await context.cookies(stack.siteUrl);
    expect(cookies.find((cookie) => cookie.name === 'pjclid')).toBeUndefined();
  });
});

describe('the event inspector', () => {
  it('shows what shops send as text, never as markup', async () => {
    await newContext();
    const dialogs: string[] = [];
    const inspector = await openInspector();
    inspector.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const hostileName = '<img src=x onerror="window.hacked=1">';
    const hostileId = '<script>window.hacked=2</script><b>bold</b>';
    const target = { url: stack.emulatorUrl };
    const click = await issueClick(target, {
      url: 'https://shop.example/p/"><img src=x onerror=alert(1)>',
      product_name: hostileName,
    });
    expect(
      await postPurchase(target, {
        event_name: 'purchase',
        external_event_id: hostileId,
        data: { amount: 1, currency: 'EUR' },
        signed_click_id: click.signed_click_id,
      }),
    ).toBe(201);

    const row = inspector.locator('#events tr', { hasText: hostileId });
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe(hostileId);
    await inspector.locator('#clicks td', { hasText: hostileName }).waitFor();
    expect(
      await inspector.locator('main, body').first().locator('img, b, table script').count(),
    ).toBe(0);
    expect(await inspector.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBe(
      undefined,
    );
    expect(dialogs).toEqual([]);
  });

  it("shows the collector's dead letters, and their replay, without the admin token", async () => {
    await newContext();
    const inspector = await openInspector();
    await inspector.locator('#dead-letter-status', { hasText: 'No dead letters at' }).waitFor();

    // The API refuses the next event outright (400): the collector dead-letters it.
    const fault = await fetch(`${stack.emulatorUrl}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 400, count: 1, paths: [`/pixels/${SEED.pixelId}/events`] }),
    });
    expect(fault.status).toBe(201);
    const click = await issueClick({ url: stack.emulatorUrl });
    const orderId = `dead-${Date.now().toString(36)}`;
    const collectorBase = `${stack.collectorUrl}${COLLECTOR_BASE_PATH}`;
    const sent = await fetch(`${collectorBase}/server/pixels/${SEED.pixelId}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${LOCAL_DEV_SERVER_TOKEN}`,
      },
      body: JSON.stringify({
        event_name: 'purchase',
        external_event_id: orderId,
        data: { amount: 12.5, currency: 'DKK' },
        signed_click_id: click.signed_click_id,
      }),
    });
    expect(sent.status).toBe(202);

    const row = inspector.locator('#dead-letters tr', { hasText: orderId });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^400 /);
    expect(await inspector.locator('#dead-letter-status').textContent()).toBe(
      `1 dead letter at ${collectorBase}, oldest first.`,
    );
    expect(await inspector.content()).not.toContain(LOCAL_DEV_ADMIN_TOKEN);

    // Only the listing's summary fields come through.
    const report = await readDeadLetters({ url: collectorBase, adminToken: LOCAL_DEV_ADMIN_TOKEN });
    if (report.status !== 'ok') throw new Error(`dead letters: ${JSON.stringify(report)}`);
    const [deadLetter] = report.dead_letters;
    expect(Object.keys(deadLetter ?? {}).sort()).toEqual([
      'external_event_id',
      'failed_at',
      'id',
      'kind',
      'pixel_id',
      'status',
      'title',
    ]);

    // The operator replays it with the command the inspector shows; it is delivered and
    // leaves the list.
    const command = (await inspector.locator('#replay-command').textContent()) ?? '';
    expect(command).toBe(`npm run dead-letters -- replay ${deadLetter?.id} --url ${collectorBase}`);
    const [program = '', ...args] = command.split(' ');
    const replay = await promisify(execFile)(program, args, { cwd: REPO_ROOT });
    expect(replay.stdout).toContain(`replayed ${deadLetter?.id} (order ${orderId})`);
    await inspector.locator('#events tr', { hasText: orderId }).waitFor({ timeout: 15_000 });
    await inspector
      .locator('#dead-letter-status', { hasText: 'No dead letters at' })
      .waitFor({ timeout: 15_000 });
  });

  it('tells a refused admin token and an unreachable collector apart', async () => {
    const collectorBase = `${stack.collectorUrl}${COLLECTOR_BASE_PATH}`;
    expect(await readDeadLetters({ url: collectorBase, adminToken: 'not-the-token' })).toEqual({
      status: 'refused',
      collector_url: collectorBase,
      http_status: 401,
      detail: 'the bearer token is not valid',
    });
    await newContext(); // for afterEach
  });
});
