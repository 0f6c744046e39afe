import type { CostLine, CostResults, DeliveryResults, MicroResults } from '../results.ts';
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
   * Upper bound: every page view fetches or revalidates the script. Browsers keep it 5 minutes
   * (`max-age=300`), so a visit of several pages asks once or twice.
   */
  pixelScriptRequestsPerPageView: 1,
  /**
   * A consumer invocation per purchase: a small shop's purchases rarely share the queue's 5 s
   * batch window. A busy shop's batches hold up to 100, which divides this line by up to 100.
   */
  purchasesPerConsumerInvocation: 1,
} as const;

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

function operation(micro: MicroResults, id: string) {
  const found = micro.operations.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`the micro-benchmark has no ${id}`);
  return found;
}

/**
 * Cloudflare usage and cost from the measured figures: CPU time per request and binding calls
 * from the micro-benchmark (workerd on this machine; Cloudflare's CPUs differ, so CPU-ms are an
 * estimate), API requests per purchase from the delivery benchmark, traffic from {@link TRAFFIC}.
 */
export function costModel(micro: MicroResults, delivery: DeliveryResults): CostResults {
  const collect = operation(micro, 'collect');
  const consumer = operation(micro, 'queue.single.1');
  const script = operation(micro, 'pixel');
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
  const perPageViewExtra: Usage = {
    requests: TRAFFIC.pixelScriptRequestsPerPageView + TRAFFIC.landingsPerPageView,
    cpuMs:
      TRAFFIC.pixelScriptRequestsPerPageView * cpuMs(script) +
      TRAFFIC.landingsPerPageView * cpuMs(click),
    kvReads: 0,
    kvWrites: 0,
    queueOperations: 0,
    apiRequests: 0,
    logLines:
      TRAFFIC.pixelScriptRequestsPerPageView * script.census.logLines +
      TRAFFIC.landingsPerPageView * click.census.logLines,
  };
  const perPageView = (key: keyof Usage) =>
    perPageViewExtra[key] + TRAFFIC.purchasesPerPageView * perPurchase[key];

  const line = (item: string, unit: string, key: keyof Usage): CostLine => ({
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

  const monthly = (key: keyof Usage) => TRAFFIC.monthlyPageViews * perPageView(key);
  const daily = (key: keyof Usage) => monthly(key) / TRAFFIC.daysPerMonth;
  const free = [
    {
      item: 'Worker requests a day',
      use: daily('requests'),
      limit: PRICE_LIST.workers.free.requestsPerDay,
    },
    { item: 'KV reads a day', use: daily('kvReads'), limit: PRICE_LIST.kv.free.readsPerDay },
    { item: 'KV writes a day', use: daily('kvWrites'), limit: PRICE_LIST.kv.free.writesPerDay },
    {
      item: 'Queue operations a day',
      use: daily('queueOperations'),
      limit: PRICE_LIST.queues.free.operationsPerDay,
    },
  ];
  const limiting = free.reduce((worst, item) =>
    item.use / item.limit > worst.use / worst.limit ? item : worst,
  );
  // Medians: the Free plan limits CPU time, and on a shared machine the tail of wall time is
  // mostly other processes taking the CPU away (the table shows the p99 next to it).
  const slowestCpuMs = Math.max(
    ...micro.operations.map((op) => (op.perMessageMicros.median * op.messagesPerRun) / 1000),
  );

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
  const marginal = (usage: (key: keyof Usage) => number) =>
    (usage('requests') * paid.workers.paid.usdPerMillionRequests +
      usage('cpuMs') * paid.workers.paid.usdPerMillionCpuMs +
      usage('kvReads') * paid.kv.paid.usdPerMillionReads +
      usage('kvWrites') * paid.kv.paid.usdPerMillionWrites +
      usage('queueOperations') * paid.queues.paid.usdPerMillionOperations) /
    1_000_000;

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
      freePlanFits:
        free.every((item) => item.use <= item.limit) &&
        slowestCpuMs <= PRICE_LIST.workers.free.cpuMsPerInvocation,
      freePlanLimitingItem: `${limiting.item}: ${Math.round(limiting.use).toLocaleString('en-US')} of ${limiting.limit.toLocaleString('en-US')}`,
      freePlanMaxPageViewsPerDay: Math.floor(
        Math.min(
          ...free.map(
            (item) => item.limit / (item.use / (TRAFFIC.monthlyPageViews / TRAFFIC.daysPerMonth)),
          ),
        ),
      ),
      slowestCpuMsPerInvocation: slowestCpuMs,
      paidPlanUsd: Object.values(breakdown).reduce((sum, usd) => sum + usd, 0),
      paidPlanBreakdown: breakdown,
    },
    priceListSources: priceListSources(),
  };
}
