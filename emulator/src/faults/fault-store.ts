/** A failure the emulator injects into matching API requests, set through `/__emulator/faults`. */
export interface Fault {
  id: string;
  /** Status to answer with; absent for a fault that only delays or drops. */
  status?: number;
  /** How many more requests it applies to; `null` for all of them until cleared. */
  remaining: number | null;
  delayMs: number;
  /** Path prefixes, matched after any base prefix; `null` matches every API path. */
  paths: string[] | null;
  /** Cut the connection instead of answering. */
  drop: boolean;
  /** For a 429: how far ahead `X-RateLimit-Reset` lies. */
  resetMs: number;
}

export type FaultSpec = Omit<Fault, 'id'>;

/** Active faults, first come first served: a request takes the oldest fault that matches it. */
export class FaultStore {
  #faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { id: crypto.randomUUID(), ...spec };
    this.#faults.push(fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.#faults;
  }

  clear(): void {
    this.#faults = [];
  }

  /** The fault that applies to a request for `path`, counted as used; undefined if none. */
  take(path: string): Fault | undefined {
    const index = this.#faults.findIndex(
      (fault) => fault.paths === null || fault.paths.some((prefix) => path.startsWith(prefix)),
    );
    const fault = this.#faults[index];
    if (!fault) return undefined;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#faults.splice(index, 1);
    }
    return fault;
  }
}
