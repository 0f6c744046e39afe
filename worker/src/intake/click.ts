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
 * `GET /click?pjclid=…`: keeps the click in a first-party HttpOnly cookie set by the server,
 * which Safari does not cut to 7 days as it does script-written storage. A newer click replaces
 * an older one (last click wins). A malformed or missing id is refused and sets nothing.
 */
export function storeClick(config: CollectorConfig): Handler<AppEnv> {
  return function handleClick(c) {
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
