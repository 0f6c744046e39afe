import type { DeadLetterQueueBody, EventMessage } from './queue/messages.ts';

/**
 * What the Worker receives from `wrangler.toml` and `wrangler secret put`. Every variable is a
 * string (or absent); config/settings.ts parses and checks them once per isolate. Written by
 * hand rather than by `wrangler types`, because the generated type would pin each variable to
 * its local-development value.
 */
export interface Env {
  // Bindings
  DEDUPE?: KVNamespace;
  DEAD_LETTERS?: KVNamespace;
  EVENT_QUEUE?: Queue<EventMessage>;
  DEAD_LETTER_QUEUE?: Queue<DeadLetterQueueBody>;
  BROWSER_RATE_LIMITER?: RateLimit;
  SERVER_RATE_LIMITER?: RateLimit;

  // Variables
  ENVIRONMENT?: string;
  BASE_PATH?: string;
  PIXEL_IDS?: string;
  ALLOWED_ORIGINS?: string;
  PRISJAKT_API_URL?: string;
  PRISJAKT_CLIENT_ID?: string;
  DELIVERY_MODE?: string;
  COOKIE_NAME?: string;
  COOKIE_DOMAIN?: string;
  COOKIE_PATH?: string;
  UPSTREAM_TIMEOUT_MS?: string;
  RETRY_BASE_DELAY_SECONDS?: string;
  RETRY_MAX_DELAY_SECONDS?: string;
  AUTH_RETRY_DELAY_SECONDS?: string;
  EVENT_QUEUE_NAME?: string;
  DEAD_LETTER_QUEUE_NAME?: string;
  MESSAGE_RETENTION_SECONDS?: string;
  LOG_LEVEL?: string;

  // Secrets
  PRISJAKT_CLIENT_SECRET?: string;
  SERVER_TOKEN?: string;
  ADMIN_TOKEN?: string;
}
