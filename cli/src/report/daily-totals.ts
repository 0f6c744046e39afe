import type { PrisjaktClient } from '#shared/client/index.ts';
import { MAX_WINDOW_MS } from '#shared/client/index.ts';
import type { TimeRange } from '../range.ts';

/** Purchases and revenue of one day in one currency. */
export interface DayRow {
  /** `YYYY-MM-DD` in `timeZone`. */
  date: string;
  currency: string;
  purchases: number;
  revenue: number;
}

export interface CurrencyTotal {
  currency: string;
  purchases: number;
  revenue: number;
}

export interface DailyTotals {
  range: TimeRange;
  /** The zone the API counts days in (its `time_zone`). */
  timeZone: string;
  days: DayRow[];
  totals: CurrencyTotal[];
  /** The API requests it took. */
  windows: number;
}

/** The report's default zone when the range holds no purchase to say which one the API uses. */
export const FALLBACK_TIME_ZONE = 'Europe/Stockholm';

/**
 * Splits a range into windows the summary accepts that do not overlap: each ends a millisecond
 * before the next one starts, so no purchase is counted twice (the summary's bounds are
 * inclusive). Oldest first.
 */
export function summaryWindows(range: TimeRange, maxWindowMs = MAX_WINDOW_MS): TimeRange[] {
  const fromMs = Date.parse(range.from);
  const toMs = Date.parse(range.to);
  const windows: TimeRange[] = [];
  for (let start = fromMs; start <= toMs; start += maxWindowMs) {
    const end = Math.min(start + maxWindowMs - 1, toMs);
    windows.push({
      from: start === fromMs ? range.from : new Date(start).toISOString(),
      to: end === toMs ? range.to : new Date(end).toISOString(),
    });
  }
  return windows;
}

const cents = (amount: number) => Math.round(amount * 100);

/**
 * The purchase summary for a range of any length, per day and currency. A day that straddles
 * two windows comes back from both; its halves are added up (in cents, so sums stay exact).
 */
export async function fetchDailyTotals(
  client: PrisjaktClient,
  pixelId: string,
  range: TimeRange,
  onWindow: (done: number, total: number) => void = () => {},
): Promise<DailyTotals> {
  const windows = summaryWindows(range);
  const days = new Map<
    string,
    { date: string; currency: string; purchases: number; cents: number }
  >();
  let timeZone: string | undefined;
  for (const [index, window] of windows.entries()) {
    const summary = await client.getPurchaseSummary(pixelId, window);
    for (const day of summary.per_day) {
      timeZone ??= day.time_zone;
      const key = `${day.date} ${day.currency}`;
      const row = days.get(key) ?? {
        date: day.date,
        currency: day.currency,
        purchases: 0,
        cents: 0,
      };
      row.purchases += day.number_of_events;
      row.cents += cents(day.total_amount);
      days.set(key, row);
    }
    onWindow(index + 1, windows.length);
  }
  const rows = [...days.values()]
    .sort((a, b) => a.date.localeCompare(b.date) || a.currency.localeCompare(b.currency))
    .map(({ date, currency, purchases, cents: total }) => ({
      date,
      currency,
      purchases,
      revenue: total / 100,
    }));
  const totals = new Map<string, { purchases: number; cents: number }>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { purchases: 0, cents: 0 };
    total.purchases += row.purchases;
    total.cents += cents(row.revenue);
    totals.set(row.currency, total);
  }
  return {
    range,
    timeZone: timeZone ?? FALLBACK_TIME_ZONE,
    days: rows,
    totals: [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, total]) => ({
        currency,
        purchases: total.purchases,
        revenue: total.cents / 100,
      })),
    windows: windows.length,
  };
}

/**
 * Every calendar date the chart shows: from the range's first to its last UTC date, widened to
 * any day the API reported outside them (its days are in its own zone, up to a day apart).
 */
export function datesOf(totals: DailyTotals): string[] {
  const reported = totals.days.map((day) => day.date).sort();
  const first = [totals.range.from.slice(0, 10), reported[0] ?? '9999'].sort()[0] as string;
  const last = [totals.range.to.slice(0, 10), reported.at(-1) ?? '0000'].sort().at(-1) as string;
  const dates: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ; ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    dates.push(date);
    if (date >= last) return dates;
  }
}

/** An amount with two decimals, as the shop's own reports show it. */
export function money(amount: number): string {
  return amount.toFixed(2);
}
