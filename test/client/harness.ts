import { createEmulator, type EmulatorOptions } from '#emulator/app.ts';
import { SEED } from '#emulator/seed.ts';
import { OPERATIONS, type OperationId } from '#shared/api/operations.ts';
import type { CreateEventRequest } from '#shared/api/types.ts';
import { PrisjaktClient, type PrisjaktClientOptions } from '#shared/client/index.ts';

export { SEED };

/** The emulator answers on any host in-process; this one makes its URLs recognisable. */
export const ORIGIN = 'http://prisjakt.test';
/** The production base URL's shape: the API under a path prefix. */
export const PREFIXED_BASE_URL = `${ORIGIN}/click-conversion`;

/** A request as the emulator received it. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
}

/**
 * A fresh emulator in this process, and a `fetch` that hands requests to it while noting each
 * one, so tests can check which URLs the client asked for.
 */
export function startEmulator(options: EmulatorOptions = {}) {
  const emulator = createEmulator(options);
  const seen: SeenRequest[] = [];
  const fetchFromEmulator: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ method: request.method, url: new URL(request.url), headers: request.headers });
    return emulator.fetch(request);
  };

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await emulator.fetch(new Request(`${ORIGIN}/__emulator${path}`, init));
    const text = await response.text();
    if (!response.ok)
      throw new Error(`emulator control ${method} ${path}: ${response.status} ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  /** Counts of API requests since reset, per operation and status. */
  async function requestCounts(): Promise<Partial<Record<OperationId, Record<string, number>>>> {
    const counts = (await control('GET', '/requests')) as {
      by_operation: Partial<Record<OperationId, Record<string, number>>>;
    };
    return counts.by_operation;
  }

  return {
    emulator,
    control,
    seen,
    fetch: fetchFromEmulator,
    /** A client of the seeded shop user (shop_user + event_publisher) on the prefixed base URL. */
    client(overrides: Partial<PrisjaktClientOptions> = {}): PrisjaktClient {
      return new PrisjaktClient({
        baseUrl: PREFIXED_BASE_URL,
        clientId: SEED.shopUser.id,
        clientSecret: SEED.shopUser.secret,
        fetch: fetchFromEmulator,
        ...overrides,
      });
    },
    /** A click on the seeded shop, as if a shopper had clicked through at `time` (default now). */
    async click(
      time?: string,
    ): Promise<{ id: string; signed_click_id: string; landing_url: string }> {
      const body: Record<string, unknown> = { shop_id: SEED.shopId };
      if (time !== undefined) body.time = time;
      return (await control('POST', '/clicks', body)) as {
        id: string;
        signed_click_id: string;
        landing_url: string;
      };
    },
    /** Makes the next matching requests fail (see the emulator's faults control). */
    fault(fault: {
      status?: number;
      count?: number;
      delay_ms?: number;
      paths?: string[];
      drop?: true;
      reset_ms?: number;
    }): Promise<unknown> {
      return control('POST', '/faults', fault);
    },
    clearFaults(): Promise<unknown> {
      return control('DELETE', '/faults');
    },
    requestCounts,
    /** The number of requests the emulator saw for an operation, whatever their status. */
    async requestCount(operation: OperationId): Promise<number> {
      const byStatus = (await requestCounts())[operation] ?? {};
      return Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    },
    /** API requests (not controls) the client sent, in order. */
    apiRequests(): SeenRequest[] {
      return seen.filter((request) => !request.url.pathname.includes('/__emulator'));
    },
  };
}

export type Harness = ReturnType<typeof startEmulator>;

/** A valid purchase for a click; `n` makes the amount and external id distinct. */
export function purchase(signedClickId: string, n: number, eventTime?: string): CreateEventRequest {
  const event: CreateEventRequest = {
    event_name: 'purchase',
    external_event_id: `order-${n}`,
    data: { amount: 100 + n / 100, currency: 'SEK', number_of_items: 1 + (n % 5) },
    signed_click_id: signedClickId,
  };
  if (eventTime !== undefined) event.event_time = eventTime;
  return event;
}

/** Every operation id, so a test can prove each was called. */
export const ALL_OPERATIONS = Object.keys(OPERATIONS) as OperationId[];

/** Epoch ms → `UTCDateTime` with milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
