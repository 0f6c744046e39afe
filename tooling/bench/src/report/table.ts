import { BUDGETS } from '../budgets.ts';
import { PRICE_LIST } from '../cost/prices.ts';
import type { BenchResults, MicroOperationResult, TableRow } from '../results.ts';
import { bytes, count, micros, ms, num, percent, times, usd } from './format.ts';

const WITHIN = 'within';
const OVER = 'OVER BUDGET';

function budgetVerdict(figure: number, budget: number, detail: string): string {
  return `${figure <= budget ? WITHIN : OVER}: ${detail}`;
}

/** Every figure of a run as rows: the figure, what it is held against, and how it compares. */
export function tableRows(results: Omit<BenchResults, 'table'>): TableRow[] {
  const rows: TableRow[] = [];
  const add = (section: string, measure: string, figure: string, against: string, verdict = '') =>
    rows.push({ section, measure, figure, against, verdict });

  const { pixel, micro, load, delivery, cost } = results;
  const size = pixel.bytes;
  add(
    'Pixel',
    'Size: minified / gzip / brotli',
    `${bytes(size.minified)} / ${bytes(size.gzip)} / ${bytes(size.brotli)}`,
    `gzip budget ${bytes(size.gzipBudget)}`,
    budgetVerdict(size.gzip, size.gzipBudget, `gzip ${percent(size.gzip, size.gzipBudget)}`),
  );
  for (const run of pixel.mainThread) {
    const cpu = run.cpuThrottling === 1 ? 'this CPU' : `CPU ${run.cpuThrottling}× slower`;
    add(
      'Pixel',
      `Load, main thread, ${cpu} (median / p90 of ${run.runs})`,
      `${ms(run.loadMedianMs)} / ${ms(run.loadP90Ms)}`,
      `empty script ${ms(run.emptyScriptLoadMedianMs)}`,
      `+${ms(run.loadMedianMs - run.emptyScriptLoadMedianMs)} over an empty script`,
    );
    add(
      'Pixel',
      `init(), main thread, ${cpu} (median / p90)`,
      `${ms(run.initMedianMs)} / ${ms(run.initP90Ms)}`,
      'in the one-frame budget below',
      'timed with storage already open',
    );
    add(
      'Pixel',
      `First localStorage + cookie access, ${cpu} (median / p90)`,
      `${ms(run.storageOpenMedianMs)} / ${ms(run.storageOpenP90Ms)}`,
      'in the one-frame budget below',
      'paid once per page, by the first script',
    );
    const own = run.loadMedianMs + run.initMedianMs;
    const total = own + run.storageOpenMedianMs;
    add(
      'Pixel',
      `Load + storage + init, ${cpu} (medians)`,
      ms(total),
      `budget ${ms(run.budgetMs)} (one frame)`,
      budgetVerdict(
        total,
        run.budgetMs,
        `${percent(total, run.budgetMs)}; ${percent(own, run.budgetMs)} without the storage access`,
      ),
    );
  }
  for (const run of pixel.baseline.runs) {
    const cpu = run.cpuThrottling === 1 ? 'this CPU' : `CPU ${run.cpuThrottling}× slower`;
    add(
      'Pixel',
      `Inlined, evaluation + init(), ${cpu}: ours / Plausible (medians of ${run.runs})`,
      `${ms(run.ours.totalMedianMs)} / ${ms(run.plausible.totalMedianMs)}`,
      `${pixel.baseline.script}: eval ${ms(run.plausible.evaluateMedianMs)} + init ${ms(run.plausible.initMedianMs)}`,
      `${run.ratio <= 1 ? 'at or below Plausible' : 'ABOVE PLAUSIBLE'}: ${times(run.ratio)}; ours eval ${ms(run.ours.evaluateMedianMs)} + init ${ms(run.ours.initMedianMs)}`,
    );
  }
  for (const run of pixel.baseline.runs) {
    const cpu = run.cpuThrottling === 1 ? 'this CPU' : `CPU ${run.cpuThrottling}× slower`;
    const withLayer = run.oursWithDataLayer;
    add(
      'Pixel',
      `Inlined, init() reading a tag manager's dataLayer, ${cpu}: ours (medians of ${run.runs})`,
      `${ms(withLayer.initMedianMs)} init; ${ms(withLayer.totalMedianMs)} with eval`,
      `without a dataLayer: init ${ms(run.ours.initMedianMs)}`,
      `${withLayer.initMedianMs >= run.ours.initMedianMs ? '+' : '−'}${ms(Math.abs(withLayer.initMedianMs - run.ours.initMedianMs))} to read its entries; ${times(withLayer.totalMedianMs / run.plausible.totalMedianMs)} Plausible's eval + init`,
    );
  }
  const purchase = pixel.purchase;
  add(
    'Pixel',
    'Bytes sent per purchase: beacon body / with headers',
    `${bytes(purchase.beaconBodyBytes)} / ${bytes(purchase.beaconRequestBytes)}`,
    `collector limit ${bytes(purchase.beaconLimitBytes)}`,
    budgetVerdict(
      purchase.beaconBodyBytes,
      purchase.beaconLimitBytes,
      `body ${percent(purchase.beaconBodyBytes, purchase.beaconLimitBytes)}; ${purchase.requestsOnPurchasePage} request(s), ${bytes(purchase.bytesSentOnPurchasePage)} in all`,
    ),
  );

  const noop = micro.operations.find((op) => op.baselineId === undefined);
  const cpuRow = (op: MicroOperationResult) => {
    const perMessage = op.messagesPerRun > 1 ? ', per message' : '';
    const perInvocation = (op.perMessageMicros.median * op.messagesPerRun) / 1000;
    add(
      'Collector CPU',
      `${op.label}${perMessage} (median / p99)`,
      `${micros(op.perMessageMicros.median)} / ${micros(op.perMessageMicros.p99)}`,
      op.baselineId === undefined
        ? 'the baseline'
        : `no-op ${micros(noop?.perMessageMicros.median ?? 0)}; Free ${BUDGETS.cpuMsPerInvocation} ms/invocation`,
      op.ratioMedian === undefined
        ? ''
        : `${times(op.ratioMedian)} no-op (p99 ${times(op.ratioP99 ?? 0)}); ${percent(perInvocation, BUDGETS.cpuMsPerInvocation)} of Free limit`,
    );
  };
  for (const op of micro.operations) cpuRow(op);

  const route = (r: typeof load.noop) =>
    `${num(r.requestsPerSecond)} req/s; p50 ${ms(r.latencyMs.p50)}, p99 ${ms(r.latencyMs.p99)}`;
  add(
    'Collector under load',
    `no-op route, ${load.connections} connections`,
    route(load.noop),
    'the baseline',
    errorsNote(load.noop),
  );
  add(
    'Collector under load',
    `POST /collect, ${load.connections} connections, LOG_LEVEL=${load.logLevel}`,
    route(load.collect),
    `no-op ${num(load.noop.requestsPerSecond)} req/s, p99 ${ms(load.noop.latencyMs.p99)}`,
    `throughput ${times(load.collect.requestsPerSecond / load.noop.requestsPerSecond)}, p99 ${times(load.collect.latencyMs.p99 / load.noop.latencyMs.p99)}${errorsNote(load.collect, '; ')}`,
  );

  const latency = delivery.latency;
  add(
    'Delivery',
    `Beacon → stored in the emulator (median / p99 of ${latency.beacons})`,
    `${ms(latency.medianMs)} / ${ms(latency.p99Ms)}`,
    `queue batch timeout ${latency.batchTimeoutSeconds} s (5 s in production)`,
    `p99 ${times(latency.p99Ms / (latency.batchTimeoutSeconds * 1000))} the timeout`,
  );
  const perThousand = (mode: 'single' | 'batch') => {
    const burst = delivery.perThousand[mode];
    return (1000 * burst.apiRequests) / burst.purchases;
  };
  add(
    'Delivery',
    'API requests per 1,000 purchases, DELIVERY_MODE=single',
    count(perThousand('single')),
    'one per purchase: 1,000',
    `drained ${num(delivery.perThousand.single.purchases)} in ${num(delivery.perThousand.single.drainSeconds, 1)} s`,
  );
  add(
    'Delivery',
    'API requests per 1,000 purchases, DELIVERY_MODE=batch',
    count(perThousand('batch')),
    'at best 10 (100 per request)',
    `${times(perThousand('batch') / 10)} the best; drained in ${num(delivery.perThousand.batch.drainSeconds, 1)} s`,
  );

  const freeLimits: Record<string, string> = {
    'Worker requests': allowance(
      PRICE_LIST.workers.free.requestsPerDay,
      PRICE_LIST.workers.paid.includedRequestsPerMonth,
      PRICE_LIST.workers.paid.usdPerMillionRequests,
    ),
    'Worker CPU time': `Free 10 ms/invocation; Paid ${millions(PRICE_LIST.workers.paid.includedCpuMsPerMonth)}/month, then ${usd(PRICE_LIST.workers.paid.usdPerMillionCpuMs)}/M`,
    'KV reads': allowance(
      PRICE_LIST.kv.free.readsPerDay,
      PRICE_LIST.kv.paid.includedReadsPerMonth,
      PRICE_LIST.kv.paid.usdPerMillionReads,
    ),
    'KV writes': allowance(
      PRICE_LIST.kv.free.writesPerDay,
      PRICE_LIST.kv.paid.includedWritesPerMonth,
      PRICE_LIST.kv.paid.usdPerMillionWrites,
    ),
    'Queue operations': allowance(
      PRICE_LIST.queues.free.operationsPerDay,
      PRICE_LIST.queues.paid.includedOperationsPerMonth,
      PRICE_LIST.queues.paid.usdPerMillionOperations,
    ),
    'Prisjakt API requests': 'not billed; API limit 10,000/hour per client',
    'Log lines': 'Workers Logs: not in the price list used',
  };
  for (const line of cost.lines) {
    const digits = line.unit === 'CPU-ms' ? 1 : 0;
    add(
      'Cost',
      `${line.item}, per 1k purchases / per 1M page views`,
      `${num(line.perThousandPurchases, digits)} / ${num(line.perMillionPageViews, digits)} ${line.unit}`,
      freeLimits[line.item] ?? '',
    );
  }
  add(
    'Cost',
    'Paid plan beyond its inclusions, per 1k purchases / 1M page views',
    `${usd(cost.marginalUsd.perThousandPurchases)} / ${usd(cost.marginalUsd.perMillionPageViews)}`,
    'Cloudflare price list (docs/benchmarks.md)',
  );
  const { before, after } = cost.scriptServing;
  add(
    'Cost',
    'Worker requests per 1M page views: script by the Worker (before) / static asset (now)',
    `${count(before.workerRequestsPerMillionPageViews)} / ${count(after.workerRequestsPerMillionPageViews)}`,
    freeLimits['Worker requests'] ?? '',
    `${times(before.workerRequestsPerMillionPageViews / after.workerRequestsPerMillionPageViews)} fewer`,
  );
  add(
    'Cost',
    'Worker CPU per 1M page views: script by the Worker (before) / static asset (now)',
    `${num(before.cpuMsPerMillionPageViews, 1)} / ${num(after.cpuMsPerMillionPageViews, 1)} CPU-ms`,
    freeLimits['Worker CPU time'] ?? '',
    `${times(before.cpuMsPerMillionPageViews / after.cpuMsPerMillionPageViews)} less`,
  );
  add(
    'Cost',
    'Free plan ceiling, page views a day: before / now',
    `${num(before.freePlanMaxPageViewsPerDay)} / ${num(after.freePlanMaxPageViewsPerDay)}`,
    `first to run out: ${before.freePlanCeilingItem} / ${after.freePlanCeilingItem}`,
    `${times(after.freePlanMaxPageViewsPerDay / before.freePlanMaxPageViewsPerDay)} the page views`,
  );
  for (const shop of cost.shops) {
    add(
      'Cost',
      `A ${shop.name} shop: ${num(shop.pageViewsPerMonth)} page views, ${num(shop.purchasesPerMonth)} purchases a month`,
      `Free: ${shop.freePlanFits ? 'fits' : 'does not fit'}; Paid: ${usd(shop.paidPlanUsd)}/month`,
      `${count(shop.workerRequestsPerMonth)} Worker requests a month`,
      `closest Free limit: ${shop.freePlanLimitingItem}`,
    );
  }
  const monthly = cost.monthly;
  add(
    'Cost',
    `A shop with ${num(monthly.pageViews)} page views and ${num(monthly.purchases)} purchases a month`,
    `Free: ${monthly.freePlanFits ? 'fits' : 'does not fit'}; Paid: ${usd(monthly.paidPlanUsd)}/month`,
    `Free plan up to ${num(monthly.freePlanMaxPageViewsPerDay)} page views/day`,
    `closest Free limit: ${monthly.freePlanLimitingItem}`,
  );
  return rows;
}

/** `10000000` → `10M`, `1000000` → `1M`, anything smaller as it is. */
function millions(value: number): string {
  return value >= 1_000_000 ? `${num(value / 1_000_000)}M` : num(value);
}

/** A resource's Free plan allowance a day and Paid inclusion a month, and its price beyond. */
function allowance(freePerDay: number, paidPerMonth: number, usdPerMillion: number): string {
  return `Free ${num(freePerDay)}/day; Paid ${millions(paidPerMonth)}/month, then ${usd(usdPerMillion)}/M`;
}

function errorsNote(
  route: { non2xx: number; errors: number; requests: number },
  prefix = '',
): string {
  if (route.non2xx === 0 && route.errors === 0)
    return `${prefix}all ${num(route.requests)} answered 2xx`;
  return `${prefix}${num(route.non2xx)} non-2xx and ${num(route.errors)} errors of ${num(route.requests)}`;
}

/** The rows as one fixed-width text table, sections separated by a rule. */
export function renderTable(rows: TableRow[]): string {
  const headers = {
    measure: 'Measure',
    figure: 'Figure',
    against: 'Baseline / budget',
    verdict: 'Ratio / verdict',
  };
  const columns = ['measure', 'figure', 'against', 'verdict'] as const;
  const width = Object.fromEntries(
    columns.map((column) => [
      column,
      Math.max(headers[column].length, ...rows.map((row) => row[column].length)),
    ]),
  ) as Record<(typeof columns)[number], number>;
  const line = (cells: Record<(typeof columns)[number], string>) =>
    columns
      .map((column) => cells[column].padEnd(width[column]))
      .join(' │ ')
      .trimEnd();
  const rule = columns.map((column) => '─'.repeat(width[column])).join('─┼─');
  const out = [line(headers), rule];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      if (section !== '') out.push(rule);
      out.push(`${row.section.toUpperCase()}`);
      section = row.section;
    }
    out.push(line(row));
  }
  return out.join('\n');
}
