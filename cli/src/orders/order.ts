/** One order from a shop's export, in the form every command works with. */
export interface ShopOrder {
  /** What the shop sends as the event id, and so Prisjakt's `external_event_id`. */
  orderId: string;
  /** When the order was placed, UTC ISO 8601. */
  createdAt: string;
  createdAtMs: number;
  /** Major units, as the shop's total shows it. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** The number of items, when the export says. */
  items?: number;
  /** The signed click id, when the shop kept one with the order. */
  pjclid?: string;
  /** The line of the file the order starts on, for messages. */
  line: number;
}

/** A line of the file that could not be read as (part of) an order. */
export interface OrderProblem {
  line: number;
  message: string;
}

export type OrderFormat = 'plain' | 'shopify' | 'woocommerce';

export interface ReadOrders {
  format: OrderFormat;
  orders: ShopOrder[];
  problems: OrderProblem[];
}
