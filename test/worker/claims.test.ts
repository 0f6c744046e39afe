import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '#worker/env.ts';
import { admin, listDeadLetters, waitForDeadLetter } from './support/admin.ts';
import { postBeacon, postServerEvent, uniqueOrderId } from './support/collector.ts';
import { configuredEnv } from './support/custom-env.ts';
import { newClick, PIXEL_ID, resetEmulator, upstreamEventsWithId } from './support/emulator.ts';
import { eventMessage, runBatch } from './support/queue.ts';
import { expectDeliveredOnce } from './support/wait.ts';

// Who may claim an order id (docs/guarantees.md): only an event the API accepted; the shop's
// authenticated server report over a beacon; never a beacon over a server report.

const testEnv = env as unknown as Env;
/** A click id of the right format whose signature the API does not verify: anyone can make one. */
const FORGED_CLICK = '0b3c8f5e-4a1d-4e2b-9c7d-5f6a7b8c9d0e_00112233445566aa';

beforeEach(async () => {
  await resetEmulator();
});

function beacon(orderId: string, amount: number, pjclid: string) {
  return {
    pixel_id: PIXEL_ID,
    event: 'purchase',
    event_id: orderId,
    amount,
    currency: 'SEK',
    items: 1,
    pjclid,
  };
}

function serverEvent(orderId: string, amount: number, click: string) {
  return {
    event_name: 'purchase',
    external_event_id: orderId,
    data: { amount, currency: 'SEK', number_of_items: 1 },
    signed_click_id: click,
  };
}

async function refusedClickSamples(): Promise<string[]> {
  const answer = (await (await admin('/refused-clicks')).json()) as {
    refused_clicks: { sample: string[] }[];
  };
  return answer.refused_clicks.flatMap((tally) => tally.sample);
}

describe('an order id is claimed only by an event the API accepted', () => {
  it('lets the shop’s report through after a forged beacon guessed its order id', async () => {
    const orderId = uniqueOrderId('order-1002');
    const forged = await postBeacon(beacon(orderId, 1, FORGED_CLICK));
    expect(await forged.json()).toMatchObject({ status: 'accepted' });
    // The API refuses the forged click; the refusal is counted, not stored as a dead letter.
    await vi.waitFor(async () => expect(await refusedClickSamples()).toContain(orderId), {
      timeout: 10_000,
      interval: 50,
    });
    expect((await listDeadLetters()).some((entry) => entry.external_event_id === orderId)).toBe(
      false,
    );

    const real = await newClick();
    const fromServer = await postServerEvent(serverEvent(orderId, 4999, real));
    expect(fromServer.status).toBe(202);
    const delivered = await expectDeliveredOnce(orderId);
    expect(delivered.data.amount).toBe(4999);
    expect(delivered.signed_click_id).toBe(real);
  });

  it('lets a real beacon through after a forged one with the same order id', async () => {
    const orderId = uniqueOrderId('order-beacons');
    await postBeacon(beacon(orderId, 1, FORGED_CLICK));
    const real = await newClick();
    const answer = await postBeacon(beacon(orderId, 250, real));
    expect(await answer.json()).toMatchObject({ status: 'accepted' });
    const delivered = await expectDeliveredOnce(orderId);
    expect(delivered.signed_click_id).toBe(real);
  });

  it('still answers a repeat of a delivered order as a duplicate, and it stays one event', async () => {
    const orderId = uniqueOrderId('repeat');
    const click = await newClick();
    await postBeacon(beacon(orderId, 99, click));
    await expectDeliveredOnce(orderId);
    expect(await (await postBeacon(beacon(orderId, 99, click))).json()).toMatchObject({
      status: 'duplicate',
    });
    expect((await postServerEvent(serverEvent(orderId, 99, click))).status).toBe(409);
    await expectDeliveredOnce(orderId);
  });
});

describe('the shop’s server report is authoritative', () => {
  it('replaces a delivered beacon that carried another amount and the attacker’s own click', async () => {
    const orderId = uniqueOrderId('order-2002');
    const attackers = await newClick();
    await postBeacon(beacon(orderId, 1, attackers));
    expect((await expectDeliveredOnce(orderId)).data.amount).toBe(1);

    const real = await newClick();
    expect((await postServerEvent(serverEvent(orderId, 4999, real))).status).toBe(202);
    await vi.waitFor(
      async () => {
        const [event] = await upstreamEventsWithId(orderId);
        expect(event?.data.amount).toBe(4999);
        expect(event?.signed_click_id).toBe(real);
      },
      { timeout: 10_000, interval: 50 },
    );
    await expectDeliveredOnce(orderId);
  });

  it('keeps the conflict for the operator when the client cannot upsert (no secret)', async () => {
    const orderId = uniqueOrderId('conflict');
    await postBeacon(beacon(orderId, 1, await newClick()));
    await expectDeliveredOnce(orderId);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const noSecret = configuredEnv({ PRISJAKT_CLIENT_SECRET: undefined, LOG_LEVEL: 'error' });
    const server = eventMessage(orderId, await newClick(), { source: 'server' });
    server.event.data = { amount: 4999, currency: 'SEK', number_of_items: 1 };
    const verdicts = await runBatch(noSecret, [{ id: 'server', body: server }]);
    expect(verdicts.acked.has('server')).toBe(true);
    expect(await waitForDeadLetter(orderId)).toMatchObject({ kind: 'conflict', status: 409 });
    const lines = errors.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => line.includes('"delivery.conflict"'))).toBe(true);
    errors.mockRestore();
    expect((await expectDeliveredOnce(orderId)).data.amount).toBe(1);
  });

  it('never lets a beacon replace a server report, in single or batch delivery', async () => {
    const orderId = uniqueOrderId('server-first');
    const real = await newClick();
    expect((await postServerEvent(serverEvent(orderId, 4999, real))).status).toBe(202);
    await expectDeliveredOnce(orderId);
    const late = await postBeacon(beacon(orderId, 1, await newClick()));
    expect(await late.json()).toMatchObject({ status: 'duplicate' });

    // A beacon that slipped past the guard (KV is eventually consistent): a batch upserts, so
    // the consumer must not send it.
    const slipped = eventMessage(orderId, await newClick());
    const batch = configuredEnv({ DELIVERY_MODE: 'batch' });
    const verdicts = await runBatch(batch, [{ id: 'late', body: slipped }]);
    expect(verdicts.acked.has('late')).toBe(true);
    const [event] = await upstreamEventsWithId(orderId);
    expect(event?.data.amount).toBe(4999);
    expect(event?.signed_click_id).toBe(real);
  });
});

describe('copies of one id inside a batch', () => {
  it('acks no copy before the first’s outcome is known: a refused first lets the next through', async () => {
    const orderId = uniqueOrderId('copies');
    const real = await newClick();
    const verdicts = await runBatch(testEnv, [
      { id: 'forged', body: eventMessage(orderId, FORGED_CLICK) },
      { id: 'real', body: eventMessage(orderId, real) },
    ]);
    expect(verdicts.acked).toEqual(new Set(['forged', 'real']));
    expect((await expectDeliveredOnce(orderId)).signed_click_id).toBe(real);
  });

  it('sends a server copy first and acks the beacon copies once it is delivered', async () => {
    const orderId = uniqueOrderId('server-copy');
    const real = await newClick();
    const server = eventMessage(orderId, real, { source: 'server' });
    server.event.data = { amount: 4999, currency: 'SEK', number_of_items: 1 };
    await runBatch(testEnv, [
      { id: 'beacon', body: eventMessage(orderId, await newClick()) },
      { id: 'server', body: server },
    ]);
    const delivered = await expectDeliveredOnce(orderId);
    expect(delivered.data.amount).toBe(4999);
    expect(delivered.signed_click_id).toBe(real);
  });
});

describe('derived ids', () => {
  it('tells two shoppers apart whose script storage was wiped, by the cookie’s click', async () => {
    // The id the pixel derives on a static page without the click (Safari wiped the storage).
    const derived = 'pj-499SEK-1wjqni8';
    const answers: string[] = [];
    for (const click of [await newClick(), await newClick()]) {
      const response = await postBeacon(
        { pixel_id: PIXEL_ID, event: 'purchase', event_id: derived, amount: 499, currency: 'SEK' },
        { cookie: `pjclid=${click}` },
      );
      const answer = (await response.json()) as { status: string; external_event_id: string };
      expect(answer.status).toBe('accepted');
      answers.push(answer.external_event_id);
    }
    expect(new Set(answers).size).toBe(2);
    for (const id of answers) {
      expect(id.startsWith(`${derived}-`)).toBe(true);
      await expectDeliveredOnce(id);
    }
  });

  it('keeps a reload by the same shopper one event', async () => {
    const click = await newClick();
    const derived = 'pj-12.5EUR-abc123';
    const send = () =>
      postBeacon(
        { pixel_id: PIXEL_ID, event: 'purchase', event_id: derived, amount: 12.5, currency: 'EUR' },
        { cookie: `pjclid=${click}` },
      );
    const first = (await (await send()).json()) as { external_event_id: string };
    await expectDeliveredOnce(first.external_event_id);
    expect(await (await send()).json()).toMatchObject({
      status: 'duplicate',
      external_event_id: first.external_event_id,
    });
  });
});
