import { describe, expect, it } from 'vitest';
import { costModel, TRAFFIC } from '#tooling/bench/src/cost/model.ts';
import { PRICE_LIST } from '#tooling/bench/src/cost/prices.ts';
import { DELIVERY, MICRO } from './fixtures.ts';

describe('the cost model', () => {
  const cost = costModel(MICRO, DELIVERY);
  const line = (item: string) => {
    const found = cost.lines.find((candidate) => candidate.item.startsWith(item));
    if (found === undefined) throw new Error(`no line ${item}`);
    return found;
  };

  it('counts per 1,000 purchases what each purchase asks: two invocations, two KV calls, three queue operations', () => {
    expect(line('Worker requests').perThousandPurchases).toBe(2000);
    // 50 µs at intake and 30 µs in the consumer.
    expect(line('Worker CPU time').perThousandPurchases).toBeCloseTo(80, 6);
    expect(line('KV reads').perThousandPurchases).toBe(1000);
    expect(line('KV writes').perThousandPurchases).toBe(1000);
    expect(line('Queue operations').perThousandPurchases).toBe(3000);
    expect(line('Prisjakt API requests').perThousandPurchases).toBe(1000);
    expect(line('Log lines').perThousandPurchases).toBe(3000);
  });

  it('adds the landings and the purchases of a million page views, and nothing for the script', () => {
    const purchases = 1_000_000 * TRAFFIC.purchasesPerPageView;
    const landings = 1_000_000 * TRAFFIC.landingsPerPageView;
    expect(line('Worker requests').perMillionPageViews).toBeCloseTo(landings + 2 * purchases, 6);
    expect(line('Worker CPU time').perMillionPageViews).toBeCloseTo(
      (landings * 10 + purchases * 80) / 1000,
      6,
    );
    expect(line('KV writes').perMillionPageViews).toBeCloseTo(purchases, 6);
  });

  it('sets the script served by the Worker beside the static asset, per million page views', () => {
    const purchases = 1_000_000 * TRAFFIC.purchasesPerPageView;
    const landings = 1_000_000 * TRAFFIC.landingsPerPageView;
    const scripts = 1_000_000 * TRAFFIC.scriptRequestsPerPageViewBefore;
    const { before, after } = cost.scriptServing;
    expect(before.workerRequestsPerMillionPageViews).toBeCloseTo(
      scripts + landings + 2 * purchases,
      6,
    );
    expect(after.workerRequestsPerMillionPageViews).toBeCloseTo(landings + 2 * purchases, 6);
    // 20 µs for each script the Worker served.
    expect(before.cpuMsPerMillionPageViews - after.cpuMsPerMillionPageViews).toBeCloseTo(
      (scripts * 20) / 1000,
      6,
    );
    // Before, the script's requests exhausted the 100,000 a day first; after, the 1,000 KV
    // writes a day (one per purchase, 0.004 a page view) do.
    expect(before.freePlanCeilingItem).toBe('Worker requests a day');
    expect(before.freePlanMaxPageViewsPerDay).toBe(98_231);
    expect(after.freePlanCeilingItem).toBe('KV writes a day');
    expect(after.freePlanMaxPageViewsPerDay).toBe(250_000);
  });

  it('prices what goes beyond the Paid inclusions at the list prices', () => {
    const paid = PRICE_LIST;
    const expected =
      (2000 * paid.workers.paid.usdPerMillionRequests +
        80 * paid.workers.paid.usdPerMillionCpuMs +
        1000 * paid.kv.paid.usdPerMillionReads +
        1000 * paid.kv.paid.usdPerMillionWrites +
        3000 * paid.queues.paid.usdPerMillionOperations) /
      1_000_000;
    expect(cost.marginalUsd.perThousandPurchases).toBeCloseTo(expected, 10);
  });

  it('finds the example shop within the Free plan and at the Paid minimum, and names the closest limit', () => {
    expect(cost.monthly.freePlanFits).toBe(true);
    expect(cost.monthly.paidPlanUsd).toBe(PRICE_LIST.workers.paid.monthlyMinimumUsd);
    // 4,000 purchases a month are 133 KV writes a day: the allowance closest to its end.
    expect(cost.monthly.freePlanLimitingItem).toBe('KV writes a day: 133 of 1,000');
    expect(cost.monthly.freePlanMaxPageViewsPerDay).toBe(250_000);
  });

  it('prices three shop sizes: the large one outgrows the Free plan and pays for KV writes', () => {
    expect(
      cost.shops.map((shop) => [shop.name, shop.pageViewsPerMonth, shop.freePlanFits]),
    ).toEqual([
      ['small', 100_000, true],
      ['medium', 1_000_000, true],
      ['large', 10_000_000, false],
    ]);
    const large = cost.shops[2];
    // 40,000 purchases: 40,000 KV writes, 1,333 a day against 1,000 on Free; within Paid's million.
    expect(large?.freePlanLimitingItem).toBe('KV writes a day: 1,333 of 1,000');
    expect(large?.paidPlanUsd).toBe(PRICE_LIST.workers.paid.monthlyMinimumUsd);
  });

  it('cites every price list page it uses', () => {
    expect(cost.priceListSources).toContain(
      'https://developers.cloudflare.com/workers/platform/pricing/',
    );
    expect(cost.priceListSources).toContain('https://developers.cloudflare.com/queues/pricing/');
  });
});
