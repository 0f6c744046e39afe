import type { RateLimitState } from '#shared/client/index.ts';
import type { EventMessage } from '../queue/messages.ts';

/**
 * The order a batch is delivered in: the shop's authenticated server reports, then beacons whose
 * click this collector saw land (its own cookie), then the rest. A flood of forged beacons can
 * then only queue behind real purchases, never in front of them.
 */
export type Lane = 'server' | 'seen' | 'unverified';

const RANK: Record<Lane, number> = { server: 0, seen: 1, unverified: 2 };

export function laneOf(message: EventMessage): Lane {
  if (message.source === 'server') return 'server';
  return message.click_seen ? 'seen' : 'unverified';
}

/** Sorts by lane, keeping the queue's order within a lane (the sort is stable). */
export function byLane<T extends { body: EventMessage }>(messages: readonly T[]): T[] {
  return [...messages].sort((a, b) => RANK[laneOf(a.body)] - RANK[laneOf(b.body)]);
}

/**
 * The API's rate limit as last reported to this isolate (`X-RateLimit-*`), kept across batches
 * so the first send of a batch is judged by what the previous one learnt.
 */
let lastReported: RateLimitState | undefined;

/** Records what the API last said about the quota. */
export function noteRateLimit(state: RateLimitState | undefined): void {
  if (state !== undefined) lastReported = state;
}

/**
 * How many unverified beacons may still be sent in the current window: they may spend at most
 * `percent` of the API's hourly quota, counted by what the API reports left, so server reports
 * and seen clicks always find the rest. Unknown (no answer seen yet, or a window that has
 * reset): no bound until the next answer says. 100 percent: no bound at all.
 *
 * @example unverifiedAllowance({ limit: 10000, remaining: 9000, resetAt }, 25, now) // 1500
 */
export function unverifiedAllowance(
  percent: number,
  now: number,
  state: RateLimitState | undefined = lastReported,
): number {
  if (state === undefined || percent >= 100) return Number.POSITIVE_INFINITY;
  if (state.resetAt <= now) return Number.POSITIVE_INFINITY;
  const floor = Math.ceil((state.limit * (100 - percent)) / 100);
  return Math.max(0, state.remaining - floor);
}

/** When the quota window resets, if the API said. */
export function quotaResetAt(): number | undefined {
  return lastReported?.resetAt;
}
