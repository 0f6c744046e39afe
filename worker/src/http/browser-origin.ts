import type { MiddlewareHandler } from 'hono';
import type { OriginMatcher } from '../config/origins.ts';
import type { AppEnv } from './app-env.ts';
import { CollectorError } from './problem.ts';

const PREFLIGHT_MAX_AGE_SECONDS = 86_400;
/** The serialisation of an opaque origin (HTML, "origin"): sandboxed frames, `data:` URLs. */
const OPAQUE_ORIGIN = 'null';

/**
 * Admits browser requests only from the shop's own origin (the one the collector is served
 * on) and the configured ones, and answers CORS for them (Fetch standard, "CORS protocol").
 * Credentials are allowed, so the pixel's `credentials: 'include'` call to `/click` can set
 * the cookie. A request without `Origin` is not a cross-origin browser call (a navigation, or a
 * server) and passes; a foreign origin is refused with 403 and no CORS headers, so the browser
 * shows the page nothing.
 *
 * An opaque origin (`null`) is refused too, unless `nullOrigin` admits it, as `/collect` does
 * for Shopify's custom-pixel sandbox (an iframe without `allow-same-origin`). Any page can open
 * such a frame, so it is served as a request without `Origin` is, which anyone can already send:
 * without credentials in CORS, and marked `opaqueOrigin` so that its cookies are ignored.
 *
 * @example app.use('/collect', browserOrigin(config.allowedOrigins, 'POST', { nullOrigin: true }))
 */
export function browserOrigin(
  allowed: OriginMatcher,
  methods: string,
  { nullOrigin = false }: { nullOrigin?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async function admitBrowserOrigin(c, next) {
    const origin = c.req.header('Origin');
    if (origin === undefined) return next();

    const opaque = origin === OPAQUE_ORIGIN && nullOrigin;
    const sameOrigin = origin === new URL(c.req.url).origin;
    if (!opaque && !sameOrigin && !allowed.matches(origin)) {
      c.get('log').warn('http.origin_refused', {
        origin: origin.slice(0, 100),
        action: 'add it to ALLOWED_ORIGINS if it is the shop’s',
      });
      throw new CollectorError('forbidden_origin', 'this origin may not send to the collector');
    }
    if (opaque) c.set('opaqueOrigin', true);
    const credentials: Record<string, string> = opaque
      ? {}
      : { 'Access-Control-Allow-Credentials': 'true' };

    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        ...credentials,
        'Access-Control-Allow-Methods': `${methods}, OPTIONS`,
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
        Vary: 'Origin',
      });
    }

    await next();
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    for (const [name, value] of Object.entries(credentials)) c.res.headers.set(name, value);
    c.res.headers.set('Access-Control-Expose-Headers', 'X-Request-Id');
    c.res.headers.append('Vary', 'Origin');
  };
}
