import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '#worker/env.ts';
import { postBeacon, uniqueOrderId } from './support/collector.ts';
import { configuredEnv } from './support/custom-env.ts';
import {
  addFault,
  clearFaults,
  newClick,
  PIXEL_ID,
  resetEmulator,
  upstreamEventsWithId,
  upstreamRequestCounts,
} from './support/emulator.ts';
import { eventMessage, runBatch } from './support/queue.ts';
import { expectDeliveredOnce, expectNotDelivered } from './support/wait.ts';

const EVENTS_PATH = `/pixels/${PIXEL_ID}/events`;
const testEnv = env as unknown as Env;

beforeEach(async () => {
  await resetEmulator();
});

afterEach(async () => {
  await clearFaults();
  vi.restoreAllMocks();
});

async function sendBeacons(count: number, label: string): Promise<string[]> {
  const ids = Array.from({ length: count }, () => uniqueOrderId(label));
  for (const id of ids) {
    const response = await postBeacon({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: id,
      amount: 12.5,
      currency: 'EUR',
      pjclid: await newClick(),
    });
    expect(response.status).toBe(202);
  }
  return ids;
}

describe('delivery through the real queue', () => {
  it('rides out an upstream outage (503) and delivers every event once when it recovers', async () => {
    await addFault({ status: 503, count: 6, paths: [EVENTS_PATH] });
    const ids = await sendBeacons(3, 'outage');
    for (const id of ids) await expectDeliveredOnce(id);
    const counts = await upstreamRequestCounts();
    expect(counts.createEvent?.['503']).toBe(6);
    expect(counts.createEvent?.['201']).toBe(3);
  });

  it('retries after a timeout, and a late success then counts as delivered', async () => {
    // The emulator answers after 1.5 s, the client gives up after 1 s (UPSTREAM_TIMEOUT_MS).
    await addFault({ delay_ms: 1500, count: 1, paths: [EVENTS_PATH] });
    const [id] = await sendBeacons(1, 'timeout');
    await expectDeliveredOnce(id as string, 1500);
  });
});

describe('the consumer’s decisions', () => {
  it('holds the whole batch back until X-RateLimit-Reset after a 429, sending nothing more', async () => {
    await addFault({ status: 429, count: 1, reset_ms: 30_000, paths: [EVENTS_PATH] });
    const messages = await Promise.all(
      ['a', 'b', 'c'].map(async (label) => ({
        id: label,
        body: eventMessage(uniqueOrderId('limited'), await newClick()),
      })),
    );
    const verdicts = await runBatch(testEnv, messages);
    const { acked, retried } = verdicts;
    expect(acked.size).toBe(0);
    for (const id of ['a', 'b', 'c']) {
      const delay = retried.get(id) ?? 0;
      expect(delay).toBeGreaterThanOrEqual(30);
      expect(delay).toBeLessThanOrEqual(36);
    }
    expect(await upstreamRequestCounts()).toEqual({ createEvent: { 429: 1 } });
  });

  it('backs off exponentially with jitter after a 5xx, and holds the rest of the batch back', async () => {
    const slow = configuredEnv({ RETRY_BASE_DELAY_SECONDS: '30', RETRY_MAX_DELAY_SECONDS: '3600' });
    await addFault({ status: 502, paths: [EVENTS_PATH] });
    const click = await newClick();
    const verdicts = await runBatch(slow, [
      { id: 'first', attempts: 1, body: eventMessage(uniqueOrderId('backoff'), click) },
      { id: 'fifth', attempts: 5, body: eventMessage(uniqueOrderId('backoff'), click) },
      { id: 'late', attempts: 20, body: eventMessage(uniqueOrderId('backoff'), click) },
    ]);
    const { retried } = verdicts;
    expect(retried.get('first')).toBeGreaterThanOrEqual(15);
    expect(retried.get('first')).toBeLessThanOrEqual(30);
    expect(retried.get('fifth')).toBeGreaterThanOrEqual(240);
    expect(retried.get('fifth')).toBeLessThanOrEqual(480);
    expect(retried.get('late')).toBeGreaterThanOrEqual(1800);
    expect(retried.get('late')).toBeLessThanOrEqual(3600);
    expect((await upstreamRequestCounts()).createEvent).toEqual({ 502: 1 });
  });

  it('logs a 401 loudly as a configuration error and retries slowly, never dropping', async () => {
    const wrongSecret = 'wrong-secret-for-the-seeded-client';
    const misconfigured = configuredEnv({
      PRISJAKT_CLIENT_SECRET: wrongSecret,
      AUTH_RETRY_DELAY_SECONDS: '900',
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const orderId = uniqueOrderId('unauthorized');
    const verdicts = await runBatch(misconfigured, [
      { id: 'one', body: eventMessage(orderId, await newClick()) },
      { id: 'two', body: eventMessage(uniqueOrderId('unauthorized'), await newClick()) },
    ]);
    const { acked, retried } = verdicts;
    expect(acked.size).toBe(0);
    expect(retried.get('one')).toBe(900);
    expect(retried.get('two')).toBe(900);
    const lines = errors.mock.calls.map((call) => String(call[0]));
    const loud = lines.find((line) => line.includes('"delivery.unauthorized"'));
    expect(loud).toMatch(/PRISJAKT_CLIENT_SECRET/);
    for (const line of lines) expect(line).not.toContain(wrongSecret);
    expect((await upstreamRequestCounts()).createEvent).toEqual({ 401: 1 });
    expect(await upstreamEventsWithId(orderId)).toEqual([]);
  });

  it('dead-letters an event whose retry would outlive the queue’s retention', async () => {
    await addFault({ status: 503, count: 1, paths: [EVENTS_PATH] });
    const nearlyExpired = new Date(Date.now() - (4 * 24 * 60 * 60 - 120) * 1000);
    const orderId = uniqueOrderId('expiring');
    const verdicts = await runBatch(testEnv, [
      {
        id: 'old',
        timestamp: nearlyExpired,
        attempts: 80,
        body: eventMessage(orderId, await newClick()),
      },
    ]);
    expect(verdicts.acked.has('old')).toBe(true);
    const { waitForDeadLetter } = await import('./support/admin.ts');
    const letter = await waitForDeadLetter(orderId);
    expect(letter).toMatchObject({ kind: 'expired', status: 503 });
  });

  it('sends repeats of one event within a batch once', async () => {
    const orderId = uniqueOrderId('repeats');
    const click = await newClick();
    const verdicts = await runBatch(
      testEnv,
      [1, 2, 3].map((n) => ({ id: `copy-${n}`, body: eventMessage(orderId, click) })),
    );
    expect(verdicts.acked.size).toBe(3);
    expect((await upstreamRequestCounts()).createEvent).toEqual({ 201: 1 });
    expect(await upstreamEventsWithId(orderId)).toHaveLength(1);
  });

  it('counts a 409 as delivered', async () => {
    const orderId = uniqueOrderId('conflict');
    const click = await newClick();
    await runBatch(testEnv, [{ id: 'first', body: eventMessage(orderId, click) }]);
    const again = await runBatch(testEnv, [{ id: 'again', body: eventMessage(orderId, click) }]);
    expect(again.acked.has('again')).toBe(true);
    expect((await upstreamRequestCounts()).createEvent).toEqual({ 201: 1, 409: 1 });
  });

  it('retries with backoff when the API cannot be reached at all', async () => {
    // Nothing listens on port 9 (discard) here: a real connection failure, not an HTTP answer.
    const unreachable = configuredEnv({
      PRISJAKT_API_URL: 'http://127.0.0.1:9',
      RETRY_BASE_DELAY_SECONDS: '30',
      RETRY_MAX_DELAY_SECONDS: '3600',
    });
    const orderId = uniqueOrderId('unreachable');
    const verdicts = await runBatch(unreachable, [
      { id: 'lost', attempts: 2, body: eventMessage(orderId, await newClick()) },
    ]);
    expect(verdicts.acked.size).toBe(0);
    expect(verdicts.retried.get('lost')).toBeGreaterThanOrEqual(30);
    expect(verdicts.retried.get('lost')).toBeLessThanOrEqual(60);
    expect(await upstreamEventsWithId(orderId)).toEqual([]);
  });

  it('keeps every message when the configuration is incomplete', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = configuredEnv({ PRISJAKT_CLIENT_ID: undefined });
    const verdicts = await runBatch(broken, [
      { id: 'kept', body: eventMessage(uniqueOrderId('kept'), await newClick()) },
    ]);
    expect(verdicts.retriedAll).toEqual({ delaySeconds: 1800 });
    expect(verdicts.acked.size).toBe(0);
  });

  it('delivers while only settings delivery does not need are invalid (LOG_LEVEL=verbose)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const orderId = uniqueOrderId('verbose');
    const halfBroken = configuredEnv({ LOG_LEVEL: 'verbose', ALLOWED_ORIGINS: 'not an origin' });
    const verdicts = await runBatch(halfBroken, [
      { id: 'm', body: eventMessage(orderId, await newClick()) },
    ]);
    expect(verdicts.retriedAll).toBeUndefined();
    expect(verdicts.acked.has('m')).toBe(true);
    expect(await upstreamEventsWithId(orderId)).toHaveLength(1);
  });

  it('routes a batch from a renamed queue by its messages’ shape, and /healthz says so', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const orderId = uniqueOrderId('renamed-queue');
    const lostId = uniqueOrderId('renamed-dead-letter');
    const verdicts = await runBatch(
      testEnv,
      [
        { id: 'event', body: eventMessage(orderId, await newClick()) },
        {
          id: 'envelope',
          body: {
            v: 1,
            kind: 'dead-letter',
            id: '20261126T100000123Z-1f0c9a2e4b7d',
            failed_at: '2026-11-26T10:00:00.123Z',
            reason: { kind: 'rejected', status: 403, title: 'Forbidden', attempts: 1 },
            message: eventMessage(lostId, await newClick()),
          },
        },
      ],
      'shop-events-renamed',
    );
    expect(verdicts.acked).toEqual(new Set(['event', 'envelope']));
    expect(await upstreamEventsWithId(orderId)).toHaveLength(1);
    const { waitForDeadLetter } = await import('./support/admin.ts');
    expect(await waitForDeadLetter(lostId)).toMatchObject({ kind: 'rejected', status: 403 });
    expect(errors.mock.calls.some((call) => String(call[0]).includes('queue.name_mismatch'))).toBe(
      true,
    );

    const { collector } = await import('./support/collector.ts');
    const health = await collector('/healthz');
    expect(health.status).toBe(503);
    const body = (await health.json()) as { status: string; problems: string[] };
    expect(body.status).toBe('degraded');
    expect(body.problems[0]).toContain('shop-events-renamed');
    expect(body.problems[0]).toContain('EVENT_QUEUE_NAME');
    await testEnv.DEAD_LETTERS?.delete('health:queue-name-mismatch');
  });
});

describe('batch delivery (shop_user client)', () => {
  const batchEnv = () => configuredEnv({ DELIVERY_MODE: 'batch' });

  it('sends a queue batch in one request', async () => {
    const ids = Array.from({ length: 5 }, () => uniqueOrderId('batch'));
    const messages = await Promise.all(
      ids.map(async (id) => ({ id, body: eventMessage(id, await newClick()) })),
    );
    const verdicts = await runBatch(batchEnv(), messages);
    expect(verdicts.acked.size).toBe(5);
    expect(await upstreamRequestCounts()).toEqual({ createEvents: { 200: 1 } });
    for (const id of ids) expect(await upstreamEventsWithId(id)).toHaveLength(1);
  });

  it('refuses only the members a 400 names by index, and resends the rest as one batch', async () => {
    const good = [uniqueOrderId('good'), uniqueOrderId('good')];
    const forged = uniqueOrderId('bad-signature');
    const badAmount = uniqueOrderId('bad-amount');
    const messages = [
      { id: 'good-1', body: eventMessage(good[0] as string, await newClick()) },
      {
        id: 'forged',
        body: eventMessage(forged, '239cd31f-9d43-4cb4-b8dc-2057fe18c289_0000000000000000'),
      },
      { id: 'good-2', body: eventMessage(good[1] as string, await newClick()) },
      {
        id: 'bad-amount',
        body: {
          ...eventMessage(badAmount, await newClick(), { source: 'server' }),
          // Valid for the collector's queue, refused by the API: a time past its 5-minute skew.
          event: {
            ...eventMessage(badAmount, await newClick()).event,
            event_time: new Date(Date.now() + 3_600_000).toISOString(),
          },
        },
      },
    ];
    const verdicts = await runBatch(batchEnv(), messages);
    expect(verdicts.acked.size).toBe(4);
    // One refused batch, then one batch of the two good events: never a single send.
    expect(await upstreamRequestCounts()).toEqual({ createEvents: { 200: 1, 400: 1 } });
    for (const id of good) expect(await upstreamEventsWithId(id)).toHaveLength(1);
    await expectNotDelivered(forged, 0);
    const { waitForDeadLetter, listDeadLetters, admin } = await import('./support/admin.ts');
    // A server report with a bad field is kept for the operator, with only its own errors.
    const kept = await waitForDeadLetter(badAmount);
    expect(kept).toMatchObject({ kind: 'rejected', status: 400 });
    const record = (await (await admin(`/${kept.id}`)).json()) as {
      reason: { field_errors: Record<string, unknown> };
    };
    expect(Object.keys(record.reason.field_errors)).toEqual(['event_time']);
    // The forged click is counted, not stored one record each.
    expect((await listDeadLetters()).some((entry) => entry.external_event_id === forged)).toBe(
      false,
    );
    const tallies = (await (await admin('/refused-clicks')).json()) as {
      refused_clicks: { count: number; sample: string[] }[];
    };
    expect(tallies.refused_clicks.some((tally) => tally.sample.includes(forged))).toBe(true);
  });

  it('holds a batch back on 503 without falling back to single sends', async () => {
    await addFault({ status: 503, count: 1, paths: [EVENTS_PATH] });
    const messages = await Promise.all(
      [1, 2].map(async (n) => ({
        id: `m${n}`,
        body: eventMessage(uniqueOrderId('batch-503'), await newClick()),
      })),
    );
    const verdicts = await runBatch(batchEnv(), messages);
    expect(verdicts.retried.size).toBe(2);
    expect(await upstreamRequestCounts()).toEqual({ createEvents: { 503: 1 } });
  });
});
