import type { Role } from './types.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

export interface Operation {
  method: HttpMethod;
  /** Path template under the API's base URL; `{name}` marks a path parameter. */
  path: string;
  /** Roles allowed; `'any'` means any authenticated client, `'none'` needs no credentials. */
  roles: readonly Role[] | 'any' | 'none';
  /** Whether `client-secret` must be sent. Where optional, a secret that is sent must be right. */
  secret: 'required' | 'optional' | 'none';
  /** The operation's title in Prisjakt's reference. */
  title: string;
}

/**
 * Every operation of the Click and Conversion API, with its path. Prisjakt's reference names
 * operations but not paths; only `POST /pixels/{pixel_id}/events` is confirmed, the rest follow
 * the reference's resource names. This is the one place to correct a path.
 */
export const OPERATIONS = {
  getClient: {
    method: 'GET',
    path: '/clients/{client_id}',
    roles: 'any',
    secret: 'required',
    title: 'Retrieve a client by ID',
  },
  getEvent: {
    method: 'GET',
    path: '/events/{event_id}',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Retrieve an event by ID',
  },
  createEvent: {
    method: 'POST',
    path: '/pixels/{pixel_id}/events',
    roles: ['shop_user', 'event_publisher'],
    secret: 'optional',
    title: 'Create a new event for a pixel',
  },
  createEvents: {
    method: 'POST',
    path: '/pixels/{pixel_id}/events/batch',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Create multiple events for a pixel',
  },
  listEvents: {
    method: 'GET',
    path: '/pixels/{pixel_id}/events',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Retrieve all events for a pixel',
  },
  getPixel: {
    method: 'GET',
    path: '/pixels/{pixel_id}',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Retrieve a pixel by ID',
  },
  updatePixel: {
    method: 'PATCH',
    path: '/pixels/{pixel_id}',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Update a pixel',
  },
  getPurchaseSummary: {
    method: 'GET',
    path: '/pixels/{pixel_id}/purchase-summary',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Retrieve the purchase summary for a pixel',
  },
  listConversions: {
    method: 'GET',
    path: '/pixels/{pixel_id}/conversions',
    roles: ['shop_user'],
    secret: 'required',
    title: 'getConversions',
  },
  createClient: {
    method: 'POST',
    path: '/shops/{shop_id}/clients',
    roles: ['admin'],
    secret: 'required',
    title: 'Create a new client for a shop',
  },
  createPixel: {
    method: 'POST',
    path: '/shops/{shop_id}/pixels',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Create a new pixel for a shop',
  },
  listPixels: {
    method: 'GET',
    path: '/shops/{shop_id}/pixels',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Retrieve all pixels for a shop',
  },
  getShop: {
    method: 'GET',
    path: '/shops/{shop_id}',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Retrieve a shop by ID',
  },
  getClick: {
    method: 'GET',
    path: '/clicks/{click_id}',
    roles: ['shop_user'],
    secret: 'required',
    title: 'Retrieve a click by ID',
  },
  health: { method: 'GET', path: '/health', roles: 'none', secret: 'none', title: 'Health' },
  openApi: {
    method: 'GET',
    path: '/docs/openapi.json',
    roles: 'none',
    secret: 'none',
    title: 'OpenAPI document',
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof OPERATIONS;

/**
 * Fills a path template: `expandPath('/pixels/{pixel_id}', { pixel_id: 'x' })` → `/pixels/x`.
 * Values are URI-encoded.
 */
export function expandPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** The same template in Hono's route syntax (`/pixels/:pixel_id`). */
export function honoPath(template: string): string {
  return template.replace(/\{(\w+)\}/g, ':$1');
}
