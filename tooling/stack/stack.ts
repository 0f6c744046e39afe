import { type SiteHandler, type SiteServer, startSiteServer } from './site-server.ts';
import { startWranglerDev, type WranglerDev } from './wrangler-dev.ts';

/** The collector's base path in local development (wrangler.toml `BASE_PATH`). */
export const COLLECTOR_BASE_PATH = '/pj';
/**
 * The collector's dead-letter admin token in local development: wrangler.toml's public
 * `ADMIN_TOKEN`. The emulator's inspector uses it to show the dead-letter store.
 */
export const LOCAL_DEV_ADMIN_TOKEN = 'local-dev-admin-token';

/** Where the parts of the stack listen; `0` lets the OS choose (tests). */
export interface LocalStackPorts {
  emulator: number;
  collector: number;
  site: number;
}

/** The URLs a site needs to know: where the emulator and the collector answer. */
export interface UpstreamUrls {
  emulatorUrl: string;
  collectorUrl: string;
}

export interface LocalStackOptions {
  ports: LocalStackPorts;
  /** The site in front of the collector: the demo shop, or a test's fixture pages. */
  site: (upstreams: UpstreamUrls) => SiteHandler;
  /** Extra `--var` overrides for the collector (its local configuration is `wrangler.toml`). */
  collectorVars?: Record<string, string>;
  /** Extra `--var` overrides for the emulator (`emulator/wrangler.toml`). */
  emulatorVars?: Record<string, string>;
  /** wrangler's `--log-level` for the emulator; its default when absent. */
  emulatorLogLevel?: 'error' | 'warn' | 'info' | 'log';
  /** Aborting it while starting stops what has started and rejects. */
  signal?: AbortSignal;
}

/** The running stack: the emulator, the collector upstream of it, and a site in front. */
export interface LocalStack extends UpstreamUrls {
  /** The site, which proxies `/pj/*` to the collector: open pages here. */
  siteUrl: string;
  emulator: WranglerDev;
  collector: WranglerDev;
  site: SiteServer;
  /** Stops all three; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the Prisjakt API emulator and the collector under `wrangler dev` (in parallel), wired
 * together: the collector forwards to this emulator with the seeded client and serves under
 * `/pj`; the emulator's inspector reads this collector's dead-letter store. Then the site, which
 * proxies `/pj/*` to the collector as a route on the shop's own domain does in production.
 * `npm start` and the browser tests both run it.
 *
 * @example
 * const stack = await startLocalStack({
 *   ports: { emulator: 8788, collector: 8787, site: 8080 },
 *   site: ({ emulatorUrl }) => createDemoShop({ emulatorUrl }),
 * });
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { ports } = options;
  const emulatorUrl = `http://127.0.0.1:${ports.emulator}`;
  const collectorUrl = `http://127.0.0.1:${ports.collector}`;
  // One failure (or the caller's abort) cuts the other start short instead of waiting for it.
  const starting = new AbortController();
  const forwardAbort = () => starting.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forwardAbort, { once: true });
  const failFast = <T>(promise: Promise<T>) =>
    promise.catch((error: unknown) => {
      starting.abort(error);
      throw error;
    });

  const results = await Promise.allSettled([
    failFast(
      startWranglerDev({
        name: 'emulator',
        config: 'emulator/wrangler.toml',
        port: ports.emulator,
        vars: {
          COLLECTOR_URL: collectorUrl + COLLECTOR_BASE_PATH,
          COLLECTOR_ADMIN_TOKEN: LOCAL_DEV_ADMIN_TOKEN,
          ...options.emulatorVars,
        },
        healthPath: '/health',
        ...(options.emulatorLogLevel ? { logLevel: options.emulatorLogLevel } : {}),
        signal: starting.signal,
      }),
    ),
    failFast(
      startWranglerDev({
        name: 'collector',
        port: ports.collector,
        vars: {
          PRISJAKT_API_URL: emulatorUrl,
          BASE_PATH: COLLECTOR_BASE_PATH,
          ...options.collectorVars,
        },
        healthPath: `${COLLECTOR_BASE_PATH}/healthz`,
        signal: starting.signal,
      }),
    ),
  ]);
  options.signal?.removeEventListener('abort', forwardAbort);
  const running = results.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const stopWorkers = () => Promise.all(running.map((part) => part.stop()));
  const [emulatorResult, collectorResult] = results;
  if (emulatorResult?.status !== 'fulfilled' || collectorResult?.status !== 'fulfilled') {
    await stopWorkers();
    // The other start, cut short, rejects with the same reason (the abort carries it).
    throw results.find((result) => result.status === 'rejected')?.reason;
  }

  let site: SiteServer;
  try {
    options.signal?.throwIfAborted();
    site = await startSiteServer({
      collectorUrl,
      proxyPrefix: COLLECTOR_BASE_PATH,
      handler: options.site({ emulatorUrl, collectorUrl }),
      port: ports.site,
    });
  } catch (error) {
    await stopWorkers();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    emulatorUrl,
    collectorUrl,
    siteUrl: site.url,
    emulator: emulatorResult.value,
    collector: collectorResult.value,
    site,
    stop: () => {
      stopping ??= Promise.all([site.stop(), stopWorkers()]).then(() => undefined);
      return stopping;
    },
  };
}
