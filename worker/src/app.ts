import { type Handler, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ConfigState } from './config/settings.ts';
import type { AppEnv } from './http/app-env.ts';
import { browserOrigin } from './http/browser-origin.ts';
import { drainUnreadBody } from './http/drain-body.ts';
import { CollectorError, renderProblem } from './http/problem.ts';
import { requestContext } from './http/request-context.ts';
import { forgetClick, storeClick } from './intake/click.ts';
import { collectBeacon } from './intake/collect.ts';
import { collectServerEvent } from './intake/server-events.ts';
import { createLogger, errorFields, logLevelFrom } from './log.ts';
import { deadLetterAdmin } from './operator/dead-letter-admin.ts';
import { doctorAdmin } from './operator/doctor.ts';
import { healthz } from './operator/healthz.ts';

function methodNotAllowed(allow: string): Handler<AppEnv> {
  return function refuseMethod(c) {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow });
    throw new CollectorError('method_not_allowed', `use ${allow}`, { headers: { Allow: allow } });
  };
}

function disabled(detail: string): Handler<AppEnv> {
  return function refuseDisabled() {
    throw new CollectorError('not_found', detail);
  };
}

/**
 * The collector's HTTP interface (docs/collector.md, "Routes"), under the configured base path.
 * With an incomplete configuration only `/healthz` works; everything else answers 503.
 */
export function createApp(state: ConfigState): Hono<AppEnv> {
  const basePath = state.ok ? state.config.basePath : state.basePath;
  const app = basePath === '' ? new Hono<AppEnv>() : new Hono<AppEnv>().basePath(basePath);

  app.use('*', drainUnreadBody(), requestContext());
  app.get('/healthz', healthz(state));

  if (!state.ok) {
    app.all('*', () => {
      throw new CollectorError('not_configured', 'the collector is not configured; see /healthz');
    });
  } else {
    const { config } = state;
    // `/pjpixel.js` is no route of the Worker: it is a static asset (wrangler.toml `[assets]`),
    // answered before the Worker runs.
    app.use(
      '/collect',
      browserOrigin(config.allowedOrigins, 'POST', { nullOrigin: config.allowNullOrigin }),
    );
    app.post('/collect', collectBeacon(config));
    app.all('/collect', methodNotAllowed('POST'));

    app.use('/click', browserOrigin(config.allowedOrigins, 'GET, DELETE'));
    app.get('/click', storeClick(config));
    app.delete('/click', forgetClick(config));
    app.all('/click', methodNotAllowed('GET, HEAD, DELETE'));

    const serverPath = '/server/pixels/:pixel_id/events';
    if (config.serverToken === undefined) {
      app.all(serverPath, disabled('server-to-server intake is off (no SERVER_TOKEN)'));
    } else {
      app.post(serverPath, collectServerEvent(config, config.serverToken));
      app.all(serverPath, methodNotAllowed('POST'));
    }

    if (config.adminToken === undefined) {
      app.all('/admin/*', disabled('the admin routes are off (no ADMIN_TOKEN)'));
    } else {
      app.route('/admin/dead-letters', deadLetterAdmin(config, config.adminToken));
      app.route('/admin/doctor', doctorAdmin(config, config.adminToken));
    }
  }

  // Answered rather than thrown, so the request-context middleware still stamps the response.
  app.notFound((c) =>
    renderProblem(
      c,
      new CollectorError('not_found', 'there is nothing at this path'),
      c.get('requestId') ?? crypto.randomUUID(),
    ),
  );

  app.onError((error, c) => {
    const requestId = c.get('requestId') ?? crypto.randomUUID();
    const log =
      c.get('log') ?? createLogger({ request_id: requestId }, logLevelFrom(c.env.LOG_LEVEL));
    if (error instanceof CollectorError) {
      log.info('http.refused', { code: error.code, status: error.status });
      return renderProblem(c, error, requestId);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return renderProblem(c, new CollectorError('invalid_request', error.message), requestId);
    }
    log.error('http.unexpected_error', errorFields(error));
    return renderProblem(
      c,
      new CollectorError('internal', 'an unexpected error occurred; it has been logged'),
      requestId,
    );
  });

  return app;
}
