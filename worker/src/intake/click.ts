import type { Handler } from 'hono';
import { SIGNED_CLICK_ID_RULE } from '#shared/field-rules.ts';
import { isSignedClickId } from '#shared/pjclid.ts';
import { echoValue } from '#shared/problem.ts';
import type { CollectorConfig } from '../config/settings.ts';
import type { AppEnv } from '../http/app-env.ts';
import { CollectorError } from '../http/problem.ts';
import { clickIdForLog } from '../log.ts';
import { clearedClickCookies, clickCookie } from './click-cookie.ts';

/**
 * Refuses a `/click` that another site started without CORS: a top-level navigation
 * (`location.href = …/click?pjclid=theirs`), a frame or an image. A navigation carries no
 * `Origin`, and SameSite=Lax lets its response set the cookie, so without this any site could
 * replace a shopper's click with its own. Browsers say where a request comes from in
 * `Sec-Fetch-Site` (Fetch Metadata, w3c.github.io/webappsec-fetch-metadata); one that sends no
 * such header (an older browser, a server) passes, and so does the pixel's own call: from the
 * shop's pages it is `same-origin` or `same-site`, and from another site it is a `cors`
 * request whose `Origin` the origin check has admitted.
 *
 * @throws CollectorError `forbidden_origin` (403).
 */
function refuseCrossSiteNavigation(request: Request): void {
  const site = request.headers.get('Sec-Fetch-Site');
  const mode = request.headers.get('Sec-Fetch-Mode');
  if (site === 'cross-site' && mode !== null && mode !== 'cors') {
    throw new CollectorError(
      'forbidden_origin',
      'another site may not set the click; the pixel on the shop’s pages calls /click itself',
    );
  }
}

/**
 * `GET /click?pjclid=…`: keeps the click in a first-party HttpOnly cookie set by the server,
 * which Safari does not cut to 7 days as it does script-written storage. A newer click replaces
 * an older one (last click wins). A malformed or missing id is refused and sets nothing.
 */
export function storeClick(config: CollectorConfig): Handler<AppEnv> {
  return function handleClick(c) {
    refuseCrossSiteNavigation(c.req.raw);
    const signedClickId = c.req.query('pjclid');
    if (!isSignedClickId(signedClickId)) {
      throw new CollectorError('invalid_request', 'pjclid must be a signed click id', {
        fieldErrors: {
          pjclid: {
            message: SIGNED_CLICK_ID_RULE,
            value: echoValue(signedClickId),
          },
        },
      });
    }
    const cookie = clickCookie(config.cookie, signedClickId, new URL(c.req.url));
    c.get('log').info('click.stored', { click_id: clickIdForLog(signedClickId) });
    return c.body(null, 204, { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' });
  };
}

/**
 * `DELETE /click`: forgets the click, for a visitor who withdraws consent. The page cannot
 * erase an HttpOnly cookie itself, so the pixel asks the collector to. Always 204: there may
 * be nothing to forget.
 */
export function forgetClick(config: CollectorConfig): Handler<AppEnv> {
  return function handleForgetClick(c) {
    const headers = new Headers({ 'Cache-Control': 'no-store' });
    for (const cookie of clearedClickCookies(config.cookie, new URL(c.req.url))) {
      headers.append('Set-Cookie', cookie);
    }
    c.get('log').info('click.forgotten', {});
    return new Response(null, { status: 204, headers });
  };
}
