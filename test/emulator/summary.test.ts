import { describe, expect, it } from 'vitest';
import { EVENTS_PATH, PIXEL_PATH, purchase, useEmulator } from './support/harness.ts';

const api = useEmulator();
const SUMMARY_PATH = `${PIXEL_PATH}/purchase-summary`;

async function store(events: [time: string, amount: number, currency: string][]): Promise<void> {
  const body = events.map(([time, amount, currency], i) =>
    purchase({ event_time: time, external_event_id: `s${i}`, data: { amount, currency } }),
  );
  expect((await api.call('POST', `${EVENTS_PATH}/batch`, { body })).status).toBe(200);
}

function perDay(response: {
  body: {
    per_day: { date: string; currency: string; total_amount: number; number_of_events: number }[];
  };
}) {
  return response.body.per_day.map((day) => [
    day.date,
    day.currency,
    day.total_amount,
    day.number_of_events,
  ]);
}

describe('purchase summary', () => {
  it('puts a purchase at 23:30 UTC on the last Saturday of March on the Sunday in Stockholm', async () => {
    await store([
      ['2026-03-28T22:59:59Z', 1, 'SEK'], // 23:59:59 CET, Saturday
      ['2026-03-28T23:30:00Z', 2, 'SEK'], // 00:30 CET, Sunday 29 March
      ['2026-03-29T00:30:00Z', 4, 'SEK'], // 01:30 CET, before the switch at 02:00 CET
      ['2026-03-29T01:30:00Z', 8, 'SEK'], // 03:30 CEST, after it
      ['2026-03-29T21:59:59Z', 16, 'SEK'], // 23:59:59 CEST, still Sunday
      ['2026-03-29T22:30:00Z', 32, 'SEK'], // 00:30 CEST, Monday 30 March
    ]);
    const response = await api.call(
      'GET',
      `${SUMMARY_PATH}?from=2026-03-27T00:00:00Z&to=2026-04-05T00:00:00Z`,
    );
    expect(response.status).toBe(200);
    expect(perDay(response)).toEqual([
      ['2026-03-28', 'SEK', 1, 1],
      ['2026-03-29', 'SEK', 30, 4],
      ['2026-03-30', 'SEK', 32, 1],
    ]);
    expect(
      response.body.per_day.every(
        (day: { time_zone: string }) => day.time_zone === 'Europe/Stockholm',
      ),
    ).toBe(true);
  });

  it('moves the day boundary back when summer time ends in October', async () => {
    api.clock.now = Date.parse('2026-11-01T12:00:00Z');
    await store([
      ['2026-10-24T21:59:59Z', 1, 'EUR'], // 23:59:59 CEST, Saturday 24
      ['2026-10-24T22:30:00Z', 2, 'EUR'], // 00:30 CEST, Sunday 25
      ['2026-10-25T22:30:00Z', 4, 'EUR'], // 23:30 CET, still Sunday 25
      ['2026-10-25T23:00:00Z', 8, 'EUR'], // 00:00 CET, Monday 26
    ]);
    const response = await api.call(
      'GET',
      `${SUMMARY_PATH}?from=2026-10-20T00:00:00Z&to=2026-10-31T00:00:00Z`,
    );
    expect(perDay(response)).toEqual([
      ['2026-10-24', 'EUR', 1, 1],
      ['2026-10-25', 'EUR', 6, 2],
      ['2026-10-26', 'EUR', 8, 1],
    ]);
  });

  it('sums exactly to the cent, per currency and per day', async () => {
    await store([
      ['2026-06-10T10:00:00Z', 0.1, 'SEK'],
      ['2026-06-10T11:00:00Z', 0.2, 'SEK'],
      ['2026-06-10T12:00:00Z', 33.33, 'EUR'],
      ['2026-06-10T13:00:00Z', 33.33, 'EUR'],
      ['2026-06-10T14:00:00Z', 33.33, 'EUR'],
      ['2026-06-11T10:00:00Z', 0.01, 'EUR'],
      ['2026-06-11T11:00:00Z', 999999998.99, 'NOK'],
      ['2026-06-11T12:00:00Z', 999999998.99, 'NOK'],
      ['2026-06-11T13:00:00Z', 1.005, 'DKK'],
      ['2026-06-11T14:00:00Z', 2.994, 'DKK'],
    ]);
    const response = await api.call(
      'GET',
      `${SUMMARY_PATH}?from=2026-06-01T00:00:00Z&to=2026-06-15T00:00:00Z`,
    );
    expect(perDay(response)).toEqual([
      ['2026-06-10', 'EUR', 99.99, 3],
      ['2026-06-10', 'SEK', 0.3, 2],
      ['2026-06-11', 'DKK', 4, 2],
      ['2026-06-11', 'EUR', 0.01, 1],
      ['2026-06-11', 'NOK', 1999999997.98, 2],
    ]);
    expect(response.body.summaries).toEqual([
      { total_amount: 4, number_of_events: 2, currency: 'DKK' },
      { total_amount: 100, number_of_events: 4, currency: 'EUR' },
      { total_amount: 1999999997.98, number_of_events: 2, currency: 'NOK' },
      { total_amount: 0.3, number_of_events: 2, currency: 'SEK' },
    ]);
  });

  it('counts only purchases in [from, to] on this pixel, and is empty when there are none', async () => {
    await store([
      ['2026-06-09T23:59:59Z', 1, 'SEK'],
      ['2026-06-10T00:00:00Z', 2, 'SEK'],
      ['2026-06-11T00:00:00Z', 4, 'SEK'],
      ['2026-06-11T00:00:01Z', 8, 'SEK'],
    ]);
    const response = await api.call(
      'GET',
      `${SUMMARY_PATH}?from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z`,
    );
    expect(response.body.summaries).toEqual([
      { total_amount: 6, number_of_events: 2, currency: 'SEK' },
    ]);
    const empty = await api.call(
      'GET',
      `${SUMMARY_PATH}?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z`,
    );
    expect(empty.body).toEqual({ per_day: [], summaries: [] });
  });

  it('counts an upserted purchase once, at its new amount', async () => {
    await store([['2026-06-10T10:00:00Z', 10, 'SEK']]);
    await store([['2026-06-10T10:00:00Z', 25.5, 'SEK']]);
    const response = await api.call(
      'GET',
      `${SUMMARY_PATH}?from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z`,
    );
    expect(response.body.summaries).toEqual([
      { total_amount: 25.5, number_of_events: 1, currency: 'SEK' },
    ]);
  });

  it.each([
    ['a 61-day window', 'from=2026-04-15T00:00:00Z&to=2026-06-15T00:00:00Z', ['to']],
    ['from after to', 'from=2026-06-15T00:00:00Z&to=2026-06-14T00:00:00Z', ['from']],
    ['no range', '', ['from', 'to']],
  ])('refuses %s', async (_, query, fields) => {
    const response = await api.call('GET', `${SUMMARY_PATH}?${query}`);
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.field_errors).sort()).toEqual(fields);
  });

  it('ignores paging parameters, which the summary does not have', async () => {
    const response = await api.call(
      'GET',
      `${SUMMARY_PATH}?from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z&page=0`,
    );
    expect(response.status).toBe(200);
  });
});
