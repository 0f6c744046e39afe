import { DAY_SECONDS, LIMITS } from '#shared/limits.ts';
import type { EventMessage, EventSource } from '../queue/messages.ts';

/** The API refuses a reused `external_event_id` for 30 days; a delivered mark lasts as long. */
export const DEDUPE_TTL_SECONDS = LIMITS.duplicateWindowDays * DAY_SECONDS;
/**
 * How long an accepted but not yet delivered event holds its id. Delivery normally confirms
 * within seconds; past this, a resend goes through to the API, whose 409 or upsert is the
 * backstop, so a long outage costs a few requests, never a purchase.
 */
export const PENDING_TTL_SECONDS = 60 * 60;

const encoder = new TextEncoder();

function base64Url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * What the guard remembers of an id: who reported it, a digest of what they reported, and
 * whether the API has accepted it yet. Only `delivered` means the API holds the id.
 */
export interface Mark {
  source: EventSource | 'unknown';
  digest: string;
  state: 'pending' | 'delivered';
}

/** What intake does with a report, given the mark of its id. */
export type Verdict =
  /** Nothing stands in the way. */
  | { kind: 'accept' }
  /** The shop's server report replaces a beacon that reported other data or another click. */
  | { kind: 'replace' }
  | { kind: 'duplicate' };

/**
 * The rule of who may claim an id (docs/guarantees.md, "Who owns an order id"):
 * - the same content again is a duplicate;
 * - a server report is authoritative: it replaces a beacon's other content, and a beacon never
 *   replaces a server's;
 * - a beacon whose id is only pending (the API has not accepted it, and may refuse it as
 *   forged) does not block a beacon with other content; a delivered one does, since the API
 *   would keep the first anyway.
 *
 * @example judge({ source: 'beacon', digest: 'a', state: 'delivered' }, 'server', 'b') // { kind: 'replace' }
 */
export function judge(mark: Mark | undefined, source: EventSource, digest: string): Verdict {
  if (mark === undefined) return { kind: 'accept' };
  if (mark.digest === digest) return { kind: 'duplicate' };
  if (mark.source === 'server' || mark.source === 'unknown') return { kind: 'duplicate' };
  // The mark is a beacon's, with other content.
  if (source === 'server') return { kind: 'replace' };
  return mark.state === 'pending' ? { kind: 'accept' } : { kind: 'duplicate' };
}

/**
 * A short digest of what decides attribution: the click, the amount, the currency and the
 * item count. The event time is left out: a reloaded page reports the same purchase later.
 */
export async function contentDigest(event: EventMessage['event']): Promise<string> {
  const { signed_click_id: click, data } = event;
  const text = [click, data.amount, data.currency, data.number_of_items ?? ''].join('\n');
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return base64Url(digest).slice(0, 12);
}

function parseMark(raw: string): Mark {
  try {
    const value = JSON.parse(raw) as { s?: unknown; d?: unknown; st?: unknown };
    if (
      (value.s === 'beacon' || value.s === 'server') &&
      typeof value.d === 'string' &&
      (value.st === 'pending' || value.st === 'delivered')
    ) {
      return { source: value.s, digest: value.d, state: value.st };
    }
  } catch {
    // Not JSON: a mark written before marks carried their source.
  }
  // An older mark (its value was the time of acceptance): it held the id for good.
  return { source: 'unknown', digest: '', state: 'delivered' };
}

/**
 * The first line against duplicates: a KV mark per pixel and `external_event_id`. Intake marks
 * an id `pending` when it queues its event; delivery marks it `delivered` once the API has
 * accepted it, so an id is only held for long by an event the API took. KV is eventually
 * consistent and has no compare-and-swap, so two reports of one order arriving together may
 * both pass; the API's 409 (single sends) or upsert (batch) is the backstop.
 */
export class DedupeGuard {
  readonly #kv: KVNamespace;

  constructor(kv: KVNamespace) {
    this.#kv = kv;
  }

  /**
   * The key: the pixel in lower case and a hash of the event id, so any id of up to 100
   * characters fits KV's 512-byte key limit and no key can be `.` or `..`.
   */
  async key(pixelId: string, externalEventId: string): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', encoder.encode(externalEventId));
    return `event:${pixelId.toLowerCase()}:${base64Url(digest)}`;
  }

  /** The mark of an id, if there is one. */
  async read(key: string): Promise<Mark | undefined> {
    const raw = await this.#kv.get(key);
    return raw === null ? undefined : parseMark(raw);
  }

  /** Whether an event with this id holds a mark for this pixel. */
  async seen(pixelId: string, externalEventId: string): Promise<boolean> {
    return (await this.read(await this.key(pixelId, externalEventId))) !== undefined;
  }

  /** Writes a mark: `pending` for an hour, `delivered` for 30 days. */
  async write(key: string, mark: Mark): Promise<void> {
    const value = JSON.stringify({ s: mark.source, d: mark.digest, st: mark.state });
    const expirationTtl = mark.state === 'pending' ? PENDING_TTL_SECONDS : DEDUPE_TTL_SECONDS;
    await this.#kv.put(key, value, { expirationTtl });
  }

  /** Removes a mark, so a report the API refused for the shop's own reasons blocks nothing. */
  async clear(key: string): Promise<void> {
    await this.#kv.delete(key);
  }
}
