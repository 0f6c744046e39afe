import { expandPath, OPERATIONS } from '#shared/api/operations.ts';
import type { StoredEvent } from '#shared/api/types.ts';
import { LIMITS } from '#shared/limits.ts';
import { BENCH_PIXEL_ID } from './bench-env.ts';

/** How many API requests the consumer made while the responder answered, by operation. */
export interface UpstreamCounts {
  createEvent: number;
  createEvents: number;
}

const STORED_EVENT: StoredEvent = {
  id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  click_id: '239cd31f-9d43-4cb4-b8dc-2057fe18c289',
  external_event_id: 'order-1',
  event_name: 'purchase',
  event_time: '2026-11-26T10:00:00.123Z',
  data: { number_of_items: 4, currency: 'EUR', amount: 122.95 },
};

/**
 * Stands in for the network during the consumer's CPU benchmark: answers *Create a new event*
 * with 201 and *Create multiple events* with 200, in the API's shape and with its rate-limit
 * headers, from text prepared once. On Workers the wait for the API is not CPU time, and the
 * API's own work is not the collector's, so neither belongs in the figure; the delivery
 * benchmark measures the real round trip against the emulator.
 *
 * @returns the counts, and a function that puts the real `fetch` back.
 */
export function answerUpstreamInProcess(): { counts: UpstreamCounts; restore: () => void } {
  const counts: UpstreamCounts = { createEvent: 0, createEvents: 0 };
  const singlePath = expandPath(OPERATIONS.createEvent.path, { pixel_id: BENCH_PIXEL_ID });
  const batchPath = expandPath(OPERATIONS.createEvents.path, { pixel_id: BENCH_PIXEL_ID });
  const singleBody = JSON.stringify(STORED_EVENT);
  const batchBodies = new Map<number, string>();
  const headers = {
    'Content-Type': 'application/json',
    'X-RateLimit-Limit': '10000',
    'X-RateLimit-Remaining': '9999',
    'X-RateLimit-Reset': '3600000',
  };

  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (init?.method === 'POST' && url.pathname.endsWith(batchPath)) {
      counts.createEvents += 1;
      // The batch answer lists as many events as were sent; its size is read from the body
      // without parsing it, which would be the API's work, not the collector's.
      const size = countEvents(init.body);
      let body = batchBodies.get(size);
      if (body === undefined) {
        body = JSON.stringify(Array.from({ length: size }, () => STORED_EVENT));
        batchBodies.set(size, body);
      }
      return new Response(body, { status: 200, headers });
    }
    if (init?.method === 'POST' && url.pathname.endsWith(singlePath)) {
      counts.createEvent += 1;
      return new Response(singleBody, { status: 201, headers });
    }
    throw new TypeError(`the benchmark does not answer ${init?.method ?? 'GET'} ${url.pathname}`);
  };
  return {
    counts,
    restore: () => {
      globalThis.fetch = realFetch;
    },
  };
}

function countEvents(body: BodyInit | null | undefined): number {
  if (typeof body !== 'string') return 1;
  const count = body.split('"event_name"').length - 1;
  return Math.min(Math.max(count, 1), LIMITS.batchMax);
}
