/**
 * Bindings held in the isolate's own memory, for the CPU micro-benchmark only. They answer at
 * once, and that is the point: on Cloudflare a KV read, a queue send or a rate-limit check is I/O
 * the Worker waits for, not CPU time it is billed for, so with these the benchmark times the
 * collector's own work and nothing else. They count what they are asked, which gives the KV and
 * Queue operations per purchase that the cost model multiplies.
 *
 * They are no test doubles: no test uses them, and the load and delivery benchmarks run the
 * collector on the real local bindings under `wrangler dev`.
 */

/** How many operations the collector asked of the bindings. */
export interface BindingCounts {
  kvReads: number;
  kvWrites: number;
  queueSends: number;
  rateLimitChecks: number;
}

/** A KV namespace in a `Map`, with the calls the collector makes: get, put, delete and list. */
export class InMemoryKv {
  readonly #values = new Map<string, string>();
  readonly #counts: BindingCounts;

  constructor(counts: BindingCounts) {
    this.#counts = counts;
  }

  async get(key: string): Promise<string | null> {
    this.#counts.kvReads += 1;
    return this.#values.get(key) ?? null;
  }

  async put(key: string, value: string, _options?: KVNamespacePutOptions): Promise<void> {
    this.#counts.kvWrites += 1;
    this.#values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#counts.kvWrites += 1;
    this.#values.delete(key);
  }

  async list(): Promise<{ keys: { name: string }[]; list_complete: true; cacheStatus: null }> {
    this.#counts.kvReads += 1;
    return {
      keys: [...this.#values.keys()].map((name) => ({ name })),
      list_complete: true,
      cacheStatus: null,
    };
  }

  /** Forgets every key, so a long run does not measure a growing map. */
  clear(): void {
    this.#values.clear();
  }
}

/**
 * A queue producer that serializes each message as the runtime does for `contentType: 'json'`
 * (that work is the Worker's) and keeps the last one, so the benchmark can check what was sent.
 */
export class InMemoryQueue<Body> {
  readonly #counts: BindingCounts;
  lastSerialized: string | undefined;

  constructor(counts: BindingCounts) {
    this.#counts = counts;
  }

  async send(body: Body, _options?: QueueSendOptions): Promise<void> {
    this.#counts.queueSends += 1;
    this.lastSerialized = JSON.stringify(body);
  }

  async sendBatch(messages: Iterable<MessageSendRequest<Body>>): Promise<void> {
    for (const message of messages) await this.send(message.body);
  }
}

/** A rate limiter that admits everything: the benchmark's clients never exceed a limit. */
export class AdmittingRateLimiter {
  readonly #counts: BindingCounts;

  constructor(counts: BindingCounts) {
    this.#counts = counts;
  }

  async limit(_options: RateLimitOptions): Promise<RateLimitOutcome> {
    this.#counts.rateLimitChecks += 1;
    return { success: true };
  }
}

/**
 * The in-memory objects as the binding types the Worker declares. They implement only the calls
 * the collector makes, which is why this one cast exists; a call beyond them would fail loudly.
 */
export function asBinding<T>(value: InMemoryKv | InMemoryQueue<unknown> | AdmittingRateLimiter): T {
  return value as unknown as T;
}
