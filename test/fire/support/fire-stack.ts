import { freePort } from '#tooling/stack/ports.ts';
import { type ShopPage, shopPages } from '#tooling/stack/shop-pages.ts';
import { startLocalStack } from '#tooling/stack/stack.ts';
import { FAST_RECOVERY_VARS } from './settings.ts';

export interface FireStackOptions {
  /** Fixture pages of the shop, by path. */
  pages?: Record<string, ShopPage | string>;
  /** `--var` overrides for the collector, on top of {@link FAST_RECOVERY_VARS}. */
  collectorVars?: Record<string, string>;
  /** `--var` overrides for the emulator. */
  emulatorVars?: Record<string, string>;
}

/** The local stack of `npm start` on free ports, with the collector's output kept. */
export interface FireStack {
  /** The fixture shop, which proxies `/pj/*` to the collector. */
  shopUrl: string;
  /** The collector's base: `http://127.0.0.1:{port}/pj`. */
  collector: string;
  emulatorUrl: string;
  setPage(pathname: string, page: ShopPage | string): void;
  /** Every line the collector's `wrangler dev` printed since it became healthy. */
  collectorLines(): readonly string[];
  stop(): Promise<void>;
}

/**
 * Starts the emulator and the collector under `wrangler dev` and the fixture shop in front, as
 * `startStack` in test/support/stack.ts does, and keeps what the collector prints: the security
 * suite scans every log line for secrets.
 *
 * @example
 * const stack = await startFireStack({ collectorVars: { PRISJAKT_API_URL: proxy.url } });
 */
export async function startFireStack(options: FireStackOptions = {}): Promise<FireStack> {
  const pages = shopPages(options.pages);
  const stack = await startLocalStack({
    ports: { emulator: await freePort(), collector: await freePort(), site: 0 },
    site: () => pages.handler,
    collectorVars: { ...FAST_RECOVERY_VARS, ...options.collectorVars },
    emulatorVars: { RATE_LIMIT_PER_HOUR: '1000000', ...options.emulatorVars },
  });
  const lines: string[] = [];
  stack.collector.follow((line) => lines.push(line));
  return {
    shopUrl: stack.siteUrl,
    collector: `${stack.collectorUrl}/pj`,
    emulatorUrl: stack.emulatorUrl,
    setPage: pages.setPage,
    collectorLines: () => lines,
    stop: stack.stop,
  };
}
