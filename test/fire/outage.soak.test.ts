import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OUTAGE_PHASES,
  type OutageResult,
  printOutageFigures,
  runOutage,
} from './scenarios/outage.ts';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.ts';
import { type FireStack, startFireStack } from './support/fire-stack.ts';
import { SCALE } from './support/scale.ts';

// The long outage, under `wrangler dev` as `npm start` runs it (a queue that flushes every
// second): all eight kinds of failure, each for at least FIRE_OUTAGE_PHASE_MS, while purchases
// keep coming at 25 a second; then recovery.

let proxy: FaultProxy;
let stack: FireStack;
let result: OutageResult | undefined;

beforeAll(async () => {
  proxy = await startFaultProxy();
  stack = await startFireStack({ collectorVars: { PRISJAKT_API_URL: proxy.url } });
  proxy.setTarget(stack.emulatorUrl);
});

afterAll(async () => {
  if (result) {
    printOutageFigures('outage-soak', result);
  }
  await Promise.all([stack?.stop(), proxy?.stop()]);
});

describe('a long upstream outage under wrangler dev', () => {
  it('delivers exactly the accepted purchases, each once, after every kind of failure', async () => {
    result = await runOutage(stack, proxy, {
      prefix: `outage-soak-${Date.now().toString(36)}`,
      phases: OUTAGE_PHASES,
      phaseMs: SCALE.outagePhaseMs,
      intervalMs: 40,
      resendShare: 0.15,
      recoveryTimeoutMs: 120_000,
    });
    const { tally, reconciliation, upstreamOutcomes, proxyFaults } = result;
    expect(tally.unexpected).toEqual([]);
    expect(tally.serverErrors()).toBe(0);
    expect(result.missed).toEqual([]);
    for (const status of ['429', '502', '503', 'dropped', '409']) {
      expect(upstreamOutcomes[status], status).toBeGreaterThan(0);
    }
    expect(proxyFaults.refused).toBeGreaterThan(0);
    expect(proxyFaults.cut).toBeGreaterThan(0);
    expect(proxyFaults.hung).toBeGreaterThan(0);
    expect(reconciliation.lost).toEqual([]);
    expect(reconciliation.duplicated).toBe(0);
    expect(reconciliation.unexpected).toEqual([]);
    expect(reconciliation.deadLettered).toBe(0);
    expect(reconciliation.delivered).toBe(tally.accepted.size);
  });
});
