import {
  type CreateEventRequest,
  PrisjaktApiError,
  type PrisjaktClient,
} from '#shared/client/index.ts';
import { isCurrency } from '#shared/currencies.ts';
import { isAmount } from '#shared/field-rules.ts';
import { DAY_MS, LIMITS } from '#shared/limits.ts';
import { splitSignedClickId } from '#shared/pjclid.ts';
import { type Command, flag } from '../command.ts';
import { apiSettings } from '../config.ts';
import { EXIT } from '../errors.ts';
import { API_OPTIONS, ORDER_FILE_OPTIONS, RANGE_OPTIONS } from '../options.ts';
import { loadOrders } from '../orders/load-orders.ts';
import type { ShopOrder } from '../orders/order.ts';
import { reconcile } from '../reconcile/match.ts';

export type SkipReason =
  | 'no_click'
  | 'unknown_click'
  | 'outside_window'
  | 'unsupported_currency'
  | 'invalid_amount';

const REASONS: Record<SkipReason, string> = {
  no_click: 'the order carries no click id, so Prisjakt cannot attribute it',
  unknown_click: 'Prisjakt does not know this click',
  outside_window: `placed more than ${LIMITS.attributionWindowDays} days after its click (or before it)`,
  unsupported_currency: 'Prisjakt takes only DKK, EUR, GBP, NOK, NZD and SEK',
  invalid_amount: `the amount is outside 0..${LIMITS.amountMax}`,
};

export interface Skipped {
  order_id: string;
  reason: SkipReason;
  detail: string;
}

/** Why an order cannot be sent, or undefined when it can. Asks the API for the click's time. */
async function skipReason(
  client: PrisjaktClient,
  order: ShopOrder,
): Promise<SkipReason | undefined> {
  if (order.pjclid === undefined) return 'no_click';
  if (!isCurrency(order.currency)) return 'unsupported_currency';
  if (!isAmount(order.amount)) return 'invalid_amount';
  let clickMs: number;
  try {
    const click = await client.getClick(splitSignedClickId(order.pjclid).clickId);
    clickMs = Date.parse(click.forwarded_date);
  } catch (error) {
    if (error instanceof PrisjaktApiError && error.status === 404) return 'unknown_click';
    throw error;
  }
  const sinceClick = order.createdAtMs - clickMs;
  if (!(sinceClick >= 0 && sinceClick <= LIMITS.attributionWindowDays * DAY_MS)) {
    return 'outside_window';
  }
  return undefined;
}

function eventOf(order: ShopOrder & { pjclid: string }): CreateEventRequest {
  const data: CreateEventRequest['data'] = {
    amount: order.amount,
    currency: order.currency as CreateEventRequest['data']['currency'],
  };
  if (order.items !== undefined) data.number_of_items = order.items;
  return {
    event_name: 'purchase',
    event_time: `${order.createdAt.slice(0, 19)}Z`,
    external_event_id: order.orderId,
    data,
    signed_click_id: order.pjclid,
  };
}

export const backfillCommand: Command = {
  name: 'backfill',
  summary: 'send the orders Prisjakt is missing, that carry a click id',
  synopsis: 'backfill --orders FILE [--from DATE] [--to DATE] [--dry-run] [--json]',
  description: `Reconciles the orders as reconcile does, then sends each missing order that carries a click id through the batch endpoint (up to ${LIMITS.batchMax} a request), with the order id as external_event_id. The batch endpoint updates an event with the same external_event_id instead of adding one, so running it twice sends nothing new. It skips, and says why, orders without a click id, with a click Prisjakt does not know, placed more than ${LIMITS.attributionWindowDays} days after the click, or in a currency Prisjakt does not take. Needs a shop_user client.`,
  options: {
    ...ORDER_FILE_OPTIONS,
    ...RANGE_OPTIONS,
    'dry-run': { type: 'boolean', description: 'say what would be sent, and send nothing' },
    ...API_OPTIONS,
  },
  async run({ io, values, output }) {
    const dryRun = flag(values, 'dry-run');
    const loaded = await loadOrders(io, values);
    const { client, pixelId } = apiSettings(io, values, output);
    const result = await reconcile(client, pixelId, loaded.orders, loaded.range, (events) =>
      output.progress(`read ${events} events…`),
    );
    const missing = new Set(result.missing.map((entry) => entry.order_id));
    const candidates = loaded.orders.filter((order) => missing.has(order.orderId));

    const skipped: Skipped[] = [];
    const sendable: CreateEventRequest[] = [];
    for (const [index, order] of candidates.entries()) {
      output.progress(`checking order ${index + 1} of ${candidates.length}…`);
      const reason = await skipReason(client, order);
      if (reason === undefined) sendable.push(eventOf(order as ShopOrder & { pjclid: string }));
      else skipped.push({ order_id: order.orderId, reason, detail: REASONS[reason] });
    }

    const sent: { order_id: string; event_id: string }[] = [];
    if (!dryRun) {
      for (let start = 0; start < sendable.length; start += LIMITS.batchMax) {
        output.progress(
          `sending ${start + 1}–${Math.min(start + LIMITS.batchMax, sendable.length)} of ${sendable.length}…`,
        );
        const stored = await client.createEvents(
          pixelId,
          sendable.slice(start, start + LIMITS.batchMax),
        );
        for (const event of stored) {
          sent.push({ order_id: event.external_event_id ?? '', event_id: event.id });
        }
      }
    }
    output.done();

    const toSend = sendable.map((event) => ({
      order_id: event.external_event_id ?? '',
      amount: event.data.amount,
      currency: event.data.currency,
    }));
    if (flag(values, 'json')) {
      output.json(
        dryRun ? { dry_run: true, to_send: toSend, skipped } : { dry_run: false, sent, skipped },
      );
    } else {
      for (const entry of dryRun ? toSend : sent) {
        output.line(`${dryRun ? 'would send' : 'sent'} ${entry.order_id}`);
      }
      for (const entry of skipped) output.line(`skipped ${entry.order_id}: ${entry.detail}`);
      output.line(
        `${dryRun ? `${toSend.length} to send` : `${sent.length} sent`}, ${skipped.length} skipped, ${result.matched.length + result.mismatched.length} already at Prisjakt`,
      );
    }
    return EXIT.ok;
  },
};
