import { describe, expect, it } from 'vitest';
import { PrisjaktClient } from '#shared/client/index.ts';
import {
  ALL_OPERATIONS,
  ORIGIN,
  PREFIXED_BASE_URL,
  purchase,
  SEED,
  startEmulator,
} from './harness.ts';

const HOUR_MS = 60 * 60 * 1000;

describe('every operation against the emulator, under the /click-conversion prefix', () => {
  it('calls each of the API operations and reads typed answers', async () => {
    const h = startEmulator();
    const shop = h.client();
    const admin = h.client({ clientId: SEED.admin.id, clientSecret: SEED.admin.secret });

    expect(await shop.health()).toBeTruthy();
    const document = (await shop.openApi()) as { openapi?: string; paths?: object };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths ?? {}).length).toBeGreaterThan(5);

    expect(await shop.getClient(SEED.shopUser.id)).toMatchObject({
      id: SEED.shopUser.id,
      roles: expect.arrayContaining(['shop_user', 'event_publisher']),
    });
    const seededShop = await shop.getShop(SEED.shopId);
    expect(seededShop.id).toBe(SEED.shopId);
    expect(seededShop.pixels).toContainEqual({ id: SEED.pixelId });
    expect(seededShop.clients).toContainEqual({ id: SEED.shopUser.id });

    expect(await shop.getPixel(SEED.pixelId)).toEqual({ id: SEED.pixelId, enabled: true });
    const created = await shop.createPixel(SEED.shopId);
    expect(created.enabled).toBe(true);
    expect(await shop.listPixels(SEED.shopId)).toEqual(
      expect.arrayContaining([{ id: SEED.pixelId, enabled: true }, created]),
    );
    expect(await shop.updatePixel(created.id, { enabled: false })).toEqual({
      id: created.id,
      enabled: false,
    });
    expect((await shop.getPixel(created.id)).enabled).toBe(false);

    const click = await h.click(new Date(Date.now() - 2 * HOUR_MS).toISOString());
    const fetchedClick = await shop.getClick(click.id);
    expect(fetchedClick.id).toBe(click.id);

    const eventTime = new Date(Date.now() - HOUR_MS).toISOString();
    const stored = await shop.createEvent(
      SEED.pixelId,
      purchase(click.signed_click_id, 1, eventTime),
    );
    expect(stored).toMatchObject({
      click_id: click.id,
      external_event_id: 'order-1',
      event_name: 'purchase',
      event_time: eventTime,
      data: { amount: 100.01, currency: 'SEK', number_of_items: 2 },
    });
    expect(await shop.getEvent(stored.id)).toEqual(stored);

    const batch = await shop.createEvents(SEED.pixelId, [
      purchase(click.signed_click_id, 2, eventTime),
      purchase(click.signed_click_id, 3, eventTime),
    ]);
    expect(batch.map((event) => event.external_event_id)).toEqual(['order-2', 'order-3']);

    const range = {
      from: new Date(Date.now() - 2 * HOUR_MS).toISOString(),
      to: new Date().toISOString(),
    };
    const page = await shop.listEvents(SEED.pixelId, range);
    expect(page).toMatchObject({ page: 1, perPage: 100, links: {} });
    expect(page.items.map((event) => event.id).sort()).toEqual(
      [stored.id, ...batch.map((event) => event.id)].sort(),
    );

    const summary = await shop.getPurchaseSummary(SEED.pixelId, range);
    expect(summary.summaries).toEqual([
      { total_amount: 300.06, number_of_events: 3, currency: 'SEK' },
    ]);

    const conversions = await shop.listConversions(SEED.pixelId, { ...range, per_page: 2 });
    expect(conversions.items).toHaveLength(2);
    expect(conversions.perPage).toBe(2);
    expect(conversions.links.next).toBe(
      `${PREFIXED_BASE_URL}/pixels/${SEED.pixelId}/conversions?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}&per_page=2&page=2`,
    );
    expect(conversions.items[0]?.forwarding.url).toBe(SEED.click.url);

    const newClient = await admin.createClient(SEED.shopId, ['event_publisher']);
    expect(newClient.roles).toEqual(['event_publisher']);
    expect(newClient.secret).toEqual(expect.any(String));

    // A publisher may create events with its id alone: the secret header is then left out.
    const publisher = h.client({ clientId: newClient.id, clientSecret: undefined });
    await publisher.createEvent(SEED.pixelId, purchase(click.signed_click_id, 4, eventTime));

    const counts = await h.requestCounts();
    for (const operation of ALL_OPERATIONS) {
      expect(Object.keys(counts[operation] ?? {}), operation).not.toHaveLength(0);
    }
    for (const request of h.apiRequests()) {
      expect(request.url.origin + request.url.pathname).toMatch(
        new RegExp(`^${PREFIXED_BASE_URL}/`),
      );
    }
  });

  it('sends credentials as the operations table says, and none to health and docs', async () => {
    const h = startEmulator();
    const click = await h.click();
    await h.client().health();
    await h.client().openApi();
    await h.client().getPixel(SEED.pixelId);
    await h
      .client({ clientSecret: undefined, clientId: SEED.publisher.id })
      .createEvent(SEED.pixelId, purchase(click.signed_click_id, 1));
    const [health, docs, pixel, event] = h.apiRequests();
    for (const request of [health, docs]) {
      expect(request?.headers.get('client-id')).toBeNull();
      expect(request?.headers.get('client-secret')).toBeNull();
    }
    expect(pixel?.headers.get('client-id')).toBe(SEED.shopUser.id);
    expect(pixel?.headers.get('client-secret')).toBe(SEED.shopUser.secret);
    expect(event?.headers.get('client-id')).toBe(SEED.publisher.id);
    expect(event?.headers.has('client-secret')).toBe(false);
    expect(event?.headers.get('content-type')).toBe('application/json');
  });

  it.each([
    ['no prefix', ORIGIN, '/pixels/'],
    ['no prefix, trailing slash', `${ORIGIN}/`, '/pixels/'],
    ['prefix', PREFIXED_BASE_URL, '/click-conversion/pixels/'],
    ['prefix, trailing slashes', `${PREFIXED_BASE_URL}//`, '/click-conversion/pixels/'],
  ])('builds URLs under the base URL (%s)', async (_, baseUrl, expectedPath) => {
    const h = startEmulator();
    await h.client({ baseUrl }).getPixel(SEED.pixelId);
    expect(h.apiRequests()[0]?.url.pathname).toBe(`${expectedPath}${SEED.pixelId}`);
  });

  it('encodes path parameters, so an id cannot reach another route', async () => {
    const h = startEmulator();
    await expect(h.client().getPixel('a/b?c')).rejects.toMatchObject({ status: 400 });
    expect(h.apiRequests()[0]?.url.pathname).toBe('/click-conversion/pixels/a%2Fb%3Fc');
    for (const id of ['', '.', '..', '%2e%2E']) {
      await expect(h.client().getPixel(id)).rejects.toThrow(TypeError);
    }
    expect(h.apiRequests()).toHaveLength(1);
  });

  it('exposes no credentials when logged or serialised', () => {
    const client = new PrisjaktClient({
      baseUrl: PREFIXED_BASE_URL,
      clientId: SEED.shopUser.id,
      clientSecret: SEED.shopUser.secret,
    });
    expect(JSON.stringify(client)).not.toContain(SEED.shopUser.secret);
    expect(Object.values(client)).toEqual([]);
  });
});
