import { SEED } from '#emulator/seed.ts';
import { freePort } from './ports.ts';
import { type ShopPage, type ShopServer, shopPages } from './shop-pages.ts';
import { startLocalStack } from './stack.ts';

export type { ShopPage, ShopServer } from './shop-pages.ts';

/** The seeded pixel the emulator and the local collector configuration share. */
export const SEEDED_PIXEL_ID = SEED.pixelId;
/** The seeded shop of that pixel. */
export const SEEDED_SHOP_ID = SEED.shopId;

export interface StackOptions {
  /** Fixture pages of the shop, by path; more can be added with `shop.setPage`. */
  pages?: Record<string, ShopPage | string>;
  /** Extra `--var` overrides for the collector (its local configuration is `wrangler.toml`). */
  collectorVars?: Record<string, string>;
  /** Extra `--var` overrides for the emulator. */
  emulatorVars?: Record<string, string>;
}

/** The local stack: the emulator, the collector upstream of it, and a shop in front. */
export interface Stack {
  /** The fixture shop, which proxies `/pj/*` to the collector: open pages here. */
  shopUrl: string;
  /** The collector under `wrangler dev`, base path `/pj` (so `${collectorUrl}/pj/collect`). */
  collectorUrl: string;
  /** The Prisjakt API emulator under `wrangler dev`. */
  emulatorUrl: string;
  shop: ShopServer;
  /** Stops all three; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the stack of `npm start` on free ports, with fixture pages as the shop: the emulator
 * and the collector under `wrangler dev` (in parallel), then the shop. The collector forwards
 * to this emulator with the seeded client and serves under `/pj`, as in production on the
 * shop's own domain.
 *
 * @example
 * const stack = await startStack({ pages: { '/': '<h1>shop</h1>' } });
 * try { await fetch(`${stack.shopUrl}/pj/healthz`) } finally { await stack.stop() }
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const pages = shopPages(options.pages);
  const stack = await startLocalStack({
    ports: { emulator: await freePort(), collector: await freePort(), site: 0 },
    site: () => pages.handler,
    ...(options.collectorVars ? { collectorVars: options.collectorVars } : {}),
    ...(options.emulatorVars ? { emulatorVars: options.emulatorVars } : {}),
  });
  return {
    shopUrl: stack.siteUrl,
    collectorUrl: stack.collectorUrl,
    emulatorUrl: stack.emulatorUrl,
    shop: { url: stack.siteUrl, setPage: pages.setPage, stop: stack.stop },
    stop: stack.stop,
  };
}
