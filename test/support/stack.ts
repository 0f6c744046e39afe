import { freePort } from './ports.ts';
import { type ShopPage, type ShopServer, startShopServer } from './shop-server.ts';
import { startWranglerDev, type WranglerDev } from './wrangler-dev.ts';

export type { ShopPage, ShopServer } from './shop-server.ts';

/** The seeded pixel the emulator and the local collector configuration share. */
export const SEEDED_PIXEL_ID = '52907745-7672-470e-a803-a2f8feb52944';
/** The seeded shop of that pixel. */
export const SEEDED_SHOP_ID = 123456;

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
 * Starts the emulator and the collector under `wrangler dev` on free ports (in parallel), then
 * the fixture shop on a third. The collector forwards to this emulator with the seeded client
 * and serves under `/pj`, as in production on the shop's own domain.
 *
 * @example
 * const stack = await startStack({ pages: { '/': '<h1>shop</h1>' } });
 * try { await fetch(`${stack.shopUrl}/pj/healthz`) } finally { await stack.stop() }
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [emulatorPort, collectorPort] = [await freePort(), await freePort()];
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const started: Array<WranglerDev | ShopServer> = [];
  const keep = (part: WranglerDev) => {
    started.push(part);
    return part;
  };
  const stop = async () => {
    await Promise.all(started.splice(0).map((part) => part.stop()));
  };
  try {
    const [emulator, collector] = await Promise.all([
      startWranglerDev({
        name: 'emulator',
        config: 'emulator/wrangler.toml',
        port: emulatorPort,
        vars: options.emulatorVars ?? {},
        healthPath: '/health',
      }).then(keep),
      startWranglerDev({
        name: 'collector',
        port: collectorPort,
        vars: { PRISJAKT_API_URL: emulatorUrl, BASE_PATH: '/pj', ...options.collectorVars },
        healthPath: '/pj/healthz',
      }).then(keep),
    ]);
    const shop = await startShopServer({
      collectorUrl: collector.url,
      ...(options.pages ? { pages: options.pages } : {}),
    });
    started.push(shop);
    return {
      shopUrl: shop.url,
      collectorUrl: collector.url,
      emulatorUrl: emulator.url,
      shop,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
