import { type Command, flag } from '../command.ts';
import { apiSettings } from '../config.ts';
import { EXIT } from '../errors.ts';
import { API_OPTIONS, ORDER_FILE_OPTIONS, RANGE_OPTIONS } from '../options.ts';
import { loadOrders } from '../orders/load-orders.ts';
import type { Output } from '../output/output.ts';
import { renderTable } from '../output/table.ts';
import { type Reconciliation, reconcile } from '../reconcile/match.ts';
import { money } from '../report/daily-totals.ts';

function printReconciliation(output: Output, result: Reconciliation): void {
  const counts = `${result.matched.length} matched, ${result.mismatched.length} mismatched, ${result.missing.length} missing, ${result.unknown.length} unknown`;
  if (result.mismatched.length > 0) {
    output.write('\nMismatched: the order and its event disagree\n');
    output.write(
      renderTable(result.mismatched, [
        { header: 'order', value: (entry) => entry.order_id },
        {
          header: 'order amount',
          value: (e) => `${money(e.order_amount)} ${e.order_currency}`,
          align: 'right',
        },
        {
          header: 'event amount',
          value: (e) => `${money(e.event_amount)} ${e.event_currency}`,
          align: 'right',
        },
        { header: 'event', value: (entry) => entry.event_id },
      ]),
    );
  }
  if (result.missing.length > 0) {
    output.write('\nMissing: orders Prisjakt has no event for\n');
    output.write(
      renderTable(result.missing, [
        { header: 'order', value: (entry) => entry.order_id },
        { header: 'placed', value: (entry) => entry.created_at },
        { header: 'amount', value: (e) => `${money(e.amount)} ${e.currency}`, align: 'right' },
        {
          header: 'click id',
          value: (entry) => (entry.has_click ? 'yes (backfill can send it)' : 'no'),
        },
      ]),
    );
  }
  if (result.unknown.length > 0) {
    output.write('\nUnknown: events no order in the file claims\n');
    output.write(
      renderTable(result.unknown, [
        { header: 'external id', value: (entry) => entry.order_id ?? '-' },
        { header: 'time', value: (entry) => entry.event_time },
        { header: 'amount', value: (e) => `${money(e.amount)} ${e.currency}`, align: 'right' },
        { header: 'event', value: (entry) => entry.event_id },
      ]),
    );
  }
  output.write(`\n${counts}\n`);
}

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: "compare the shop's orders with the events at Prisjakt",
  synopsis: 'reconcile --orders FILE [--from DATE] [--to DATE] [--json]',
  description:
    "Reads the shop's orders (the plain CSV `order_id,created_at,amount,currency,items,pjclid`, Shopify's orders export, or WooCommerce's) and matches each to the pixel's event whose external_event_id is the order id. The range is --from/--to, else the orders' own first and last times. Prints matched, mismatched (amount or currency differ), missing (no event) and unknown (an event no order claims). Exits 1 when anything is not matched.",
  options: { ...ORDER_FILE_OPTIONS, ...RANGE_OPTIONS, ...API_OPTIONS },
  async run({ io, values, output }) {
    const loaded = await loadOrders(io, values);
    const { client, pixelId } = apiSettings(io, values, output);
    if (loaded.outside > 0) {
      output.note(`${loaded.outside} orders of the file lie outside the range and are left out`);
    }
    const result = await reconcile(client, pixelId, loaded.orders, loaded.range, (events) =>
      output.progress(`read ${events} events…`),
    );
    output.done();
    if (flag(values, 'json')) output.json(result);
    else {
      output.line(
        `${loaded.orders.length} orders (${loaded.format}) against the events from ${loaded.range.from} to ${loaded.range.to}`,
      );
      printReconciliation(output, result);
    }
    const clean =
      result.mismatched.length === 0 && result.missing.length === 0 && result.unknown.length === 0;
    return clean ? EXIT.ok : EXIT.problems;
  },
};
