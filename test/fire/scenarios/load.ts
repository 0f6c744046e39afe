// A bounded burst of beacons against the collector under `wrangler dev`: how fast it takes them,
// and whether every accepted one reaches the API once.
import type { FireStack } from '../support/fire-stack.ts';
import { IntakeTally, inParallel, nextAddress, type Order, sendOrder } from '../support/intake.ts';
import { awaitDelivery, type Reconciliation } from '../support/ledger.ts';
import { newClicks } from '../support/upstream.ts';

export interface LoadPlan {
  prefix: string;
  beacons: number;
  concurrency: number;
  /** Distinct client addresses the beacons come from (the rate limit counts per address). */
  clients: number;
  drainTimeoutMs: number;
}

export interface LoadResult {
  tally: IntakeTally;
  reconciliation: Reconciliation;
  intakeMs: number;
  /** From the last answer until the last event was upstream. */
  drainMs: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

/** Sends the burst, then waits for delivery; every figure is measured, none is asserted here. */
export async function runLoad(stack: FireStack, plan: LoadPlan): Promise<LoadResult> {
  const clicks = await newClicks(stack.emulatorUrl, 20);
  const addresses = Array.from({ length: plan.clients }, nextAddress);
  const orders: Order[] = Array.from({ length: plan.beacons }, (_, n) => ({
    id: `${plan.prefix}-${n}`,
    amount: Math.round(Math.random() * 10_000_000) / 100,
    currency: 'SEK',
    items: 1 + (n % 4),
    click: clicks[n % clicks.length] as string,
  }));
  const tally = new IntakeTally();
  const latencies: number[] = [];
  const started = Date.now();
  await inParallel(orders, plan.concurrency, async (order, index) => {
    const sentAt = performance.now();
    const answer = await sendOrder(stack.collector, order, index % 2 === 0 ? 'beacon' : 'cookie', {
      address: addresses[index % addresses.length] as string,
      origin: stack.shopUrl,
    });
    latencies.push(performance.now() - sentAt);
    tally.record(order.id, answer);
  });
  const intakeMs = Date.now() - started;
  const reconciliation = await awaitDelivery(stack, tally.accepted, {
    prefix: `${plan.prefix}-`,
    timeoutMs: plan.drainTimeoutMs,
    settleMs: 500,
  });
  const drainMs = Date.now() - started - intakeMs - 500;
  latencies.sort((a, b) => a - b);
  return {
    tally,
    reconciliation,
    intakeMs,
    drainMs,
    latencyMs: {
      p50: Math.round(percentile(latencies, 0.5)),
      p95: Math.round(percentile(latencies, 0.95)),
      p99: Math.round(percentile(latencies, 0.99)),
      max: Math.round(latencies.at(-1) ?? 0),
    },
  };
}
