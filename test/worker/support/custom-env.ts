// Runs the collector with settings of a test's choosing: the real bindings of wrangler.toml,
// with some variables replaced or removed. Each call to `configuredEnv` is a new deployment as
// far as the collector can tell (its configuration is read once per env object).
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Env } from '#worker/env.ts';
import worker from '#worker/index.ts';

export type Overrides = { [K in keyof Env]?: Env[K] | undefined };

/** The test environment with `overrides` applied; an `undefined` value removes the setting. */
export function configuredEnv(overrides: Overrides): Env {
  const base = env as unknown as Env;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(base) as (keyof Env)[]) result[key] = base[key];
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result as Env;
}

/** Calls the collector's `fetch` with this environment and waits for its `waitUntil` work. */
export async function fetchWithEnv(
  target: Env,
  url: string,
  init?: RequestInit,
): Promise<Response> {
  const ctx = createExecutionContext();
  const fetchHandler = worker.fetch;
  if (fetchHandler === undefined) throw new Error('the collector exports no fetch handler');
  const response = await fetchHandler(
    new Request(url, init) as Request<unknown, IncomingRequestCfProperties>,
    target,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}
