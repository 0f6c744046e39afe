import { CollectorError } from '../http/problem.ts';

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

/** The browser's address as Cloudflare saw it; all requests without one share a bucket. */
export function clientAddress(request: Request): string {
  return request.headers.get('CF-Connecting-IP') ?? 'unknown';
}
