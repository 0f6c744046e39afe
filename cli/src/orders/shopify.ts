import type { Columns } from './columns.ts';
import { FieldReader } from './fields.ts';
import type { OrderProblem, ShopOrder } from './order.ts';
import { parseZonedTime } from './times.ts';

/**
 * Shopify's orders export (Orders → Export → CSV for Excel or plain CSV), as documented in the
 * Shopify Help Center, "Exporting orders": one row per line item; the order's own fields
 * (Financial Status, Currency, Total, Created at, Note Attributes, Id, …) are filled on its first
 * row only, and `Name` (`#1001`) on every row. `Created at` reads `2026-11-20 14:03:11 +0100`.
 * `Note Attributes` holds the cart attributes as `key: value`, one per line.
 */
export const SHOPIFY_COLUMNS = {
  name: 'Name',
  id: 'Id',
  createdAt: 'Created at',
  total: 'Total',
  currency: 'Currency',
  quantity: 'Lineitem quantity',
  noteAttributes: 'Note Attributes',
} as const;

export function isShopifyHeader(columns: Columns): boolean {
  const { name, createdAt, total, currency, quantity } = SHOPIFY_COLUMNS;
  return [name, createdAt, total, currency, quantity].every((column) => columns.has(column));
}

export interface ShopifyOptions {
  /** `id`: the numeric order id (the `Id` column, as the Admin API and webhooks name orders);
   * `name`: the order name such as `#1001`. */
  orderId: 'id' | 'name';
  /** The cart attribute in which the shop keeps the click id. */
  clickAttribute: string;
}

/** Reads the `key: value` lines of Note Attributes. */
export function noteAttributes(text: string | undefined): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const line of (text ?? '').split(/\r?\n/)) {
    const separator = line.indexOf(':');
    if (separator <= 0) continue;
    const key = line.slice(0, separator).trim();
    if (!attributes.has(key)) attributes.set(key, line.slice(separator + 1).trim());
  }
  return attributes;
}

export function readShopifyOrders(
  columns: Columns,
  records: readonly string[][],
  problems: OrderProblem[],
  options: ShopifyOptions,
): ShopOrder[] {
  const c = SHOPIFY_COLUMNS;
  // Group the rows of each order by Name; the first row of a group carries the order fields.
  const groups = new Map<string, { line: number; rows: string[][] }>();
  records.forEach((record, index) => {
    const name = columns.get(record, c.name)?.trim() ?? '';
    const line = index + 2;
    if (name === '') {
      problems.push({ line, message: `${c.name} is empty` });
      return;
    }
    const group = groups.get(name);
    if (group) group.rows.push(record);
    else groups.set(name, { line, rows: [record] });
  });

  const orders: ShopOrder[] = [];
  for (const [name, { line, rows }] of groups) {
    const first = rows[0] ?? [];
    const field = new FieldReader(problems, line);
    const before = problems.length;
    const orderId =
      options.orderId === 'name' ? name : field.required(c.id, columns.get(first, c.id));
    const time = field.time(c.createdAt, columns.get(first, c.createdAt), parseZonedTime);
    const amount = field.amount(c.total, columns.get(first, c.total));
    const currency = field.currency(c.currency, columns.get(first, c.currency));
    let items = 0;
    let itemsKnown = true;
    rows.forEach((row, offset) => {
      const rowField = new FieldReader(problems, line + offset);
      const quantity = rowField.items(c.quantity, columns.get(row, c.quantity));
      if (quantity === undefined) itemsKnown = false;
      else items += quantity;
    });
    const attributes = noteAttributes(columns.get(first, c.noteAttributes));
    const pjclid = field.clickId(
      `${c.noteAttributes} ${options.clickAttribute}`,
      attributes.get(options.clickAttribute),
    );
    if (problems.length > before || !orderId || !time || amount === undefined || !currency)
      continue;
    const order: ShopOrder = { orderId, ...time, amount, currency, line };
    if (itemsKnown) order.items = items;
    if (pjclid !== undefined) order.pjclid = pjclid;
    orders.push(order);
  }
  return orders;
}
