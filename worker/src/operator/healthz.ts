import type { Handler } from 'hono';
import type { CollectorConfig, ConfigState } from '../config/settings.ts';
import { DeadLetterStore } from '../dead-letters/store.ts';
import type { AppEnv } from '../http/app-env.ts';
import { secretsEqual } from '../security/constant-time.ts';
import { readQueueMismatch } from './queue-mismatch.ts';

/**
 * `GET /healthz`: 200 when the collector runs and its configuration is complete, 503 when not,
 * or when the queue consumer has met a queue whose name the settings do not know (`degraded`).
 * It names what is missing or unusable, and never shows a value.
 */
export function healthz(state: ConfigState): Handler<AppEnv> {
  return async function handleHealthz(c) {
    const headers = { 'Cache-Control': 'no-store' };
    if (!state.ok) {
      return c.json(
        {
          status: 'misconfigured',
          missing: state.missing,
          invalid: state.invalid,
          delivery: state.delivery === undefined ? 'stopped' : 'running',
        },
        503,
        headers,
      );
    }
    const { config } = state;
    const warnings = [...state.warnings, ...requestWarnings(config, new URL(c.req.url))];
    const { serverToken, adminToken } = config;
    if (
      config.environment === 'production' &&
      serverToken !== undefined &&
      adminToken !== undefined &&
      (await secretsEqual(serverToken, adminToken))
    ) {
      warnings.push(
        "SERVER_TOKEN equals ADMIN_TOKEN: the shop's backend could list, replay and delete dead letters. Give each its own secret.",
      );
    }
    let mismatch: Awaited<ReturnType<typeof readQueueMismatch>>;
    try {
      const [note, count] = await Promise.all([
        readQueueMismatch(config.bindings.deadLetters),
        new DeadLetterStore(config.bindings.deadLetters).readCount(),
      ]);
      mismatch = note;
      if (count.dropped > 0) {
        warnings.push(
          `the dead-letter store reached DEAD_LETTER_MAX_RECORDS (${config.deadLetterMaxRecords}) and dropped ${count.dropped} dead letter(s), the last at ${count.last_dropped_at ?? 'an unknown time'}: replay or delete dead letters, or raise the limit`,
        );
      }
    } catch {
      warnings.push('could not read the queue consumer’s notes (KV unavailable)');
    }
    const problems =
      mismatch === undefined
        ? []
        : [
            `the queue consumer received a batch from queue "${mismatch.queue}" (at ${mismatch.seen_at}), which is neither EVENT_QUEUE_NAME ("${mismatch.event_queue_name}") nor DEAD_LETTER_QUEUE_NAME ("${mismatch.dead_letter_queue_name}"): set them to the names in wrangler.toml. Its messages are delivered by their shape meanwhile.`,
          ];
    return c.json(
      {
        status: problems.length > 0 ? 'degraded' : 'ok',
        environment: config.environment,
        delivery_mode: config.deliveryMode,
        pixels: config.pixelIds.size,
        server_intake: config.serverToken !== undefined,
        dead_letter_admin: config.adminToken !== undefined,
        ...(problems.length > 0 ? { problems } : {}),
        warnings,
      },
      problems.length > 0 ? 503 : 200,
      headers,
    );
  };
}

/** What only the route's host shows: a cookie domain that does not cover it. */
function requestWarnings(config: CollectorConfig, url: URL): string[] {
  const domain = config.cookie.domain;
  if (domain === undefined || config.environment !== 'production') return [];
  const host = url.hostname.toLowerCase();
  if (host === domain || host.endsWith(`.${domain}`)) return [];
  return [
    `COOKIE_DOMAIN (${domain}) does not cover this host (${host.slice(0, 100)}): browsers refuse such a cookie, so the collector sets a host-only one. Set COOKIE_DOMAIN to the shop's registrable domain.`,
  ];
}
