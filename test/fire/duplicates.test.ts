import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueuedMessage } from '#tooling/stack/in-process.ts';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.ts';
import { ADMIN_TOKEN, type Channel, IntakeTally, type Order, sendOrder } from './support/intake.ts';
import { awaitDelivery, printFigures, type Reconciliation } from './support/ledger.ts';
import { SCALE } from './support/scale.ts';
import { createEventOutcomes, newClicks, PIXEL_ID, storedEvents } from './support/upstream.ts';
import { startWorkerdStack, type WorkerdStack } from './support/workerd-stack.ts';

// One order reported again and again, at once, through every channel, and across the paths
// where delivery itself repeats: a consumer retry after a lost answer, a queue redelivering a
// message it had already handed over, an operator replaying twice at once. Each must end as one
// event upstream, and the API's 409 must never surface as a failure.

/** Orders in the many-orders storm; the soak run raises it. */
const MANY_ORDERS = SCALE.stormOrders;

let proxy: FaultProxy;
let stack: WorkerdStack;
const run = Date.now().toString(36);
const figures = {
  reports: 0,
  accepted_reports: 0,
  duplicate_answers: 0,
  orders: 0,
  upstream_201: 0,
  upstream_409: 0,
  delivered: 0,
  duplicated: 0,
  dead_lettered: 0,
  lost: 0,
};

beforeAll(async () => {
  proxy = await startFaultProxy();
  stack = await startWorkerdStack({
    // The storms are about copies, not about the backend's rate limit.
    serverRateLimit: 1_000_000,
    apiUrl: (emulatorUrl) => {
      proxy.setTarget(emulatorUrl);
      return proxy.url;
    },
  });
});

afterAll(async () => {
  const outcomes = stack ? await createEventOutcomes(stack.emulatorUrl) : {};
  figures.upstream_201 = outcomes['201'] ?? 0;
  figures.upstream_409 = outcomes['409'] ?? 0;
  printFigures('duplicates', figures);
  await stack?.stop();
  await proxy?.stop();
});

function count(tally: IntakeTally, reconciliation: Reconciliation, orders: number): void {
  figures.reports += tally.sent;
  figures.accepted_reports += tally.acceptedReports;
  figures.duplicate_answers += tally.duplicates;
  figures.orders += orders;
  figures.delivered += reconciliation.delivered;
  figures.duplicated += reconciliation.duplicated;
  figures.dead_lettered += reconciliation.deadLettered;
  figures.lost += reconciliation.lost.length;
}

function expectExactlyOnce(reconciliation: Reconciliation, orders: number): void {
  expect(reconciliation.lost).toEqual([]);
  expect(reconciliation.duplicated).toBe(0);
  expect(reconciliation.unexpected).toEqual([]);
  expect(reconciliation.deadLettered).toBe(0);
  expect(reconciliation.delivered).toBe(orders);
}

/** Reports each order `copies` times, all at once, spread over the channels and many tabs. */
async function storm(orders: Order[], copies: number): Promise<IntakeTally> {
  const tally = new IntakeTally();
  const channels: Channel[] = ['beacon', 'cookie', 'server'];
  const reports = orders.flatMap((order) =>
    Array.from({ length: copies }, (_, copy) => ({ order, channel: channels[copy % 3] })),
  );
  await Promise.all(
    reports.map(async ({ order, channel }) =>
      tally.record(
        order.id,
        await sendOrder(stack.collector, order, channel as Channel, { origin: stack.shopUrl }),
      ),
    ),
  );
  return tally;
}

function ordersFor(prefix: string, clicks: string[], count: number): Order[] {
  return Array.from({ length: count }, (_, n) => ({
    id: `${prefix}-${n}`,
    amount: 100 + n + 0.5,
    currency: 'SEK',
    items: 1 + (n % 3),
    click: clicks[n % clicks.length] as string,
  }));
}

/** Error lines and uncaught exceptions: a duplicate must never look like a failure. */
function errorLines(): string[] {
  return stack.collectorLines().filter((line) => /"level":"error"|uncaught/i.test(line));
}

describe('duplicate storms', () => {
  it('makes one event of an order reported 48 times at once from tabs and the backend', async () => {
    const [click] = await newClicks(stack.emulatorUrl, 1);
    const prefix = `storm-one-${run}`;
    const orders = ordersFor(prefix, [click as string], 1);
    const tally = await storm(orders, 48);

    expect(tally.unexpected).toEqual([]);
    expect(tally.accepted.size).toBe(1);
    expect(tally.duplicates).toBe(48 - tally.acceptedReports);
    const reconciliation = await awaitDelivery(stack, tally.accepted, { prefix });
    count(tally, reconciliation, 1);
    expectExactlyOnce(reconciliation, 1);
  });

  it(`makes one event each of ${MANY_ORDERS} orders, every one reported 6 times at once`, async () => {
    const clicks = await newClicks(stack.emulatorUrl, 10);
    const prefix = `storm-many-${run}`;
    const orders = ordersFor(prefix, clicks, MANY_ORDERS);
    const tally = await storm(orders, 6);

    expect(tally.unexpected).toEqual([]);
    expect(tally.accepted.size).toBe(MANY_ORDERS);
    const reconciliation = await awaitDelivery(stack, tally.accepted, { prefix });
    count(tally, reconciliation, MANY_ORDERS);
    expectExactlyOnce(reconciliation, MANY_ORDERS);
  });

  it('stays one event when the answer to the first send is lost and the consumer retries', async () => {
    const clicks = await newClicks(stack.emulatorUrl, 3);
    const prefix = `storm-cut-${run}`;
    const before = await createEventOutcomes(stack.emulatorUrl);
    // Every answer is cut as it starts, after the API stored the event; the storm comes in
    // meanwhile. Once answers get through again, each retry is answered 409.
    proxy.setMode('cut');
    const orders = ordersFor(prefix, clicks, 20);
    const tally = await storm(orders, 5);
    await waitFor(async () => (await storedEvents(stack.emulatorUrl)).length > 0);
    await waitFor(async () => proxy.counts().cut > 0);
    proxy.setMode('pass');

    expect(tally.unexpected).toEqual([]);
    const reconciliation = await awaitDelivery(stack, tally.accepted, { prefix });
    count(tally, reconciliation, 20);
    expectExactlyOnce(reconciliation, 20);
    // The cut event is upstream before its retry comes back for the 409: wait for that too.
    const conflicts = async () =>
      ((await createEventOutcomes(stack.emulatorUrl))['409'] ?? 0) - (before['409'] ?? 0);
    await waitFor(async () => (await conflicts()) > 0);
    expect(await conflicts()).toBeGreaterThan(0);
    expect(errorLines()).toEqual([]);
  });

  it('acks a queue message handed over again, in turn or at once, and stays one event', async () => {
    const [click] = await newClicks(stack.emulatorUrl, 1);
    const prefix = `storm-redelivered-${run}`;
    const message = (id: string, attempts: number): QueuedMessage => ({
      id,
      timestamp: new Date(),
      attempts,
      body: {
        v: 1,
        pixel_id: PIXEL_ID,
        event: {
          event_name: 'purchase',
          event_time: new Date().toISOString(),
          external_event_id: `${prefix}-0`,
          data: { amount: 10.5, currency: 'EUR', number_of_items: 1 },
          signed_click_id: click as string,
        },
        source: 'beacon',
        received_at: new Date().toISOString(),
        request_id: crypto.randomUUID(),
      },
    });

    const outcomes = [await stack.deliver([message('m-1', 1)])];
    outcomes.push(await stack.deliver([message('m-1', 2)]));
    outcomes.push(
      ...(await Promise.all(
        Array.from({ length: 8 }, (_, n) => stack.deliver([message(`m-${n + 2}`, 1)])),
      )),
    );
    // Two copies in one batch, as a redelivery can land next to its original.
    outcomes.push(await stack.deliver([message('m-10', 1), message('m-11', 1)]));

    expect(errorLines()).toEqual([]);
    for (const outcome of outcomes) {
      expect(outcome.outcome).toBe('ok');
      expect(outcome.retryMessages).toEqual([]);
      expect(outcome.retryBatch.retry).toBe(false);
    }
    expect(outcomes.flatMap((outcome) => outcome.explicitAcks)).toHaveLength(12);
    const reconciliation = await awaitDelivery(stack, new Set([`${prefix}-0`]), { prefix });
    figures.reports += 12;
    count(new IntakeTally(), reconciliation, 1);
    expectExactlyOnce(reconciliation, 1);
  });

  it('stays one event when an operator replays a dead letter twice at once', async () => {
    const [click] = await newClicks(stack.emulatorUrl, 1);
    const prefix = `storm-replay-${run}`;
    const order = ordersFor(prefix, [click as string], 1)[0] as Order;
    await setPixelEnabled(false);
    const tally = new IntakeTally();
    tally.record(order.id, await sendOrder(stack.collector, order, 'server'));
    const deadLetter = await waitFor(async () => (await listDeadLetters())[0]);
    await setPixelEnabled(true);

    const replays = await Promise.all([replay(deadLetter), replay(deadLetter), replay(deadLetter)]);
    // The first to read the record wins; the others find it gone or replay the same event.
    expect(replays.filter((status) => status === 202).length).toBeGreaterThan(0);
    for (const status of replays) expect([202, 404]).toContain(status);
    const reconciliation = await awaitDelivery(stack, tally.accepted, { prefix });
    count(tally, reconciliation, 1);
    expectExactlyOnce(reconciliation, 1);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function listDeadLetters(): Promise<string[]> {
  const response = await fetch(`${stack.collector}/admin/dead-letters`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const page = (await response.json()) as { dead_letters: { id: string }[] };
  return page.dead_letters.map((record) => record.id);
}

async function replay(id: string): Promise<number> {
  const response = await fetch(`${stack.collector}/admin/dead-letters/${id}/replay`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  await response.arrayBuffer();
  return response.status;
}

/** The shop switches its pixel off or on through the API, as it would in Prisjakt's UI. */
async function setPixelEnabled(enabled: boolean): Promise<void> {
  const response = await fetch(`${stack.emulatorUrl}/pixels/${PIXEL_ID}`, {
    method: 'PATCH',
    headers: {
      'content-type': 'application/json',
      'client-id': 'lb4xiAVZZWkXiYxfxa146e4tbkYa702P',
      'client-secret': 'QciJ4AEjYjkE2f5pX5scLzPJi8lk9C',
    },
    body: JSON.stringify({ enabled }),
  });
  if (!response.ok) throw new Error(`PATCH pixel: ${response.status} ${await response.text()}`);
}
