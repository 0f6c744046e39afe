import { describe, expect, it } from 'vitest';
import { readResetAt } from '#shared/client/index.ts';
import { readRateLimit, readRetryAfter } from '#shared/client/rate-limit.ts';

const now = Date.parse('2026-05-01T12:00:00Z');

describe('reading the rate limit headers', () => {
  it('reads X-RateLimit-Reset as epoch ms when it is one, as ms from now otherwise', () => {
    expect(readResetAt(String(now + 30_000), now)).toBe(now + 30_000);
    expect(readResetAt('30000', now)).toBe(now + 30_000);
    expect(readResetAt('0', now)).toBe(now);
    expect(readResetAt(' 1500 ', now)).toBe(now + 1500);
  });

  it('ignores a reset that is not a number', () => {
    for (const value of [null, '', 'soon', '-5', '1e3', 'Infinity']) {
      expect(readResetAt(value, now)).toBeUndefined();
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(readRetryAfter('120', now)).toBe(now + 120_000);
    expect(readRetryAfter('Fri, 01 May 2026 12:05:00 GMT', now)).toBe(now + 300_000);
    expect(readRetryAfter('later', now)).toBeUndefined();
    expect(readRetryAfter(null, now)).toBeUndefined();
  });

  it('reads the three headers together, and nothing when limit or remaining is missing', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '10000',
      'X-RateLimit-Remaining': '9998',
      'X-RateLimit-Reset': String(now + 3_600_000),
    });
    expect(readRateLimit(headers, now)).toEqual({
      limit: 10_000,
      remaining: 9998,
      resetAt: now + 3_600_000,
    });
    expect(readRateLimit(new Headers({ 'X-RateLimit-Limit': '10' }), now)).toBeUndefined();
    expect(
      readRateLimit(new Headers({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '3' }), now),
    ).toEqual({ limit: 10, remaining: 3, resetAt: now });
  });
});
