// An upstream outage while purchases keep coming: the API fails in every way it can for a
// stretch, then recovers; every accepted purchase must then be upstream exactly once.
import type { FaultProxy } from '../support/fault-proxy.ts';
import type { FireStack } from '../support/fire-stack.ts';
import { type Channel, IntakeTally, type Order, sendOrder } from '../support/intake.ts';
import { awaitDelivery, printFigures, type Reconciliation } from '../support/ledger.ts';
import {
  clearFaults,
  createEventOutcomes,
  type FaultSpec,
  injectFault,
  newClicks,
} from '../support/upstream.ts';

/** One stretch of the outage: an emulator fault, a transport fault at the proxy, or health. */
export interface OutagePhase {
  name: string;
  fault?: FaultSpec;
  proxy?: 'refuse' | 'hang' | 'cut';
}

/**
 * Every way the API can fail, one after another (the collector's timeout is 800 ms). The 429
 * comes first: its wait (the reset, plus up to 5 s of jitter) then overlaps the other phases.
 */
export const OUTAGE_PHASES: readonly OutagePhase[] = [
  { name: '429 with X-RateLimit-Reset', fault: { status: 429, reset_ms: 1_500 } },
  { name: '503 Service Unavailable', fault: { status: 503 } },
  { name: 'connections reset', proxy: 'refuse' },
  { name: 'API stores, answer cut', proxy: 'cut' },
  { name: 'slow API (stores after the timeout)', fault: { delay_ms: 1_500 } },
  { name: 'silent API (no answer)', proxy: 'hang' },
  { name: 'emulator drop (500 Network connection lost)', fault: { drop: true } },
  { name: '502 Bad Gateway', fault: { status: 502 } },
];

/**
 * The short run inside `npm test`: a rate limit, server errors, and the transport faults (a reset
 * connection, a cut answer, silence, and the emulator's own drop, which workerd answers as 500).
 */
export const SHORT_OUTAGE_PHASES: readonly OutagePhase[] = OUTAGE_PHASES.filter((phase) =>
  [
    '429 with X-RateLimit-Reset',
    '503 Service Unavailable',
    'connections reset',
    'API stores, answer cut',
    'silent API (no answer)',
    'emulator drop (500 Network connection lost)',
  ].includes(phase.name),
);

export interface OutagePlan {
  /** Order ids start with it. */
  prefix: string;
  phases: readonly OutagePhase[];
  /** Each phase lasts at least this long, and until the collector has met its fault. */
  phaseMs: number;
  /** A report every this many ms, throughout. */
  intervalMs: number;
  /** Share of reports that resend an earlier order through another channel. */
  resendShare: number;
  /** How long delivery may take once the API is back. */
  recoveryTimeoutMs: number;
}

export interface OutageResult {
  tally: IntakeTally;
  reconciliation: Reconciliation;
  /** Event creations the emulator answered during the run, by status. */
  upstreamOutcomes: Record<string, number>;
  proxyFaults: Record<string, number>;
  /** Failed delivery attempts the collector met (all faults, emulator and transport). */
  faults: number;
  recoveryMs: number;
  /** Phases whose fault the collector never met (there should be none). */
  missed: string[];
}

const CHANNELS: readonly Channel[] = ['beacon', 'cookie', 'server'];
const CURRENCIES = ['SEK', 'EUR', 'NOK', 'DKK', 'GBP', 'NZD'] as const;

/**
 * Runs the plan: reports flow at a steady pace while the phases follow one another, then the
 * API heals and the run waits until the accepted purchases are delivered.
 */
export async function runOutage(
  stack: FireStack,
  proxy: FaultProxy,
  plan: OutagePlan,
): Promise<OutageResult> {
  const clicks = await newClicks(stack.emulatorUrl, 12);
  const before = await createEventOutcomes(stack.emulatorUrl);
  const proxyBefore = proxy.counts();
  const tally = new IntakeTally();
  const orders: Order[] = [];
  const inFlight: Promise<void>[] = [];
  let sending = true;

  const report = (order: Order, channel: Channel) =>
    inFlight.push(
      sendOrder(stack.collector, order, channel, { origin: stack.shopUrl }).then((answer) =>
        tally.record(order.id, answer),
      ),
    );
  const sender = (async () => {
    for (let n = 0; sending; n++) {
      const resend = orders.length > 0 && Math.random() < plan.resendShare;
      const channel = CHANNELS[n % CHANNELS.length] as Channel;
      if (resend) {
        report(orders[Math.floor(Math.random() * orders.length)] as Order, channel);
      } else {
        const order: Order = {
          id: `${plan.prefix}-${n}`,
          amount: Math.round(Math.random() * 1_000_000) / 100,
          currency: CURRENCIES[n % CURRENCIES.length] as string,
          items: 1 + (n % 5),
          click: clicks[n % clicks.length] as string,
        };
        orders.push(order);
        report(order, channel);
      }
      await new Promise((resolve) => setTimeout(resolve, plan.intervalMs));
    }
  })();

  const missed: string[] = [];
  try {
    for (const phase of plan.phases) {
      if (!(await runPhase(stack, proxy, phase, plan.phaseMs))) missed.push(phase.name);
    }
  } finally {
    sending = false;
    await sender;
    await Promise.all(inFlight);
  }

  const healedAt = Date.now();
  const reconciliation = await awaitDelivery(stack, tally.accepted, {
    prefix: `${plan.prefix}-`,
    timeoutMs: plan.recoveryTimeoutMs,
  });
  const recoveryMs = Date.now() - healedAt;

  const after = await createEventOutcomes(stack.emulatorUrl);
  const upstreamOutcomes: Record<string, number> = {};
  for (const [status, count] of Object.entries(after)) {
    const delta = count - (before[status] ?? 0);
    if (delta > 0) upstreamOutcomes[status] = delta;
  }
  const proxyAfter = proxy.counts();
  const proxyFaults = {
    refused: proxyAfter.refuse - proxyBefore.refuse,
    hung: proxyAfter.hang - proxyBefore.hang,
    cut: proxyAfter.cut - proxyBefore.cut,
  };
  const emulatorFaults = Object.entries(upstreamOutcomes)
    .filter(([status]) => status !== '201' && status !== '409')
    .reduce((sum, [, count]) => sum + count, 0);
  const faults = emulatorFaults + proxyFaults.refused + proxyFaults.hung + proxyFaults.cut;
  return { tally, reconciliation, upstreamOutcomes, proxyFaults, faults, recoveryMs, missed };
}

/** A phase gives up waiting for the collector to meet its fault after this long. */
const PHASE_MAX_MS = 15_000;

/** How many times the collector has met a phase's fault, by the emulator's and proxy's counts. */
async function faultHits(stack: FireStack, proxy: FaultProxy, phase: OutagePhase): Promise<number> {
  if (phase.proxy) return proxy.counts()[phase.proxy];
  const outcomes = await createEventOutcomes(stack.emulatorUrl);
  if (phase.fault?.drop) return outcomes.dropped ?? 0;
  if (phase.fault?.status !== undefined) return outcomes[String(phase.fault.status)] ?? 0;
  // A delay alone: every request that arrives is slowed.
  return Object.values(outcomes).reduce((sum, count) => sum + count, 0);
}

/**
 * Applies a phase's fault for at least `minimumMs` and until the collector has met it, then
 * heals. False when the collector never met it.
 */
async function runPhase(
  stack: FireStack,
  proxy: FaultProxy,
  phase: OutagePhase,
  minimumMs: number,
): Promise<boolean> {
  const start = Date.now();
  const before = await faultHits(stack, proxy, phase);
  if (phase.fault) await injectFault(stack.emulatorUrl, phase.fault);
  if (phase.proxy) proxy.setMode(phase.proxy);
  let met = false;
  try {
    while (Date.now() - start < PHASE_MAX_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      met ||= (await faultHits(stack, proxy, phase)) > before;
      if (met && Date.now() - start >= minimumMs) break;
    }
  } finally {
    await clearFaults(stack.emulatorUrl);
    proxy.setMode('pass');
  }
  return met;
}

/** Prints an outage run's figures as one `[fire:<label>]` line. */
export function printOutageFigures(label: string, result: OutageResult): void {
  const { tally, reconciliation: r } = result;
  printFigures(label, {
    reports: tally.sent,
    orders_accepted: tally.accepted.size,
    duplicate_answers: tally.duplicates,
    faults: result.faults,
    upstream: JSON.stringify(result.upstreamOutcomes),
    proxy: JSON.stringify(result.proxyFaults),
    delivered: r.delivered,
    duplicated: r.duplicated,
    dead_lettered: r.deadLettered,
    lost: r.lost.length,
    recovery_ms: result.recoveryMs,
  });
}
