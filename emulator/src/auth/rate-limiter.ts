const HOUR_MS = 60 * 60 * 1000;

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the window ends and the count starts over. */
  resetMs: number;
}

/**
 * A fixed one-hour window per client id, opened by the client's first request (as Anypoint's
 * rate-limiting policy does); the documented default is 10,000 requests per hour. A refused
 * request does not count.
 */
export class RateLimiter {
  readonly limit: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { startMs: number; count: number }>();

  constructor(limit: number, now: () => number) {
    this.limit = limit;
    this.#now = now;
  }

  /** Counts one request by `clientId` and says whether it may proceed. */
  take(clientId: string): RateLimitDecision {
    const now = this.#now();
    let window = this.#windows.get(clientId);
    if (!window || now >= window.startMs + HOUR_MS) {
      window = { startMs: now, count: 0 };
      this.#windows.set(clientId, window);
    }
    const allowed = window.count < this.limit;
    if (allowed) window.count += 1;
    return {
      allowed,
      limit: this.limit,
      remaining: this.limit - window.count,
      resetMs: window.startMs + HOUR_MS,
    };
  }

  clear(): void {
    this.#windows.clear();
  }
}

/** The three headers Prisjakt reports its rate limit in; the reset is in epoch milliseconds. */
export function rateLimitHeaders(decision: Omit<RateLimitDecision, 'allowed'>) {
  return {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(decision.resetMs),
  };
}
