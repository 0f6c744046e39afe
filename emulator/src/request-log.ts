import type { OperationId } from '#shared/api/operations.ts';

/** Requests that matched no operation are counted under this key. */
export const UNMATCHED = 'unmatched';

/** A request cut by a `drop` fault has no status; it is counted under this key. */
export const DROPPED = 'dropped';

export interface RequestCounts {
  total: number;
  by_operation: Record<string, Record<string, number>>;
}

/** Counts API requests per operation and response status, for tests and benchmarks. */
export class RequestLog {
  #total = 0;
  #byOperation = new Map<string, Map<string, number>>();

  record(operation: OperationId | typeof UNMATCHED, outcome: number | typeof DROPPED): void {
    this.#total += 1;
    let byStatus = this.#byOperation.get(operation);
    if (!byStatus) {
      byStatus = new Map();
      this.#byOperation.set(operation, byStatus);
    }
    const key = String(outcome);
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  }

  snapshot(): RequestCounts {
    const byOperation: Record<string, Record<string, number>> = {};
    for (const [operation, byStatus] of this.#byOperation) {
      byOperation[operation] = Object.fromEntries(byStatus);
    }
    return { total: this.#total, by_operation: byOperation };
  }

  clear(): void {
    this.#total = 0;
    this.#byOperation.clear();
  }
}
