// The collector as `wrangler dev` runs it for the load benchmark: the collector's own Worker,
// unchanged, plus the no-op route under its base path, so both are measured on one server in
// one run. Started with `wrangler dev bench/src/workerd/load-entry.ts -c wrangler.toml`, so
// every binding and setting is the collector's own local configuration.

import type { Env } from '#worker/env.ts';
import collector from '#worker/index.ts';
import { createNoopApp, NOOP_PATH } from './noop-app.ts';

let noop: ReturnType<typeof createNoopApp> | undefined;

export default {
  fetch(request, env, ctx) {
    if (request.url.endsWith(NOOP_PATH)) {
      noop ??= createNoopApp((env.BASE_PATH ?? '').replace(/\/+$/, ''));
      return noop.fetch(request);
    }
    return collector.fetch(request, env, ctx);
  },
  queue(batch, env) {
    return collector.queue(batch, env);
  },
} satisfies ExportedHandler<Env, unknown>;
