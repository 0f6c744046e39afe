import { describe, expect, it } from 'vitest';
import { NOW, purchase, useEmulatorCli } from './support/emulator-cli.ts';

const cli = useEmulatorCli();
/** The reference's sample click, which the emulator seeds as issued. */
const SAMPLE_CLICK = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';

function at(iso: string, externalEventId: string, amount: number, currency: 'SEK' | 'EUR' = 'SEK') {
  return { ...purchase(SAMPLE_CLICK, 0, externalEventId, amount, currency), event_time: iso };
}

describe('reconcile', () => {
  it('matches the plain CSV by order id: matched, missing, and an event no order claims', async () => {
    await cli.createEvents([
      at('2026-11-20T13:03:12Z', '1001', 1249),
      at('2026-11-20T20:00:00Z', 'someone-else', 10),
    ]);
    const orders = cli.file('orders.csv', cli.fixture('plain-orders.csv'));
    const { code, stdout } = await cli.run(['reconcile', '--orders', orders, '--json']);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.matched.map((entry: { order_id: string }) => entry.order_id)).toEqual(['1001']);
    expect(result.mismatched).toEqual([]);
    expect(result.missing).toEqual([
      {
        order_id: '1002',
        created_at: '2026-11-21T08:15:00.000Z',
        amount: 349.5,
        currency: 'SEK',
        has_click: false,
      },
    ]);
    expect(result.unknown).toEqual([
      expect.objectContaining({ order_id: 'someone-else', amount: 10, currency: 'SEK' }),
    ]);
  });

  it("reads Shopify's multi-row export: order fields from the first row, the click from Note Attributes", async () => {
    await cli.createEvents([
      at('2026-11-20T13:03:11Z', '5523001001', 1249),
      at('2026-11-21T08:15:00Z', '5523001002', 350, 'EUR'),
    ]);
    const orders = cli.file('orders_export.csv', cli.fixture('shopify-orders-export.csv'));
    const { code, stdout } = await cli.run(['reconcile', '--orders', orders, '--json']);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.matched).toEqual([
      expect.objectContaining({ order_id: '5523001001', amount: 1249, currency: 'SEK' }),
    ]);
    expect(result.mismatched).toEqual([
      expect.objectContaining({
        order_id: '5523001002',
        order_amount: 349.5,
        order_currency: 'SEK',
        event_amount: 350,
        event_currency: 'EUR',
      }),
    ]);
    expect(result.missing).toEqual([]);
    expect(result.unknown).toEqual([]);
  });

  it('keys Shopify orders by their name with --order-id name', async () => {
    await cli.createEvents([at('2026-11-20T13:03:11Z', '#1001', 1249)]);
    const orders = cli.file('orders_export.csv', cli.fixture('shopify-orders-export.csv'));
    const { stdout } = await cli.run([
      'reconcile',
      '--orders',
      orders,
      '--order-id',
      'name',
      '--json',
    ]);
    const result = JSON.parse(stdout);
    expect(result.matched.map((entry: { order_id: string }) => entry.order_id)).toEqual(['#1001']);
    expect(result.missing.map((entry: { order_id: string }) => entry.order_id)).toEqual(['#1002']);
  });

  it("reads WooCommerce's export in the shop's time zone", async () => {
    await cli.createEvents([at('2026-11-20T13:03:11Z', '4711', 1298)]);
    const orders = cli.file('orders.csv', cli.fixture('woocommerce-orders-export.csv'));
    const { code, stdout } = await cli.run([
      'reconcile',
      '--orders',
      orders,
      '--time-zone',
      'Europe/Stockholm',
      '--json',
    ]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.matched.map((entry: { order_id: string }) => entry.order_id)).toEqual(['4711']);
    expect(result.missing).toEqual([
      {
        order_id: '4712',
        created_at: '2026-11-21T08:15:00.000Z',
        amount: 349.5,
        currency: 'SEK',
        has_click: false,
      },
    ]);
  });

  it('exits 0 and prints a summary when every order matches', async () => {
    await cli.createEvents([at('2026-11-20T13:03:12Z', '1001', 1249)]);
    const orders = cli.file(
      'orders.csv',
      'order_id,created_at,amount,currency,items,pjclid\n1001,2026-11-20T13:03:11Z,1249.00,SEK,3,\n',
    );
    const { code, stdout } = await cli.run(['reconcile', '--orders', orders]);
    expect(code).toBe(0);
    expect(stdout).toContain('1 matched, 0 mismatched, 0 missing, 0 unknown');
  });

  it('refuses a file with unreadable lines, naming them, with exit code 2', async () => {
    const orders = cli.file(
      'orders.csv',
      'order_id,created_at,amount,currency,items,pjclid\n1001,yesterday,12,SEK,,\n1002,2026-11-20T13:03:11Z,1e3,SEK,,\n',
    );
    const { code, stderr } = await cli.run(['reconcile', '--orders', orders]);
    expect(code).toBe(2);
    expect(stderr).toContain('line 2: created_at is not a date and time: "yesterday"');
    expect(stderr).toContain('line 3: amount is not an amount: "1e3"');
  });

  it("uses --from/--to over the orders' own dates, leaving out orders outside", async () => {
    const orders = cli.file('orders.csv', cli.fixture('plain-orders.csv'));
    const { stdout, stderr } = await cli.run([
      'reconcile',
      '--orders',
      orders,
      '--from',
      '2026-11-21',
      '--to',
      '2026-11-21',
      '--json',
    ]);
    expect(stderr).toContain('1 orders of the file lie outside the range');
    expect(JSON.parse(stdout).missing.map((entry: { order_id: string }) => entry.order_id)).toEqual(
      ['1002'],
    );
    expect(NOW).toBeGreaterThan(Date.parse('2026-11-21'));
  });
});
