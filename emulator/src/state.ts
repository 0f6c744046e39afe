import type { Role } from '#shared/api/types.ts';
import type { Currency } from '#shared/currencies.ts';

/** A shop as the emulator keeps it; clients and pixels point back to it. */
export interface ShopRecord {
  id: number;
}

export interface ClientRecord {
  id: string;
  secret: string;
  roles: Role[];
  /** The shop the client acts for; `null` for an admin, which acts on every shop. */
  shopId: number | null;
}

export interface PixelRecord {
  /** Lowercase, so lookups ignore the case the caller wrote the UUID in. */
  id: string;
  shopId: number;
  enabled: boolean;
}

/** A Prisjakt click: a shopper forwarded from an offer on Prisjakt to the shop. */
export interface ClickRecord {
  /** Lowercase UUID. */
  id: string;
  shopId: number;
  timeMs: number;
  /** The offer's URL on the shop, before `pjclid` is added. */
  url: string;
  productId: string;
  productName: string;
  offerId: string;
  market: string;
}

export interface EventRecord {
  /** Lowercase UUID. */
  id: string;
  pixelId: string;
  /** The UUID part of `signedClickId`, as sent. */
  clickId: string;
  signedClickId: string;
  externalEventId?: string;
  eventName: 'purchase';
  /** As sent (or the time of receipt), so it reads back byte for byte. */
  eventTime: string;
  eventTimeMs: number;
  amount: number;
  currency: Currency;
  numberOfItems?: number;
  receivedAtMs: number;
  /** Receipt order; breaks ties between events with the same `event_time`. */
  sequence: number;
}

/** Everything the emulator knows. In memory only: a restart or a reset starts from the seed. */
export class EmulatorState {
  readonly shops = new Map<number, ShopRecord>();
  readonly clients = new Map<string, ClientRecord>();
  readonly pixels = new Map<string, PixelRecord>();
  readonly clicks = new Map<string, ClickRecord>();
  /** In receipt order. */
  readonly events = new Map<string, EventRecord>();
  /** `pixelId \n externalEventId` → the newest event with that external id on that pixel. */
  readonly eventsByExternalId = new Map<string, EventRecord>();
  #sequence = 0;

  nextSequence(): number {
    this.#sequence += 1;
    return this.#sequence;
  }

  clear(): void {
    this.shops.clear();
    this.clients.clear();
    this.pixels.clear();
    this.clicks.clear();
    this.events.clear();
    this.eventsByExternalId.clear();
    this.#sequence = 0;
  }

  /** Stores a new event and indexes it by external id. */
  addEvent(event: EventRecord): void {
    this.events.set(event.id, event);
    if (event.externalEventId !== undefined) {
      this.eventsByExternalId.set(externalKey(event.pixelId, event.externalEventId), event);
    }
  }

  findByExternalId(pixelId: string, externalEventId: string): EventRecord | undefined {
    return this.eventsByExternalId.get(externalKey(pixelId, externalEventId));
  }

  /** The events of one pixel, in receipt order. */
  eventsOfPixel(pixelId: string): EventRecord[] {
    const result: EventRecord[] = [];
    for (const event of this.events.values()) if (event.pixelId === pixelId) result.push(event);
    return result;
  }
}

function externalKey(pixelId: string, externalEventId: string): string {
  return `${pixelId}\n${externalEventId}`;
}
