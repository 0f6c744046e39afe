// A flood of forged beacons with real purchases among them, against an API whose quota is scaled
// down: every forged beacon carries a made-up click (a UUIDv4, "_", 16 hex digits: the format,
// not a signature) and guesses a sequential order id, the real orders' ids among them, sent
// before the real reports. Real purchases come as the pixel sends them after a landing (the
// click in the collector's cookie) and as the shop's backend reports them.
import { type Channel, inParallel, type Order, sendOrder } from '../support/intake.ts';
import { deadLetteredIds } from '../support/ledger.ts';
import { createEventOutcomes, newClicks, storedEvents } from '../support/upstream.ts';
import type { WorkerdStack } from '../support/workerd-stack.ts';

export interface HostileWorldPlan {
  /** Order ids start with it. */
  prefix: string;
  forged: number;
  real: number;
  /** How long the real purchases may take to arrive. */
  deliveryTimeoutMs: number;
}

export interface HostileWorldResult {
  forged: number;
  real: number;
  realAccepted: number;
  realDelivered: number;
  /** Real purchases upstream with the amount and click the shop reported. */
  realIntact: number;
  /** From the collector's answer to the event's arrival upstream, the slowest real purchase. */
  worstDelayMs: number;
  /** Create-event requests the forged beacons cost (the API's 400s on their signatures). */
  apiRequestsForged: number;
  /** Every create-event request, by status. */
  upstream: Record<string, number>;
  /** Forged beacons answered 202 accepted (each wrote one pending KV mark). */
  forgedAccepted: number;
  /** Writes of the hourly refused-click tally (one per consumer batch that met any). */
  tallyWrites: number;
  /** Dead-letter records the forged beacons left (a KV write each). */
  forgedDeadLetters: number;
  kvWritesPerForged: number;
}

const FORGED_SOURCES = 8;

function forgedClick(): string {
  const hex = (length: number) =>
    Array.from(crypto.getRandomValues(new Uint8Array(length / 2)))
      .map((byte) => byte.toString(16).padStart(2, '0'))
      .join('');
  return `${crypto.randomUUID()}_${hex(16)}`;
}

/** A client address per forging source, each in its own IPv6 /64. */
function forgerAddress(n: number): string {
  return `2001:db8:f0${(n % FORGED_SOURCES).toString(16)}::${(n % 65_535).toString(16)}`;
}

export async function runHostileWorld(
  stack: WorkerdStack,
  plan: HostileWorldPlan,
): Promise<HostileWorldResult> {
  const before = await createEventOutcomes(stack.emulatorUrl);
  const clicks = await newClicks(stack.emulatorUrl, plan.real);
  const orderId = (n: number) => `${plan.prefix}-order-${1000 + n}`;
  const spacing = Math.max(1, Math.floor(plan.forged / plan.real));
  // Real order k has the id the forger guesses at step k * spacing + spacing / 2.
  const realOrders: { order: Order; channel: Channel; at: number }[] = clicks.map((click, k) => ({
    order: {
      id: orderId(k * spacing + Math.floor(spacing / 2)),
      amount: 1000 + k,
      currency: 'SEK',
      items: 1 + (k % 3),
      click,
    },
    channel: k % 2 === 0 ? 'cookie' : 'server',
    at: k * spacing + Math.floor(spacing / 2),
  }));

  let forgedAccepted = 0;
  const acceptedAt = new Map<string, number>();
  const steps = Array.from({ length: plan.forged }, (_, n) => n);
  await inParallel(steps, FORGED_SOURCES, async (n) => {
    const answer = await sendOrder(
      stack.collector,
      { id: orderId(n), amount: 1, currency: 'SEK', items: 1, click: forgedClick() },
      'beacon',
      { origin: stack.shopUrl, address: forgerAddress(n) },
    );
    if (answer.status === 202 && JSON.parse(answer.body).status === 'accepted') {
      forgedAccepted += 1;
    }
    // The real report of an order follows the forger's guess at its id.
    const real = realOrders.find((entry) => entry.at === n);
    if (real !== undefined) {
      const reply = await sendOrder(stack.collector, real.order, real.channel, {
        origin: stack.shopUrl,
      });
      if (reply.status === 202) acceptedAt.set(real.order.id, Date.now());
    }
  });

  const arrivedAt = new Map<string, number>();
  const deadline = Date.now() + plan.deliveryTimeoutMs;
  const realIds = new Set(realOrders.map((entry) => entry.order.id));
  let stored = await storedEvents(stack.emulatorUrl);
  while (Date.now() < deadline) {
    stored = await storedEvents(stack.emulatorUrl);
    const now = Date.now();
    for (const event of stored) {
      const id = event.external_event_id ?? '';
      if (realIds.has(id) && !arrivedAt.has(id)) arrivedAt.set(id, now);
    }
    if (arrivedAt.size === realIds.size) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const byId = new Map(stored.map((event) => [event.external_event_id ?? '', event]));
  const realIntact = realOrders.filter(({ order }) => {
    const event = byId.get(order.id);
    return event?.data.amount === order.amount && event.signed_click_id === order.click;
  }).length;
  const after = await createEventOutcomes(stack.emulatorUrl);
  const upstream: Record<string, number> = {};
  for (const [status, count] of Object.entries(after)) {
    const delta = count - (before[status] ?? 0);
    if (delta > 0) upstream[status] = delta;
  }
  const delays = [...arrivedAt].map(([id, at]) => at - (acceptedAt.get(id) ?? at));
  const tallyWrites = stack
    .collectorLines()
    .filter((line) => line.includes('"delivery.refused_clicks_counted"')).length;
  const forgedDeadLetters = (await deadLetteredIds(stack.collector)).filter(
    (id) => id.startsWith(`${plan.prefix}-`) && !realIds.has(id),
  ).length;
  return {
    forged: plan.forged,
    real: plan.real,
    realAccepted: acceptedAt.size,
    realDelivered: arrivedAt.size,
    realIntact,
    worstDelayMs: Math.max(0, ...delays),
    apiRequestsForged: upstream['400'] ?? 0,
    upstream,
    forgedAccepted,
    tallyWrites,
    forgedDeadLetters,
    kvWritesPerForged: (forgedAccepted + tallyWrites + forgedDeadLetters) / plan.forged,
  };
}
