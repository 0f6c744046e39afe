import type { Hono } from 'hono';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { INSPECTOR_SCRIPT } from './client-script.ts';
import { readDeadLetters } from './dead-letters.ts';
import { INSPECTOR_CSP, INSPECTOR_PAGE } from './page.ts';
import { takeSnapshot } from './snapshot.ts';
import { INSPECTOR_STYLES } from './styles.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The event inspector, a page for people: `GET {prefix}/` (prefix `/__emulator`), its script
 * and styles, and the two JSON reads it polls: `inspector/snapshot` (clicks, events, purchase
 * summary, request counts) and `inspector/dead-letters` (the collector's store, read with the
 * admin token on the emulator's side).
 *
 * Register it before the controls' CORS middleware: its data is for its own page, and a
 * response without CORS headers keeps other sites' pages from reading it.
 */
export function registerInspector(
  app: Hono<EmulatorEnv>,
  prefix: string,
  deps: EmulatorDeps,
): void {
  app.get(prefix, (c) => c.redirect(`${c.req.path}/`, 308));
  app.get(`${prefix}/`, (c) =>
    c.html(INSPECTOR_PAGE, 200, {
      ...NO_STORE,
      'Content-Security-Policy': INSPECTOR_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    }),
  );
  app.get(`${prefix}/inspector/app.js`, (c) =>
    c.body(INSPECTOR_SCRIPT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    }),
  );
  app.get(`${prefix}/inspector/app.css`, (c) =>
    c.body(INSPECTOR_STYLES, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    }),
  );
  app.get(`${prefix}/inspector/snapshot`, async (c) =>
    c.json(await takeSnapshot(deps), 200, NO_STORE),
  );
  app.get(`${prefix}/inspector/dead-letters`, async (c) =>
    c.json(await readDeadLetters(deps.collector), 200, NO_STORE),
  );
}
