// The fire stack on workerd: the emulator and the collector in this process (the local stack's
// in-process way, tooling/stack/in-process.ts), and the fixture shop in front.

import {
  startWorkerdCollector,
  startWorkerdEmulator,
  type WorkerdCollector,
} from '#tooling/stack/in-process.ts';
import { type ShopPage, shopPages } from '#tooling/stack/shop-pages.ts';
import { startSiteServer } from '#tooling/stack/site-server.ts';
import type { FireStack } from './fire-stack.ts';
import { FAST_RECOVERY_VARS } from './settings.ts';

/** No API quota to hit and no inspector pointing at a collector: the fire suites count alone. */
const FIRE_EMULATOR_VARS = { RATE_LIMIT_PER_HOUR: '1000000', COLLECTOR_URL: '' };

export interface WorkerdStackOptions {
  pages?: Record<string, ShopPage | string>;
  /** Variables for the collector, on top of {@link FAST_RECOVERY_VARS}. */
  collectorVars?: Record<string, string>;
  /** Variables for the emulator (`RATE_LIMIT_PER_HOUR` to scale the API's quota down). */
  emulatorVars?: Record<string, string>;
  browserRateLimit?: number;
  serverRateLimit?: number;
  /**
   * Where the collector reaches the API, given the emulator's URL (default: the emulator
   * itself); a test puts a fault proxy there.
   */
  apiUrl?: (emulatorUrl: string) => string;
}

/** The fire stack on workerd: emulator, collector and the fixture shop in front. */
export interface WorkerdStack extends FireStack {
  deliver: WorkerdCollector['deliver'];
}

/**
 * Starts the emulator, the collector upstream of it and the fixture shop (which proxies `/pj/*`
 * to the collector, as a route on the shop's own domain does).
 */
export async function startWorkerdStack(options: WorkerdStackOptions = {}): Promise<WorkerdStack> {
  const emulator = await startWorkerdEmulator({
    vars: { ...FIRE_EMULATOR_VARS, ...options.emulatorVars },
  });
  let collector: WorkerdCollector;
  try {
    collector = await startWorkerdCollector({
      vars: {
        ...FAST_RECOVERY_VARS,
        PRISJAKT_API_URL: options.apiUrl?.(emulator.url) ?? emulator.url,
        ...options.collectorVars,
      },
      ...(options.browserRateLimit === undefined
        ? {}
        : { browserRateLimit: options.browserRateLimit }),
      ...(options.serverRateLimit === undefined
        ? {}
        : { serverRateLimit: options.serverRateLimit }),
    });
  } catch (error) {
    await emulator.dispose();
    throw error;
  }
  const pages = shopPages(options.pages);
  const site = await startSiteServer({
    collectorUrl: new URL(collector.collector).origin,
    handler: pages.handler,
  });
  return {
    shopUrl: site.url,
    collector: collector.collector,
    emulatorUrl: emulator.url,
    setPage: pages.setPage,
    collectorLines: collector.lines,
    deliver: collector.deliver,
    stop: async () => {
      await site.stop();
      await Promise.all([collector.dispose(), emulator.dispose()]);
    },
  };
}
