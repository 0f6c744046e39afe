import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { API_BASE_PATHS, CONTROL_PREFIX } from '../http/base-paths.ts';
import { registerInspector } from '../inspector/register.ts';
import { registerClickControls } from './clicks.ts';
import { registerFaultControls } from './faults.ts';
import { registerInspectionControls } from './inspection.ts';

/**
 * The emulator's own controls under `/__emulator/` (also under each base prefix). They exist
 * only here, never in the real API, need no credentials, and answer CORS for any origin: a
 * local tool whose pages on other localhost ports call them.
 */
export function registerControls(
  app: Hono<EmulatorEnv>,
  deps: EmulatorDeps,
  reset: () => void,
): void {
  for (const base of API_BASE_PATHS) {
    const prefix = `${base}${CONTROL_PREFIX}`;
    // Before the CORS middleware, which it must not get: see registerInspector.
    registerInspector(app, prefix, deps);
    app.use(
      `${prefix}/*`,
      cors({
        origin: '*',
        allowMethods: ['GET', 'POST', 'DELETE'],
        allowHeaders: ['Content-Type'],
        maxAge: 600,
      }),
    );
    registerClickControls(app, prefix, deps);
    registerFaultControls(app, prefix, deps);
    registerInspectionControls(app, prefix, deps);
    app.post(`${prefix}/reset`, (c) => {
      reset();
      return c.body(null, 204);
    });
  }
}
