import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { loadConfig, UNCONFIGURED_RETRY_SECONDS } from './config/settings.ts';
import { consumeDeadLetters } from './dead-letters/consume-dead-letters.ts';
import { consumeEvents } from './delivery/consume-events.ts';
import { createUpstreamClient } from './delivery/upstream-client.ts';
import type { Env } from './env.ts';
import type { AppEnv } from './http/app-env.ts';
import { createLogger, logLevelFrom } from './log.ts';
import { recordQueueMismatch } from './operator/queue-mismatch.ts';
import { isDeadLetterEnvelope } from './queue/messages.ts';

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
    const config = state.ok ? state.config : state.delivery;
    if (config === undefined) {
      // Keep every message: the configuration can be fixed, a dropped purchase cannot be undone.
      log.error('delivery.not_configured', { delay_seconds: UNCONFIGURED_RETRY_SECONDS });
      batch.retryAll({ delaySeconds: UNCONFIGURED_RETRY_SECONDS });
      return;
    }
    if (!state.ok) {
      log.warn('delivery.settings_invalid_elsewhere', {
        action: 'delivering; fix the settings /healthz names',
      });
    }
    const consume = {
      events: (messages: readonly Message<unknown>[]) =>
        consumeEvents({ messages }, { config, client: createUpstreamClient(config), log }),
      deadLetters: (messages: readonly Message<unknown>[]) =>
        consumeDeadLetters({ messages }, config, log),
    };
    if (batch.queue === config.queueNames.events) return consume.events(batch.messages);
    if (batch.queue === config.queueNames.deadLetters) return consume.deadLetters(batch.messages);

    // A queue renamed in wrangler.toml without EVENT_QUEUE_NAME / DEAD_LETTER_QUEUE_NAME: the
    // queue would delete the messages after max_retries if this threw, so each message goes
    // where its shape says, and /healthz reports the mismatch.
    log.error('queue.name_mismatch', {
      event_queue_name: config.queueNames.events,
      dead_letter_queue_name: config.queueNames.deadLetters,
      action: 'set EVENT_QUEUE_NAME and DEAD_LETTER_QUEUE_NAME to the queue names in wrangler.toml',
    });
    await recordQueueMismatch(config, batch.queue, log);
    const envelopes = batch.messages.filter((message) => isDeadLetterEnvelope(message.body));
    const others = batch.messages.filter((message) => !isDeadLetterEnvelope(message.body));
    if (others.length > 0) await consume.events(others);
    if (envelopes.length > 0) await consume.deadLetters(envelopes);
  },
} satisfies ExportedHandler<Env, unknown>;
