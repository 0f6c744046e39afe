import { PRICE_LIST } from '#tooling/bench/src/cost/prices.ts';
import { count, num, usd } from '#tooling/bench/src/report/format.ts';
import type { BenchResults, CostResults } from '#tooling/bench/src/results.ts';
import { markdownTable } from './markdown-table.ts';

// The cost model's findings in prose, for docs/benchmarks.md and docs/rollout.md: every figure
// comes from the last `npm run bench` (its `cost`) or the price list, never typed by hand.

function line(cost: CostResults, item: string) {
  const found = cost.lines.find((candidate) => candidate.item === item);
  if (found === undefined) throw new Error(`the cost model has no line "${item}"`);
  return found;
}

/** Per purchase, from a line's figure per 1,000 purchases. */
const perPurchase = (cost: CostResults, item: string) =>
  line(cost, item).perThousandPurchases / 1000;

/** `KV writes a day: 133 of 1,000` → `KV writes, 133 of 1,000 a day`. */
function limitPhrase(limitingItem: string): string {
  const match = /^(.*) a day: (.*)$/.exec(limitingItem);
  return match ? `${match[1]}, ${match[2]} a day` : limitingItem;
}

/** The bullets under "What the model says" in docs/benchmarks.md. */
export function costFindings(results: BenchResults): string {
  const { cost } = results;
  const { before, after } = cost.scriptServing;
  const kvWritesUsd =
    (line(cost, 'KV writes').perThousandPurchases * PRICE_LIST.kv.paid.usdPerMillionWrites) /
    1_000_000;
  const queueOperationsPerDay = PRICE_LIST.queues.free.operationsPerDay;
  const purchasesPerDayOnQueues = queueOperationsPerDay / perPurchase(cost, 'Queue operations');
  const [small, medium, large] = cost.shops;
  return [
    `- **Per purchase the collector is almost free**: ${count(perPurchase(cost, 'Worker requests'))} Worker requests, about ${num(perPurchase(cost, 'Worker CPU time'), 2)} CPU-ms, ${count(perPurchase(cost, 'KV reads'))} KV read and ${count(perPurchase(cost, 'KV writes'))} KV write, ${count(perPurchase(cost, 'Queue operations'))} Queue operations; beyond the Paid plan's inclusions that is ${usd(cost.marginalUsd.perThousandPurchases)} per 1,000 purchases, ${num((100 * kvWritesUsd) / cost.marginalUsd.perThousandPurchases)} % of it the KV write.`,
    `- **Page views cost almost nothing**: the script is a static asset, so a million page views are ${count(after.workerRequestsPerMillionPageViews)} Worker requests (the landings and the purchases among them), against ${count(before.workerRequestsPerMillionPageViews)} when the Worker served the script, and ${num(after.cpuMsPerMillionPageViews, 1)} CPU-ms against ${num(before.cpuMsPerMillionPageViews, 1)} (${usd(cost.marginalUsd.perMillionPageViews)} beyond the inclusions).`,
    `- **The Free plan** ${cost.monthly.freePlanFits ? 'carries' : 'does not carry'} the example shop. What runs out first is now its allowance of ${after.freePlanCeilingItem}, at ${num(after.freePlanMaxPageViewsPerDay)} page views a day at the assumed mix, against ${num(before.freePlanMaxPageViewsPerDay)} when the Worker served the script and its allowance of ${before.freePlanCeilingItem} ran out first. Queues' ${num(queueOperationsPerDay)} operations a day cap purchases at about ${num(purchasesPerDayOnQueues)}.`,
    `- **Three shop sizes** (\`SHOP_SIZES\` in \`tooling/bench/src/cost/model.ts\`): ${cost.shops.map((shop) => num(shop.pageViewsPerMonth)).join(', ')} page views a month cost the Paid plan ${cost.shops.map((shop) => usd(shop.paidPlanUsd)).join(', ')} a month; on the Free plan the small shop ${fits(small)}, the medium ${fits(medium)}, the large ${fits(large)}. docs/rollout.md prices them.`,
  ].join('\n');
}

function fits(shop: CostResults['shops'][number] | undefined): string {
  if (shop === undefined) throw new Error('the cost model has fewer than three shop sizes');
  return shop.freePlanFits
    ? `fits (closest: ${limitPhrase(shop.freePlanLimitingItem)})`
    : `does not fit (${limitPhrase(shop.freePlanLimitingItem)})`;
}

/** The table of three shop sizes in docs/rollout.md, and what runs out first. */
export function shopCosts(results: BenchResults): string {
  const { cost } = results;
  const { before, after } = cost.scriptServing;
  const table = markdownTable(
    [
      'shop',
      'page views a month',
      'purchases a month',
      'Worker requests a month',
      'Workers Free plan',
      'Workers Paid plan',
    ],
    cost.shops.map((shop) => [
      shop.name,
      num(shop.pageViewsPerMonth),
      num(shop.purchasesPerMonth),
      count(shop.workerRequestsPerMonth),
      fits(shop),
      `${usd(shop.paidPlanUsd)} a month`,
    ]),
  );
  return `${table}\n\nOn the Free plan the first allowance to run out is that of ${after.freePlanCeilingItem}, at ${num(after.freePlanMaxPageViewsPerDay)} page views a day; before the script was a static asset it was that of ${before.freePlanCeilingItem}, at ${num(before.freePlanMaxPageViewsPerDay)}.`;
}
