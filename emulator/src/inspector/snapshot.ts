import type { Currency } from '#shared/currencies.ts';
import type { EmulatorDeps } from '../app-env.ts';
import { fromCents, toCents } from '../domain/money.ts';
import { SUMMARY_TIME_ZONE, stockholmDate } from '../domain/stockholm-date.ts';
import type { RequestCounts } from '../request-log.ts';
import type { EventRecord } from '../state.ts';

/** Rows the inspector shows of each list; totals count everything. */
export const EVENTS_SHOWN = 100;
export const CLICKS_SHOWN = 50;

export interface InspectorClick {
  id: string;
  shop_id: number;
  time: string;
  signed_click_id: string;
  landing_url: string;
  product_name: string;
}

export interface InspectorEvent {
  id: string;
  pixel_id: string;
  external_event_id?: string;
  event_time: string;
  received_at: string;
  amount: number;
  currency: Currency;
  number_of_items?: number;
  signed_click_id: string;
  /** Whether the emulator issued (or seeded) the click; only those appear in conversions. */
  click_known: boolean;
}

export interface SummaryRow {
  pixel_id: string;
  /** Calendar date in Europe/Stockholm; absent in the per-currency totals. */
  date?: string;
  currency: Currency;
  number_of_events: number;
  total_amount: number;
}

/** Everything the inspector page shows but the dead letters, in one read. */
export interface InspectorSnapshot {
  generated_at: string;
  time_zone: string;
  clicks: { total: number; latest: InspectorClick[] };
  events: { total: number; latest: InspectorEvent[] };
  /** As Prisjakt's purchase summary computes it, over every stored event, per pixel. */
  purchase_summary: { per_day: SummaryRow[]; per_currency: SummaryRow[] };
  requests: RequestCounts;
}

function eventRow(event: EventRecord, deps: EmulatorDeps): InspectorEvent {
  const row: InspectorEvent = {
    id: event.id,
    pixel_id: event.pixelId,
    event_time: event.eventTime,
    received_at: new Date(event.receivedAtMs).toISOString(),
    amount: event.amount,
    currency: event.currency,
    signed_click_id: event.signedClickId,
    click_known: deps.state.clicks.has(event.clickId.toLowerCase()),
  };
  if (event.externalEventId !== undefined) row.external_event_id = event.externalEventId;
  if (event.numberOfItems !== undefined) row.number_of_items = event.numberOfItems;
  return row;
}

interface Tally {
  pixelId: string;
  date?: string;
  currency: Currency;
  cents: number;
  count: number;
}

/**
 * Purchases counted and summed per pixel, Stockholm day and currency, and per pixel and
 * currency: the same rounding (whole cents, half away from zero) and day boundaries as the
 * purchase summary operation. Newest day first.
 */
function summarise(events: readonly EventRecord[]): InspectorSnapshot['purchase_summary'] {
  const perDay = new Map<string, Tally>();
  const perCurrency = new Map<string, Tally>();
  const add = (
    tallies: Map<string, Tally>,
    key: string,
    tally: Omit<Tally, 'cents' | 'count'>,
    cents: number,
  ) => {
    const current = tallies.get(key) ?? { ...tally, cents: 0, count: 0 };
    current.cents += cents;
    current.count += 1;
    tallies.set(key, current);
  };
  for (const event of events) {
    const cents = toCents(event.amount);
    const date = stockholmDate(event.eventTimeMs);
    const { pixelId, currency } = event;
    add(perDay, `${pixelId} ${date} ${currency}`, { pixelId, date, currency }, cents);
    add(perCurrency, `${pixelId} ${currency}`, { pixelId, currency }, cents);
  }
  const row = (tally: Tally): SummaryRow => ({
    pixel_id: tally.pixelId,
    ...(tally.date === undefined ? {} : { date: tally.date }),
    currency: tally.currency,
    number_of_events: tally.count,
    total_amount: fromCents(tally.cents),
  });
  const byPixelThen = (a: Tally, b: Tally) =>
    a.pixelId.localeCompare(b.pixelId) ||
    (b.date ?? '').localeCompare(a.date ?? '') ||
    a.currency.localeCompare(b.currency);
  return {
    per_day: [...perDay.values()].sort(byPixelThen).map(row),
    per_currency: [...perCurrency.values()].sort(byPixelThen).map(row),
  };
}

/**
 * What the inspector shows: the newest clicks and events (newest first), the purchase summary
 * over all events, and the API requests by operation and status since the last reset.
 */
export async function takeSnapshot(deps: EmulatorDeps): Promise<InspectorSnapshot> {
  const events = [...deps.state.events.values()];
  const newestEvents = [...events].sort((a, b) => b.sequence - a.sequence).slice(0, EVENTS_SHOWN);
  const clicks = [...deps.state.clicks.values()];
  // Newest click time first; among equal times, the one issued last (sort is stable).
  const newestClicks = [...clicks]
    .reverse()
    .sort((a, b) => b.timeMs - a.timeMs)
    .slice(0, CLICKS_SHOWN);
  const latestClicks = await Promise.all(
    newestClicks.map(async (click): Promise<InspectorClick> => {
      const signedClickId = await deps.signer.sign(click.id);
      const landing = new URL(click.url);
      landing.searchParams.set('pjclid', signedClickId);
      return {
        id: click.id,
        shop_id: click.shopId,
        time: new Date(click.timeMs).toISOString(),
        signed_click_id: signedClickId,
        landing_url: landing.href,
        product_name: click.productName,
      };
    }),
  );
  return {
    generated_at: new Date(deps.now()).toISOString(),
    time_zone: SUMMARY_TIME_ZONE,
    clicks: { total: clicks.length, latest: latestClicks },
    events: {
      total: events.length,
      latest: newestEvents.map((event) => eventRow(event, deps)),
    },
    purchase_summary: summarise(events),
    requests: deps.requestLog.snapshot(),
  };
}
