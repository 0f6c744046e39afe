import { describe, expect, it } from 'vitest';
import type { CreateEventRequest, StoredEvent } from '#shared/api/types.ts';
import { PrisjaktApiError } from '#shared/client/index.ts';
import { DAY_MS } from '#shared/limits.ts';
import { type Harness, iso, PREFIXED_BASE_URL, purchase, SEED, startEmulator } from './harness.ts';

const EVENTS_PATH = `/click-conversion/pixels/${SEED.pixelId}/events`;

/** A fixed hour in the past, so every event time is accepted and windows are predictable. */
function anchor(): number {
  return Math.floor(Date.now() / 3_600_000) * 3_600_000 - DAY_MS;
}

/** Stores purchases at the given times, 100 per batch; returns the stored events. */
async function store(h: Harness, times: number[], firstNumber = 0): Promise<StoredEvent[]> {
  const click = await h.click();
  const client = h.client();
  const stored: StoredEvent[] = [];
  for (let start = 0; start < times.length; start += 100) {
    const batch: CreateEventRequest[] = times
      .slice(start, start + 100)
      .map((ms, index) => purchase(click.signed_click_id, firstNumber + start + index, iso(ms)));
    stored.push(...(await client.createEvents(SEED.pixelId, batch)));
  }
  return stored;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The list requests the client sent, with their range and page. */
function listRequests(h: Harness) {
  return h
    .apiRequests()
    .filter((request) => request.url.pathname === EVENTS_PATH && request.method === 'GET')
    .map((request) => ({
      from: request.url.searchParams.get('from') ?? '',
      to: request.url.searchParams.get('to') ?? '',
      page: request.url.searchParams.get('page'),
      href: request.url.href,
    }));
}

describe('iterateEvents over a range longer than 60 days', () => {
  it('reads ≤60-day windows newest first, following links, each event once, none lost at the edges', async () => {
    const h = startEmulator();
    const to = anchor();
    const from = to - 150 * DAY_MS;
    const boundaries = [to - 60 * DAY_MS, to - 120 * DAY_MS];
    const inside = [
      to,
      from,
      ...boundaries.flatMap((b) => [b - 1000, b - 1, b, b + 1, b + 1000]),
      // Spread over the range, some sharing a time, so ties are crossed by pages too.
      ...Array.from(
        { length: 120 },
        (_, i) => from + Math.floor((i * (to - from)) / 119 / 1000) * 1000,
      ),
    ];
    const outside = [from - 1, to + 1, from - DAY_MS];
    const stored = await store(h, [...inside, ...outside]);
    const expected = stored.filter((event) => {
      const ms = Date.parse(event.event_time);
      return ms >= from && ms <= to;
    });
    expect(expected).toHaveLength(inside.length);

    const events = await collect(
      h.client().iterateEvents(SEED.pixelId, { from: iso(from), to: iso(to), perPage: 9 }),
    );

    const ids = events.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(expected.map((event) => event.id)));
    const times = events.map((event) => Date.parse(event.event_time));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const requests = listRequests(h);
    const firstPages = requests.filter((request) => request.page === null);
    expect(firstPages.map(({ from, to }) => ({ from, to }))).toEqual([
      { from: iso(to - 60 * DAY_MS), to: iso(to) },
      { from: iso(to - 120 * DAY_MS), to: iso(to - 60 * DAY_MS) },
      { from: iso(from), to: iso(to - 120 * DAY_MS) },
    ]);
    for (const request of requests) {
      expect(Date.parse(request.to) - Date.parse(request.from)).toBeLessThanOrEqual(60 * DAY_MS);
      expect(request.href.startsWith(`${PREFIXED_BASE_URL}/pixels/`)).toBe(true);
    }
    // Later pages are the emulator's own `next` links, prefix included.
    const followed = requests.filter((request) => request.page !== null);
    expect(followed.length).toBeGreaterThan(10);
    expect(followed.every((request) => Number(request.page) >= 2)).toBe(true);
  });

  it('stays correct while events arrive between pages: no repeats, nothing lost', async () => {
    const h = startEmulator();
    const to = anchor();
    const from = to - 10 * DAY_MS;
    const original = await store(
      h,
      Array.from({ length: 45 }, (_, i) => from + i * 4 * 3_600_000),
    );
    let fetchedItems = 0;
    const counting: typeof fetch = async (input, init) => {
      const response = await h.fetch(input, init);
      if (new URL(String(input)).pathname === EVENTS_PATH && response.ok) {
        fetchedItems += ((await response.clone().json()) as unknown[]).length;
      }
      return response;
    };

    const seen: StoredEvent[] = [];
    let added = 0;
    for await (const event of h
      .client({ fetch: counting })
      .iterateEvents(SEED.pixelId, { from: iso(from), to: iso(to), perPage: 10 })) {
      seen.push(event);
      if (seen.length % 10 === 0) {
        // Newer than everything listed so far (pushing every page down), and one in the middle.
        added += 1;
        await store(
          h,
          [to - added * 1000, from + 20 * 4 * 3_600_000 + added * 1000],
          1000 + 2 * added,
        );
      }
    }

    const ids = seen.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const event of original) expect(ids).toContain(event.id);
    // The pages did shift: more items came over the wire than were yielded.
    expect(fetchedItems).toBeGreaterThan(ids.length);
  });

  it('follows a relative next link against the request URL, prefix kept', async () => {
    const h = startEmulator();
    const to = anchor();
    await store(
      h,
      Array.from({ length: 5 }, (_, i) => to - i * 1000),
    );
    const relative: typeof fetch = async (input, init) => {
      const response = await h.fetch(input, init);
      const link = response.headers.get('link');
      if (!link) return response;
      const headers = new Headers(response.headers);
      headers.set(
        'link',
        link.replaceAll(
          'http://prisjakt.test/click-conversion/pixels/',
          '/click-conversion/pixels/',
        ),
      );
      return new Response(response.body, { status: response.status, headers });
    };
    const events = await collect(
      h
        .client({ fetch: relative })
        .iterateEvents(SEED.pixelId, { from: iso(to - DAY_MS), to: iso(to), perPage: 2 }),
    );
    expect(events).toHaveLength(5);
    expect(listRequests(h).map((request) => request.page)).toEqual([null, '2', '3']);
  });

  it('refuses a next link to another origin rather than send credentials there', async () => {
    const h = startEmulator();
    const to = anchor();
    await store(h, [to, to - 1000, to - 2000]);
    const hijacked: typeof fetch = async (input, init) => {
      const response = await h.fetch(input, init);
      const link = response.headers.get('link');
      if (!link) return response;
      const headers = new Headers(response.headers);
      headers.set('link', link.replaceAll('http://prisjakt.test', 'https://attacker.test'));
      return new Response(response.body, { status: response.status, headers });
    };
    const seen: StoredEvent[] = [];
    const iteration = (async () => {
      for await (const event of h
        .client({ fetch: hijacked })
        .iterateEvents(SEED.pixelId, { from: iso(to - DAY_MS), to: iso(to), perPage: 2 })) {
        seen.push(event);
      }
    })();
    await expect(iteration).rejects.toMatchObject({
      name: 'PrisjaktApiError',
      title: 'Invalid pagination link',
      operation: 'listEvents',
    });
    expect(seen).toHaveLength(2);
    expect(h.apiRequests().every((request) => request.url.hostname === 'prisjakt.test')).toBe(true);
  });

  it('retries a page that met a 429 and carries on', async () => {
    const h = startEmulator();
    const to = anchor();
    await store(
      h,
      Array.from({ length: 7 }, (_, i) => to - i * 1000),
    );
    const client = h.client();
    const iterator = client
      .iterateEvents(SEED.pixelId, { from: iso(to - DAY_MS), to: iso(to), perPage: 3 })
      [Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    await h.fault({ status: 429, count: 1, reset_ms: 20, paths: ['/pixels/'] });
    const rest: StoredEvent[] = [];
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      rest.push(step.value);
    }
    expect(rest).toHaveLength(6);
    expect((await h.requestCounts()).listEvents).toEqual({ '200': 3, '429': 1 });
  });

  it('throws a failing page as PrisjaktApiError after yielding the pages before it', async () => {
    const h = startEmulator();
    const to = anchor();
    await store(
      h,
      Array.from({ length: 6 }, (_, i) => to - i * 1000),
    );
    const seen: StoredEvent[] = [];
    const iteration = (async () => {
      for await (const event of h
        .client()
        .iterateEvents(SEED.pixelId, { from: iso(to - DAY_MS), to: iso(to), perPage: 3 })) {
        seen.push(event);
        if (seen.length === 3) await h.fault({ status: 503, count: 1 });
      }
    })();
    await expect(iteration).rejects.toBeInstanceOf(PrisjaktApiError);
    await expect(iteration).rejects.toMatchObject({ status: 503, retryable: true });
    expect(seen).toHaveLength(3);
  });

  it('stops requesting when the consumer stops', async () => {
    const h = startEmulator();
    const to = anchor();
    await store(
      h,
      Array.from({ length: 20 }, (_, i) => to - i * 1000),
    );
    let count = 0;
    for await (const _ of h
      .client()
      .iterateEvents(SEED.pixelId, { from: iso(to - DAY_MS), to: iso(to), perPage: 4 })) {
      count += 1;
      if (count === 5) break;
    }
    expect(listRequests(h)).toHaveLength(2);
  });

  it('yields nothing for an empty range, and rejects a bad one before any request', async () => {
    const h = startEmulator();
    const to = anchor();
    const client = h.client();
    expect(
      await collect(client.iterateEvents(SEED.pixelId, { from: iso(to - DAY_MS), to: iso(to) })),
    ).toEqual([]);
    expect(() => client.iterateEvents(SEED.pixelId, { from: iso(to), to: iso(to - 1) })).toThrow(
      RangeError,
    );
    expect(() => client.iterateEvents(SEED.pixelId, { from: 'yesterday', to: iso(to) })).toThrow(
      /from must be a UTC ISO 8601/,
    );
    expect(listRequests(h)).toHaveLength(1);
  });
});
