import { createServer, request } from 'node:http';

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

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);

/**
 * A small shop on node:http, as production has it: its own pages, and the collector on a route
 * of the same origin (`/pj/*`), so the pixel, `/click` and `/collect` are same-origin and the
 * collector's HttpOnly cookie is first-party. Pages are served with `Cache-Control: no-store`;
 * anything else is 404.
 */
export function startShopServer(options: ShopServerOptions): Promise<ShopServer> {
  const pages = new Map<string, ShopPage>();
  const setPage = (pathname: string, page: ShopPage | string) =>
    pages.set(pathname, typeof page === 'string' ? { body: page } : page);
  for (const [pathname, page] of Object.entries(options.pages ?? {})) setPage(pathname, page);
  const collector = new URL(options.collectorUrl);

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const pathname = new URL(path, 'http://shop').pathname;
    if (pathname === '/pj' || pathname.startsWith('/pj/')) {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      }
      headers['x-forwarded-host'] = req.headers.host ?? '';
      headers['x-forwarded-proto'] = 'http';
      const upstream = request(
        { host: collector.hostname, port: collector.port, method: req.method, path, headers },
        (upstreamResponse) => {
          const responseHeaders = { ...upstreamResponse.headers };
          delete responseHeaders.connection;
          delete responseHeaders['transfer-encoding'];
          res.writeHead(upstreamResponse.statusCode ?? 502, responseHeaders);
          upstreamResponse.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('collector unreachable');
      });
      req.pipe(upstream);
      return;
    }
    const page = pages.get(pathname);
    if (!page || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...page.headers,
    });
    res.end(page.body);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        setPage,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
