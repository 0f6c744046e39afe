import type { Columns } from './columns.ts';
import { FieldReader } from './fields.ts';
import type { OrderProblem, ShopOrder } from './order.ts';
import { parseZonedTime } from './times.ts';

/** The columns of the plain format, in the order the docs show them. */
export const PLAIN_COLUMNS = ['order_id', 'created_at', 'amount', 'currency', 'items', 'pjclid'];

export function isPlainHeader(columns: Columns): boolean {
  return PLAIN_COLUMNS.every((name) => columns.has(name));
}

/**
 * The plain format: one order a line, `order_id,created_at,amount,currency,items,pjclid`;
 * `created_at` is ISO 8601 with `Z` or an offset; `items` and `pjclid` may be empty.
 */
export function readPlainOrders(
  columns: Columns,
  records: readonly string[][],
  problems: OrderProblem[],
): ShopOrder[] {
  const orders: ShopOrder[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const field = new FieldReader(problems, line);
    const before = problems.length;
    const orderId = field.required('order_id', columns.get(record, 'order_id'));
    const time = field.time('created_at', columns.get(record, 'created_at'), parseZonedTime);
    const amount = field.amount('amount', columns.get(record, 'amount'));
    const currency = field.currency('currency', columns.get(record, 'currency'));
    const items = field.items('items', columns.get(record, 'items'));
    const pjclid = field.clickId('pjclid', columns.get(record, 'pjclid'));
    if (problems.length > before || !orderId || !time || amount === undefined || !currency) return;
    const order: ShopOrder = { orderId, ...time, amount, currency, line };
    if (items !== undefined) order.items = items;
    if (pjclid !== undefined) order.pjclid = pjclid;
    orders.push(order);
  });
  return orders;
}
