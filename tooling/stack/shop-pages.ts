import { type SiteHandler, startSiteServer } from './site-server.ts';

/** A page of the fixture shop: HTML and any extra response headers (a CSP, say). */
export interface ShopPage {
  body: string;
  headers?: Record<string, string>;
}

export interface ShopServer {
  /** `http://127.0.0.1:{port}` */
  url: string;
  /** Serves `page` at `pathname` (any query string), replacing what was there. */
  setPage(pathname: string, page: ShopPage | string): void;
  stop(): Promise<void>;
}

export interface ShopServerOptions {
  /** Where `/pj/*` is proxied to, path and query unchanged: the collector (base path `/pj`). */
  collectorUrl: string;
  /** Default: a free port chosen by the OS. */
  port?: number;
  pages?: Record<string, ShopPage | string>;
}

/** Fixture pages by path, changeable while the shop runs. */
export interface ShopPages {
  handler: SiteHandler;
  setPage(pathname: string, page: ShopPage | string): void;
}

/**
 * Serves fixture pages by path (any query string) with `Cache-Control: no-store`; anything
 * else, and any method but GET, is 404.
 */
export function shopPages(initial: Record<string, ShopPage | string> = {}): ShopPages {
  const pages = new Map<string, ShopPage>();
  const setPage = (pathname: string, page: ShopPage | string) =>
    pages.set(pathname, typeof page === 'string' ? { body: page } : page);
  for (const [pathname, page] of Object.entries(initial)) setPage(pathname, page);
  return {
    setPage,
    handler: (request) => {
      const page = pages.get(new URL(request.url).pathname);
      if (!page || request.method !== 'GET') return undefined;
      return new Response(page.body, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          ...page.headers,
        },
      });
    },
  };
}

/**
 * A small fixture shop on the same site server as the demo shop: its own pages, and the
 * collector on a route of the same origin (`/pj/*`), so the pixel, `/click` and `/collect` are
 * same-origin and the collector's HttpOnly cookie is first-party.
 */
export async function startShopServer(options: ShopServerOptions): Promise<ShopServer> {
  const pages = shopPages(options.pages);
  const site = await startSiteServer({
    collectorUrl: options.collectorUrl,
    handler: pages.handler,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return { url: site.url, setPage: pages.setPage, stop: site.stop };
}
