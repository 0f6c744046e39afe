// The micro-benchmark's Worker: it runs in workerd (through Miniflare), next to the collector it
// times, so the figures come from the runtime the collector runs on. workerd's clock ticks in
// whole milliseconds, so one request cannot be timed; instead each call runs an operation many
// times and reports the total, and run-micro.ts turns those totals into time per operation.
import type {
  MicroCensusReport,
  MicroOperationInfo,
  MicroRunReport,
} from '#tooling/bench/src/micro/protocol.ts';
import { resetCounts } from './bench-env.ts';
import { captureConsole } from './log-sink.ts';
import { createMicroSubjects, type MicroOperation } from './operations.ts';
import { answerUpstreamInProcess } from './upstream-responder.ts';

const subjects = createMicroSubjects();

function operationNamed(id: string | null): MicroOperation {
  const operation = subjects.operations.find((candidate) => candidate.id === id);
  if (operation === undefined) throw new RangeError(`no operation ${id}`);
  return operation;
}

/**
 * Builds every input first (on Workers the runtime hands over a ready Request or batch), then
 * times the runs back to back, then checks each one: a figure for an error path is worthless.
 */
async function timeRuns(operation: MicroOperation, runs: number): Promise<MicroRunReport> {
  await subjects.startRound();
  const prepared = Array.from({ length: runs }, (_, index) => operation.prepare(index));
  const verdicts = [];
  const started = performance.now();
  for (const run of prepared) verdicts.push(await run());
  const elapsedMs = performance.now() - started;
  for (const verdict of verdicts) {
    const problem = verdict();
    if (problem !== undefined) throw new Error(`${operation.label}: ${problem}`);
  }
  return { operation: operation.id, runs, elapsedMs };
}

/** Counts what one message costs besides CPU: binding calls, API requests and log lines. */
async function census(
  operation: MicroOperation,
  runs: number,
  logs: { lines: number; characters: number },
  api: { createEvent: number; createEvents: number },
): Promise<MicroCensusReport> {
  await subjects.startRound();
  resetCounts(subjects.single.counts);
  resetCounts(subjects.batch.counts);
  const before = { lines: logs.lines, characters: logs.characters };
  const apiBefore = api.createEvent + api.createEvents;
  for (let index = 0; index < runs; index += 1) {
    const problem = (await operation.prepare(index)())();
    if (problem !== undefined) throw new Error(`${operation.label}: ${problem}`);
  }
  const messages = runs * operation.messagesPerRun;
  const counts = [subjects.single.counts, subjects.batch.counts];
  const perMessage = (key: 'kvReads' | 'kvWrites' | 'queueSends' | 'rateLimitChecks') =>
    counts.reduce((sum, count) => sum + count[key], 0) / messages;
  return {
    operation: operation.id,
    kvReads: perMessage('kvReads'),
    kvWrites: perMessage('kvWrites'),
    queueSends: perMessage('queueSends'),
    rateLimitChecks: perMessage('rateLimitChecks'),
    apiRequests: (api.createEvent + api.createEvents - apiBefore) / messages,
    logLines: (logs.lines - before.lines) / messages,
    logCharacters: (logs.characters - before.characters) / messages,
  };
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/operations') {
      const list: MicroOperationInfo[] = subjects.operations.map((operation) => ({
        id: operation.id,
        label: operation.label,
        baselineId: operation.baselineId,
        messagesPerRun: operation.messagesPerRun,
      }));
      return Response.json(list);
    }
    const operation = operationNamed(url.searchParams.get('operation'));
    const runs = Number(url.searchParams.get('runs') ?? '1');
    const logs = captureConsole();
    const upstream = answerUpstreamInProcess();
    try {
      if (url.pathname === '/run') return Response.json(await timeRuns(operation, runs));
      if (url.pathname === '/census') {
        return Response.json(await census(operation, runs, logs.tally, upstream.counts));
      }
      return new Response('not found', { status: 404 });
    } catch (error) {
      return new Response(error instanceof Error ? error.message : String(error), { status: 500 });
    } finally {
      upstream.restore();
      logs.restore();
    }
  },
};
