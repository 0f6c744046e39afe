import { env, exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unverifiedAllowance } from '#worker/delivery/lanes.ts';
import type { Env } from '#worker/env.ts';
import { rateLimitKey } from '#worker/intake/client-key.ts';
import type { EventMessage } from '#worker/queue/messages.ts';
import { admin, waitForDeadLetter } from './support/admin.ts';
import { postBeacon, postServerEvent, SHOP_ORIGIN, uniqueOrderId } from './support/collector.ts';
import { configuredEnv, fetchWithEnv } from './support/custom-env.ts';
import { addFault, newClick, PIXEL_ID, resetEmulator, upstreamEvents } from './support/emulator.ts';
import { TEST_BROWSER_RATE_LIMIT } from './support/limits.ts';
import { eventMessage, runBatch } from './support/queue.ts';

// What a flood of forged beacons can cost, and what it cannot take from real purchases.

const testEnv = env as unknown as Env;
const EVENTS_PATH = `/pixels/${PIXEL_ID}/events`;

beforeEach(async () => {
  await resetEmulator();
});

describe('the browser rate limit', () => {
  it('counts an IPv6 client by its /64, so one host cannot rotate through its addresses', async () => {
    const prefix = `2001:db8:${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;
    const statuses: number[] = [];
    for (let n = 0; n <= TEST_BROWSER_RATE_LIMIT; n++) {
      const response = await postBeacon(
        { pixel_id: PIXEL_ID, event: 'purchase', amount: 1, currency: 'SEK' },
        { address: `${prefix}:${n.toString(16)}::${(n + 1).toString(16)}` },
      );
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.slice(0, TEST_BROWSER_RATE_LIMIT).every((status) => status === 204)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keys addresses as one host would be given them', () => {
    expect(rateLimitKey('2001:DB8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('2001:db8:0001:0002::')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(rateLimitKey('192.0.2.7')).toBe('192.0.2.7');
    expect(rateLimitKey('not an address')).toBe('not an address');
  });
});

describe('delivery order and the unverified beacons’ share of the quota', () => {
  it('delivers server reports and seen clicks before unverified beacons', async () => {
    const ids = {
      unverified: uniqueOrderId('lane-unverified'),
      seen: uniqueOrderId('lane-seen'),
      server: uniqueOrderId('lane-server'),
    };
    await runBatch(testEnv, [
      { id: 'u', body: eventMessage(ids.unverified, await newClick()) },
      { id: 'c', body: eventMessage(ids.seen, await newClick(), { click_seen: true }) },
      { id: 's', body: eventMessage(ids.server, await newClick(), { source: 'server' }) },
    ]);
    const received = (await upstreamEvents())
      .filter((event) => Object.values(ids).includes(event.external_event_id ?? ''))
      .sort((a, b) => a.received_at.localeCompare(b.received_at) || a.id.localeCompare(b.id));
    expect(received.map((event) => event.external_event_id)).toEqual([
      ids.server,
      ids.seen,
      ids.unverified,
    ]);
  });

  it('marks a beacon whose click is the collector’s own cookie as seen, and only that one', async () => {
    const queued: EventMessage[] = [];
    const recording = configuredEnv({
      EVENT_QUEUE: {
        send: async (message: EventMessage) => {
          queued.push(message);
        },
        sendBatch: async () => undefined,
      } as unknown as Queue<EventMessage>,
    });
    const click = await newClick();
    const send = (orderId: string, cookie: string | undefined) =>
      fetchWithEnv(recording, 'http://collector.test/pj/collect', {
        method: 'POST',
        headers: {
          'Content-Type': 'text/plain',
          Origin: SHOP_ORIGIN,
          ...(cookie === undefined ? {} : { Cookie: cookie }),
        },
        body: JSON.stringify({
          pixel_id: PIXEL_ID,
          event: 'purchase',
          event_id: orderId,
          amount: 5,
          currency: 'SEK',
          pjclid: click,
        }),
      });
    await send(uniqueOrderId('seen'), `pjclid=${click}`);
    await send(uniqueOrderId('other-cookie'), `pjclid=${await newClick()}`);
    await send(uniqueOrderId('no-cookie'), undefined);
    expect(queued.map((message) => message.click_seen)).toEqual([true, undefined, undefined]);
  });

  it('sends an unverified beacon as soon as the API reports the quota back, not at the hour', async () => {
    // The production default: unverified beacons may spend a quarter of the quota.
    const sharing = configuredEnv({ UNVERIFIED_QUOTA_PERCENT: '25' });
    const clicks = [await newClick(), await newClick(), await newClick()] as const;
    // A 429 whose window resets in 3 s: the API's last word on the quota is "none left".
    await addFault({ status: 429, count: 1, reset_ms: 3_000, paths: [EVENTS_PATH] });
    const limited = await runBatch(sharing, [
      {
        id: 'r',
        body: eventMessage(uniqueOrderId('lane-limited'), clicks[0], { click_seen: true }),
      },
    ]);
    expect(limited.retried.get('r')).toBeGreaterThanOrEqual(3);
    // Within those 3 s the next batch's first answer reports the hour's quota nearly whole: the
    // unverified beacon behind it goes at once, rather than waiting for that hour to end.
    const verdicts = await runBatch(sharing, [
      { id: 'u', body: eventMessage(uniqueOrderId('lane-after-unverified'), clicks[1]) },
      {
        id: 'c',
        body: eventMessage(uniqueOrderId('lane-after-seen'), clicks[2], { click_seen: true }),
      },
    ]);
    expect(verdicts.retried).toEqual(new Map());
    expect([...verdicts.acked].sort()).toEqual(['c', 'u']);
  });

  it('lets unverified beacons spend only their share of what the API reports left', () => {
    const resetAt = Date.now() + 60_000;
    const now = Date.now();
    expect(unverifiedAllowance(25, now, { limit: 10_000, remaining: 10_000, resetAt })).toBe(2_500);
    expect(unverifiedAllowance(25, now, { limit: 10_000, remaining: 8_000, resetAt })).toBe(500);
    expect(unverifiedAllowance(25, now, { limit: 300, remaining: 225, resetAt })).toBe(0);
    expect(unverifiedAllowance(25, now, { limit: 300, remaining: 0, resetAt })).toBe(0);
    // A window that has reset, or nothing heard yet: no bound until the API says.
    expect(unverifiedAllowance(25, now, { limit: 300, remaining: 0, resetAt: now - 1 })).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe('replay', () => {
  it('skips, in a bulk replay, what the API refused for its fields', async () => {
    const orderId = uniqueOrderId('hopeless');
    const server = eventMessage(orderId, await newClick(), { source: 'server' });
    server.event.event_time = new Date(Date.now() + 3_600_000).toISOString();
    await runBatch(testEnv, [{ id: 'hopeless', body: server }]);
    const letter = await waitForDeadLetter(orderId);
    expect(letter).toMatchObject({ kind: 'rejected', status: 400 });

    const outcome = (await (await admin('/replay', { method: 'POST' })).json()) as {
      replayed: string[];
      skipped: { id: string; reason: string }[];
    };
    expect(outcome.replayed).not.toContain(letter.id);
    expect(outcome.skipped).toContainEqual({ id: letter.id, reason: 'cannot_succeed' });
    // Still there for the operator to read or delete.
    expect((await admin(`/${letter.id}`)).status).toBe(200);
  });
});

describe('GET /click from another site', () => {
  const click = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';
  const url = `http://localhost:8787/pj/click?pjclid=${click}`;

  it('refuses a cross-site navigation and sets no cookie', async () => {
    for (const mode of ['navigate', 'nested-navigate', 'no-cors']) {
      const response = await exports.default.fetch(url, {
        headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': mode },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
  });

  it('still sets the cookie for the pixel’s own call and for browsers without Fetch Metadata', async () => {
    const calls: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' },
      { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'cors', Origin: SHOP_ORIGIN },
      { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors', Origin: SHOP_ORIGIN },
      {},
    ];
    for (const headers of calls) {
      const response = await exports.default.fetch(url, { headers });
      expect(response.status).toBe(204);
      expect(response.headers.get('Set-Cookie')).toContain(`pjclid=${click}`);
    }
  });
});

describe('ids with lone surrogates', () => {
  it('refuses them with a field error instead of merging two orders', async () => {
    for (const id of ['surr-\ud800', 'surr-\udbff']) {
      const fromBrowser = await postBeacon({
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: id,
        amount: 1,
        currency: 'SEK',
        pjclid: await newClick(),
      });
      expect(fromBrowser.status).toBe(400);
      const problem = (await fromBrowser.json()) as { field_errors: Record<string, unknown> };
      expect(Object.keys(problem.field_errors)).toEqual(['event_id']);

      const fromServer = await postServerEvent({
        event_name: 'purchase',
        external_event_id: id,
        data: { amount: 1, currency: 'SEK' },
        signed_click_id: await newClick(),
      });
      expect(fromServer.status).toBe(400);
      const serverProblem = (await fromServer.json()) as { field_errors: Record<string, unknown> };
      expect(Object.keys(serverProblem.field_errors)).toEqual(['external_event_id']);
    }
    // A well-formed pair (an emoji) is an ordinary id.
    const emoji = await postBeacon({
      pixel_id: PIXEL_ID,
      event: 'purchase',
      event_id: uniqueOrderId('surr-\ud83d\ude00'),
      amount: 1,
      currency: 'SEK',
      pjclid: await newClick(),
    });
    expect(emoji.status).toBe(202);
  });
});

describe('refusals that are the shop’s settings', () => {
  it('name the pixel or the origin in the log line, cut short, with the setting to fix', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const loud = configuredEnv({ LOG_LEVEL: 'warn' });
    const unlisted = '11111111-2222-4333-8444-555555555555';
    const post = (origin: string, pixelId: string) =>
      fetchWithEnv(loud, 'http://collector.test/pj/collect', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: origin },
        body: JSON.stringify({ pixel_id: pixelId, event: 'purchase', amount: 1, currency: 'SEK' }),
      });
    expect((await post(SHOP_ORIGIN, unlisted)).status).toBe(404);
    const foreign = `https://${'a'.repeat(300)}.example`;
    expect((await post(foreign, PIXEL_ID)).status).toBe(403);
    const lines = warnings.mock.calls.map(
      (call) => JSON.parse(String(call[0])) as Record<string, string>,
    );
    warnings.mockRestore();
    const pixelLine = lines.find((line) => line.event === 'intake.unknown_pixel');
    expect(pixelLine?.pixel_id).toBe(unlisted);
    expect(pixelLine?.action).toMatch(/PIXEL_IDS/);
    const originLine = lines.find((line) => line.event === 'http.origin_refused');
    expect(originLine?.origin).toBe(foreign.slice(0, 100));
    expect(originLine?.action).toMatch(/ALLOWED_ORIGINS/);
  });
});
