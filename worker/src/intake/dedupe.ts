import { DAY_SECONDS, LIMITS } from '#shared/limits.ts';

/** The API refuses a reused `external_event_id` for 30 days; the guard remembers as long. */
export const DEDUPE_TTL_SECONDS = LIMITS.duplicateWindowDays * DAY_SECONDS;

const encoder = new TextEncoder();

function base64Url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The first line against duplicates: a KV mark per pixel and `external_event_id`. KV is
 * eventually consistent and has no compare-and-swap, so two reports of one order arriving
 * together may both pass; the API's 409 (single sends) or upsert (batch) is the backstop.
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

  /**
   * Whether an event with this key (from {@link key}, so one request hashes its id once) was
   * already accepted within 30 days.
   */
  async seenKey(key: string): Promise<boolean> {
    return (await this.#kv.get(key)) !== null;
  }

  /** Remembers the key's id; call only once its event is safely on the queue. */
  async markKey(key: string, acceptedAt: string): Promise<void> {
    await this.#kv.put(key, acceptedAt, { expirationTtl: DEDUPE_TTL_SECONDS });
  }
}
