import type { Click, Conversion, Pixel, StoredEvent } from '#shared/api/types.ts';
import type { ClickRecord, EventRecord, PixelRecord } from '../state.ts';

/** An event as *Retrieve an event by ID* shows it (and the creates return it). */
export function eventView(event: EventRecord): StoredEvent {
  const view: StoredEvent = {
    id: event.id,
    click_id: event.clickId,
    event_name: event.eventName,
    event_time: event.eventTime,
    data:
      event.numberOfItems === undefined
        ? { currency: event.currency, amount: event.amount }
        : { number_of_items: event.numberOfItems, currency: event.currency, amount: event.amount },
  };
  // Keys in the reference's order: id, click_id, external_event_id, event_name, …
  return event.externalEventId === undefined
    ? view
    : {
        id: view.id,
        click_id: view.click_id,
        external_event_id: event.externalEventId,
        event_name: view.event_name,
        event_time: view.event_time,
        data: view.data,
      };
}

export function pixelView(pixel: PixelRecord): Pixel {
  return { id: pixel.id, enabled: pixel.enabled };
}

/** A click as *Retrieve a click by ID* shows it; fields the emulator does not model are fixed. */
export function clickView(click: ClickRecord): Click {
  return {
    id: click.id,
    forwarded_date: new Date(click.timeMs).toISOString(),
    invoicing: { segment: { id: '122' } },
    location: {
      url: click.url,
      shop: { market: click.market, id: String(click.shopId) },
      product_id: click.productId,
      price_id: click.offerId,
      offer_id: click.offerId,
      location_type: 'SHOP_OFFER_PAGE',
      expert_id: '',
    },
    request: {
      widget: { id: '' },
      partner: { id: '' },
      original_url: click.url,
      market: click.market,
      device: { type: 'DESKTOP' },
      client: { id: '' },
      bot_score: 0,
      id: click.id,
    },
  };
}

/**
 * A getConversions row as the emulator sends it: `purchase.numberOfItems` is left out when the
 * purchase did not report it, rather than invented as 0.
 */
export type ConversionRow = Omit<Conversion, 'purchase'> & {
  purchase: Omit<Conversion['purchase'], 'numberOfItems'> & { numberOfItems?: number };
};

/** A purchase joined with the click it is attributed to, in getConversions' camelCase shape. */
export function conversionView(event: EventRecord, click: ClickRecord): ConversionRow {
  const purchase = {
    timestamp: event.eventTime,
    id: event.id,
    currency: event.currency,
    amount: event.amount,
  };
  return {
    purchase:
      event.numberOfItems === undefined
        ? purchase
        : { ...purchase, numberOfItems: event.numberOfItems },
    forwarding: {
      url: click.url,
      timestamp: new Date(click.timeMs).toISOString(),
      product: { name: click.productName, id: click.productId },
      offerId: click.offerId,
    },
  };
}
