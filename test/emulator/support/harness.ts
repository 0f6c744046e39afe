import { beforeEach } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '#emulator/app.ts';
import type { API_BASE_PATHS } from '#emulator/http/base-paths.ts';
import { SEED } from '#emulator/seed.ts';
import { expectConformance } from './conformance.ts';

export const ORIGIN = 'http://emulator.test';
/** The clock every test starts at: a Monday in summer time. */
export const START = Date.parse('2026-06-15T12:00:00Z');

export type Caller =
  | 'shopUser'
  | 'publisher'
  | 'admin'
  | 'otherShopUser'
  | 'anonymous'
  | { id: string; secret?: string };

const CREDENTIALS = {
  shopUser: SEED.shopUser,
  publisher: SEED.publisher,
  admin: SEED.admin,
  otherShopUser: SEED.otherShop.shopUser,
};

export interface CallOptions {
  /** Whose credentials to send; default the seeded shop_user. */
  as?: Caller;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, with `contentType` (default application/json). */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  base?: (typeof API_BASE_PATHS)[number];
}

/**
 * A parsed JSON body. API bodies have been held against the OpenAPI schema before a test reads
 * them, so the tests may read them freely.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; narrowing every assertion adds nothing.
export type JsonBody = any;

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Harness {
  emulator: Emulator;
  clock: { now: number };
  /** Calls the API and holds the answer against the OpenAPI document. */
  call<T = JsonBody>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  /** Calls an `/__emulator/*` control. */
  control<T = JsonBody>(method: string, path: string, body?: unknown): Promise<CallResult<T>>;
  /** A click issued through the controls, `time` defaulting to the clock. */
  click(options?: { shop_id?: number; url?: string; time?: string }): Promise<{
    id: string;
    signed_click_id: string;
    landing_url: string;
  }>;
}

export function credentialHeaders(caller: Caller): Record<string, string> {
  if (caller === 'anonymous') return {};
  const { id, secret } = typeof caller === 'string' ? CREDENTIALS[caller] : caller;
  return secret === undefined ? { 'client-id': id } : { 'client-id': id, 'client-secret': secret };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  return (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
}

/** A fresh emulator for every test, on a clock the test controls. */
export function useEmulator(options: Omit<EmulatorOptions, 'now'> = {}): Harness {
  const harness = {} as Harness;
  beforeEach(() => {
    const clock = { now: START };
    const emulator = createEmulator({ ...options, now: () => clock.now });
    harness.emulator = emulator;
    harness.clock = clock;
    harness.call = async (method, path, callOptions = {}) => {
      const headers = new Headers({
        ...credentialHeaders(callOptions.as ?? 'shopUser'),
        ...callOptions.headers,
      });
      let body: string | undefined;
      if (callOptions.body !== undefined || callOptions.rawBody !== undefined) {
        body = callOptions.rawBody ?? JSON.stringify(callOptions.body);
        headers.set('content-type', callOptions.contentType ?? 'application/json');
      }
      const base = callOptions.base ?? '';
      const response = await emulator.fetch(
        new Request(`${ORIGIN}${base}${path}`, {
          method,
          headers,
          ...(body !== undefined && { body }),
        }),
      );
      const parsed = await readBody(response);
      expectConformance(method, new URL(`${ORIGIN}${path}`).pathname, response, parsed);
      return { status: response.status, headers: response.headers, body: parsed as JsonBody };
    };
    harness.control = async (method, path, body) => {
      const response = await emulator.fetch(
        new Request(`${ORIGIN}/__emulator${path}`, {
          method,
          ...(body !== undefined && {
            body: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          }),
        }),
      );
      return {
        status: response.status,
        headers: response.headers,
        body: (await readBody(response)) as JsonBody,
      };
    };
    harness.click = async (clickOptions = {}) => {
      const result = await harness.control('POST', '/clicks', clickOptions);
      if (result.status !== 201)
        throw new Error(`click not issued: ${JSON.stringify(result.body)}`);
      return result.body;
    };
  });
  return harness;
}

export const PIXEL_PATH = `/pixels/${SEED.pixelId}`;
export const EVENTS_PATH = `${PIXEL_PATH}/events`;

/** A valid purchase on the seeded click, with `overrides` laid over it. */
export function purchase(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_name: 'purchase',
    event_time: '2026-06-15T11:00:00Z',
    external_event_id: 'order-1',
    data: { number_of_items: 2, currency: 'SEK', amount: 499.5 },
    signed_click_id: SEED.click.signedClickId,
    ...overrides,
  };
}
