import type { Columns } from './columns.ts';
import { FieldReader } from './fields.ts';
import type { OrderProblem, ShopOrder } from './order.ts';
import { parseWallTime } from './times.ts';

/**
 * WooCommerce's orders export as the official "Customer / Order / Coupon Export" extension writes
 * it in its Default CSV format (one row per order; the "one row per item" format repeats the
 * order on each item's row and is read the same way). Its developer documentation promises that
 * the column keys never change, while their order may. `order_date` is a wall time in the
 * shop's time zone (`2026-11-20 14:03:11`); `line_items` holds `name:…|quantity:2|…` per item,
 * joined by `;`. WooCommerce keeps no click id itself: the shop stores it as order meta and adds
 * that meta key as a column of a custom format.
 */
export const WOOCOMMERCE_COLUMNS = {
  id: 'order_id',
  number: 'order_number',
  date: 'order_date',
  total: 'order_total',
  currency: 'order_currency',
  lineItems: 'line_items',
  itemQuantity: 'item_quantity',
} as const;

/** Where a shop's custom format puts the click id, tried in this order. */
export const WOOCOMMERCE_CLICK_COLUMNS = ['meta:_pjclid', 'meta:pjclid', '_pjclid', 'pjclid'];

export function isWooCommerceHeader(columns: Columns): boolean {
  const { id, date, total, currency } = WOOCOMMERCE_COLUMNS;
  return [id, date, total, currency].every((column) => columns.has(column));
}

export interface WooCommerceOptions {
  /** `number`: `order_number`, what the shop shows and its analytics send; `id`: `order_id`. */
  orderId: 'number' | 'id';
  /** The IANA zone of the shop's clock (WooCommerce → Settings → General … timezone). */
  timeZone: string;
  /** The click id column, when not one of WOOCOMMERCE_CLICK_COLUMNS. */
  clickColumn?: string | undefined;
}

/** The quantities in a `line_items` field. */
function lineItemQuantity(text: string): number | undefined {
  let total = 0;
  let found = false;
  for (const item of text.split(';')) {
    const quantity = /(?:^|\|)quantity:(\d{1,9})(?:\||$)/.exec(item)?.[1];
    if (quantity !== undefined) {
      total += Number(quantity);
      found = true;
    }
  }
  return found ? total : undefined;
}

export function readWooCommerceOrders(
  columns: Columns,
  records: readonly string[][],
  problems: OrderProblem[],
  options: WooCommerceOptions,
): ShopOrder[] {
  const c = WOOCOMMERCE_COLUMNS;
  const clickColumn =
    options.clickColumn ?? WOOCOMMERCE_CLICK_COLUMNS.find((name) => columns.has(name));
  const idColumn = options.orderId === 'id' || !columns.has(c.number) ? c.id : c.number;
  const orders = new Map<string, ShopOrder>();
  records.forEach((record, index) => {
    const line = index + 2;
    const field = new FieldReader(problems, line);
    const before = problems.length;
    const orderId = field.required(idColumn, columns.get(record, idColumn));
    const time = field.time(c.date, columns.get(record, c.date), (text) =>
      parseWallTime(text, options.timeZone),
    );
    const amount = field.amount(c.total, columns.get(record, c.total));
    const currency = field.currency(c.currency, columns.get(record, c.currency));
    const pjclid = clickColumn
      ? field.clickId(clickColumn, columns.get(record, clickColumn))
      : undefined;
    const perItem = columns.get(record, c.itemQuantity);
    const items =
      perItem !== undefined
        ? field.items(c.itemQuantity, perItem)
        : lineItemQuantity(columns.get(record, c.lineItems) ?? '');
    if (problems.length > before || !orderId || !time || amount === undefined || !currency) return;
    const seen = orders.get(orderId);
    if (seen) {
      // "One row per item": the same order again, with another item.
      if (items !== undefined) seen.items = (seen.items ?? 0) + items;
      return;
    }
    const order: ShopOrder = { orderId, ...time, amount, currency, line };
    if (items !== undefined) order.items = items;
    if (pjclid !== undefined) order.pjclid = pjclid;
    orders.set(orderId, order);
  });
  return [...orders.values()];
}
