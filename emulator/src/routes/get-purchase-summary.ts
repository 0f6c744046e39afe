import type { PurchaseSummary } from '#shared/api/types.ts';
import type { Currency } from '#shared/currencies.ts';
import { fromCents, toCents } from '../domain/money.ts';
import { SUMMARY_TIME_ZONE, stockholmDate } from '../domain/stockholm-date.ts';
import { ref } from '../openapi/json-schema.ts';
import { DATE_RANGE_PARAMETERS, readRangeQuery } from '../validation/range-query.ts';
import { pixelOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

interface Tally {
  /** Empty for the per-currency totals. */
  date: string;
  currency: Currency;
  cents: number;
  count: number;
}

function add(tallies: Map<string, Tally>, date: string, currency: Currency, cents: number): void {
  const key = `${date} ${currency}`;
  const tally = tallies.get(key) ?? { date, currency, cents: 0, count: 0 };
  tally.cents += cents;
  tally.count += 1;
  tallies.set(key, tally);
}

/** Days in calendar order, then currencies alphabetically. */
function sorted(tallies: Map<string, Tally>): Tally[] {
  return [...tallies.keys()].sort().flatMap((key) => tallies.get(key) ?? []);
}

export const getPurchaseSummary: RouteSpec = {
  description:
    'Retrieve the purchase summary for a pixel: the purchases in [from, to] (at most 60 days apart) counted and summed per currency, and per currency and calendar day in Europe/Stockholm. Each amount is rounded to cents (half away from zero) and the cents are summed exactly.',
  query: DATE_RANGE_PARAMETERS,
  responses: {
    200: { description: 'The summary.', schema: ref('PurchaseSummary') },
    404: { description: 'No such pixel, or one of another shop.' },
  },
  handle(c, deps) {
    const pixel = pixelOfCaller(c, deps);
    const { fromMs, toMs } = readRangeQuery(c);
    const perDay = new Map<string, Tally>();
    const perCurrency = new Map<string, Tally>();
    for (const event of deps.state.eventsOfPixel(pixel.id)) {
      if (event.eventTimeMs < fromMs || event.eventTimeMs > toMs) continue;
      const cents = toCents(event.amount);
      add(perDay, stockholmDate(event.eventTimeMs), event.currency, cents);
      add(perCurrency, '', event.currency, cents);
    }
    const summary: PurchaseSummary = {
      per_day: sorted(perDay).map((tally) => ({
        total_amount: fromCents(tally.cents),
        time_zone: SUMMARY_TIME_ZONE,
        number_of_events: tally.count,
        date: tally.date,
        currency: tally.currency,
      })),
      summaries: sorted(perCurrency).map((tally) => ({
        total_amount: fromCents(tally.cents),
        number_of_events: tally.count,
        currency: tally.currency,
      })),
    };
    return c.json(summary);
  },
};
