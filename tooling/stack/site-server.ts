import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http';
import { LOOPBACK } from './ports.ts';

/**
 * Serves a site's own requests: a Web-standard handler, so pages are plain functions of a
 * `Request`. `undefined` means "nothing here" and is answered 404.
 */
export type SiteHandler = (
  request: Request,
) => Response | undefined | Promise<Response | undefined>;

export interface SiteServerOptions {
  /** Where `{proxyPrefix}/*` is proxied to, path and query unchanged: the collector. */
  collectorUrl: string;
  /** The collector's route on the site; default `/pj`, as in production. */
  proxyPrefix?: string;
  handler: SiteHandler;
  /** Default: a free port chosen by the OS. */
  port?: number;
}

export interface SiteServer {
  /** `http://127.0.0.1:{port}` */
  url: string;
  port: number;
  /** Stops listening and closes open connections. Safe to call twice. */
  stop(): Promise<void>;
}

/** Request bodies of the site's own pages (forms) are small; larger ones get 413. */
export const SITE_BODY_LIMIT_BYTES = 64 * 1024;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

/**
 * A shop site on node:http, laid out as production has it: its own pages, and the collector on
 * a route of the same origin (`/pj/*`), so the pixel, `/click` and `/collect` are same-origin and
 * the collector's HttpOnly cookie is first-party. Both the demo shop and the browser tests'
 * fixture shop run on it. Listens on 127.0.0.1 only.
 *
 * @example
 * const site = await startSiteServer({
 *   collectorUrl: 'http://127.0.0.1:8787',
 *   handler: (request) => new Response('<h1>shop</h1>', { headers: { 'content-type': 'text/html' } }),
 * });
 */
export function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const prefix = options.proxyPrefix ?? '/pj';
  const collector = new URL(options.collectorUrl);

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const pathname = new URL(path, 'http://site.invalid').pathname;
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
      proxy(req, res, collector, path);
      return;
    }
    serve(req, res, options.handler).catch((error: unknown) => {
      console.error('site: request failed:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://${LOOPBACK}:${port}`,
        port,
        stop: () => {
          closing ??= new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          });
          return closing;
        },
      });
    });
  });
}

/** Passes a request to the collector as the shop's own edge would, with X-Forwarded-*. */
function proxy(req: IncomingMessage, res: ServerResponse, collector: URL, path: string): void {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  const upstream = request(
    { host: collector.hostname, port: collector.port, method: req.method, path, headers },
    (upstreamResponse) => {
      const responseHeaders = { ...upstreamResponse.headers };
      for (const name of HOP_BY_HOP) delete responseHeaders[name];
      res.writeHead(upstreamResponse.statusCode ?? 502, responseHeaders);
      upstreamResponse.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/problem+json' });
      res.end(
        JSON.stringify({
          title: 'Bad Gateway',
          status: 502,
          detail: `the collector at ${collector.origin} did not answer`,
        }),
      );
    } else res.destroy();
  });
  req.pipe(upstream);
}

async function serve(req: IncomingMessage, res: ServerResponse, handler: SiteHandler) {
  const body = await readBody(req);
  if (body === 'too_large') {
    res.writeHead(413, { 'content-type': 'application/problem+json', connection: 'close' });
    res.end(
      JSON.stringify({
        title: 'Content Too Large',
        status: 413,
        detail: `request bodies are limited to ${SITE_BODY_LIMIT_BYTES} bytes`,
      }),
    );
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const url = `http://${req.headers.host ?? LOOPBACK}${req.url ?? '/'}`;
  let request: Request;
  try {
    request = new Request(url, {
      method,
      headers,
      ...(body.length > 0 && method !== 'GET' && method !== 'HEAD'
        ? { body: new Uint8Array(body) }
        : {}),
    });
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request');
    return;
  }
  const response = (await handler(request)) ?? notFound();
  const responseHeaders: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') responseHeaders[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) responseHeaders['set-cookie'] = cookies;
  res.writeHead(response.status, responseHeaders);
  res.end(method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
}

function notFound(): Response {
  return new Response('not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

/** The whole body, or `'too_large'` past the limit (the rest is not read). */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > SITE_BODY_LIMIT_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too_large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
