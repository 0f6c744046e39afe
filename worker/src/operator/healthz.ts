import type { Handler } from 'hono';
import type { ConfigState } from '../config/settings.ts';
import type { AppEnv } from '../http/app-env.ts';

/**
 * `GET /healthz`: 200 when the collector runs and its configuration is complete, 503 when not.
 * It names what is missing or unusable, and never shows a value.
 */
export function healthz(state: ConfigState): Handler<AppEnv> {
  return function handleHealthz(c) {
    const headers = { 'Cache-Control': 'no-store' };
    if (!state.ok) {
      return c.json(
        { status: 'misconfigured', missing: state.missing, invalid: state.invalid },
        503,
        headers,
      );
    }
    const { config } = state;
    return c.json(
      {
        status: 'ok',
        environment: config.environment,
        delivery_mode: config.deliveryMode,
        pixels: config.pixelIds.size,
        server_intake: config.serverToken !== undefined,
        dead_letter_admin: config.adminToken !== undefined,
        warnings: state.warnings,
      },
      200,
      headers,
    );
  };
}
