import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '#worker/env.ts';
import { DedupeGuard } from '#worker/intake/dedupe.ts';
import { postBeacon, postServerEvent, uniqueOrderId } from './support/collector.ts';
import { configuredEnv, fetchWithEnv } from './support/custom-env.ts';
import { newClick, PIXEL_ID, resetEmulator, upstreamRequestCounts } from './support/emulator.ts';
import { expectDeliveredOnce, expectNotDelivered } from './support/wait.ts';

beforeEach(async () => {
  await resetEmulator();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('exactly once', () => {
  it('delivers an order sent ten times at once, from browser and server, as one event', async () => {
    const orderId = uniqueOrderId('storm');
    const pjclid = await newClick();
    const beacon = {
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 199,
      currency: 'EUR',
      items: 2,
      pjclid,
    };
    const server = {
      event_name: 'purchase',
      external_event_id: orderId,
      data: { amount: 199, currency: 'EUR', number_of_items: 2 },
      signed_click_id: pjclid,
    };
    const responses = await Promise.all([
      ...Array.from({ length: 8 }, () => postBeacon(beacon)),
      postServerEvent(server),
      postServerEvent(server),
    ]);
    for (const response of responses) expect([202, 409]).toContain(response.status);
    const event = await expectDeliveredOnce(orderId, 600);
    expect(event.data).toEqual({ amount: 199, currency: 'EUR', number_of_items: 2 });
    // However many copies passed the KV guard, the API stored it once.
    expect((await upstreamRequestCounts()).createEvent?.['201']).toBe(1);
  });

  it('answers a resent beacon as a duplicate without queueing it again', async () => {
    const orderId = uniqueOrderId('resend');
    const beacon = {
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 3,
      currency: 'EUR',
      pjclid: await newClick(),
    };
    const first = await postBeacon(beacon);
    expect(await first.json()).toMatchObject({ status: 'accepted' });
    for (let index = 0; index < 9; index += 1) {
      const again = await postBeacon(beacon);
      expect(again.status).toBe(202);
      expect(await again.json()).toMatchObject({ status: 'duplicate' });
    }
    await expectDeliveredOnce(orderId);
  });

  it('keys the guard by pixel and id for 30 days', async () => {
    const orderId = uniqueOrderId('guard');
    await postBeacon({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 3,
      currency: 'EUR',
      pjclid: await newClick(),
    });
    await expectDeliveredOnce(orderId);
    const guard = new DedupeGuard((env as unknown as Env).DEDUPE as KVNamespace);
    const key = await guard.key(PIXEL_ID.toUpperCase(), orderId);
    const listed = await ((env as unknown as Env).DEDUPE as KVNamespace).list({ prefix: key });
    expect(listed.keys).toHaveLength(1);
    const expiration = listed.keys[0]?.expiration ?? 0;
    const thirtyDays = 30 * 24 * 60 * 60;
    expect(expiration - Date.now() / 1000).toBeGreaterThan(thirtyDays - 60);
    expect(expiration - Date.now() / 1000).toBeLessThanOrEqual(thirtyDays + 1);
    expect(await guard.seen(PIXEL_ID, `${orderId}-other`)).toBe(false);
  });

  it('leaves no mark when the queue refuses the event, so a resend still goes through', async () => {
    const orderId = uniqueOrderId('queue-down');
    const beacon = {
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: orderId,
      amount: 4,
      currency: 'EUR',
      pjclid: await newClick(),
    };
    // The failure is logged at error level, as it should be; not printed here.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const queueDown = configuredEnv({
      EVENT_QUEUE: {
        send: () => Promise.reject(new Error('queue unavailable')),
        sendBatch: () => Promise.reject(new Error('queue unavailable')),
      } as unknown as Queue,
    });
    const refused = await fetchWithEnv(queueDown, 'http://collector.test/pj/collect', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'http://localhost:3000' },
      body: JSON.stringify(beacon),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('10');
    await expectNotDelivered(orderId);

    const retried = await postBeacon(beacon);
    expect(await retried.json()).toMatchObject({ status: 'accepted' });
    await expectDeliveredOnce(orderId);
  });
});
