import { describe, expect, it } from 'vitest';
import type { Conversion, CreateEventRequest } from '#shared/api/types.ts';
import { DAY_MS } from '#shared/limits.ts';
import { iso, purchase, SEED, startEmulator } from './harness.ts';

const HOUR_MS = 3_600_000;

describe('iterateConversions', () => {
  it('reads every conversion of a range over 60 days once, newest first', async () => {
    const h = startEmulator();
    const to = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - DAY_MS;
    const from = to - 130 * DAY_MS;
    const client = h.client();
    const expectedIds: string[] = [];
    let n = 0;
    // A click every 5 days, each followed by two purchases: an hour and two days later.
    for (let clickAt = from - 3 * DAY_MS; clickAt < to; clickAt += 5 * DAY_MS) {
      const click = await h.click(iso(clickAt));
      const events: CreateEventRequest[] = [HOUR_MS, 2 * DAY_MS].map((delay) =>
        purchase(click.signed_click_id, n++, iso(Math.min(clickAt + delay, to + HOUR_MS))),
      );
      for (const stored of await client.createEvents(SEED.pixelId, events)) {
        const ms = Date.parse(stored.event_time);
        if (ms >= from && ms <= to) expectedIds.push(stored.id);
      }
    }
    expect(expectedIds.length).toBeGreaterThan(40);

    const conversions: Conversion[] = [];
    for await (const conversion of client.iterateConversions(SEED.pixelId, {
      from: iso(from),
      to: iso(to),
      perPage: 7,
    })) {
      conversions.push(conversion);
    }
    const ids = conversions.map((conversion) => conversion.purchase.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(expectedIds));
    const times = conversions.map((conversion) => Date.parse(conversion.purchase.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(conversions[0]?.forwarding.url).toBe(SEED.click.url);

    const windows = new Set(
      h
        .apiRequests()
        .filter((request) => request.url.pathname.endsWith('/conversions'))
        .map(
          (request) =>
            `${request.url.searchParams.get('from')}..${request.url.searchParams.get('to')}`,
        ),
    );
    expect(windows.size).toBe(3);
  });
});
