import worker from '#worker/index.ts';
import { createNoopApp, NOOP_PATH } from '../noop-app.ts';
import { createScriptFromWorkerApp, SCRIPT_ETAG } from '../script-from-worker.ts';
import { BENCH_BASE_PATH, type BenchEnvironment, createBenchEnvironment } from './bench-env.ts';
import {
  beaconRequest,
  clickRequest,
  pixelScriptRequest,
  purchaseBeacon,
  visitorAddress,
} from './bench-requests.ts';
import { eventBatch, queuedPurchase } from './queue-batch.ts';

/** Says what went wrong with one run, or `undefined` when it did what it should. */
export type Verdict = () => string | undefined;

/**
 * One thing the micro-benchmark times. `prepare` builds the input outside the timed section
 * (on Workers the runtime hands the Worker a ready Request or batch) and returns the timed run,
 * whose verdict is checked after the clock stops: a figure for an error path would be worthless.
 */
export interface MicroOperation {
  id: string;
  label: string;
  /**
   * The operation this one is divided by, per message; none for the baseline. Everything is
   * divided by the no-op route: a consumer that only acks costs too little to time, and one unit
   * for every figure keeps them comparable.
   */
  baselineId?: string;
  /** Queue messages per run (1 for an HTTP request), to report the cost per message. */
  messagesPerRun: number;
  prepare(index: number): () => Promise<Verdict>;
}

/** The environments the operations run against; the benchmark resets them between rounds. */
export interface MicroSubjects {
  single: BenchEnvironment;
  batch: BenchEnvironment;
  operations: MicroOperation[];
  /** Clears the dedupe store and marks the id the duplicate-beacon operation resends. */
  startRound(): Promise<void>;
}

const EVENT_QUEUE = 'pjcollector-events';
const DUPLICATE_EVENT_ID = 'order-already-accepted';
const CONTEXT = {
  waitUntil: () => undefined,
  passThroughOnException: () => undefined,
  props: {},
} as ExecutionContext;

function expectStatus(response: Response, text: string, status: number, contains = ''): Verdict {
  return () =>
    response.status === status && text.includes(contains)
      ? undefined
      : `answered ${response.status} ${text.slice(0, 200)}`;
}

/**
 * The collector's hot paths and their baselines: the beacon intake (a new purchase, a
 * duplicate), the pixel script as the Worker served it before it became a static asset (the
 * cost model's "before"), the click cookie, and the queue consumer in both delivery modes,
 * next to a no-op Hono route measured alike.
 */
export function createMicroSubjects(): MicroSubjects {
  const single = createBenchEnvironment('single');
  const batch = createBenchEnvironment('batch');
  const noopApp = createNoopApp(BENCH_BASE_PATH);
  const scriptFromWorker = createScriptFromWorkerApp(BENCH_BASE_PATH);
  const fetchCollector = (request: Request) =>
    worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, single.env, CONTEXT);
  let sequence = 0;
  const now = () => new Date().toISOString();

  const queueOperation = (
    id: string,
    label: string,
    size: number,
    environment: BenchEnvironment,
  ): MicroOperation => ({
    id,
    label,
    baselineId: 'noop',
    messagesPerRun: size,
    prepare: () => {
      const first = sequence;
      sequence += size;
      const bodies = Array.from({ length: size }, (_, k) =>
        queuedPurchase(`order-${first + k}`, now()),
      );
      const { batch: messages, outcome } = eventBatch(EVENT_QUEUE, bodies);
      return async () => {
        await worker.queue(messages, environment.env);
        return () =>
          outcome.acked === size && outcome.retried === 0
            ? undefined
            : `acked ${outcome.acked} and retried ${outcome.retried} of ${size}`;
      };
    },
  });

  const operations: MicroOperation[] = [
    {
      id: 'noop',
      label: 'no-op Hono route',
      messagesPerRun: 1,
      prepare: (index) => {
        const request = beaconRequest(
          NOOP_PATH,
          purchaseBeacon(`order-${index}`, now()),
          visitorAddress(index),
        );
        return async () => {
          const response = await noopApp.fetch(request);
          return expectStatus(response, await response.text(), 204);
        };
      },
    },
    {
      id: 'collect',
      label: 'POST /collect, new purchase',
      baselineId: 'noop',
      messagesPerRun: 1,
      prepare: (index) => {
        sequence += 1;
        const request = beaconRequest(
          '/collect',
          purchaseBeacon(`order-${sequence}`, now()),
          visitorAddress(index),
        );
        return async () => {
          const response = await fetchCollector(request);
          return expectStatus(response, await response.text(), 202, '"accepted"');
        };
      },
    },
    {
      id: 'collect.duplicate',
      label: 'POST /collect, duplicate',
      baselineId: 'noop',
      messagesPerRun: 1,
      prepare: (index) => {
        const request = beaconRequest(
          '/collect',
          purchaseBeacon(DUPLICATE_EVENT_ID, now()),
          visitorAddress(index),
        );
        return async () => {
          const response = await fetchCollector(request);
          return expectStatus(response, await response.text(), 202, '"duplicate"');
        };
      },
    },
    {
      id: 'pixel',
      label: 'GET /pjpixel.js from the Worker (before it was a static asset)',
      baselineId: 'noop',
      messagesPerRun: 1,
      prepare: () => {
        const request = pixelScriptRequest();
        return async () => {
          const response = await scriptFromWorker.fetch(request, single.env, CONTEXT);
          return expectStatus(response, await response.text(), 200, 'pjpixel');
        };
      },
    },
    {
      id: 'pixel.revalidate',
      label: 'GET /pjpixel.js from the Worker, 304 (before)',
      baselineId: 'noop',
      messagesPerRun: 1,
      prepare: () => {
        const request = pixelScriptRequest(SCRIPT_ETAG);
        return async () => {
          const response = await scriptFromWorker.fetch(request, single.env, CONTEXT);
          return expectStatus(response, await response.text(), 304);
        };
      },
    },
    {
      id: 'click',
      label: 'GET /click',
      baselineId: 'noop',
      messagesPerRun: 1,
      prepare: () => {
        const request = clickRequest();
        return async () => {
          const response = await fetchCollector(request);
          const cookie = response.headers.get('Set-Cookie') ?? '';
          return expectStatus(response, cookie + (await response.text()), 204, 'pjclid=');
        };
      },
    },
    queueOperation('queue.single.1', 'queue consumer, batch of 1, single mode', 1, single),
    queueOperation('queue.single.100', 'queue consumer, batch of 100, single mode', 100, single),
    queueOperation('queue.batch.100', 'queue consumer, batch of 100, batch mode', 100, batch),
  ];

  return {
    single,
    batch,
    operations,
    startRound: async () => {
      single.dedupe.clear();
      batch.dedupe.clear();
      const marker = await fetchCollector(
        beaconRequest('/collect', purchaseBeacon(DUPLICATE_EVENT_ID, now()), visitorAddress(0)),
      );
      await marker.arrayBuffer();
    },
  };
}
