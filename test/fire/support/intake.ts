// Reports purchases to the collector as the pixel and the shop's backend do, and keeps score of
// how each was answered.
import { PIXEL_ID } from './upstream.ts';

/** The local collector's server-to-server token (wrangler.toml, public). */
export const SERVER_TOKEN = 'local-dev-token';
/** The local collector's dead-letter admin token (wrangler.toml, public). */
export const ADMIN_TOKEN = 'local-dev-admin-token';

/** One purchase, as the fire suites send it. */
export interface Order {
  id: string;
  amount: number;
  currency: string;
  items: number;
  click: string;
}

export type Channel = 'beacon' | 'cookie' | 'server';

export interface SendOptions {
  /** The client's address (`CF-Connecting-IP`); each order gets its own unless given. */
  address?: string;
  /** The shop's origin, sent as `Origin` on browser channels. */
  origin?: string;
}

let addressCounter = 0;
/** A client address of its own, so the per-address rate limit trips only where meant to. */
export function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/**
 * Sends an order through one channel: a beacon carrying the click (`beacon`), a beacon with the
 * click only in the collector's cookie (`cookie`), or the backend's create-event body (`server`).
 * Reads the whole answer.
 */
export async function sendOrder(
  collector: string,
  order: Order,
  channel: Channel,
  options: SendOptions = {},
): Promise<{ status: number; body: string }> {
  const address = options.address ?? nextAddress();
  let response: Response;
  if (channel === 'server') {
    response = await fetch(`${collector}/server/pixels/${PIXEL_ID}/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SERVER_TOKEN}`,
        'content-type': 'application/json',
        'cf-connecting-ip': address,
      },
      body: JSON.stringify({
        event_name: 'purchase',
        external_event_id: order.id,
        data: { amount: order.amount, currency: order.currency, number_of_items: order.items },
        signed_click_id: order.click,
      }),
    });
  } else {
    const headers: Record<string, string> = {
      'content-type': 'text/plain;charset=UTF-8',
      'cf-connecting-ip': address,
    };
    if (options.origin !== undefined) headers.origin = options.origin;
    if (channel === 'cookie') headers.cookie = `pjclid=${order.click}`;
    response = await fetch(`${collector}/collect`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: order.id,
        amount: order.amount,
        currency: order.currency.toLowerCase(),
        items: order.items,
        ...(channel === 'beacon' ? { pjclid: order.click } : {}),
        time: new Date().toISOString(),
      }),
    });
  }
  return { status: response.status, body: await response.text() };
}

/** How the collector answered a stream of reports. */
export class IntakeTally {
  /** Order ids the collector accepted for delivery (first report of each). */
  readonly accepted = new Set<string>();
  /** Reports answered 202 "accepted": more than `accepted.size` when copies raced the guard. */
  acceptedReports = 0;
  /** Reports answered as already accepted (202 "duplicate" or 409). */
  duplicates = 0;
  /** Answers by status. */
  readonly statuses = new Map<number, number>();
  /** Any answer that is neither 202 nor 409, with its body (there should be none). */
  readonly unexpected: string[] = [];
  sent = 0;

  /** Records one answer to a report of `orderId`. */
  record(orderId: string, answer: { status: number; body: string }): void {
    this.sent += 1;
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status === 409) {
      this.duplicates += 1;
    } else if (answer.status === 202) {
      const { status } = JSON.parse(answer.body) as { status: string };
      if (status === 'accepted') {
        this.acceptedReports += 1;
        this.accepted.add(orderId);
      } else this.duplicates += 1;
    } else {
      this.unexpected.push(`${answer.status} ${answer.body.slice(0, 300)}`);
    }
  }

  /** Answers with a status of 500 or more. */
  serverErrors(): number {
    let count = 0;
    for (const [status, n] of this.statuses) if (status >= 500) count += n;
    return count;
  }
}

/** Runs `task` over `items` with at most `concurrency` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
