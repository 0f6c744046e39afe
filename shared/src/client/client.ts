import { expandPath, OPERATIONS, type OperationId } from '../api/operations.ts';
import type {
  Click,
  Client,
  Conversion,
  CreatableRole,
  CreatedClient,
  CreateEventRequest,
  DateRange,
  PageQuery,
  Pixel,
  PurchaseSummary,
  Shop,
  StoredEvent,
} from '../api/types.ts';
import { isPlainObject } from '../json-object.ts';
import { splitDateRange } from './date-windows.ts';
import { iterateWindows, type RangedList } from './iterate.ts';
import { type PrisjaktClientOptions, resolveOptions } from './options.ts';
import { type FetchedPage, type Page, readPage, unexpectedBody } from './page.ts';
import type { RateLimitState } from './rate-limit.ts';
import { type ApiResponse, Transport } from './transport.ts';

/** A date range to iterate, of any length, with the page size to ask for (default 100). */
export type IterationRange = DateRange & { perPage?: number };

type PathParams = Record<string, string | number>;
type Query = Record<string, string | number | undefined>;

/**
 * A typed client for Prisjakt's Click and Conversion API: one method per operation, paths from
 * the operations table, problem details turned into {@link PrisjaktApiError}, 429s waited out.
 * Runs on Web APIs only (fetch, URL, AbortController, timers): Cloudflare Workers and Node 20+.
 *
 * @example
 * const prisjakt = new PrisjaktClient({
 *   baseUrl: 'https://api.pj.nu/click-conversion',
 *   clientId: env.PJ_CLIENT_ID,
 *   clientSecret: env.PJ_CLIENT_SECRET,
 * });
 * const stored = await prisjakt.createEvent(pixelId, {
 *   event_name: 'purchase',
 *   external_event_id: 'order-1001',
 *   data: { amount: 122.95, currency: 'EUR', number_of_items: 4 },
 *   signed_click_id: pjclid,
 * });
 */
export class PrisjaktClient {
  readonly #transport: Transport;

  /** @throws TypeError or RangeError when an option cannot work (the message names it). */
  constructor(options: PrisjaktClientOptions) {
    this.#transport = new Transport(resolveOptions(options));
  }

  /** The `X-RateLimit-*` headers of the last response that carried them. */
  get rateLimit(): RateLimitState | undefined {
    return this.#transport.rateLimit;
  }

  /** *Retrieve a client by ID*. */
  getClient(clientId: string): Promise<Client> {
    return this.#object('getClient', { client_id: clientId });
  }

  /** *Retrieve an event by ID*. */
  getEvent(eventId: string): Promise<StoredEvent> {
    return this.#object('getEvent', { event_id: eventId });
  }

  /**
   * *Create a new event for a pixel* (201). A reused `external_event_id` within 30 days fails
   * with a 409 {@link PrisjaktApiError}.
   */
  createEvent(pixelId: string, event: CreateEventRequest): Promise<StoredEvent> {
    return this.#object('createEvent', { pixel_id: pixelId }, {}, event);
  }

  /**
   * *Create multiple events for a pixel*: 1..100 events, upserted by `external_event_id`. One
   * invalid event fails the whole batch (400, field errors keyed like `[3].data.currency`).
   */
  createEvents(pixelId: string, events: CreateEventRequest[]): Promise<StoredEvent[]> {
    return this.#array('createEvents', { pixel_id: pixelId }, {}, events);
  }

  /** One page of *Retrieve all events for a pixel*; the range may span at most 60 days. */
  listEvents(pixelId: string, query: PageQuery): Promise<Page<StoredEvent>> {
    return this.#firstPage<StoredEvent>('listEvents', pixelId, query).then(publicPage);
  }

  /**
   * Every event of a pixel in a date range of any length, newest first, each exactly once.
   * Ranges over 60 days are read in 60-day windows; `next` links are followed; events that
   * arrive meanwhile and shift the pages cause no repeats.
   *
   * @throws RangeError at once when `from`/`to` are not UTC ISO 8601 or `from` is after `to`.
   * @example for await (const event of prisjakt.iterateEvents(pixelId, { from, to })) { … }
   */
  iterateEvents(pixelId: string, range: IterationRange): AsyncIterable<StoredEvent> {
    return this.#iterate('listEvents', pixelId, range, (event) => event.id);
  }

  /** *Retrieve a pixel by ID*. */
  getPixel(pixelId: string): Promise<Pixel> {
    return this.#object('getPixel', { pixel_id: pixelId });
  }

  /** *Update a pixel*: a disabled pixel refuses new events. */
  updatePixel(pixelId: string, update: { enabled: boolean }): Promise<Pixel> {
    return this.#object('updatePixel', { pixel_id: pixelId }, {}, { enabled: update.enabled });
  }

  /** *Retrieve the purchase summary for a pixel*; the range may span at most 60 days. */
  getPurchaseSummary(pixelId: string, range: DateRange): Promise<PurchaseSummary> {
    return this.#object(
      'getPurchaseSummary',
      { pixel_id: pixelId },
      { from: range.from, to: range.to },
    );
  }

  /** One page of *getConversions*; the range may span at most 60 days. */
  listConversions(pixelId: string, query: PageQuery): Promise<Page<Conversion>> {
    return this.#firstPage<Conversion>('listConversions', pixelId, query).then(publicPage);
  }

  /** Every conversion of a pixel in a date range of any length; see {@link iterateEvents}. */
  iterateConversions(pixelId: string, range: IterationRange): AsyncIterable<Conversion> {
    return this.#iterate('listConversions', pixelId, range, (conversion) =>
      // A conversion is one purchase event; its id is the event's.
      typeof conversion.purchase?.id === 'string'
        ? conversion.purchase.id
        : JSON.stringify(conversion),
    );
  }

  /** *Create a new client for a shop* (admin only). The answer holds the new client's secret. */
  createClient(shopId: number, roles: CreatableRole[]): Promise<CreatedClient> {
    return this.#object('createClient', { shop_id: shopId }, {}, { roles });
  }

  /** *Create a new pixel for a shop*. */
  createPixel(shopId: number): Promise<Pixel> {
    return this.#object('createPixel', { shop_id: shopId });
  }

  /** *Retrieve all pixels for a shop*. */
  listPixels(shopId: number): Promise<Pixel[]> {
    return this.#array('listPixels', { shop_id: shopId });
  }

  /** *Retrieve a shop by ID*. */
  getShop(shopId: number): Promise<Shop> {
    return this.#object('getShop', { shop_id: shopId });
  }

  /** *Retrieve a click by ID*: the click's UUID, without the signature. */
  getClick(clickId: string): Promise<Click> {
    return this.#object('getClick', { click_id: clickId });
  }

  /** The API's health check; sends no credentials. Returns its body as JSON or text. */
  async health(): Promise<unknown> {
    return (await this.#send('health', {})).body;
  }

  /** The API's OpenAPI document; sends no credentials. */
  async openApi(): Promise<unknown> {
    return (await this.#send('openApi', {})).body;
  }

  #send(
    operation: OperationId,
    params: PathParams,
    query: Query = {},
    body?: unknown,
  ): Promise<ApiResponse> {
    const url = this.#transport.url(expandPath(OPERATIONS[operation].path, checked(params)), query);
    return this.#transport.send(body === undefined ? { operation, url } : { operation, url, body });
  }

  async #object<T>(
    operation: OperationId,
    params: PathParams,
    query?: Query,
    body?: unknown,
  ): Promise<T> {
    const response = await this.#send(operation, params, query, body);
    if (!isPlainObject(response.body))
      throw unexpectedBody(operation, response.status, 'an object');
    return response.body as T;
  }

  async #array<T>(
    operation: OperationId,
    params: PathParams,
    query?: Query,
    body?: unknown,
  ): Promise<T[]> {
    const response = await this.#send(operation, params, query, body);
    if (!Array.isArray(response.body)) throw unexpectedBody(operation, response.status, 'an array');
    return response.body as T[];
  }

  async #firstPage<T>(
    operation: 'listEvents' | 'listConversions',
    pixelId: string,
    query: PageQuery,
  ): Promise<FetchedPage<T>> {
    const response = await this.#send(
      operation,
      { pixel_id: pixelId },
      { from: query.from, to: query.to, page: query.page, per_page: query.per_page },
    );
    return readPage<T>(operation, response);
  }

  #iterate<T>(
    operation: 'listEvents' | 'listConversions',
    pixelId: string,
    range: IterationRange,
    idOf: (item: T) => string,
  ): AsyncIterable<T> {
    // Split now, so a bad range throws where the iteration is set up, not at its first step.
    const windows = splitDateRange(range);
    checked({ pixel_id: pixelId });
    const perPage = range.perPage;
    const transport = this.#transport;
    const list: RangedList<T> = {
      operation,
      first: (window) =>
        this.#firstPage<T>(operation, pixelId, {
          ...window,
          ...(perPage === undefined ? {} : { per_page: perPage }),
        }),
      follow: async (url) => readPage<T>(operation, await transport.send({ operation, url })),
      isApiUrl: (url) => transport.isApiUrl(url),
      idOf,
    };
    return { [Symbol.asyncIterator]: () => iterateWindows(windows, list) };
  }
}

/**
 * Path parameters must name a resource: an empty value, `.` or `..` would make the URL point
 * somewhere else (WHATWG URL resolves dot segments even when percent-encoded).
 */
function checked(params: PathParams): PathParams {
  for (const [name, value] of Object.entries(params)) {
    const text = String(value);
    if (text === '' || /^(\.|%2e){1,2}$/i.test(text)) {
      throw new TypeError(`${name} must name a resource, got ${JSON.stringify(value)}`);
    }
  }
  return params;
}

function publicPage<T>(page: FetchedPage<T>): Page<T> {
  return { items: page.items, page: page.page, perPage: page.perPage, links: page.links };
}
