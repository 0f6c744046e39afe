import { describe, expect, it } from 'vitest';
import { readOrders } from '#cli/orders/read-orders.ts';
import { parseWallTime, parseZonedTime } from '#cli/orders/times.ts';
import { parseCsv } from '#cli/output/csv.ts';
import { useEmulatorCli } from './support/emulator-cli.ts';

const cli = useEmulatorCli();
const CLICK = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, after a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it('refuses a file that ends inside a quoted field', () => {
    expect(() => parseCsv('a\n"open')).toThrow('inside a quoted field');
  });
});

describe('times', () => {
  it("reads Shopify's wall time with its offset", () => {
    expect(parseZonedTime('2026-11-20 14:03:11 +0100')).toBe(Date.parse('2026-11-20T13:03:11Z'));
    expect(parseZonedTime('2026-02-30 10:00:00 +0100')).toBeUndefined();
  });

  it("reads WooCommerce's wall time in the shop's zone, summer and winter", () => {
    expect(parseWallTime('2026-07-01 12:00:00', 'Europe/Stockholm')).toBe(
      Date.parse('2026-07-01T10:00:00Z'),
    );
    expect(parseWallTime('2026-12-01 12:00:00', 'Europe/Stockholm')).toBe(
      Date.parse('2026-12-01T11:00:00Z'),
    );
    expect(parseWallTime('2026-12-01 12:00:00', 'Pacific/Auckland')).toBe(
      Date.parse('2026-11-30T23:00:00Z'),
    );
  });
});

describe('reading orders', () => {
  it("groups Shopify's rows by order: the total once, the items summed, the click from Note Attributes", () => {
    const read = readOrders(cli.fixture('shopify-orders-export.csv'));
    expect(read.format).toBe('shopify');
    expect(read.problems).toEqual([]);
    expect(read.orders).toEqual([
      {
        orderId: '5523001001',
        createdAt: '2026-11-20T13:03:11.000Z',
        createdAtMs: Date.parse('2026-11-20T13:03:11Z'),
        amount: 1249,
        currency: 'SEK',
        items: 3,
        pjclid: CLICK,
        line: 2,
      },
      {
        orderId: '5523001002',
        createdAt: '2026-11-21T08:15:00.000Z',
        createdAtMs: Date.parse('2026-11-21T08:15:00Z'),
        amount: 349.5,
        currency: 'SEK',
        items: 3,
        line: 4,
      },
    ]);
  });

  it('reads the click from another cart attribute when the shop keeps it there', () => {
    const text = cli.fixture('shopify-orders-export.csv').replace('pjclid: ', 'prisjakt_click: ');
    const read = readOrders(text, { shopify: { clickAttribute: 'prisjakt_click' } });
    expect(read.orders[0]?.pjclid).toBe(CLICK);
  });

  it("reads WooCommerce's Default format, items from line_items, the click from its meta column", () => {
    const read = readOrders(cli.fixture('woocommerce-orders-export.csv'), {
      woocommerce: { timeZone: 'Europe/Stockholm' },
    });
    expect(read.format).toBe('woocommerce');
    expect(
      read.orders.map(({ orderId, amount, items, pjclid }) => ({ orderId, amount, items, pjclid })),
    ).toEqual([
      { orderId: '4711', amount: 1298, items: 3, pjclid: CLICK },
      { orderId: '4712', amount: 349.5, items: 3, pjclid: undefined },
    ]);
  });

  it("adds up WooCommerce's one-row-per-item format by order", () => {
    const text = [
      'order_id,order_number,order_date,order_total,order_currency,item_quantity,meta:_pjclid',
      `4711,4711,2026-11-20 14:03:11,1298.00,SEK,1,${CLICK}`,
      `4711,4711,2026-11-20 14:03:11,1298.00,SEK,2,${CLICK}`,
    ].join('\n');
    const read = readOrders(text);
    expect(read.orders).toHaveLength(1);
    expect(read.orders[0]).toMatchObject({
      orderId: '4711',
      amount: 1298,
      items: 3,
      createdAt: '2026-11-20T14:03:11.000Z',
    });
  });

  it('names every unreadable line, and refuses a header of no known format', () => {
    const read = readOrders(
      'order_id,created_at,amount,currency,items,pjclid\n1,2026-11-20T13:03:11Z,12,sek,x,not-a-click\n1,2026-11-20T13:03:11Z,12,SEK,,\n1,2026-11-20T13:03:11Z,13,SEK,,\n',
    );
    expect(read.problems).toEqual([
      { line: 2, message: 'items is not a whole number: "x"' },
      { line: 2, message: 'pjclid is not a signed click id: "not-a-click"' },
      { line: 4, message: 'order 1 appears twice' },
    ]);
    expect(() => readOrders('id,total\n1,2\n')).toThrow('the header is none of');
  });
});
