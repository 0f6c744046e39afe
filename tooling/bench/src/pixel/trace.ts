/** The few fields of a Chrome trace event the benchmark reads. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string } };
}

/**
 * Milliseconds each script evaluation took on a renderer's main thread, for scripts whose URL
 * ends with `urlSuffix`, one entry per evaluation. `EvaluateScript` holds the main thread's part
 * of loading a script: finishing the compile (Chrome parses async scripts on a background thread
 * while they download) and running its top level. This is what Lighthouse's "script evaluation"
 * counts.
 */
export function mainThreadEvaluations(trace: Buffer, urlSuffix: string): number[] {
  const parsed = JSON.parse(trace.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set<string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain') {
      mainThreads.add(`${event.pid}:${event.tid}`);
    }
  }
  return events
    .filter(
      (event) =>
        event.name === 'EvaluateScript' &&
        event.ph === 'X' &&
        mainThreads.has(`${event.pid}:${event.tid}`) &&
        event.args?.data?.url?.endsWith(urlSuffix) === true,
    )
    .map((event) => (event.dur ?? 0) / 1000);
}
