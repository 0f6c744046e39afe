/**
 * Cloudflare's price list as the cost model uses it, in US dollars. Every number names its
 * source; correct a price here and the model follows. Read in November 2026 from the pages
 * cited (no network access was available when this was written, so they come from the stored
 * copies the project's search tool holds; check them against the live pages before relying on
 * the dollar figures).
 */
export const PRICE_LIST = {
  workers: {
    source: 'https://developers.cloudflare.com/workers/platform/pricing/',
    free: { requestsPerDay: 100_000, cpuMsPerInvocation: 10 },
    paid: {
      monthlyMinimumUsd: 5,
      includedRequestsPerMonth: 10_000_000,
      usdPerMillionRequests: 0.3,
      includedCpuMsPerMonth: 30_000_000,
      usdPerMillionCpuMs: 0.02,
    },
  },
  queues: {
    // Operations per 64 KB written, read or deleted; a delivered message takes three (write,
    // read, delete), a retry one more read. The Free plan's daily allowance is from the
    // Queues pricing page as transcribed by api-evangelist/cloudflare-queues (plans YAML).
    source: 'https://developers.cloudflare.com/queues/pricing/',
    freeSource:
      'https://raw.githubusercontent.com/api-evangelist/cloudflare-queues/refs/heads/main/plans/cloudflare-queues-plans-pricing.yml',
    operationsPerDeliveredMessage: 3,
    free: { operationsPerDay: 10_000 },
    paid: { includedOperationsPerMonth: 1_000_000, usdPerMillionOperations: 0.4 },
  },
  kv: {
    // Free limits from the KV limits page; per-operation prices from Cloudflare's KV pricing
    // announcement; the Paid plan's monthly inclusions from the KV pricing page as transcribed
    // by api-evangelist/cloudflare-kv.
    source: 'https://developers.cloudflare.com/kv/platform/limits/',
    priceSource: 'https://blog.cloudflare.com/workers-kv-free-tier/',
    paidSource:
      'https://raw.githubusercontent.com/api-evangelist/cloudflare-kv/refs/heads/main/plans/cloudflare-kv-plans-pricing.yml',
    free: { readsPerDay: 100_000, writesPerDay: 1_000 },
    paid: {
      includedReadsPerMonth: 10_000_000,
      usdPerMillionReads: 0.5,
      includedWritesPerMonth: 1_000_000,
      usdPerMillionWrites: 5,
    },
  },
} as const;

/** Every page the price list comes from, for the report. */
export function priceListSources(): string[] {
  return [
    PRICE_LIST.workers.source,
    PRICE_LIST.queues.source,
    PRICE_LIST.queues.freeSource,
    PRICE_LIST.kv.source,
    PRICE_LIST.kv.priceSource,
    PRICE_LIST.kv.paidSource,
  ];
}
