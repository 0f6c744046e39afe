import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmulator, type Emulator } from '#emulator/app.ts';
import { INSPECTOR_CSP } from '#emulator/inspector/page.ts';
import { EVENTS_SHOWN, type InspectorSnapshot } from '#emulator/inspector/snapshot.ts';
import { SEED } from '#emulator/seed.ts';
import { freePort } from '#tooling/stack/ports.ts';
import { getJson, issueClick, postPurchase, send } from './support/emulator-api.ts';

// The event inspector's own endpoints, in-process: the page and its assets, the snapshot the
// page polls (clicks, events, Prisjakt's purchase summary, request counts), and the
// dead-letter read when no collector answers. Chromium drives the page itself in demo.test.ts.

const START = Date.parse('2026-03-28T12:00:00Z'); // the eve of the switch to summer time
let clock: number;
let emulator: Emulator;
const target = () => ({ emulator });

beforeEach(() => {
  clock = START;
  emulator = createEmulator({ now: () => clock });
});

describe('the inspector page', () => {
  it('is served at /__emulator/ as HTML under a CSP that allows only its own files', async () => {
    const response = await send(target(), '/__emulator/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(INSPECTOR_CSP);
    expect(INSPECTOR_CSP).toContain("script-src 'self'");
    expect(INSPECTOR_CSP).not.toContain('unsafe-inline');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toContain('<script src="inspector/app.js" defer></script>');
    // No inline script: the CSP would refuse it, and the page needs none.
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it('redirects /__emulator to /__emulator/, so the relative URLs resolve', async () => {
    const response = await send(target(), '/__emulator');
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/__emulator/');
  });

  it("is served under Prisjakt's prefix too", async () => {
    const response = await send(target(), '/click-conversion/__emulator/');
    expect(response.status).toBe(200);
    const script = await send(target(), '/click-conversion/__emulator/inspector/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves its script and styles with their types', async () => {
    const script = await send(target(), '/__emulator/inspector/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const source = await script.text();
    expect(source).toContain("fetch(path, { cache: 'no-store'");
    // Data is written as text only.
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    const styles = await send(target(), '/__emulator/inspector/app.css');
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers no CORS to other sites, while the controls still do', async () => {
    const origin = { origin: 'https://elsewhere.example' };
    for (const path of [
      '/__emulator/',
      '/__emulator/inspector/snapshot',
      '/__emulator/inspector/dead-letters',
    ]) {
      const response = await send(target(), path, { headers: origin });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const control = await send(target(), '/__emulator/events', { headers: origin });
    expect(control.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is not counted as API requests', async () => {
    await send(target(), '/__emulator/inspector/snapshot');
    const snapshot = await getJson<InspectorSnapshot>(target(), '/__emulator/inspector/snapshot');
    expect(snapshot.requests).toEqual({ total: 0, by_operation: {} });
  });
});

describe('the snapshot', () => {
  it('starts from the seed: its clicks, no events, an empty summary', async () => {
    const snapshot = await getJson<InspectorSnapshot>(target(), '/__emulator/inspector/snapshot');
    expect(snapshot.generated_at).toBe('2026-03-28T12:00:00.000Z');
    expect(snapshot.time_zone).toBe('Europe/Stockholm');
    expect(snapshot.clicks.total).toBe(2);
    expect(snapshot.clicks.latest[0]).toMatchObject({
      id: SEED.click.id,
      signed_click_id: SEED.click.signedClickId,
      landing_url: `${SEED.click.url}?pjclid=${SEED.click.signedClickId}`,
      shop_id: SEED.shopId,
    });
    expect(snapshot.events).toEqual({ total: 0, latest: [] });
    expect(snapshot.purchase_summary).toEqual({ per_day: [], per_currency: [] });
  });

  it('lists events newest first, with their click known or not', async () => {
    const click = await issueClick(target(), {
      url: 'http://shop.test/p/1',
      product_name: 'Milk jug',
    });
    const signedElsewhere = `${crypto.randomUUID()}_0000000000000000`;
    expect(
      await postPurchase(target(), {
        event_name: 'purchase',
        external_event_id: 'order-1',
        data: { amount: 122.95, currency: 'EUR', number_of_items: 4 },
        signed_click_id: click.signed_click_id,
      }),
    ).toBe(201);
    clock += 1000;
    expect(
      await postPurchase(target(), {
        event_name: 'purchase',
        data: { amount: 10, currency: 'SEK' },
        signed_click_id: signedElsewhere,
      }),
    ).toBe(400); // its signature does not verify: not stored
    expect(
      await postPurchase(target(), {
        event_name: 'purchase',
        external_event_id: 'order-2',
        data: { amount: 10, currency: 'SEK' },
        signed_click_id: SEED.click.signedClickId,
      }),
    ).toBe(201);

    const snapshot = await getJson<InspectorSnapshot>(target(), '/__emulator/inspector/snapshot');
    expect(snapshot.events.total).toBe(2);
    expect(snapshot.events.latest.map((event) => event.external_event_id)).toEqual([
      'order-2',
      'order-1',
    ]);
    expect(snapshot.events.latest[1]).toMatchObject({
      pixel_id: SEED.pixelId,
      amount: 122.95,
      currency: 'EUR',
      number_of_items: 4,
      signed_click_id: click.signed_click_id,
      click_known: true,
      received_at: '2026-03-28T12:00:00.000Z',
    });
    expect(snapshot.events.latest[0]?.number_of_items).toBeUndefined();
    expect(snapshot.clicks.latest[0]).toMatchObject({ id: click.id, product_name: 'Milk jug' });
    expect(snapshot.requests.by_operation.createEvent).toEqual({ '201': 2, '400': 1 });
  });

  it('sums purchases exactly per Stockholm day and currency, across the summer-time switch', async () => {
    clock = Date.parse('2026-03-29T12:00:00Z');
    const purchases = [
      // 23:30 UTC on the 28th is already the 29th in Stockholm (UTC+1).
      { event_time: '2026-03-28T23:30:00Z', amount: 1.005, currency: 'SEK' },
      { event_time: '2026-03-28T22:59:59Z', amount: 0.1, currency: 'SEK' },
      { event_time: '2026-03-28T22:00:00Z', amount: 0.2, currency: 'SEK' },
      // 22:30 UTC on the 29th is 00:30 on the 30th (UTC+2 from 02:00 that night).
      { event_time: '2026-03-29T22:30:00Z', amount: 5, currency: 'SEK' },
      { event_time: '2026-03-29T10:00:00Z', amount: 122.95, currency: 'EUR' },
    ];
    for (const [index, purchase] of purchases.entries()) {
      clock = Date.parse('2026-03-29T23:00:00Z');
      expect(
        await postPurchase(target(), {
          event_name: 'purchase',
          event_time: purchase.event_time,
          external_event_id: `day-${index}`,
          data: { amount: purchase.amount, currency: purchase.currency },
          signed_click_id: SEED.click.signedClickId,
        }),
      ).toBe(201);
    }
    const { purchase_summary } = await getJson<InspectorSnapshot>(
      target(),
      '/__emulator/inspector/snapshot',
    );
    const pixel = SEED.pixelId;
    expect(purchase_summary.per_day).toEqual([
      {
        pixel_id: pixel,
        date: '2026-03-30',
        currency: 'SEK',
        number_of_events: 1,
        total_amount: 5,
      },
      {
        pixel_id: pixel,
        date: '2026-03-29',
        currency: 'EUR',
        number_of_events: 1,
        total_amount: 122.95,
      },
      {
        pixel_id: pixel,
        date: '2026-03-29',
        currency: 'SEK',
        number_of_events: 1,
        total_amount: 1.01,
      },
      {
        pixel_id: pixel,
        date: '2026-03-28',
        currency: 'SEK',
        number_of_events: 2,
        total_amount: 0.3,
      },
    ]);
    expect(purchase_summary.per_currency).toEqual([
      { pixel_id: pixel, currency: 'EUR', number_of_events: 1, total_amount: 122.95 },
      { pixel_id: pixel, currency: 'SEK', number_of_events: 4, total_amount: 6.31 },
    ]);
  });

  it(`shows the newest ${EVENTS_SHOWN} events and counts them all`, async () => {
    const batch = (from: number) =>
      Array.from({ length: 60 }, (_, index) => ({
        event_name: 'purchase',
        external_event_id: `bulk-${from + index}`,
        data: { amount: 1, currency: 'NOK' },
        signed_click_id: SEED.click.signedClickId,
      }));
    for (const from of [0, 60]) {
      const response = await send(target(), `/pixels/${SEED.pixelId}/events/batch`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'client-id': SEED.shopUser.id,
          'client-secret': SEED.shopUser.secret,
        },
        body: JSON.stringify(batch(from)),
      });
      expect(response.status).toBe(200);
    }
    const snapshot = await getJson<InspectorSnapshot>(target(), '/__emulator/inspector/snapshot');
    expect(snapshot.events.total).toBe(120);
    expect(snapshot.events.latest).toHaveLength(EVENTS_SHOWN);
    expect(snapshot.events.latest[0]?.external_event_id).toBe('bulk-119');
    expect(snapshot.purchase_summary.per_currency).toEqual([
      { pixel_id: SEED.pixelId, currency: 'NOK', number_of_events: 120, total_amount: 120 },
    ]);
  });

  it('forgets everything on reset', async () => {
    await issueClick(target());
    emulator.reset();
    const snapshot = await getJson<InspectorSnapshot>(target(), '/__emulator/inspector/snapshot');
    expect(snapshot.clicks.total).toBe(2);
  });
});

describe('the dead-letter read', () => {
  it('says so when no collector is configured', async () => {
    expect(await getJson(target(), '/__emulator/inspector/dead-letters')).toEqual({
      status: 'not_configured',
    });
  });

  it('reports a collector that does not answer, without the token', async () => {
    const url = `http://127.0.0.1:${await freePort()}/pj`;
    const withCollector = createEmulator({ collector: { url, adminToken: 'secret-admin-token' } });
    const response = await withCollector.fetch(
      new Request('http://emulator.test/__emulator/inspector/dead-letters'),
    );
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      status: 'unreachable',
      collector_url: url,
      detail: 'the connection failed',
    });
    expect(text).not.toContain('secret-admin-token');
  });

  it('refuses a collector URL or token that cannot work', () => {
    expect(() => createEmulator({ collector: { url: 'ftp://x', adminToken: 't' } })).toThrow(
      RangeError,
    );
    expect(() =>
      createEmulator({ collector: { url: 'http://x/pj?a=1', adminToken: 't' } }),
    ).toThrow(/without a query/);
    expect(() => createEmulator({ collector: { url: 'http://x/pj', adminToken: '' } })).toThrow(
      /adminToken/,
    );
  });
});

describe('the emulator under workerd, configured by variables', () => {
  it('answers 500 naming COLLECTOR_ADMIN_TOKEN when only COLLECTOR_URL is set', async () => {
    vi.resetModules();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { default: worker } = await import('#emulator/worker.ts');
    log.mockRestore();
    const response = await worker.fetch(new Request('http://emulator.test/health'), {
      COLLECTOR_URL: 'http://127.0.0.1:8787/pj',
    });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { detail: string }).detail).toContain(
      'COLLECTOR_ADMIN_TOKEN',
    );
  });

  it('shows the dead letters of the collector its variables name', async () => {
    vi.resetModules();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { default: worker } = await import('#emulator/worker.ts');
    log.mockRestore();
    const url = `http://127.0.0.1:${await freePort()}/pj`;
    const response = await worker.fetch(
      new Request('http://emulator.test/__emulator/inspector/dead-letters'),
      { COLLECTOR_URL: url, COLLECTOR_ADMIN_TOKEN: 'local-dev-admin-token' },
    );
    expect(await response.json()).toMatchObject({ status: 'unreachable', collector_url: url });
  });
});
