import { describe, expect, it } from 'vitest';
import { PrisjaktApiError, PrisjaktClient } from '#shared/client/index.ts';
import { PREFIXED_BASE_URL, SEED, startEmulator } from './harness.ts';

const HOUR_MS = 60 * 60 * 1000;

describe('rate limits', () => {
  it('exposes the last X-RateLimit-* headers it saw', async () => {
    const h = startEmulator();
    const client = h.client();
    expect(client.rateLimit).toBeUndefined();
    const before = Date.now();
    await client.getPixel(SEED.pixelId);
    const first = client.rateLimit;
    expect(first?.limit).toBe(10_000);
    expect(first?.remaining).toBe(9_999);
    expect(first?.resetAt).toBeGreaterThan(before);
    expect(first?.resetAt).toBeLessThanOrEqual(Date.now() + HOUR_MS);
    await client.getPixel(SEED.pixelId);
    expect(client.rateLimit?.remaining).toBe(9_998);
    // A copy: changing it changes nothing inside the client.
    if (first) first.remaining = 1;
    expect(client.rateLimit?.remaining).toBe(9_998);
  });

  it('waits for the reset after a 429 and then succeeds', async () => {
    const h = startEmulator();
    await h.fault({ status: 429, count: 2, reset_ms: 40, paths: ['/pixels/'] });
    const client = h.client();
    expect(await client.getPixel(SEED.pixelId)).toEqual({ id: SEED.pixelId, enabled: true });
    expect((await h.requestCounts()).getPixel).toEqual({ '429': 2, '200': 1 });
    expect(client.rateLimit?.remaining).toBeGreaterThan(0);
  });

  it('gives up after maxRateLimitRetries retries and throws the 429', async () => {
    const h = startEmulator();
    await h.fault({ status: 429, count: 10, reset_ms: 5 });
    const started = Date.now();
    const error = await h
      .client({ maxRateLimitRetries: 2 })
      .getShop(SEED.shopId)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrisjaktApiError);
    expect(error).toMatchObject({ status: 429, title: 'Too Many Requests', retryable: true });
    expect((error as PrisjaktApiError).retryAt).toBeGreaterThanOrEqual(started);
    expect((await h.requestCounts()).getShop).toEqual({ '429': 3 });
  });

  it('throws at once with maxRateLimitRetries 0, telling when to retry', async () => {
    const h = startEmulator();
    await h.fault({ status: 429, count: 1, reset_ms: 30_000 });
    const client = h.client({ maxRateLimitRetries: 0 });
    const before = Date.now();
    const error = (await client.getShop(SEED.shopId).catch((e: unknown) => e)) as PrisjaktApiError;
    expect(error.status).toBe(429);
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 30_000);
    expect(error.retryAt).toBeLessThanOrEqual(Date.now() + 30_000);
    expect(client.rateLimit?.remaining).toBe(0);
    expect((await h.requestCounts()).getShop).toEqual({ '429': 1 });
  });

  it('does not sleep past maxRateLimitWaitMs: it throws instead', async () => {
    const h = startEmulator();
    await h.fault({ status: 429, count: 1, reset_ms: 120_000 });
    const error = (await h
      .client({ maxRateLimitWaitMs: 1_000 })
      .getShop(SEED.shopId)
      .catch((e: unknown) => e)) as PrisjaktApiError;
    expect(error.status).toBe(429);
    expect((await h.requestCounts()).getShop).toEqual({ '429': 1 });
  });

  it("hits the emulator's real hourly limit and reports when it resets", async () => {
    const h = startEmulator({ rateLimitPerHour: 2 });
    const client = h.client();
    await client.getPixel(SEED.pixelId);
    await client.getPixel(SEED.pixelId);
    expect(client.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    const error = (await client
      .getPixel(SEED.pixelId)
      .catch((e: unknown) => e)) as PrisjaktApiError;
    expect(error).toMatchObject({ kind: 'http', status: 429 });
    // The window resets up to an hour away: far beyond the default 60 s wait, so no retry.
    expect(error.retryAt).toBeGreaterThan(Date.now() + 60_000);
    expect(error.retryAt).toBe(client.rateLimit?.resetAt);
    expect((await h.requestCounts()).getPixel).toEqual({ '200': 2, '429': 1 });
    // Another client id has its own budget.
    const other = h.client({ clientId: SEED.publisher.id, clientSecret: SEED.publisher.secret });
    await expect(other.getClient(SEED.publisher.id)).resolves.toMatchObject({
      id: SEED.publisher.id,
    });
  });
});

describe('429s the emulator cannot give', () => {
  // The emulator always sends X-RateLimit-Reset with a 429; a proxy or a future API might not.
  function answering(...responses: (() => Response)[]) {
    let calls = 0;
    const client = new PrisjaktClient({
      baseUrl: PREFIXED_BASE_URL,
      clientId: SEED.shopUser.id,
      maxRateLimitWaitMs: 500,
      fetch: async () => {
        const next = responses[Math.min(calls, responses.length - 1)];
        calls += 1;
        if (!next) throw new Error('no response prepared');
        return next();
      },
    });
    return { client, calls: () => calls };
  }

  it('falls back to Retry-After when there is no reset header', async () => {
    const { client, calls } = answering(
      () => new Response('{}', { status: 429, headers: { 'retry-after': '0' } }),
      () => Response.json({ id: SEED.pixelId, enabled: true }),
    );
    await expect(client.getPixel(SEED.pixelId)).resolves.toEqual({
      id: SEED.pixelId,
      enabled: true,
    });
    expect(calls()).toBe(2);
  });

  it('backs off from 1 s without any hint, and so throws when that exceeds the wait cap', async () => {
    const { client, calls } = answering(() => new Response('{}', { status: 429 }));
    const error = (await client
      .getPixel(SEED.pixelId)
      .catch((e: unknown) => e)) as PrisjaktApiError;
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(error.retryAt).toBeUndefined();
    expect(calls()).toBe(1);
  });
});
