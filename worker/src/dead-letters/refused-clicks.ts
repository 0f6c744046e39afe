import { DAY_SECONDS } from '#shared/limits.ts';

/**
 * Refusals of forged click signatures, counted per hour instead of kept one record each: a
 * flood of made-up clicks would otherwise fill the dead-letter store (and, on the Free plan,
 * its 1,000 KV writes a day) with events that can never be delivered. One KV write per batch.
 */
export interface RefusedClickTally {
  /** The hour, UTC: `2026-11-26T10`. */
  hour: string;
  count: number;
  by_pixel: Record<string, number>;
  /** A few of the refused order ids, to recognise a guessing pattern. */
  sample: string[];
}

const KEY_PREFIX = 'refused-clicks:';
const KEEP_SECONDS = 7 * DAY_SECONDS;
const SAMPLE_SIZE = 5;

export class RefusedClicks {
  readonly #kv: KVNamespace;

  constructor(kv: KVNamespace) {
    this.#kv = kv;
  }

  /** Adds refusals to this hour's tally (read, add, write: KV has no increment). */
  async add(now: number, byPixel: Record<string, number>, sample: string[]): Promise<void> {
    const hour = new Date(now).toISOString().slice(0, 13);
    const key = KEY_PREFIX + hour;
    const tally = (await this.#kv.get<RefusedClickTally>(key, 'json')) ?? {
      hour,
      count: 0,
      by_pixel: {},
      sample: [],
    };
    for (const [pixelId, count] of Object.entries(byPixel)) {
      tally.count += count;
      tally.by_pixel[pixelId] = (tally.by_pixel[pixelId] ?? 0) + count;
    }
    tally.sample = [...tally.sample, ...sample].slice(0, SAMPLE_SIZE);
    await this.#kv.put(key, JSON.stringify(tally), { expirationTtl: KEEP_SECONDS });
  }

  /** The tallies of the last 7 days, oldest first. */
  async list(): Promise<RefusedClickTally[]> {
    const result = await this.#kv.list({ prefix: KEY_PREFIX, limit: 7 * 24 });
    const tallies = await Promise.all(
      result.keys.map((key) => this.#kv.get<RefusedClickTally>(key.name, 'json')),
    );
    return tallies.filter((tally): tally is RefusedClickTally => tally !== null);
  }
}
