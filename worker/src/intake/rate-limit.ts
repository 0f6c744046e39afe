import { CollectorError } from '../http/problem.ts';
import { rateLimitKey } from './client-key.ts';

/** The period configured on the rate-limit bindings (`simple.period`), used for Retry-After. */
const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Counts a request against a Workers Rate Limiting binding, which counts per Cloudflare
 * location: a cheap brake on one client flooding the shop's API quota, not an exact meter.
 *
 * @throws CollectorError `rate_limited` (429) with `Retry-After`.
 */
export async function enforceRateLimit(limiter: RateLimit, key: string): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new CollectorError('rate_limited', 'too many requests from this client; slow down', {
      headers: { 'Retry-After': String(RATE_LIMIT_PERIOD_SECONDS) },
    });
  }
}

/**
 * The browser's rate-limit bucket: its address as Cloudflare saw it, an IPv6 one by its /64
 * (see client-key.ts); all requests without one share a bucket.
 */
export function clientAddress(request: Request): string {
  return rateLimitKey(request.headers.get('CF-Connecting-IP') ?? 'unknown');
}
