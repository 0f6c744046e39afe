import type { DeliveryResults } from '../results.ts';
import { percentile } from '../stats.ts';
import { postBeacon, postBeacons } from './beacons.ts';
import { eventApiRequests, waitForOrders, waitForQuiet } from './emulator.ts';

export interface DeliveryOptions {
  emulatorUrl: string;
  /** Collectors on that emulator, one per delivery mode. */
  singleCollectorUrl: string;
  batchCollectorUrl: string;
  /** Beacons for the latency figure, one every `latencyIntervalMs`. */
  latencyBeacons: number;
  latencyIntervalMs: number;
  /** Purchases sent at once for the requests-per-purchase figure (1,000 in the table). */
  burstPurchases: number;
  /** The local queue's `max_batch_timeout` (wrangler.toml), the floor of the latency. */
  batchTimeoutSeconds: number;
}

const ARRIVAL_TIMEOUT_MS = 120_000;

/**
 * Delivery, measured against the emulator:
 * - latency: beacons sent one by one at a steady pace; for each, the time from sending it to
 *   the emulator storing the event (the emulator stamps `received_at`; both clocks are this
 *   machine's);
 * - API requests per purchase: a burst of purchases through a collector in each delivery mode,
 *   counted by the emulator (every answer, retries included), and how long the burst took to
 *   drain.
 */
export async function runDeliveryBenchmark(options: DeliveryOptions): Promise<DeliveryResults> {
  const runId = Date.now().toString(36);
  await waitForQuiet(options.emulatorUrl, 1_500, 30_000);

  const sentAt = new Map<string, number>();
  for (let index = 0; index < options.latencyBeacons; index += 1) {
    const orderId = `latency-${runId}-${index}`;
    sentAt.set(orderId, Date.now());
    await postBeacon(options.singleCollectorUrl, orderId);
    await new Promise((resolve) => setTimeout(resolve, options.latencyIntervalMs));
  }
  const stored = await waitForOrders(options.emulatorUrl, [...sentAt.keys()], ARRIVAL_TIMEOUT_MS);
  const latencies = [...sentAt]
    .map(([orderId, sent]) => Date.parse(stored.get(orderId)?.received_at ?? '') - sent)
    .sort((a, b) => a - b);

  const burst = async (mode: 'single' | 'batch', collectorUrl: string) => {
    await waitForQuiet(options.emulatorUrl, 1_500, 30_000);
    const before = await eventApiRequests(options.emulatorUrl);
    const orderIds = Array.from(
      { length: options.burstPurchases },
      (_, index) => `burst-${mode}-${runId}-${index}`,
    );
    const started = Date.now();
    await postBeacons(collectorUrl, orderIds, 20);
    const arrived = await waitForOrders(options.emulatorUrl, orderIds, ARRIVAL_TIMEOUT_MS);
    const lastArrival = Math.max(...[...arrived.values()].map((e) => Date.parse(e.received_at)));
    await waitForQuiet(options.emulatorUrl, 1_500, 30_000);
    return {
      purchases: options.burstPurchases,
      apiRequests: (await eventApiRequests(options.emulatorUrl)) - before,
      drainSeconds: (lastArrival - started) / 1000,
    };
  };

  return {
    latency: {
      beacons: latencies.length,
      medianMs: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: latencies[latencies.length - 1] ?? 0,
      batchTimeoutSeconds: options.batchTimeoutSeconds,
    },
    perThousand: {
      single: await burst('single', options.singleCollectorUrl),
      batch: await burst('batch', options.batchCollectorUrl),
    },
  };
}
