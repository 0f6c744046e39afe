import { describe, expect, it } from 'vitest';
import { SEEDED_PIXEL_ID, startStack } from '#tooling/stack/fixture-stack.ts';
import { createClick, eventsOf, listEvents, waitForEvents } from '../support/emulator-client.ts';
import { shopPage } from './pages.ts';
import { PLUGIN_FIXTURES } from './shop-plugins.ts';
import { browserSuite } from './suite.ts';

// The purchase pushes of real shop plugins (shop-plugins.ts), each on an order confirmation
// page with the pixel's `dataLayer: true`: each order is exactly one event at the emulator,
// with the plugin's order id, the amount, the currency and the item count.

const suite = browserSuite(() =>
  startStack({ pages: { '/p/1': shopPage('Product', { options: { dataLayer: true } }) } }),
);
const newPage = () => suite.newPage();

let orders = 0;
const newOrderNumber = () => `${(Date.now() % 1e7) * 10 + (++orders % 10)}`;

describe('purchases pushed by shop plugins', () => {
  it.each(Object.entries(PLUGIN_FIXTURES))(
    '%s: one event with the right id, amount, currency and items',
    async (name, fixture) => {
      const page = await newPage();
      const click = await createClick(suite.stack.emulatorUrl, `${suite.stack.shopUrl}/p/1`);
      const registered = page.waitForResponse((response) => response.url().includes('/pj/click?'));
      await page.goto(click.landing_url);
      await registered;

      const order = newOrderNumber();
      const path = `/thanks-${Object.keys(PLUGIN_FIXTURES).indexOf(name)}`;
      suite.stack.shop.setPage(
        path,
        shopPage('Thank you', {
          options: { dataLayer: true, debug: true },
          body: `${(fixture.body ?? '').replaceAll('ORDER', order)}
<script>var ORDER_NUMBER = ${JSON.stringify(order)};</script>
<script>${fixture.script}</script>`,
        }),
      );
      const collected = page.waitForResponse((response) => response.url().endsWith('/pj/collect'));
      await page.goto(`${suite.stack.shopUrl}${path}`);
      expect((await collected).status()).toBe(202);
      await page.reload({ waitUntil: 'networkidle' });

      const { eventId, amount, currency, items } = fixture.expected;
      expect(suite.network.beacons()).toHaveLength(1);
      expect(suite.network.beacons()[0]).toMatchObject({
        pixel_id: SEEDED_PIXEL_ID,
        event_id: eventId(order),
      });
      const [event, ...others] = await waitForEvents(suite.stack.emulatorUrl, eventsOf(click));
      expect(others).toEqual([]);
      expect(event).toMatchObject({
        external_event_id: eventId(order),
        data: { amount, currency, number_of_items: items },
      });
      await page.waitForTimeout(300);
      expect((await listEvents(suite.stack.emulatorUrl)).filter(eventsOf(click))).toHaveLength(1);
    },
  );
});
