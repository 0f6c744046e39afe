import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_RATE_LIMIT_RETRIES,
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_TIMEOUT_MS,
  PrisjaktClient,
  type PrisjaktClientOptions,
} from '#shared/client/index.ts';
import { ORIGIN, SEED, startEmulator } from './harness.ts';

const valid: PrisjaktClientOptions = {
  baseUrl: 'https://api.pj.nu/click-conversion',
  clientId: SEED.shopUser.id,
  clientSecret: SEED.shopUser.secret,
};

describe('client options', () => {
  it('documents its defaults', () => {
    expect([
      DEFAULT_TIMEOUT_MS,
      DEFAULT_MAX_RATE_LIMIT_RETRIES,
      DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
    ]).toEqual([10_000, 3, 60_000]);
  });

  it('accepts undefined for every optional setting, meaning the default', () => {
    expect(
      () =>
        new PrisjaktClient({
          ...valid,
          clientSecret: undefined,
          fetch: undefined,
          timeoutMs: undefined,
          maxRateLimitRetries: undefined,
          maxRateLimitWaitMs: undefined,
        }),
    ).not.toThrow();
  });

  it.each([
    [{ baseUrl: 'api.pj.nu/click-conversion' }, /baseUrl must be an absolute URL/],
    [{ baseUrl: 'ftp://api.pj.nu/' }, /http or https/],
    [{ baseUrl: 'https://user:pw@api.pj.nu/' }, /must not carry credentials/],
    [{ baseUrl: 'https://api.pj.nu/?x=1' }, /query or a fragment/],
    [{ clientId: '' }, /clientId must be a non-empty string/],
    [{ timeoutMs: 0 }, /timeoutMs must be a positive number/],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs/],
    [{ maxRateLimitRetries: 1.5 }, /maxRateLimitRetries must be a whole number/],
    [{ maxRateLimitRetries: -1 }, /maxRateLimitRetries/],
    [{ maxRateLimitWaitMs: -1 }, /maxRateLimitWaitMs/],
  ])('rejects %o with a message naming the option', (override, message) => {
    expect(() => new PrisjaktClient({ ...valid, ...override })).toThrow(message);
  });

  it('never puts the secret in a message about another option', () => {
    try {
      new PrisjaktClient({ ...valid, timeoutMs: -5 });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(SEED.shopUser.secret);
    }
  });

  it('keeps a base path that looks like a host as a path', async () => {
    const h = startEmulator();
    await h
      .client({ baseUrl: `${ORIGIN}//evil.test/click-conversion` })
      .getPixel(SEED.pixelId)
      .catch(() => undefined);
    const request = h.apiRequests()[0];
    expect(request?.url.host).toBe('prisjakt.test');
    expect(request?.url.pathname).toBe(`//evil.test/click-conversion/pixels/${SEED.pixelId}`);
  });
});
