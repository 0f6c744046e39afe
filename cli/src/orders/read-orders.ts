import { parseCsv } from '../output/csv.ts';
import { Columns } from './columns.ts';
import type { OrderFormat, OrderProblem, ReadOrders } from './order.ts';
import { isPlainHeader, PLAIN_COLUMNS, readPlainOrders } from './plain.ts';
import { isShopifyHeader, readShopifyOrders, type ShopifyOptions } from './shopify.ts';
import {
  isWooCommerceHeader,
  readWooCommerceOrders,
  type WooCommerceOptions,
} from './woocommerce.ts';

export interface ReadOrdersOptions {
  /** Default: recognised by the header. */
  format?: OrderFormat | undefined;
  shopify?: Partial<ShopifyOptions>;
  woocommerce?: Partial<WooCommerceOptions>;
}

/** Which export a header belongs to, or undefined. */
export function detectFormat(columns: Columns): OrderFormat | undefined {
  if (isPlainHeader(columns)) return 'plain';
  if (isShopifyHeader(columns)) return 'shopify';
  if (isWooCommerceHeader(columns)) return 'woocommerce';
  return undefined;
}

/**
 * Reads a shop's orders from a CSV file's text: the plain format, Shopify's export or
 * WooCommerce's. Lines that cannot be read are listed in `problems`, each with its line number;
 * the orders on the other lines are still returned.
 *
 * @throws SyntaxError when the text is no CSV, or its header belongs to no known format.
 */
export function readOrders(text: string, options: ReadOrdersOptions = {}): ReadOrders {
  const [header, ...records] = parseCsv(text);
  if (header === undefined) throw new SyntaxError('the file is empty');
  const columns = new Columns(header);
  const format = options.format ?? detectFormat(columns);
  if (format === undefined) {
    throw new SyntaxError(
      `the header is none of: the plain format (${PLAIN_COLUMNS.join(',')}), Shopify's orders export, WooCommerce's orders export`,
    );
  }
  const problems: OrderProblem[] = [];
  const orders =
    format === 'plain'
      ? readPlainOrders(columns, records, problems)
      : format === 'shopify'
        ? readShopifyOrders(columns, records, problems, {
            orderId: options.shopify?.orderId ?? 'id',
            clickAttribute: options.shopify?.clickAttribute ?? 'pjclid',
          })
        : readWooCommerceOrders(columns, records, problems, {
            orderId: options.woocommerce?.orderId ?? 'number',
            timeZone: options.woocommerce?.timeZone ?? 'UTC',
            clickColumn: options.woocommerce?.clickColumn,
          });
  const seen = new Set<string>();
  for (const order of orders) {
    if (seen.has(order.orderId)) {
      problems.push({ line: order.line, message: `order ${order.orderId} appears twice` });
    }
    seen.add(order.orderId);
  }
  return { format, orders, problems };
}
