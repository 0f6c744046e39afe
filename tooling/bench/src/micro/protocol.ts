// What the micro-benchmark's Worker (workerd/micro/workerd-entry.ts) answers to the Node side
// (micro/run-micro.ts). Types only, so both runtimes' type checks can share them.

/** What one `/run` reports. */
export interface MicroRunReport {
  operation: string;
  runs: number;
  elapsedMs: number;
}

/** What one `/census` reports, per queue message (per request for HTTP operations). */
export interface MicroCensusReport {
  operation: string;
  kvReads: number;
  kvWrites: number;
  queueSends: number;
  rateLimitChecks: number;
  apiRequests: number;
  logLines: number;
  logCharacters: number;
}

/** The operations and what they measure, as `GET /operations` lists them. */
export interface MicroOperationInfo {
  id: string;
  label: string;
  baselineId: string | undefined;
  messagesPerRun: number;
}
