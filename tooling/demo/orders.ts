import { echoValue, type FieldErrors } from '#shared/problem.ts';
import { findProduct, PRODUCTS, type Product } from './catalog.ts';

/** How the confirmation page reports the purchase to the pixel. */
export type Reporting = 'track' | 'datalayer';
const REPORTINGS: readonly Reporting[] = ['track', 'datalayer'];

/** The most of one product an order may hold. */
export const MAX_QUANTITY = 10;
/** Orders kept in memory for their confirmation pages; the oldest go first. */
const ORDERS_KEPT = 1000;

export interface OrderLine {
  product: Product;
  quantity: number;
}

export interface Order extends OrderLine {
  /** `DEMO-YYYYMMDD-xxxxxxxx`: the `eventId` the pixel reports, unique per order. */
  id: string;
  amountCents: number;
  reporting: Reporting;
}

export type Reading<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function readLine(fields: URLSearchParams, errors: FieldErrors): OrderLine | undefined {
  const productId = fields.get('product');
  const product = findProduct(productId);
  if (!product) {
    errors.product = {
      message: `must be one of ${PRODUCTS.map((item) => item.id).join(', ')}`,
      value: echoValue(productId ?? undefined),
    };
  }
  const rawQuantity = fields.get('quantity') ?? '1';
  const quantity = Number(rawQuantity);
  if (!/^\d{1,2}$/.test(rawQuantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    errors.quantity = {
      message: `must be a whole number from 1 to ${MAX_QUANTITY}`,
      value: echoValue(rawQuantity),
    };
  }
  return product && !errors.quantity ? { product, quantity } : undefined;
}

/**
 * The checkout's query, `?product=…&quantity=…` (quantity defaults to 1).
 *
 * @example readCheckout(new URLSearchParams('product=milk-jug&quantity=2'))
 */
export function readCheckout(query: URLSearchParams): Reading<OrderLine> {
  const errors: FieldErrors = {};
  const line = readLine(query, errors);
  return line ? { ok: true, value: line } : { ok: false, errors };
}

/** The checkout form's fields: the line, and how the confirmation page reports. */
export function readOrderForm(
  form: URLSearchParams,
): Reading<OrderLine & { reporting: Reporting }> {
  const errors: FieldErrors = {};
  const line = readLine(form, errors);
  const reporting = form.get('reporting') ?? 'track';
  if (!REPORTINGS.includes(reporting as Reporting)) {
    errors.reporting = { message: 'must be track or datalayer', value: echoValue(reporting) };
  }
  if (!line || errors.reporting) return { ok: false, errors };
  return { ok: true, value: { ...line, reporting: reporting as Reporting } };
}

/** The shop's orders, in memory (the demo has no database): enough to show confirmations. */
export class OrderBook {
  readonly #orders = new Map<string, Order>();

  /** Places an order and returns it with its new id. */
  place(request: OrderLine & { reporting: Reporting }, now = new Date()): Order {
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    const order: Order = {
      ...request,
      id: `DEMO-${day}-${crypto.randomUUID().slice(0, 8)}`,
      amountCents: request.product.priceCents * request.quantity,
    };
    this.#orders.set(order.id, order);
    if (this.#orders.size > ORDERS_KEPT) {
      const oldest = this.#orders.keys().next().value;
      if (oldest !== undefined) this.#orders.delete(oldest);
    }
    return order;
  }

  get(id: string): Order | undefined {
    return this.#orders.get(id);
  }
}
