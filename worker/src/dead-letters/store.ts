import type { DeadLetterReason } from '../queue/messages.ts';

/** One event the collector could not deliver, kept until an operator replays or deletes it. */
export interface DeadLetterRecord {
  id: string;
  failed_at: string;
  reason: DeadLetterReason;
  /** The queued body: an event message, unless `reason.kind` is `unreadable`. */
  message: unknown;
}

/** What a listing shows per record without reading it: KV metadata (at most 1024 bytes). */
export interface DeadLetterSummary {
  id: string;
  failed_at: string;
  kind: DeadLetterReason['kind'];
  status: number;
  /** Shortened, and ASCII only (KV carries metadata in a header); the record has it whole. */
  title: string;
  pixel_id?: string;
  external_event_id?: string;
}

/**
 * Metadata as stored. An order id that is not printable ASCII is kept escaped (`\u00e5`), since
 * KV carries metadata in a header; older records flagged it as only in the record.
 */
interface StoredSummary extends DeadLetterSummary {
  external_event_id_escaped?: string;
  external_event_id_in_record?: true;
}

/**
 * How full the store is: kept by the dead-letter consumer (one read and one write per batch) and
 * by deletes. KV has no increment and consumers may run side by side, so it is approximate: a
 * bound against a flood, not an exact meter.
 */
export interface StoreCount {
  stored: number;
  /** Dead letters not kept because the store was full. */
  dropped: number;
  last_dropped_at?: string;
}

const COUNT_KEY = 'meta:dead-letter-count';

export interface DeadLetterPage {
  dead_letters: DeadLetterSummary[];
  /** Pass back as `cursor` for the next page; absent on the last. */
  cursor?: string;
}

const KEY_PREFIX = 'dead-letter:';
const TITLE_IN_METADATA = 200;
const TITLE_BESIDE_ESCAPED_ID = 60;
/** KV's limit on metadata is 1,024 bytes; this leaves room for its JSON framing. */
const METADATA_MAX_BYTES = 1_000;
/**
 * KV allows 1,000 operations per invocation; a page lists up to 1,000 keys in one. Records
 * without usable metadata (written before it carried everything) are read one by one, at most
 * this many per page; the rest are listed by id, to be shown one at a time.
 */
const MAX_RECORD_READS_PER_PAGE = 900;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function summarise(record: DeadLetterRecord): StoredSummary {
  const summary: StoredSummary = {
    id: record.id,
    failed_at: record.failed_at,
    kind: record.reason.kind,
    status: record.reason.status,
    title: record.reason.title.replace(/[^\x20-\x7e]/g, '?').slice(0, TITLE_IN_METADATA),
  };
  const message = record.message as {
    pixel_id?: unknown;
    event?: { external_event_id?: unknown };
  } | null;
  if (typeof message?.pixel_id === 'string' && PRINTABLE_ASCII.test(message.pixel_id)) {
    summary.pixel_id = message.pixel_id;
  }
  const externalId = message?.event?.external_event_id;
  if (typeof externalId === 'string') {
    if (PRINTABLE_ASCII.test(externalId)) summary.external_event_id = externalId;
    else {
      summary.external_event_id_escaped = escapeNonAscii(externalId);
      // 100 characters escaped take up to 600 bytes: the title gives way, to stay in 1,024.
      summary.title = summary.title.slice(0, TITLE_BESIDE_ESCAPED_ID);
    }
  }
  const overflow = JSON.stringify(summary).length - METADATA_MAX_BYTES;
  if (overflow > 0)
    summary.title = summary.title.slice(0, Math.max(0, summary.title.length - overflow));
  return summary;
}

function escapeNonAscii(text: string): string {
  return text.replace(
    /[^\x20-\x7e]|\\/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function unescapeNonAscii(text: string): string {
  return text.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** The summary a listing shows, from the stored metadata. */
function fromStored(stored: StoredSummary): DeadLetterSummary {
  const { external_event_id_escaped: escaped, external_event_id_in_record: _, ...summary } = stored;
  return escaped === undefined
    ? summary
    : { ...summary, external_event_id: unescapeNonAscii(escaped) };
}

/**
 * The dead-letter store: a KV namespace of records keyed by their time-ordered id. Records have
 * no expiry: nothing is dropped until an operator decides.
 */
export class DeadLetterStore {
  readonly #kv: KVNamespace;

  constructor(kv: KVNamespace) {
    this.#kv = kv;
  }

  /** Writes a record; writing the same id again overwrites it (queues deliver at least once). */
  async put(record: DeadLetterRecord): Promise<void> {
    await this.#kv.put(KEY_PREFIX + record.id, JSON.stringify(record), {
      metadata: summarise(record),
    });
  }

  async get(id: string): Promise<DeadLetterRecord | undefined> {
    const record = await this.#kv.get<DeadLetterRecord>(KEY_PREFIX + id, 'json');
    return record ?? undefined;
  }

  async delete(id: string): Promise<void> {
    await this.#kv.delete(KEY_PREFIX + id);
    const count = await this.readCount();
    await this.writeCount({ ...count, stored: Math.max(0, count.stored - 1) });
  }

  async readCount(): Promise<StoreCount> {
    return (await this.#kv.get<StoreCount>(COUNT_KEY, 'json')) ?? { stored: 0, dropped: 0 };
  }

  async writeCount(count: StoreCount): Promise<void> {
    await this.#kv.put(COUNT_KEY, JSON.stringify(count));
  }

  /** Oldest first, `limit` (1..1000) at a time. */
  async list(limit: number, cursor?: string): Promise<DeadLetterPage> {
    const options: KVNamespaceListOptions = { prefix: KEY_PREFIX, limit };
    if (cursor !== undefined) options.cursor = cursor;
    const result = await this.#kv.list<StoredSummary>(options);
    let reads = 0;
    const deadLetters = await Promise.all(
      result.keys.map(async (key): Promise<DeadLetterSummary> => {
        const id = key.name.slice(KEY_PREFIX.length);
        const stored = key.metadata;
        if (stored !== undefined && stored !== null && !stored.external_event_id_in_record) {
          return fromStored(stored);
        }
        // Rare: a record written before its metadata held every order id.
        if (reads >= MAX_RECORD_READS_PER_PAGE) {
          return { id, failed_at: '', kind: 'unreadable', status: 0, title: 'show it by its id' };
        }
        reads += 1;
        const record = await this.get(id);
        if (record === undefined) {
          return { id, failed_at: '', kind: 'unreadable', status: 0, title: 'record gone' };
        }
        const summary = fromStored(summarise(record));
        const externalId = (record.message as { event?: { external_event_id?: unknown } } | null)
          ?.event?.external_event_id;
        return typeof externalId === 'string'
          ? { ...summary, external_event_id: externalId }
          : summary;
      }),
    );
    const page: DeadLetterPage = { dead_letters: deadLetters };
    if (!result.list_complete) page.cursor = result.cursor;
    return page;
  }
}
