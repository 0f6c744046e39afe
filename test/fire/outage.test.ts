import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OUTAGE_PHASES,
  type OutageResult,
  printOutageFigures,
  runOutage,
  SHORT_OUTAGE_PHASES,
} from './scenarios/outage.ts';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.ts';
import { ADMIN_TOKEN, type Channel, IntakeTally, sendOrder } from './support/intake.ts';
import { awaitDelivery, printFigures } from './support/ledger.ts';
import { SCALE } from './support/scale.ts';
import { clearFaults, injectFault, newClicks, storedEvents } from './support/upstream.ts';
import { startWorkerdStack, type WorkerdStack } from './support/workerd-stack.ts';

// The collector under workerd with its wrangler.toml bindings, its API calls through a proxy that
// can cut them, the emulator behind. The API fails in six ways (429 with a reset, 503, reset
// connections, answers cut after the API stored the event, silence past the timeout, and the
// emulator's own dropped connection, which workerd can only answer as a 500) while purchases keep
// coming. The soak run goes through all eight, each for longer, and
// outage.soak.test.ts does it under `wrangler dev`.

let proxy: FaultProxy;
let stack: WorkerdStack;
let result: OutageResult | undefined;

beforeAll(async () => {
  proxy = await startFaultProxy();
  stack = await startWorkerdStack({
    apiUrl: (emulatorUrl) => {
      proxy.setTarget(emulatorUrl);
      return proxy.url;
    },
    // Every delivery step logged (each retry and its reason), for the trail of a lost order; the
    // soak's thousand orders stay at warnings, as relaying every line would slow its recovery.
    collectorVars: { LOG_LEVEL: SCALE.soak ? 'warn' : 'info' },
  });
});

afterAll(async () => {
  if (result) {
    printOutageFigures('outage', result);
  }
  await Promise.all([stack?.stop(), proxy?.stop()]);
});

describe('an upstream outage while purchases keep coming', () => {
  it('delivers exactly the accepted purchases, each once, after the API recovers', async () => {
    result = await runOutage(stack, proxy, {
      prefix: `outage-${Date.now().toString(36)}`,
      phases: SCALE.soak ? OUTAGE_PHASES : SHORT_OUTAGE_PHASES,
      phaseMs: SCALE.outagePhaseMs,
      intervalMs: 40,
      resendShare: 0.15,
      // The soak's thousand orders, each retried through every phase, drain in 15 to 45 s here;
      // the promise is that none is lost, so it gets the wrangler dev soak's window.
      recoveryTimeoutMs: SCALE.soak ? 120_000 : 30_000,
    });
    const { tally, reconciliation, upstreamOutcomes, proxyFaults } = result;

    // The intake never depends on the API: every report was answered 202 (or 409 for a server
    // resend), none with a 5xx.
    expect(tally.unexpected).toEqual([]);
    expect(tally.serverErrors()).toBe(0);
    expect(tally.accepted.size).toBeGreaterThanOrEqual(20);

    // Every kind of fault happened...
    expect(result.missed).toEqual([]);
    expect(upstreamOutcomes['503']).toBeGreaterThan(0);
    expect(upstreamOutcomes['429']).toBeGreaterThan(0);
    expect(upstreamOutcomes.dropped).toBeGreaterThan(0);
    expect(proxyFaults.refused).toBeGreaterThan(0);
    expect(proxyFaults.cut).toBeGreaterThan(0);
    expect(proxyFaults.hung).toBeGreaterThan(0);
    // ...including answers lost after the API had stored the event, which came back as 409s.
    expect(upstreamOutcomes['409']).toBeGreaterThan(0);

    // ...and nothing was lost, doubled, invented or given up on. A lost order fails with the
    // collector's log lines about it, which say where it stopped.
    const trail = reconciliation.lost.flatMap((id) =>
      stack.collectorLines().filter((line) => line.includes(`"external_event_id":"${id}"`)),
    );
    expect(reconciliation.lost, trail.join('\n')).toEqual([]);
    expect(reconciliation.duplicated).toBe(0);
    expect(reconciliation.unexpected).toEqual([]);
    expect(reconciliation.deadLettered).toBe(0);
    expect(reconciliation.delivered).toBe(tally.accepted.size);
    // An outage is weather, not a bug: warnings, but no error line and no uncaught exception.
    const alarming = stack
      .collectorLines()
      .filter((line) => /"level":"error"|uncaught/i.test(line));
    expect(alarming).toEqual([]);
  });
});

describe('an outage that outlasts the queue’s retention', () => {
  it('keeps every purchase as a dead letter, and delivers each once when replayed', async () => {
    // Retention of 303 s: with the consumer's 300 s safety margin, a retry is due to outlive it
    // within seconds, so the outage "outlasts" it without a test that takes four days.
    const short = await startWorkerdStack({ collectorVars: { MESSAGE_RETENTION_SECONDS: '303' } });
    try {
      const prefix = `retention-${Date.now().toString(36)}`;
      const [click] = (await newClicks(short.emulatorUrl, 1)) as [string];
      await injectFault(short.emulatorUrl, { status: 503 });
      const tally = new IntakeTally();
      const channels = ['beacon', 'cookie', 'server'] as const;
      for (let n = 0; n < 24; n++) {
        const order = { id: `${prefix}-${n}`, amount: 10 + n, currency: 'EUR', items: 1, click };
        tally.record(order.id, await sendOrder(short.collector, order, channels[n % 3] as Channel));
      }
      expect(tally.accepted.size).toBe(24);

      const kept = await waitForDeadLetters(short.collector, 24);
      expect(new Set(kept.map((record) => record.kind))).toEqual(new Set(['expired']));
      expect(await storedEvents(short.emulatorUrl)).toEqual([]);

      await clearFaults(short.emulatorUrl);
      const replay = await fetch(`${short.collector}/admin/dead-letters/replay?limit=100`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(replay.status).toBe(202);
      expect(((await replay.json()) as { replayed: string[] }).replayed).toHaveLength(24);

      const reconciliation = await awaitDelivery(short, tally.accepted, { prefix: `${prefix}-` });
      printFigures('retention', {
        accepted: tally.accepted.size,
        dead_lettered_expired: kept.length,
        replayed: 24,
        delivered: reconciliation.delivered,
        duplicated: reconciliation.duplicated,
        still_dead_lettered: reconciliation.deadLettered,
        lost: reconciliation.lost.length,
      });
      expect(reconciliation.lost).toEqual([]);
      expect(reconciliation.duplicated).toBe(0);
      expect(reconciliation.deadLettered).toBe(0);
      expect(reconciliation.delivered).toBe(24);
    } finally {
      await short.stop();
    }
  });
});

async function waitForDeadLetters(
  collector: string,
  count: number,
): Promise<{ kind: string; external_event_id?: string }[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`${collector}/admin/dead-letters?limit=1000`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const page = (await response.json()) as {
      dead_letters: { kind: string; external_event_id?: string }[];
    };
    if (page.dead_letters.length >= count || Date.now() > deadline) return page.dead_letters;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
