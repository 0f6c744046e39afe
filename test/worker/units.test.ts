// The collector's pure parts: the origin patterns, the choice of event_time, the retry delays,
// the click cookie and the constant-time comparison.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEventTimeAcceptable } from '#shared/field-rules.ts';
import { parseAllowedOrigins } from '#worker/config/origins.ts';
import { backoffDelaySeconds, rateLimitDelaySeconds } from '#worker/delivery/retry-policy.ts';
import { clearedClickCookies, clickCookie, readClickCookie } from '#worker/intake/click-cookie.ts';
import { BEACON_CLOCK_SKEW_MS, beaconEventTime } from '#worker/intake/event-time.ts';
import { secretsEqual } from '#worker/security/constant-time.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('allowed origins', () => {
  it('matches exact origins, one-label host wildcards and port wildcards', () => {
    const parsed = parseAllowedOrigins(
      'https://shop.example, https://*.shop.example http://localhost:*',
      false,
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    const { matches } = parsed.matcher;
    expect(matches('https://shop.example')).toBe(true);
    expect(matches('https://SHOP.example')).toBe(true);
    expect(matches('https://www.shop.example')).toBe(true);
    expect(matches('https://a.b.shop.example')).toBe(false);
    expect(matches('https://evilshop.example')).toBe(false);
    expect(matches('http://shop.example')).toBe(false);
    expect(matches('https://shop.example:8443')).toBe(false);
    expect(matches('http://localhost')).toBe(true);
    expect(matches('http://localhost:3000')).toBe(true);
    expect(matches('http://localhost.evil.example:3000')).toBe(false);
    expect(matches('null')).toBe(false);
  });

  it('refuses a bare *, non-origins, and http in production', () => {
    expect(parseAllowedOrigins('*', false).ok).toBe(false);
    expect(parseAllowedOrigins('https://shop.example/path', false).ok).toBe(false);
    expect(parseAllowedOrigins('shop.example', false).ok).toBe(false);
    expect(parseAllowedOrigins('https://shop.example:99999', false).ok).toBe(false);
    expect(parseAllowedOrigins('http://shop.example', true).ok).toBe(false);
    expect(parseAllowedOrigins('https://shop.example/', true).ok).toBe(true);
    expect(parseAllowedOrigins('', true).ok).toBe(true);
  });
});

describe('beacon event_time', () => {
  const receivedAt = Date.parse('2026-11-26T10:00:00.000Z');

  it('keeps a sane browser time with its milliseconds', () => {
    expect(beaconEventTime('2026-11-26T09:59:58.123Z', receivedAt)).toBe(
      '2026-11-26T09:59:58.123Z',
    );
    expect(beaconEventTime('2026-10-28T10:00:01Z', receivedAt)).toBe('2026-10-28T10:00:01.000Z');
  });

  it('never places the purchase after its receipt', () => {
    expect(beaconEventTime('2026-11-26T10:01:00Z', receivedAt)).toBe('2026-11-26T10:00:00.000Z');
  });

  it('uses the time of receipt for a time too far ahead, too old, or absent', () => {
    const ahead = new Date(receivedAt + BEACON_CLOCK_SKEW_MS + 1000).toISOString();
    expect(beaconEventTime(ahead, receivedAt)).toBe('2026-11-26T10:00:00.000Z');
    expect(beaconEventTime(new Date(receivedAt - 30 * DAY - 1000).toISOString(), receivedAt)).toBe(
      '2026-11-26T10:00:00.000Z',
    );
    expect(beaconEventTime(undefined, receivedAt)).toBe('2026-11-26T10:00:00.000Z');
  });

  it('always yields a UTC time within the window, whatever the browser says', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400 * DAY, max: 400 * DAY }), (offset) => {
        const result = beaconEventTime(new Date(receivedAt + offset).toISOString(), receivedAt);
        const ms = Date.parse(result);
        return result.endsWith('Z') && ms <= receivedAt && ms >= receivedAt - 30 * DAY;
      }),
    );
  });

  it('accepts a server event_time up to five minutes ahead', () => {
    expect(isEventTimeAcceptable('2026-11-26T10:04:59Z', receivedAt)).toBe(true);
    expect(isEventTimeAcceptable('2026-11-26T10:05:01Z', receivedAt)).toBe(false);
    expect(isEventTimeAcceptable('2019-01-01T00:00:00Z', receivedAt)).toBe(true);
  });
});

describe('retry delays', () => {
  const settings = { baseDelaySeconds: 30, maxDelaySeconds: 3600 };

  it('doubles per attempt within equal-jitter bounds, up to the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempts, random) => {
          const step = Math.min(3600, 30 * 2 ** Math.min(attempts - 1, 30));
          const delay = backoffDelaySeconds(attempts, settings, () => random);
          return delay >= Math.ceil(step / 2) && delay <= step && Number.isInteger(delay);
        },
      ),
    );
  });

  it('rides out hours within 100 retries even at the lowest jitter', () => {
    let total = 0;
    for (let attempts = 1; attempts <= 100; attempts += 1)
      total += backoffDelaySeconds(attempts, settings, () => 0);
    expect(total / 3600).toBeGreaterThan(24);
    expect(total / 3600).toBeLessThan(96);
  });

  it('waits at least until the rate-limit reset, within the queue’s 12-hour limit', () => {
    const now = 1_000_000;
    expect(rateLimitDelaySeconds(now + 29_001, now, () => 0)).toBe(30);
    expect(rateLimitDelaySeconds(now + 29_001, now, () => 0.999)).toBe(35);
    expect(rateLimitDelaySeconds(now - 5_000, now, () => 0)).toBe(0);
    expect(rateLimitDelaySeconds(now + 48 * 3600_000, now, () => 0)).toBe(43_200);
  });
});

describe('click cookie', () => {
  const click = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';

  it('reads the first well-formed value of its name', () => {
    expect(readClickCookie(undefined, 'pjclid')).toBeUndefined();
    expect(readClickCookie(`a=1; pjclid=${click}`, 'pjclid')).toBe(click);
    expect(readClickCookie(`pjclid=garbage; pjclid="${click}"`, 'pjclid')).toBe(click);
    expect(readClickCookie(`xpjclid=${click}`, 'pjclid')).toBeUndefined();
  });

  it('omits Secure only on plain-http loopback hosts', () => {
    const settings = { name: 'pjclid', domain: undefined, path: '/' };
    expect(clickCookie(settings, click, new URL('http://127.0.0.1:8787/click'))).not.toContain(
      'Secure',
    );
    expect(clickCookie(settings, click, new URL('http://shop.localhost/click'))).not.toContain(
      'Secure',
    );
    expect(clickCookie(settings, click, new URL('https://localhost/click'))).toContain('Secure');
    expect(clickCookie(settings, click, new URL('http://10.0.0.1/click'))).toContain('Secure');
  });

  it('erases both the domain cookie and a host-only one when a domain is configured', () => {
    const settings = { name: 'pjclid', domain: 'shop.example', path: '/' };
    expect(clearedClickCookies(settings, new URL('https://www.shop.example/pj/click'))).toEqual([
      'pjclid=; Max-Age=0; Path=/; Domain=shop.example; HttpOnly; Secure; SameSite=Lax',
      'pjclid=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax',
    ]);
    expect(
      clearedClickCookies({ ...settings, domain: undefined }, new URL('https://shop.example/')),
    ).toEqual(['pjclid=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax']);
  });
});

describe('secretsEqual', () => {
  it('tells equal from different secrets of any length', async () => {
    expect(await secretsEqual('local-dev-token', 'local-dev-token')).toBe(true);
    expect(await secretsEqual('local-dev-token ', 'local-dev-token')).toBe(false);
    expect(await secretsEqual('', 'local-dev-token')).toBe(false);
    expect(await secretsEqual('x'.repeat(10_000), 'local-dev-token')).toBe(false);
  });
});
