import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { loadConfig, UNCONFIGURED_RETRY_SECONDS } from './config/settings.ts';
import { consumeDeadLetters } from './dead-letters/consume-dead-letters.ts';
import { consumeEvents } from './delivery/consume-events.ts';
import { createUpstreamClient } from './delivery/upstream-client.ts';
import type { Env } from './env.ts';
import type { AppEnv } from './http/app-env.ts';
import { createLogger, logLevelFrom } from './log.ts';

const apps = new WeakMap<Env, Hono<AppEnv>>();

function appFor(env: Env): Hono<AppEnv> {
  let app = apps.get(env);
  if (app === undefined) {
    app = createApp(loadConfig(env));
    apps.set(env, app);
  }
  return app;
}

/**
 * The collector: `fetch` takes beacons, clicks and server events and queues purchases; `queue`
 * delivers them to Prisjakt (the event queue) and keeps what cannot be delivered (the
 * dead-letter queue).
 */
export default {
  fetch(request, env, ctx) {
    return appFor(env).fetch(request, env, ctx);
  },

  async queue(batch, env) {
    const log = createLogger(
      { queue: batch.queue, batch_size: batch.messages.length },
      logLevelFrom(env.LOG_LEVEL),
    );
    const state = loadConfig(env);
    if (!state.ok) {
      // Keep every message: the configuration can be fixed, a dropped purchase cannot be undone.
      log.error('delivery.not_configured', { delay_seconds: UNCONFIGURED_RETRY_SECONDS });
      batch.retryAll({ delaySeconds: UNCONFIGURED_RETRY_SECONDS });
      return;
    }
    const { config } = state;
    if (batch.queue === config.queueNames.events) {
      await consumeEvents(batch, { config, client: createUpstreamClient(config), log });
    } else if (batch.queue === config.queueNames.deadLetters) {
      await consumeDeadLetters(batch, config, log);
    } else {
      throw new Error(
        `queue ${batch.queue} is neither EVENT_QUEUE_NAME nor DEAD_LETTER_QUEUE_NAME`,
      );
    }
  },
} satisfies ExportedHandler<Env, unknown>;
