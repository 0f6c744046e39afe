import type {
  CostLine,
  CostResults,
  DeliveryResults,
  MicroResults,
  ScriptServingCost,
  ShopSizeCost,
} from '../results.ts';
import { PRICE_LIST, priceListSources } from './prices.ts';

/**
 * The traffic the per-page-view column and the monthly bill assume. They are assumptions, not
 * measurements: change them here to model another shop.
 */
export const TRAFFIC = {
  /** The example shop of the monthly bill. */
  monthlyPageViews: 1_000_000,
  daysPerMonth: 30,
  /** 2 % of visits end in a purchase, at 5 page views a visit; every purchase is attributed. */
  purchasesPerPageView: 0.004,
  /** Page views that are a landing from Prisjakt (a `?pjclid=`), each one `/click` request. */
  landingsPerPageView: 0.01,
  /**
   * Before the script was a static asset, the Worker served it. Upper bound: every page view
   * fetched or revalidated it (browsers keep it 5 minutes, so a visit of several pages asks once
   * or twice). As a static asset it costs the Worker nothing.
   */
  scriptRequestsPerPageViewBefore: 1,
  /**
   * A consumer invocation per purchase: a small shop's purchases rarely share the queue's 5 s
   * batch window. A busy shop's batches hold up to 100, which divides this line by up to 100.
   */
  purchasesPerConsumerInvocation: 1,
} as const;

/** Page views a month of the three shops the playbook prices (docs/rollout.md). */
export const SHOP_SIZES = [
  { name: 'small', monthlyPageViews: 100_000 },
  { name: 'medium', monthlyPageViews: 1_000_000 },
  { name: 'large', monthlyPageViews: 10_000_000 },
] as const;

/** Usage of each billed resource per purchase and per page view. */
interface Usage {
  requests: number;
  cpuMs: number;
  kvReads: number;
  kvWrites: number;
  queueOperations: number;
  apiRequests: number;
  logLines: number;
}
type UsageKey = keyof Usage;

function operation(micro: MicroResults, id: string) {
  const found = micro.operations.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`the micro-benchmark has no ${id}`);
  return found;
}

/** What a month of `monthlyPageViews` costs on each plan, at a usage per page view. */
function bill(
  monthlyPageViews: number,
  perPageView: (key: UsageKey) => number,
  slowestCpuMs: number,
) {
  const monthly = (key: UsageKey) => monthlyPageViews * perPageView(key);
  const daily = (key: UsageKey) => monthly(key) / TRAFFIC.daysPerMonth;
  const free = [
    {
      item: 'Worker requests a day',
      key: 'requests',
      limit: PRICE_LIST.workers.free.requestsPerDay,
    },
    { item: 'KV reads a day', key: 'kvReads', limit: PRICE_LIST.kv.free.readsPerDay },
    { item: 'KV writes a day', key: 'kvWrites', limit: PRICE_LIST.kv.free.writesPerDay },
    {
      item: 'Queue operations a day',
      key: 'queueOperations',
      limit: PRICE_LIST.queues.free.operationsPerDay,
    },
  ] as const;
  const share = (item: (typeof free)[number]) => daily(item.key) / item.limit;
  const limiting = free.reduce((worst, item) => (share(item) > share(worst) ? item : worst));
  const paid = PRICE_LIST;
  const over = (use: number, included: number, usdPerMillion: number) =>
    (Math.max(0, use - included) / 1_000_000) * usdPerMillion;
  const breakdown = {
    subscription: paid.workers.paid.monthlyMinimumUsd,
    requests: over(
      monthly('requests'),
      paid.workers.paid.includedRequestsPerMonth,
      paid.workers.paid.usdPerMillionRequests,
    ),
    cpu: over(
      monthly('cpuMs'),
      paid.workers.paid.includedCpuMsPerMonth,
      paid.workers.paid.usdPerMillionCpuMs,
    ),
    kvReads: over(
      monthly('kvReads'),
      paid.kv.paid.includedReadsPerMonth,
      paid.kv.paid.usdPerMillionReads,
    ),
    kvWrites: over(
      monthly('kvWrites'),
      paid.kv.paid.includedWritesPerMonth,
      paid.kv.paid.usdPerMillionWrites,
    ),
    queues: over(
      monthly('queueOperations'),
      paid.queues.paid.includedOperationsPerMonth,
      paid.queues.paid.usdPerMillionOperations,
    ),
  };
  return {
    freePlanFits:
      free.every((item) => share(item) <= 1) &&
      slowestCpuMs <= PRICE_LIST.workers.free.cpuMsPerInvocation,
    freePlanLimitingItem: `${limiting.item}: ${Math.round(daily(limiting.key)).toLocaleString('en-US')} of ${limiting.limit.toLocaleString('en-US')}`,
    // The allowance that runs out first, and at how many page views a day: the same at any size.
    freePlanMaxPageViewsPerDay: Math.floor(limiting.limit / perPageView(limiting.key)),
    freePlanCeilingItem: limiting.item,
    paidPlanUsd: Object.values(breakdown).reduce((sum, usd) => sum + usd, 0),
    paidPlanBreakdown: breakdown,
  };
}

/**
 * Cloudflare usage and cost from the measured figures: CPU time per request and binding calls
 * from the micro-benchmark (workerd on this machine; Cloudflare's CPUs differ, so CPU-ms are an
 * estimate), API requests per purchase from the delivery benchmark, traffic from {@link TRAFFIC}.
 * Everything is for the collector as it is, with the script a static asset; `scriptServing`
 * sets it beside the same shop with the script served by the Worker, as before.
 */
export function costModel(micro: MicroResults, delivery: DeliveryResults): CostResults {
  const collect = operation(micro, 'collect');
  const consumer = operation(micro, 'queue.single.1');
  const scriptFromWorker = operation(micro, 'pixel');
  const click = operation(micro, 'click');
  const cpuMs = (id: ReturnType<typeof operation>) => id.perMessageMicros.median / 1000;

  const perPurchase: Usage = {
    requests: 1 + 1 / TRAFFIC.purchasesPerConsumerInvocation,
    cpuMs: cpuMs(collect) + cpuMs(consumer),
    kvReads: collect.census.kvReads,
    kvWrites: collect.census.kvWrites,
    queueOperations: collect.census.queueSends * PRICE_LIST.queues.operationsPerDeliveredMessage,
    apiRequests: delivery.perThousand.single.apiRequests / delivery.perThousand.single.purchases,
    logLines: collect.census.logLines + consumer.census.logLines,
  };
  /** Per page view, with `scriptRequests` requests for the script reaching the Worker. */
  const perPageViewWith =
    (scriptRequests: number) =>
    (key: UsageKey): number => {
      const extra: Usage = {
        requests: scriptRequests + TRAFFIC.landingsPerPageView,
        cpuMs:
          scriptRequests * cpuMs(scriptFromWorker) + TRAFFIC.landingsPerPageView * cpuMs(click),
        kvReads: 0,
        kvWrites: 0,
        queueOperations: 0,
        apiRequests: 0,
        logLines:
          scriptRequests * scriptFromWorker.census.logLines +
          TRAFFIC.landingsPerPageView * click.census.logLines,
      };
      return extra[key] + TRAFFIC.purchasesPerPageView * perPurchase[key];
    };
  const perPageView = perPageViewWith(0);
  const perPageViewBefore = perPageViewWith(TRAFFIC.scriptRequestsPerPageViewBefore);

  const line = (item: string, unit: string, key: UsageKey): CostLine => ({
    item,
    unit,
    perThousandPurchases: 1000 * perPurchase[key],
    perMillionPageViews: 1_000_000 * perPageView(key),
  });
  const lines = [
    line('Worker requests', 'requests', 'requests'),
    line('Worker CPU time', 'CPU-ms', 'cpuMs'),
    line('KV reads', 'reads', 'kvReads'),
    line('KV writes', 'writes', 'kvWrites'),
    line('Queue operations', 'operations', 'queueOperations'),
    line('Prisjakt API requests', 'requests', 'apiRequests'),
    line('Log lines', 'lines', 'logLines'),
  ];

  // Medians: the Free plan limits CPU time, and on a shared machine the tail of wall time is
  // mostly other processes taking the CPU away (the table shows the p99 next to it).
  const slowestCpuMs = Math.max(
    ...micro.operations.map((op) => (op.perMessageMicros.median * op.messagesPerRun) / 1000),
  );
  const serving = (usage: (key: UsageKey) => number): ScriptServingCost => {
    const month = bill(TRAFFIC.monthlyPageViews, usage, slowestCpuMs);
    return {
      workerRequestsPerMillionPageViews: 1_000_000 * usage('requests'),
      cpuMsPerMillionPageViews: 1_000_000 * usage('cpuMs'),
      freePlanMaxPageViewsPerDay: month.freePlanMaxPageViewsPerDay,
      freePlanCeilingItem: month.freePlanCeilingItem,
    };
  };
  const shops: ShopSizeCost[] = SHOP_SIZES.map(({ name, monthlyPageViews }) => {
    const month = bill(monthlyPageViews, perPageView, slowestCpuMs);
    return {
      name,
      pageViewsPerMonth: monthlyPageViews,
      purchasesPerMonth: monthlyPageViews * TRAFFIC.purchasesPerPageView,
      workerRequestsPerMonth: monthlyPageViews * perPageView('requests'),
      freePlanFits: month.freePlanFits,
      freePlanLimitingItem: month.freePlanLimitingItem,
      paidPlanUsd: month.paidPlanUsd,
    };
  });

  const paid = PRICE_LIST;
  const marginal = (usage: (key: UsageKey) => number) =>
    (usage('requests') * paid.workers.paid.usdPerMillionRequests +
      usage('cpuMs') * paid.workers.paid.usdPerMillionCpuMs +
      usage('kvReads') * paid.kv.paid.usdPerMillionReads +
      usage('kvWrites') * paid.kv.paid.usdPerMillionWrites +
      usage('queueOperations') * paid.queues.paid.usdPerMillionOperations) /
    1_000_000;
  const month = bill(TRAFFIC.monthlyPageViews, perPageView, slowestCpuMs);

  return {
    assumptions: { ...TRAFFIC },
    lines,
    marginalUsd: {
      perThousandPurchases: marginal((key) => 1000 * perPurchase[key]),
      perMillionPageViews: marginal((key) => 1_000_000 * perPageView(key)),
    },
    monthly: {
      pageViews: TRAFFIC.monthlyPageViews,
      purchases: TRAFFIC.monthlyPageViews * TRAFFIC.purchasesPerPageView,
      freePlanFits: month.freePlanFits,
      freePlanLimitingItem: month.freePlanLimitingItem,
      freePlanMaxPageViewsPerDay: month.freePlanMaxPageViewsPerDay,
      slowestCpuMsPerInvocation: slowestCpuMs,
      paidPlanUsd: month.paidPlanUsd,
      paidPlanBreakdown: month.paidPlanBreakdown,
    },
    scriptServing: { before: serving(perPageViewBefore), after: serving(perPageView) },
    shops,
    priceListSources: priceListSources(),
  };
}
