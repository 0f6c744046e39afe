import type { Browser, BrowserContext, ConsoleMessage, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBeacon } from '#shared/beacon.ts';
import { launchChromium } from '#tooling/stack/chromium.ts';
import { confirmationPage, ORDER_FROM_QUERY, shopPage } from '../browser/pages.ts';
import '../browser/pjpixel-global.ts';
import { startTogether } from '#tooling/stack/start-together.ts';
import { createClick } from '../support/emulator-client.ts';
import { fastCheckForThePage } from './support/browser-fast-check.ts';
import { printFigures } from './support/ledger.ts';
import { SCALE } from './support/scale.ts';
import { storedEvents } from './support/upstream.ts';
import { startWorkerdStack, type WorkerdStack } from './support/workerd-stack.ts';

// The shop's page under adversity, in Chromium with the built pixel: storage and cookies blocked,
// sendBeacon or fetch missing, the page leaving right after `track`, the collector down or
// failing during the purchase and back on the next page, and `track` fed thousands of junk
// arguments. Purchases are delivered whenever the browser can keep or send them, and the page
// never sees an error of the pixel's.

/** Cases of junk `track` calls in the page; the soak run raises it. */
const JUNK_RUNS = SCALE.junkRuns;

let stack: WorkerdStack;
let browser: Browser;
let fastCheck: string;
const figures = {
  scenarios: 0,
  purchases: 0,
  delivered: 0,
  duplicated: 0,
  lost: 0,
  kept_nowhere: 0,
  junk_calls: 0,
  beacons_from_junk: 0,
  page_errors: 0,
  network_log_lines: 0,
};

const CONFIRMATION = confirmationPage({
  amount: 49.9,
  currency: 'SEK',
  numberOfItems: 2,
  eventId: ORDER_FROM_QUERY,
});

beforeAll(async () => {
  [stack, browser, fastCheck] = await startTogether([
    startWorkerdStack({
      pages: {
        '/land': shopPage('Product'),
        '/thanks': CONFIRMATION,
        '/next': shopPage('Next page'),
        // The shopper is sent on the moment the purchase is tracked.
        '/thanks-and-leave': shopPage('Thank you', {
          onLoad: `pjpixel.track('purchase', { amount: 49.9, currency: 'SEK' }, { eventId: new URLSearchParams(location.search).get('order') });
            location.href = '/next';`,
        }),
        '/junk': shopPage('Junk'),
      },
    }),
    launchChromium(),
    fastCheckForThePage(),
  ]);
});

afterAll(async () => {
  printFigures('browser', figures);
  await Promise.all([browser?.close(), stack?.stop()]);
});

/** One shopper: a browser profile of its own, its page, and what its console showed. */
interface Shopper {
  context: BrowserContext;
  page: Page;
  /** Console errors a script wrote, and uncaught errors: there must be none. */
  pageErrors: string[];
  /** "Failed to load resource" lines Chromium itself prints for a failed request. */
  networkLog: string[];
}

/**
 * Runs a scenario in a new browser profile (with `initScript` on every page), then checks that
 * the page saw no error and closes the profile. Scenarios run side by side.
 */
async function asShopper(
  initScript: (() => void) | undefined,
  scenario: (shopper: Shopper) => Promise<void>,
): Promise<void> {
  figures.scenarios += 1;
  const context = await browser.newContext();
  if (initScript) await context.addInitScript(initScript);
  const shopper: Shopper = {
    context,
    page: await context.newPage(),
    pageErrors: [],
    networkLog: [],
  };
  const watch = (page: Page) => {
    page.on('pageerror', (error) => shopper.pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      // Chromium's own line for a request that failed, attributed to the resource, not a script.
      if (message.text().startsWith('Failed to load resource')) {
        shopper.networkLog.push(`${message.location().url} ${message.text()}`);
      } else shopper.pageErrors.push(`console.error: ${message.text()}`);
    });
  };
  watch(shopper.page);
  context.on('page', watch);
  try {
    await scenario(shopper);
  } finally {
    figures.page_errors += shopper.pageErrors.length;
    figures.network_log_lines += shopper.networkLog.length;
    await context.close();
  }
  expect(shopper.pageErrors).toEqual([]);
}

/** Lands from a fresh Prisjakt click. */
async function land(page: Page): Promise<string> {
  const click = await createClick(stack.emulatorUrl, `${stack.shopUrl}/land`);
  await page.goto(click.landing_url, { waitUntil: 'networkidle' });
  return click.signed_click_id;
}

let orderCount = 0;
function newOrder(): string {
  figures.purchases += 1;
  return `browser-${Date.now().toString(36)}-${++orderCount}`;
}

/** Waits until the order is upstream, then a moment more; returns how many copies arrived. */
async function deliveredCopies(order: string, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const copies = async () =>
    (await storedEvents(stack.emulatorUrl)).filter((event) => event.external_event_id === order);
  while ((await copies()).length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  return (await copies()).length;
}

async function expectDeliveredOnce(order: string, click?: string): Promise<void> {
  const copies = await deliveredCopies(order);
  if (copies === 0) figures.lost += 1;
  else figures.delivered += 1;
  figures.duplicated += Math.max(0, copies - 1);
  expect(copies).toBe(1);
  if (click !== undefined) {
    const [event] = (await storedEvents(stack.emulatorUrl)).filter(
      (stored) => stored.external_event_id === order,
    );
    expect(event?.signed_click_id).toBe(click);
  }
}

/**
 * Chromium's network log may name the collector's endpoint while it fails (as for any request
 * that fails) and the fixture shop's missing favicon; nothing else.
 */
function expectNetworkLogOnlyFor(shopper: Shopper, path: string | undefined): void {
  for (const line of shopper.networkLog) {
    expect(line.includes('/favicon.ico') || (path !== undefined && line.includes(path)), line).toBe(
      true,
    );
  }
}

const blockStorage = () => {
  Object.defineProperty(window, 'localStorage', {
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
};

type Failure = (route: Route) => Promise<void>;
const ALL_COLLECTOR_FAILURES: readonly (readonly [string, Failure])[] = [
  ['refusing connections', (route) => route.abort('connectionrefused')],
  [
    'answering 503',
    (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{}' }),
  ],
  ['answering 429', (route) => route.fulfill({ status: 429, body: '' })],
  ['timing out', (route) => route.abort('timedout')],
];
/** `npm test` takes the two commonest; the soak run all four. */
const COLLECTOR_FAILURES = SCALE.soak ? ALL_COLLECTOR_FAILURES : ALL_COLLECTOR_FAILURES.slice(0, 2);

describe.concurrent('the shop page under adversity', () => {
  it('delivers by fetch when sendBeacon is missing', async () => {
    await asShopper(
      () => {
        Reflect.deleteProperty(Navigator.prototype, 'sendBeacon');
      },
      async (shopper) => {
        const click = await land(shopper.page);
        const order = newOrder();
        await shopper.page.goto(`${stack.shopUrl}/thanks?order=${order}`, {
          waitUntil: 'networkidle',
        });
        await expectDeliveredOnce(order, click);
        expectNetworkLogOnlyFor(shopper, undefined);
      },
    );
  });

  it('delivers by sendBeacon when fetch is missing', async () => {
    await asShopper(
      () => {
        Object.defineProperty(window, 'fetch', { value: undefined, configurable: true });
      },
      async (shopper) => {
        const click = await land(shopper.page);
        const order = newOrder();
        await shopper.page.goto(`${stack.shopUrl}/thanks?order=${order}`, {
          waitUntil: 'networkidle',
        });
        await expectDeliveredOnce(order, click);
        expectNetworkLogOnlyFor(shopper, undefined);
      },
    );
  });

  it('keeps the purchase when neither can send, and delivers it on the next page that can', async () => {
    await asShopper(
      () => {
        if (new URLSearchParams(location.search).has('no-transport')) {
          Object.defineProperty(window, 'fetch', { value: undefined, configurable: true });
          Reflect.deleteProperty(Navigator.prototype, 'sendBeacon');
        }
      },
      async (shopper) => {
        const click = await land(shopper.page);
        const order = newOrder();
        await shopper.page.goto(`${stack.shopUrl}/thanks?order=${order}&no-transport`, {
          waitUntil: 'networkidle',
        });
        expect(await deliveredCopies(order, 0)).toBe(0);
        await shopper.page.goto(`${stack.shopUrl}/next`, { waitUntil: 'networkidle' });
        await expectDeliveredOnce(order, click);
        expectNetworkLogOnlyFor(shopper, undefined);
      },
    );
  });

  const leaveRightAfterTrack = async (shopper: Shopper) => {
    const click = await land(shopper.page);
    const order = newOrder();
    await shopper.page.goto(`${stack.shopUrl}/thanks-and-leave?order=${order}`);
    await shopper.page.waitForURL(`${stack.shopUrl}/next`);
    await shopper.page.waitForLoadState('networkidle');
    await expectDeliveredOnce(order, click);
    expectNetworkLogOnlyFor(shopper, undefined);
  };

  it('delivers a purchase tracked the moment before the page unloads, once', async () => {
    await asShopper(undefined, leaveRightAfterTrack);
  });

  it('does so with storage and cookies blocked and no sendBeacon, by the collector cookie', async () => {
    await asShopper(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
      // (Init scripts run in the page: they cannot share code with this file.)
      Object.defineProperty(Document.prototype, 'cookie', {
        get: () => '',
        set: () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
      Reflect.deleteProperty(Navigator.prototype, 'sendBeacon');
    }, leaveRightAfterTrack);
  });

  for (const [failure, fail] of COLLECTOR_FAILURES) {
    it(`delivers once when it is back on the next page (collector ${failure})`, async () => {
      await asShopper(undefined, async (shopper) => {
        const { context, page } = shopper;
        const click = await land(page);
        await context.route('**/pj/collect', fail);
        const order = newOrder();
        const attempted = page.waitForRequest((request) => request.url().endsWith('/pj/collect'));
        await page.goto(`${stack.shopUrl}/thanks?order=${order}`);
        await attempted;
        await page.waitForLoadState('networkidle');
        await context.unroute('**/pj/collect');
        expect(await deliveredCopies(order, 0)).toBe(0);

        await page.goto(`${stack.shopUrl}/next`, { waitUntil: 'networkidle' });
        await expectDeliveredOnce(order, click);
        // A reload of the confirmation page afterwards sends nothing more.
        await page.goto(`${stack.shopUrl}/thanks?order=${order}`, { waitUntil: 'networkidle' });
        expect(await deliveredCopies(order, 0)).toBe(1);
        expectNetworkLogOnlyFor(shopper, '/pj/collect');
      });
    });
  }

  it('has nowhere to keep a purchase when storage is blocked too, and still shows no error', async () => {
    await asShopper(blockStorage, async (shopper) => {
      await land(shopper.page);
      await shopper.context.route('**/pj/collect', (route) => route.abort('connectionrefused'));
      const order = `browser-kept-nowhere-${Date.now().toString(36)}`;
      await shopper.page.goto(`${stack.shopUrl}/thanks?order=${order}`, {
        waitUntil: 'networkidle',
      });
      await shopper.context.unroute('**/pj/collect');
      await shopper.page.goto(`${stack.shopUrl}/next`, { waitUntil: 'networkidle' });
      // A limit, not a loss the pixel could prevent: the browser offered it no place to keep it.
      figures.kept_nowhere += (await deliveredCopies(order, 0)) === 0 ? 1 : 0;
      expectNetworkLogOnlyFor(shopper, '/pj/collect');
    });
  });

  it(`never throws in ${JUNK_RUNS} calls, and sends only valid beacons`, async () => {
    await asShopper(undefined, async (shopper) => {
      const { page } = shopper;
      await land(page);
      const beacons: { body: string | null; status: Promise<number | undefined> }[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/pj/collect')) {
          beacons.push({
            body: request.postData(),
            status: request.response().then((response) => response?.status()),
          });
        }
      });
      await page.goto(`${stack.shopUrl}/junk`, { waitUntil: 'networkidle' });
      await page.addScriptTag({ content: fastCheck });
      figures.junk_calls += await page.evaluate(tortureTrack, JUNK_RUNS);
      await page.waitForLoadState('networkidle');

      figures.beacons_from_junk = beacons.length;
      for (const beacon of beacons) {
        expect(validateBeacon(JSON.parse(beacon.body ?? 'null')).ok, beacon.body ?? '').toBe(true);
        expect([202, 204]).toContain(await beacon.status);
      }
      expectNetworkLogOnlyFor(shopper, undefined);
    });
  });
});

/**
 * Runs in the page: calls `pjpixel.track` with junk from fast-check and with hand-made hostile
 * objects (throwing getters and proxies, symbols, BigInts, cycles, DOM nodes), and fails on the
 * first call that throws. Returns the number of calls.
 */
function tortureTrack(runs: number): number {
  const fc = (window as unknown as { fc: typeof import('fast-check') }).fc;
  const boom = () => {
    throw new Error('hostile');
  };
  const hostile: (() => unknown)[] = [
    () => new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom }),
    () => Object.defineProperty({}, 'amount', { get: boom, enumerable: true }),
    () => ({ amount: { valueOf: boom, toString: boom }, currency: { toString: boom } }),
    () => ({ amount: 1, currency: { [Symbol.toPrimitive]: boom } }),
    () => ({ amount: Symbol('amount'), currency: Symbol('currency') }),
    () => ({ amount: 10n, currency: 'EUR', numberOfItems: 2n }),
    () => {
      const cyclic: Record<string, unknown> = { amount: 1, currency: 'EUR' };
      cyclic.self = cyclic;
      return cyclic;
    },
    () => Object.create(null),
    () => Object.freeze({ amount: 1e308, currency: 'XBT' }),
    () => () => undefined,
    () => ({ amount: 1, currency: 'EUR', numberOfItems: { valueOf: boom } }),
    () => ({ eventId: { toString: boom } }),
    () => Object.defineProperty({}, 'eventId', { get: boom, enumerable: true }),
    () => document.body,
    () => window,
    () => new Date(Number.NaN),
    () => ['purchase', 1, 'EUR'],
    () => ({ amount: '1e999', currency: 'eur' }),
    () => ({ amount: ' 12 ', currency: ' EUR ' }),
  ];
  // fast-check inspects the values it generates, so hostile objects are made by index, inside
  // the property, where only the pixel touches them.
  const value = fc.oneof(
    fc.anything({
      withBigInt: true,
      withMap: true,
      withSet: true,
      withObjectString: true,
      withNullPrototype: true,
      withTypedArray: true,
      withSparseArray: true,
      withDate: true,
    }),
    fc.record(
      { amount: fc.anything(), currency: fc.anything(), numberOfItems: fc.anything() },
      { requiredKeys: [] },
    ),
    fc.record({ eventId: fc.anything() }, { requiredKeys: [] }),
  );
  const recipe = fc.oneof(
    value.map((made) => ({ made })),
    fc.nat(hostile.length - 1).map((index) => ({ index })),
  );
  const make = (from: { made?: unknown; index?: number }) =>
    from.index === undefined ? from.made : (hostile[from.index] as () => unknown)();
  let calls = 0;
  fc.assert(
    fc.property(
      fc.oneof(fc.constant('purchase'), fc.anything()),
      recipe,
      recipe,
      fc.array(recipe, { maxLength: 3 }),
      (event, data, options, rest) => {
        calls += 1;
        (pjpixel.track as (...args: unknown[]) => void)(
          event,
          make(data),
          make(options),
          ...rest.map(make),
        );
      },
    ),
    { numRuns: runs },
  );
  return calls;
}
