// The verdicts doctor draws from what the collector reported, for shapes the local stack does not
// produce on its own (a queue mismatch, an exhausted rate limit, a foreign cookie domain).
import { describe, expect, it } from 'vitest';
import { credentialChecks } from '#cli/doctor/credential-checks.ts';
import { cookieDomainCheck, queueCheck } from '#cli/doctor/http-checks.ts';
import type { DoctorReport } from '#worker/operator/doctor-report.ts';

function report(prisjakt: Partial<DoctorReport['prisjakt']>): DoctorReport {
  return {
    prisjakt: {
      api_url: 'https://api.pj.nu/click-conversion',
      client_id: 'client',
      credentials: { status: 'ok', roles: ['shop_user'] },
      pixels: [],
      rate_limit: { limit: 10_000, remaining: 9_000, reset_at: '2026-12-01T12:00:00.000Z' },
      ...prisjakt,
    },
    collector: {
      environment: 'production',
      base_path: '/pj',
      allowed_origins: [],
      cookie: { name: 'pjclid', domain: null, path: '/' },
    },
  };
}

describe('queue names', () => {
  it('fails on what /healthz reports about queues, in any of its places', () => {
    expect(
      queueCheck({
        status: 'misconfigured',
        invalid: [{ setting: 'EVENT_QUEUE_NAME', reason: 'does not match' }],
      }).status,
    ).toBe('fail');
    expect(
      queueCheck({ status: 'ok', warnings: ['the event queue is named x, not y'] }).status,
    ).toBe('fail');
    expect(queueCheck({ status: 'ok', queues: { ok: false, events: 'a' } }).status).toBe('fail');
    expect(queueCheck({ status: 'ok', queue_mismatches: ['EVENT_QUEUE'] }).status).toBe('fail');
    const degraded = queueCheck({
      status: 'degraded',
      problems: ['the queue consumer received a batch from queue "events-v2", which is neither…'],
    });
    expect(degraded.status).toBe('fail');
    expect(degraded.fix).toContain('EVENT_QUEUE_NAME');
  });

  it('passes a report of matching names, and warns when there is none', () => {
    expect(queueCheck({ status: 'ok', queues: { ok: true, mismatches: [] } }).status).toBe('pass');
    const silent = queueCheck({ status: 'ok', warnings: [] });
    expect(silent.status).toBe('warn');
    expect(silent.fix).toContain('EVENT_QUEUE_NAME');
  });
});

describe('cookie domain', () => {
  it("passes a domain covering the collector's host, and fails one that does not, naming the fix", () => {
    expect(cookieDomainCheck('https://www.shop.example/pj', 'shop.example').status).toBe('pass');
    const foreign = cookieDomainCheck('https://shop.example/pj', 'shop.example.net');
    expect(foreign.status).toBe('fail');
    expect(foreign.fix).toBe('set COOKIE_DOMAIN to shop.example or a parent domain of it');
  });
});

describe('credentials and rate limit', () => {
  it('warns on little headroom and fails on none', () => {
    const low = credentialChecks(
      report({ rate_limit: { limit: 10_000, remaining: 500, reset_at: 'x' } }),
    );
    expect(low.find((check) => check.name === 'rate limit')?.status).toBe('warn');
    const none = credentialChecks(
      report({ rate_limit: { limit: 10_000, remaining: 0, reset_at: 'x' } }),
    );
    expect(none.find((check) => check.name === 'rate limit')?.status).toBe('fail');
  });

  it('warns that nothing can be checked without a secret, and fails a disabled pixel', () => {
    const checks = credentialChecks(
      report({
        credentials: { status: 'no_secret' },
        pixels: [{ id: 'p', status: 'disabled' }],
        rate_limit: null,
      }),
    );
    expect(checks.find((check) => check.name === 'prisjakt credentials')?.status).toBe('warn');
    expect(checks.find((check) => check.name === 'pixel p')).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('Business Center'),
    });
  });
});
