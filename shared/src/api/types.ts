import type { Currency } from '../currencies.ts';
import type { CreateEventRequest } from '../purchase-event.ts';

export type { CreateEventRequest, PurchaseData } from '../purchase-event.ts';

export type Role = 'admin' | 'shop_user' | 'event_publisher';
export type CreatableRole = 'event_publisher' | 'shop_user';

export interface Client {
  id: string;
  roles: Role[];
}

/** The shape of *Retrieve an event by ID*, and of what the creates return. */
export interface StoredEvent {
  id: string;
  /** The click's UUID (without signature). */
  click_id: string;
  external_event_id?: string;
  event_name: 'purchase';
  event_time: string;
  data: { number_of_items?: number; currency: Currency; amount: number };
}

export interface Pixel {
  id: string;
  enabled: boolean;
}

export interface Shop {
  id: number;
  clients: { id: string }[];
  pixels: { id: string }[];
}

export interface CreatedClient {
  id: string;
  secret: string;
  roles: CreatableRole[];
}

export interface PurchaseSummary {
  per_day: {
    total_amount: number;
    time_zone: string;
    number_of_events: number;
    /** Calendar date in `time_zone`, `YYYY-MM-DD`. */
    date: string;
    currency: Currency;
  }[];
  summaries: { total_amount: number; number_of_events: number; currency: Currency }[];
}

/** One row of getConversions, in the reference's camelCase shape. */
export interface Conversion {
  purchase: {
    timestamp: string;
    numberOfItems?: number;
    id: string;
    currency: string;
    amount: number;
  };
  forwarding: {
    url: string;
    timestamp: string;
    product: { name: string; id: string };
    offerId: string;
  };
}

export interface Click {
  id: string;
  forwarded_date: string;
  invoicing: { segment: { id: string } };
  location: {
    url: string;
    shop: { market: string; id: string };
    product_id: string;
    price_id: string;
    offer_id: string;
    location_type: string;
    expert_id: string;
  };
  request: {
    widget: { id: string };
    partner: { id: string };
    original_url: string;
    market: string;
    device: { type: string };
    client: { id: string };
    bot_score: number;
    id: string;
  };
}

export interface DateRange {
  /** UTC ISO 8601 (`…Z`). */
  from: string;
  to: string;
}

export interface PageQuery extends DateRange {
  page?: number;
  per_page?: number;
}

export type BatchRequest = CreateEventRequest[];
