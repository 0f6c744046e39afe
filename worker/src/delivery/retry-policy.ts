import { MAX_QUEUE_DELAY_SECONDS } from '../config/parsers.ts';

export interface BackoffSettings {
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

/** Spread over a few seconds so a crowd of messages does not return at the very same instant. */
const RATE_LIMIT_JITTER_SECONDS = 5;

function clampDelay(seconds: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil(seconds)));
}

/**
 * Exponential backoff with "equal jitter": the step doubles with every attempt up to the cap,
 * and the delay is half the step plus a random part of the other half, so retries never come
 * sooner than half the step yet a crowd of messages spreads out. With the defaults (30 s,
 * 1 hour) an outage of hours is ridden out within Queues' retention of 4 days.
 *
 * @param attempts the message's delivery attempts so far (1 on its first delivery)
 * @example backoffDelaySeconds(1, { baseDelaySeconds: 30, maxDelaySeconds: 3600 }) // 15..30
 */
export function backoffDelaySeconds(
  attempts: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const step = Math.min(settings.maxDelaySeconds, settings.baseDelaySeconds * 2 ** exponent);
  return clampDelay(step / 2 + (random() * step) / 2);
}

/**
 * The delay after a 429: never sooner than the reset the API announced (`X-RateLimit-Reset`),
 * plus a little jitter.
 */
export function rateLimitDelaySeconds(
  retryAt: number,
  now: number,
  random: () => number = Math.random,
): number {
  const untilReset = Math.max(0, Math.ceil((retryAt - now) / 1000));
  return clampDelay(untilReset + Math.ceil(random() * RATE_LIMIT_JITTER_SECONDS));
}
