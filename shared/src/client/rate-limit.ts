/** The last rate limit the API reported (`X-RateLimit-*`). */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch ms at which the window resets. */
  resetAt: number;
}

/**
 * A reset above this is an epoch time in ms; below, a duration in ms. Prisjakt documents the reset
 * as "given in milliseconds" without saying which; 1e12 ms is September 2001 as an epoch and 31
 * years as a duration, so the two readings cannot be confused.
 */
const EPOCH_MS_THRESHOLD = 1e12;

/**
 * Reads an `X-RateLimit-Reset` value as epoch ms, whichever of the two documented readings the
 * server uses.
 *
 * @example readResetAt('1767225600000', now) // 1767225600000 (epoch ms, kept)
 * @example readResetAt('30000', now)         // now + 30000 (ms from now)
 */
export function readResetAt(value: string | null, now: number): number | undefined {
  const ms = parseNonNegative(value);
  if (ms === undefined) return undefined;
  return ms > EPOCH_MS_THRESHOLD ? ms : now + ms;
}

/**
 * Reads `Retry-After` (RFC 9110 §10.2.3: seconds, or an HTTP date) as epoch ms.
 *
 * @example readRetryAfter('120', now) // now + 120000
 */
export function readRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const seconds = parseNonNegative(value);
  if (seconds !== undefined) return now + seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

/**
 * Reads the `X-RateLimit-*` headers of a response, or undefined when the limit or the remaining
 * count is missing. A missing reset counts as "now", so nothing ever waits on it.
 */
export function readRateLimit(headers: Headers, now: number): RateLimitState | undefined {
  const limit = parseNonNegative(headers.get('x-ratelimit-limit'));
  const remaining = parseNonNegative(headers.get('x-ratelimit-remaining'));
  if (limit === undefined || remaining === undefined) return undefined;
  const resetAt = readResetAt(headers.get('x-ratelimit-reset'), now) ?? now;
  return { limit, remaining, resetAt };
}

function parseNonNegative(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
