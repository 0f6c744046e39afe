import type { MiddlewareHandler } from 'hono';
import type { OriginMatcher } from '../config/origins.ts';
import type { AppEnv } from './app-env.ts';
import { CollectorError } from './problem.ts';

const PREFLIGHT_MAX_AGE_SECONDS = 86_400;

/**
 * Admits browser requests only from the shop's own origin (the one the collector is served
 * on) and the configured ones, and answers CORS for them (Fetch standard, "CORS protocol").
 * Credentials are allowed, so the pixel's `credentials: 'include'` call to `/click` can set
 * the cookie. A request without `Origin` is not a cross-origin browser call (a navigation, or a
 * server) and passes; a foreign or opaque (`null`) origin is refused with 403 and no CORS
 * headers, so the browser shows the page nothing.
 *
 * @example app.use('/collect', browserOrigin(config.allowedOrigins, 'POST'))
 */
export function browserOrigin(allowed: OriginMatcher, methods: string): MiddlewareHandler<AppEnv> {
  return async function admitBrowserOrigin(c, next) {
    const origin = c.req.header('Origin');
    if (origin === undefined) return next();

    const sameOrigin = origin === new URL(c.req.url).origin;
    if (!sameOrigin && !allowed.matches(origin)) {
      c.get('log').warn('http.origin_refused', {
        origin: origin.slice(0, 100),
        action: 'add it to ALLOWED_ORIGINS if it is the shop’s',
      });
      throw new CollectorError('forbidden_origin', 'this origin may not send to the collector');
    }

    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': `${methods}, OPTIONS`,
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
        Vary: 'Origin',
      });
    }

    await next();
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Allow-Credentials', 'true');
    c.res.headers.set('Access-Control-Expose-Headers', 'X-Request-Id');
    c.res.headers.append('Vary', 'Origin');
  };
}
