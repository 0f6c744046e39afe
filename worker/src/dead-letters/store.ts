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

/** Metadata as stored: an order id that is not ASCII stays in the record, and is read from there. */
interface StoredSummary extends DeadLetterSummary {
  external_event_id_in_record?: true;
}

export interface DeadLetterPage {
  dead_letters: DeadLetterSummary[];
  /** Pass back as `cursor` for the next page; absent on the last. */
  cursor?: string;
}

const KEY_PREFIX = 'dead-letter:';
const TITLE_IN_METADATA = 200;
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
    else summary.external_event_id_in_record = true;
  }
  return summary;
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
  }

  /** Oldest first, `limit` (1..1000) at a time. */
  async list(limit: number, cursor?: string): Promise<DeadLetterPage> {
    const options: KVNamespaceListOptions = { prefix: KEY_PREFIX, limit };
    if (cursor !== undefined) options.cursor = cursor;
    const result = await this.#kv.list<StoredSummary>(options);
    const deadLetters = await Promise.all(
      result.keys.map(async (key): Promise<DeadLetterSummary> => {
        const id = key.name.slice(KEY_PREFIX.length);
        const stored = key.metadata;
        if (stored !== undefined && stored !== null && !stored.external_event_id_in_record) {
          return stored;
        }
        // Rare: an order id that is not ASCII, or a record written without metadata.
        const record = await this.get(id);
        if (record === undefined) {
          return { id, failed_at: '', kind: 'unreadable', status: 0, title: 'record gone' };
        }
        const { external_event_id_in_record: _, ...summary } = summarise(record);
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
