import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadResult, runLoad } from './scenarios/load.ts';
import { type FireStack, startFireStack } from './support/fire-stack.ts';
import { printFigures } from './support/ledger.ts';
import { SCALE } from './support/scale.ts';

// A burst of beacons (1,000; 20,000 in the soak run), 48 at a time from 300 client addresses, at
// the collector under `wrangler dev` on loopback.

let stack: FireStack;
let result: LoadResult | undefined;

beforeAll(async () => {
  stack = await startFireStack();
});

afterAll(async () => {
  if (result) {
    const { tally, reconciliation: r } = result;
    printFigures('load', {
      beacons: tally.sent,
      accepted: tally.accepted.size,
      statuses: JSON.stringify(Object.fromEntries(tally.statuses)),
      intake_ms: result.intakeMs,
      intake_per_s: Math.round((tally.sent / result.intakeMs) * 1000),
      latency_ms: JSON.stringify(result.latencyMs),
      drain_ms: result.drainMs,
      delivered: r.delivered,
      duplicated: r.duplicated,
      dead_lettered: r.deadLettered,
      lost: r.lost.length,
    });
  }
  await stack?.stop();
});

describe('a burst of beacons', () => {
  it('takes every one without a 5xx and delivers each accepted one once', async () => {
    result = await runLoad(stack, {
      prefix: `load-${Date.now().toString(36)}`,
      beacons: SCALE.loadBeacons,
      concurrency: 48,
      clients: 300,
      drainTimeoutMs: 45_000 + SCALE.loadBeacons * 10,
    });
    const { tally, reconciliation } = result;
    expect(tally.serverErrors()).toBe(0);
    expect(tally.unexpected).toEqual([]);
    expect(tally.accepted.size).toBe(SCALE.loadBeacons);
    expect(reconciliation.lost).toEqual([]);
    expect(reconciliation.duplicated).toBe(0);
    expect(reconciliation.unexpected).toEqual([]);
    expect(reconciliation.deadLettered).toBe(0);
    expect(reconciliation.delivered).toBe(SCALE.loadBeacons);
  });
});
