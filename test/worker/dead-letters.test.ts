import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '#worker/env.ts';
import { admin, listDeadLetters, waitForDeadLetter } from './support/admin.ts';
import { postBeacon, uniqueOrderId } from './support/collector.ts';
import { configuredEnv, fetchWithEnv } from './support/custom-env.ts';
import {
  addFault,
  clearFaults,
  newClick,
  PIXEL_ID,
  resetEmulator,
  setPixelEnabled,
} from './support/emulator.ts';
import { DEAD_LETTER_QUEUE, eventMessage, runBatch } from './support/queue.ts';
import { expectDeliveredOnce, expectNotDelivered } from './support/wait.ts';

const EVENTS_PATH = `/pixels/${PIXEL_ID}/events`;
const testEnv = env as unknown as Env;

async function clearDeadLetters(): Promise<void> {
  for (const { id } of await listDeadLetters())
    expect((await admin(`/${id}`, { method: 'DELETE' })).status).toBe(204);
}

beforeEach(async () => {
  await resetEmulator();
  await clearDeadLetters();
});

afterEach(async () => {
  await clearFaults();
});

async function beacon(orderId: string): Promise<void> {
  const response = await postBeacon({
    pixel_id: PIXEL_ID,
    event: 'purchase',
    event_id: orderId,
    amount: 64,
    currency: 'DKK',
    pjclid: await newClick(),
  });
  expect(response.status).toBe(202);
}

describe('dead letters', () => {
  it('keeps an event the API refuses (400) with its reason, and delivers it once replayed', async () => {
    await addFault({ status: 400, count: 1, paths: [EVENTS_PATH] });
    const orderId = uniqueOrderId('refused');
    await beacon(orderId);

    const letter = await waitForDeadLetter(orderId);
    expect(letter).toMatchObject({
      kind: 'rejected',
      status: 400,
      pixel_id: PIXEL_ID,
      external_event_id: orderId,
    });
    await expectNotDelivered(orderId, 0);

    const record = (await (await admin(`/${letter.id}`)).json()) as {
      reason: { attempts: number };
      message: { event: { external_event_id: string } };
    };
    expect(record.message.event.external_event_id).toBe(orderId);
    expect(record.reason.attempts).toBe(1);

    const replay = await admin(`/${letter.id}/replay`, { method: 'POST' });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ replayed: letter.id, external_event_id: orderId });
    await expectDeliveredOnce(orderId);
    expect((await listDeadLetters()).map((entry) => entry.id)).not.toContain(letter.id);
    expect((await admin(`/${letter.id}`)).status).toBe(404);
  });

  it('keeps events for a disabled pixel (403) until the shop enables it and replays them all', async () => {
    await setPixelEnabled(false);
    const orders = [uniqueOrderId('disabled'), uniqueOrderId('disabled')];
    for (const orderId of orders) await beacon(orderId);
    for (const orderId of orders)
      expect(await waitForDeadLetter(orderId)).toMatchObject({ kind: 'rejected', status: 403 });

    await setPixelEnabled(true);
    const replay = await admin('/replay', { method: 'POST' });
    expect(replay.status).toBe(202);
    const outcome = (await replay.json()) as {
      replayed: string[];
      skipped: unknown[];
      cursor?: string;
    };
    expect(outcome.replayed).toHaveLength(2);
    expect(outcome.cursor).toBeUndefined();
    for (const orderId of orders) await expectDeliveredOnce(orderId);
    expect(await listDeadLetters()).toEqual([]);
  });

  it('stores events the queue gave up on after its max_retries', async () => {
    const orderId = uniqueOrderId('exhausted');
    const verdicts = await runBatch(
      testEnv,
      [
        {
          id: '0123456789abcdef0123456789abcdef',
          attempts: 101,
          body: eventMessage(orderId, await newClick()),
        },
      ],
      DEAD_LETTER_QUEUE,
    );
    expect(verdicts.acked.size).toBe(1);
    const letter = await waitForDeadLetter(orderId);
    expect(letter).toMatchObject({ kind: 'retries_exhausted', status: 0 });
    expect((await admin(`/${letter.id}/replay`, { method: 'POST' })).status).toBe(202);
    await expectDeliveredOnce(orderId);
  });

  it('stores an unreadable message, refuses to replay it, and lets the operator delete it', async () => {
    const marker = crypto.randomUUID();
    const verdicts = await runBatch(testEnv, [{ id: 'garbage', body: { marker } }]);
    expect(verdicts.acked.has('garbage')).toBe(true);
    const unreadable = await waitForUnreadable(marker);
    expect((await admin(`/${unreadable}/replay`, { method: 'POST' })).status).toBe(409);
    expect((await admin(`/${unreadable}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin(`/${unreadable}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('overwrites rather than duplicates a dead letter the queue delivers twice', async () => {
    const orderId = uniqueOrderId('twice');
    const body = eventMessage(orderId, await newClick());
    const message = {
      id: 'fedcba9876543210fedcba9876543210',
      attempts: 101,
      body,
      timestamp: new Date('2026-11-01T00:00:00Z'),
    };
    await runBatch(testEnv, [message], DEAD_LETTER_QUEUE);
    await runBatch(testEnv, [message], DEAD_LETTER_QUEUE);
    expect(
      (await listDeadLetters()).filter((entry) => entry.external_event_id === orderId),
    ).toHaveLength(1);
  });
});

describe('dead-letter admin', () => {
  it('requires the admin token', async () => {
    for (const authorization of ['', 'Bearer wrong', 'Bearer local-dev-token']) {
      const response = await admin('', { headers: { Authorization: authorization } });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="pjcollector-admin"');
    }
  });

  it('pages through the store, oldest first', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const orderId = uniqueOrderId(`page-${index}`);
      ids.push(orderId);
      await runBatch(
        testEnv,
        [
          {
            id: `${index}`.repeat(32),
            attempts: 101,
            timestamp: new Date(Date.UTC(2026, 10, 1, 0, index)),
            body: eventMessage(orderId, await newClick()),
          },
        ],
        DEAD_LETTER_QUEUE,
      );
    }
    const first = (await (await admin('?limit=2')).json()) as {
      dead_letters: { external_event_id: string }[];
      cursor?: string;
    };
    expect(first.dead_letters.map((entry) => entry.external_event_id)).toEqual(ids.slice(0, 2));
    expect(first.cursor).toBeTypeOf('string');
    const second = (await (
      await admin(`?limit=2&cursor=${encodeURIComponent(first.cursor ?? '')}`)
    ).json()) as { dead_letters: { external_event_id: string }[]; cursor?: string };
    expect(second.dead_letters.map((entry) => entry.external_event_id)).toEqual(ids.slice(2));
    expect(second.cursor).toBeUndefined();
  });

  it('answers 400 for a bad limit and 404 for an unknown or malformed id', async () => {
    expect((await admin('?limit=0')).status).toBe(400);
    expect((await admin('?limit=abc')).status).toBe(400);
    expect((await admin('/20261101T000000000Z-000000000000')).status).toBe(404);
    expect((await admin('/..%2F..%2Fsecrets')).status).toBe(404);
    expect(
      (await admin('/20261101T000000000Z-000000000000/replay', { method: 'POST' })).status,
    ).toBe(404);
  });
});

async function waitForUnreadable(marker: string): Promise<string> {
  const { vi } = await import('vitest');
  return vi.waitFor(
    async () => {
      for (const entry of await listDeadLetters()) {
        if (entry.kind !== 'unreadable') continue;
        const record = (await (await admin(`/${entry.id}`)).json()) as {
          message: { marker?: string };
        };
        if (record.message.marker === marker) return entry.id;
      }
      throw new Error('unreadable dead letter not stored yet');
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe('dead-letter store', () => {
  it('keeps a record whose order id and reason are long and not ASCII', async () => {
    const orderId = `ордер-${'€'.repeat(90)}`;
    const title = 'Ошибка '.repeat(60);
    const verdicts = await runBatch(
      testEnv,
      [
        {
          id: 'long',
          body: {
            v: 1,
            kind: 'dead-letter',
            id: '20261101T000000000Z-abcdefabcdef',
            failed_at: '2026-11-01T00:00:00.000Z',
            reason: { kind: 'rejected', status: 400, title, attempts: 1 },
            message: eventMessage(orderId, await newClick()),
          },
        },
      ],
      DEAD_LETTER_QUEUE,
    );
    expect(verdicts.acked.has('long')).toBe(true);
    const record = (await (await admin('/20261101T000000000Z-abcdefabcdef')).json()) as {
      reason: { title: string };
    };
    expect(record.reason.title).toBe(title);
    const listed = (await listDeadLetters()).find(
      (entry) => entry.id === '20261101T000000000Z-abcdefabcdef',
    );
    expect(listed?.external_event_id).toBe(orderId);
    expect(listed?.title).toMatch(/^\?+ \?+/);
  });

  it('lists a non-ASCII order id from the key’s metadata alone, so a page of 1,000 is one KV operation', async () => {
    const orderId = `ordre-åäö-😀-\\u00e5-${'é'.repeat(80)}`;
    const id = '20261102T000000000Z-abcdefabcdef';
    await runBatch(
      testEnv,
      [
        {
          id: 'accents',
          body: {
            v: 1,
            kind: 'dead-letter',
            id,
            failed_at: '2026-11-02T00:00:00.000Z',
            reason: { kind: 'rejected', status: 403, title: 'Forbidden '.repeat(40), attempts: 1 },
            message: eventMessage(orderId, await newClick()),
          },
        },
      ],
      DEAD_LETTER_QUEUE,
    );
    const kv = testEnv.DEAD_LETTERS as KVNamespace;
    const { keys } = await kv.list<Record<string, unknown>>({ prefix: `dead-letter:${id}` });
    const metadata = keys[0]?.metadata ?? {};
    expect(new TextEncoder().encode(JSON.stringify(metadata)).length).toBeLessThanOrEqual(1_024);
    expect(metadata.external_event_id_in_record).toBeUndefined();
    expect(typeof metadata.external_event_id_escaped).toBe('string');
    const listed = (await listDeadLetters()).find((entry) => entry.id === id);
    expect(listed?.external_event_id).toBe(orderId);
  });

  it('drops past DEAD_LETTER_MAX_RECORDS, and says so in the log, the listing and /healthz', async () => {
    const kv = testEnv.DEAD_LETTERS as KVNamespace;
    const before = await kv.get('meta:dead-letter-count');
    const { stored } = before === null ? { stored: 0 } : (JSON.parse(before) as { stored: number });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const full = configuredEnv({ DEAD_LETTER_MAX_RECORDS: String(Math.max(1, stored)) });
    const orderId = uniqueOrderId('dropped');
    try {
      await kv.put(
        'meta:dead-letter-count',
        JSON.stringify({ stored: Math.max(1, stored), dropped: 0 }),
      );
      const verdicts = await runBatch(
        full,
        [
          {
            id: 'over',
            body: {
              v: 1,
              kind: 'dead-letter',
              id: '20261103T000000000Z-abcdefabcdef',
              failed_at: '2026-11-03T00:00:00.000Z',
              reason: { kind: 'rejected', status: 403, title: 'Forbidden', attempts: 1 },
              message: eventMessage(orderId, await newClick()),
            },
          },
        ],
        DEAD_LETTER_QUEUE,
      );
      expect(verdicts.acked.has('over')).toBe(true);
      expect((await listDeadLetters()).some((entry) => entry.external_event_id === orderId)).toBe(
        false,
      );
      const dropped = errors.mock.calls.map((call) => String(call[0]));
      expect(dropped.some((line) => line.includes('"dead_letter.dropped"'))).toBe(true);
      const page = (await (await admin('?limit=1')).json()) as { store: { dropped: number } };
      expect(page.store.dropped).toBe(1);
      const health = (await (
        await fetchWithEnv(full, 'http://collector.test/pj/healthz')
      ).json()) as {
        warnings: string[];
      };
      expect(health.warnings.join('\n')).toMatch(/dropped 1 dead letter/);
    } finally {
      errors.mockRestore();
      if (before === null) await kv.delete('meta:dead-letter-count');
      else await kv.put('meta:dead-letter-count', before);
    }
  });
});
