import { describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { type CallResult, EVENTS_PATH, ORIGIN, purchase, useEmulator } from './support/harness.ts';

const api = useEmulator();
const FROM = '2026-06-01T00:00:00Z';
const TO = '2026-06-15T12:00:00Z';
const RANGE = `from=${FROM}&to=${TO}`;

/** Stores `count` events, one a minute from 2026-06-10T00:00Z, through batches of 100. */
async function storeEvents(count: number): Promise<void> {
  const start = Date.parse('2026-06-10T00:00:00Z');
  for (let first = 0; first < count; first += 100) {
    const body = Array.from({ length: Math.min(100, count - first) }, (_, i) =>
      purchase({
        external_event_id: `order-${first + i}`,
        event_time: new Date(start + (first + i) * 60_000).toISOString(),
      }),
    );
    expect((await api.call('POST', `${EVENTS_PATH}/batch`, { body })).status).toBe(200);
  }
}

describe('list the events of a pixel', () => {
  it('pages 250 events by 100, newest first, with the exact Link header on every page', async () => {
    await storeEvents(250);
    const url = (page: number) =>
      `<${ORIGIN}${EVENTS_PATH}?from=2026-06-01T00%3A00%3A00Z&to=2026-06-15T12%3A00%3A00Z&per_page=100&page=${page}>`;
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      pages.push(await api.call('GET', `${EVENTS_PATH}?${RANGE}&per_page=100&page=${page}`));
    }
    const [first, second, third, beyond] = pages;
    expect(first?.headers.get('link')).toBe(
      `${url(1)}; rel="first", ${url(2)}; rel="next", ${url(3)}; rel="last"`,
    );
    expect(second?.headers.get('link')).toBe(
      `${url(1)}; rel="first", ${url(1)}; rel="prev", ${url(3)}; rel="next", ${url(3)}; rel="last"`,
    );
    expect(third?.headers.get('link')).toBe(
      `${url(1)}; rel="first", ${url(2)}; rel="prev", ${url(3)}; rel="last"`,
    );
    expect(beyond?.headers.get('link')).toBe(
      `${url(1)}; rel="first", ${url(3)}; rel="prev", ${url(3)}; rel="last"`,
    );
    expect(pages.map((page) => page.body.length)).toEqual([100, 100, 50, 0]);
    const ids = pages.flatMap((page) =>
      page.body.map((event: { external_event_id: string }) => event.external_event_id),
    );
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => `order-${249 - i}`));
  });

  it('follows its own next links to the end', async () => {
    await storeEvents(25);
    let path: string | undefined = `${EVENTS_PATH}?${RANGE}&per_page=10`;
    const seen: string[] = [];
    while (path) {
      const response: CallResult<{ id: string }[]> = await api.call('GET', path);
      seen.push(...response.body.map((event) => event.id));
      const next: string | undefined = /<([^>]+)>; rel="next"/.exec(
        response.headers.get('link') ?? '',
      )?.[1];
      path = next?.slice(ORIGIN.length);
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('omits Link when everything fits on one page, and defaults to page 1 of 100', async () => {
    await storeEvents(100);
    const response = await api.call('GET', `${EVENTS_PATH}?${RANGE}`);
    expect(response.body).toHaveLength(100);
    expect(response.headers.has('link')).toBe(false);
    const empty = await api.call(
      'GET',
      `${EVENTS_PATH}?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`,
    );
    expect(empty.body).toEqual([]);
    expect(empty.headers.has('link')).toBe(false);
  });

  it('keeps the base prefix in Link under /click-conversion', async () => {
    await storeEvents(3);
    const response = await api.call('GET', `${EVENTS_PATH}?${RANGE}&per_page=2`, {
      base: '/click-conversion',
    });
    expect(response.headers.get('link')).toContain(`<${ORIGIN}/click-conversion${EVENTS_PATH}?`);
  });

  it('includes both ends of [from, to] and nothing outside', async () => {
    const times = [
      '2026-05-31T23:59:59Z',
      FROM,
      '2026-06-10T00:00:00Z',
      TO,
      '2026-06-15T12:00:01Z',
    ];
    const body = times.map((time, i) => purchase({ event_time: time, external_event_id: `t${i}` }));
    await api.call('POST', `${EVENTS_PATH}/batch`, { body });
    const response = await api.call('GET', `${EVENTS_PATH}?${RANGE}`);
    expect(response.body.map((event: { event_time: string }) => event.event_time)).toEqual([
      TO,
      '2026-06-10T00:00:00Z',
      FROM,
    ]);
  });

  it('orders equal event times by receipt, newest first', async () => {
    const body = ['a', 'b', 'c'].map((id) => purchase({ external_event_id: id }));
    await api.call('POST', `${EVENTS_PATH}/batch`, { body });
    const response = await api.call('GET', `${EVENTS_PATH}?${RANGE}`);
    expect(
      response.body.map((event: { external_event_id: string }) => event.external_event_id),
    ).toEqual(['c', 'b', 'a']);
  });

  it("lists only this pixel's events", async () => {
    const pixel = await api.call('POST', `/shops/${SEED.shopId}/pixels`);
    await api.call('POST', `/pixels/${pixel.body.id}/events`, { body: purchase() });
    expect((await api.call('GET', `${EVENTS_PATH}?${RANGE}`)).body).toEqual([]);
  });
});

describe('list the events of a pixel: query validation', () => {
  it.each([
    ['no from', `to=${TO}`, ['from']],
    ['no to', `from=${FROM}`, ['to']],
    ['neither', '', ['from', 'to']],
    ['a from without Z', `from=2026-06-01T00:00:00&to=${TO}`, ['from']],
    ['a date only', `from=2026-06-01&to=${TO}`, ['from']],
    ['from after to', `from=${TO}&to=${FROM}`, ['from']],
    ['a 61-day window', 'from=2026-04-15T00:00:00Z&to=2026-06-15T00:00:00Z', ['to']],
    ['60 days and a second', 'from=2026-04-16T00:00:00Z&to=2026-06-15T00:00:01Z', ['to']],
    ['per_page 0', `${RANGE}&per_page=0`, ['per_page']],
    ['per_page 101', `${RANGE}&per_page=101`, ['per_page']],
    ['per_page 1.5', `${RANGE}&per_page=1.5`, ['per_page']],
    ['page 0', `${RANGE}&page=0`, ['page']],
    ['page -1', `${RANGE}&page=-1`, ['page']],
    ['page abc', `${RANGE}&page=abc`, ['page']],
    ['everything wrong', 'from=x&to=y&page=0&per_page=101', ['from', 'page', 'per_page', 'to']],
  ])('refuses %s with 400 naming the fields', async (_, query, fields) => {
    const response = await api.call('GET', `${EVENTS_PATH}?${query}`);
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors).sort()).toEqual(fields);
  });

  it('takes a window of exactly 60 days, per_page 1 and 100, and from equal to to', async () => {
    for (const query of [
      'from=2026-04-16T00:00:00Z&to=2026-06-15T00:00:00Z',
      `${RANGE}&per_page=1`,
      `${RANGE}&per_page=100`,
      `from=${FROM}&to=${FROM}`,
    ]) {
      expect((await api.call('GET', `${EVENTS_PATH}?${query}`)).status, query).toBe(200);
    }
  });
});
