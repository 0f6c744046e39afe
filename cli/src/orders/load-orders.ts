import { type OptionValues, stringOption } from '../command.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { readRange, type TimeRange } from '../range.ts';
import { rangeOfOrders } from '../reconcile/match.ts';
import type { OrderFormat, ShopOrder } from './order.ts';
import { readOrders } from './read-orders.ts';
import { isTimeZone } from './times.ts';

const FORMATS: readonly OrderFormat[] = ['plain', 'shopify', 'woocommerce'];
const PROBLEMS_SHOWN = 10;

export interface LoadedOrders {
  format: OrderFormat;
  /** The orders inside `range`. */
  orders: ShopOrder[];
  /** How many orders of the file lie outside `range` and were left out. */
  outside: number;
  range: TimeRange;
}

/**
 * Reads `--orders FILE` with the format options, and the range to compare over: `--from`/`--to`,
 * or else the orders' own first and last times. A file with unreadable lines is refused whole,
 * naming the lines, since comparing part of it would report orders as missing that are not.
 */
export async function loadOrders(io: CliIo, values: OptionValues): Promise<LoadedOrders> {
  const path = stringOption(values, 'orders');
  if (path === undefined) throw new UsageError('--orders FILE is required');
  const formatText = stringOption(values, 'orders-format');
  if (formatText !== undefined && !FORMATS.includes(formatText as OrderFormat)) {
    throw new UsageError(`--orders-format must be one of ${FORMATS.join(', ')}`);
  }
  const orderId = stringOption(values, 'order-id');
  if (orderId !== undefined && !['id', 'name', 'number'].includes(orderId)) {
    throw new UsageError('--order-id must be id or name (Shopify), number or id (WooCommerce)');
  }
  const timeZone = stringOption(values, 'time-zone') ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new UsageError(`--time-zone is not a time zone: ${timeZone}`);
  const clickField = stringOption(values, 'click-field');

  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const read = readOrders(text, {
    format: formatText as OrderFormat | undefined,
    shopify: {
      ...(orderId === 'id' || orderId === 'name' ? { orderId } : {}),
      ...(clickField ? { clickAttribute: clickField } : {}),
    },
    woocommerce: {
      ...(orderId === 'id' || orderId === 'number' ? { orderId } : {}),
      timeZone,
      clickColumn: clickField,
    },
  });
  if (read.problems.length > 0) {
    const shown = read.problems
      .slice(0, PROBLEMS_SHOWN)
      .map((problem) => `  line ${problem.line}: ${problem.message}`);
    const more = read.problems.length - shown.length;
    throw new UsageError(
      `${path} (${read.format}) has lines that cannot be read:\n${shown.join('\n')}${more > 0 ? `\n  and ${more} more` : ''}`,
    );
  }
  if (read.orders.length === 0) throw new UsageError(`${path} holds no orders`);
  const range = readRange(values, io.now(), rangeOfOrders(read.orders));
  const fromMs = Date.parse(range.from);
  const toMs = Date.parse(range.to);
  const orders = read.orders.filter(
    (order) => order.createdAtMs >= fromMs && order.createdAtMs <= toMs,
  );
  return { format: read.format, orders, outside: read.orders.length - orders.length, range };
}
