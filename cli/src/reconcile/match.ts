import type { PrisjaktClient, StoredEvent } from '#shared/client/index.ts';
import type { ShopOrder } from '../orders/order.ts';
import type { TimeRange } from '../range.ts';

export interface MatchedEntry {
  order_id: string;
  event_id: string;
  amount: number;
  currency: string;
}

export interface MismatchedEntry {
  order_id: string;
  event_id: string;
  order_amount: number;
  order_currency: string;
  event_amount: number;
  event_currency: string;
}

export interface MissingEntry {
  order_id: string;
  created_at: string;
  amount: number;
  currency: string;
  /** Whether the order carries a click id, and so could be backfilled. */
  has_click: boolean;
}

export interface UnknownEntry {
  /** The event's `external_event_id`: the order it claims to be; null when it names none. */
  order_id: string | null;
  event_id: string;
  event_time: string;
  amount: number;
  currency: string;
}

export interface Reconciliation {
  matched: MatchedEntry[];
  mismatched: MismatchedEntry[];
  missing: MissingEntry[];
  unknown: UnknownEntry[];
}

/** How far an event's time may lie from its order's and still be looked for (clock skew). */
export const TIME_TOLERANCE_MS = 60 * 60 * 1000;

/** The range the orders span, as the API takes it. */
export function rangeOfOrders(orders: readonly ShopOrder[]): { fromMs: number; toMs: number } {
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = Number.NEGATIVE_INFINITY;
  for (const order of orders) {
    fromMs = Math.min(fromMs, order.createdAtMs);
    toMs = Math.max(toMs, order.createdAtMs);
  }
  return { fromMs, toMs };
}

const cents = (amount: number) => Math.round(amount * 100);

/**
 * Matches orders to events by `external_event_id` = order id. Events are read over `range`
 * widened by {@link TIME_TOLERANCE_MS} on both sides, so a purchase reported a little before or
 * after its order's time is still found; an event without an order counts as unknown only when
 * it lies inside `range` itself.
 */
export async function reconcile(
  client: PrisjaktClient,
  pixelId: string,
  orders: readonly ShopOrder[],
  range: TimeRange,
  onProgress: (events: number) => void = () => {},
): Promise<Reconciliation> {
  const fromMs = Date.parse(range.from);
  const toMs = Date.parse(range.to);
  const widened = {
    from: new Date(fromMs - TIME_TOLERANCE_MS).toISOString(),
    to: new Date(toMs + TIME_TOLERANCE_MS).toISOString(),
  };
  const events = new Map<string, StoredEvent>();
  const extra: StoredEvent[] = [];
  let read = 0;
  for await (const event of client.iterateEvents(pixelId, widened)) {
    read += 1;
    if (read % 100 === 0) onProgress(read);
    const key = event.external_event_id;
    if (key === undefined || events.has(key)) extra.push(event);
    else events.set(key, event);
  }

  const result: Reconciliation = { matched: [], mismatched: [], missing: [], unknown: [] };
  const claimed = new Set<string>();
  for (const order of orders) {
    const event = events.get(order.orderId);
    if (event === undefined) {
      result.missing.push({
        order_id: order.orderId,
        created_at: order.createdAt,
        amount: order.amount,
        currency: order.currency,
        has_click: order.pjclid !== undefined,
      });
      continue;
    }
    claimed.add(order.orderId);
    const same =
      cents(event.data.amount) === cents(order.amount) &&
      String(event.data.currency).toUpperCase() === order.currency;
    if (same) {
      result.matched.push({
        order_id: order.orderId,
        event_id: event.id,
        amount: order.amount,
        currency: order.currency,
      });
    } else {
      result.mismatched.push({
        order_id: order.orderId,
        event_id: event.id,
        order_amount: order.amount,
        order_currency: order.currency,
        event_amount: event.data.amount,
        event_currency: event.data.currency,
      });
    }
  }
  const unclaimed = [...events.entries()]
    .filter(([orderId]) => !claimed.has(orderId))
    .map(([, event]) => event);
  for (const event of [...unclaimed, ...extra]) {
    const time = Date.parse(event.event_time);
    if (time < fromMs || time > toMs) continue;
    result.unknown.push({
      order_id: event.external_event_id ?? null,
      event_id: event.id,
      event_time: event.event_time,
      amount: event.data.amount,
      currency: event.data.currency,
    });
  }
  return result;
}
