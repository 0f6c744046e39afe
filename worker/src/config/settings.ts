import { isUuidV4 } from '#shared/pjclid.ts';
import type { Env } from '../env.ts';
import { createLogger, isLogLevel, logLevelFrom } from '../log.ts';
import type { DeadLetterQueueBody, EventMessage } from '../queue/messages.ts';
import { type OriginMatcher, parseAllowedOrigins } from './origins.ts';

export type Environment = 'development' | 'production';
export type DeliveryMode = 'single' | 'batch';

/** The collector's settings, parsed and checked. Secrets are held here and nowhere else. */
export interface CollectorConfig {
  environment: Environment;
  /** `''` or a path like `/pj`, without a trailing slash. */
  basePath: string;
  /** Configured pixel ids by their lower-case form, mapping to the spelling configured. */
  pixelIds: ReadonlyMap<string, string>;
  allowedOrigins: OriginMatcher;
  upstream: {
    baseUrl: string;
    clientId: string;
    clientSecret: string | undefined;
    timeoutMs: number;
  };
  deliveryMode: DeliveryMode;
  cookie: { name: string; domain: string | undefined; path: string };
  /** Undefined: the server-to-server route is off. */
  serverToken: string | undefined;
  /** Undefined: the dead-letter admin routes are off. */
  adminToken: string | undefined;
  retry: {
    baseDelaySeconds: number;
    maxDelaySeconds: number;
    authDelaySeconds: number;
    /** How long the queue keeps a message; a retry that would outlive it is dead-lettered. */
    retentionSeconds: number;
  };
  queueNames: { events: string; deadLetters: string };
  bindings: {
    dedupe: KVNamespace;
    deadLetters: KVNamespace;
    eventQueue: Queue<EventMessage>;
    deadLetterQueue: Queue<DeadLetterQueueBody>;
    browserRateLimiter: RateLimit;
    serverRateLimiter: RateLimit;
  };
}

/** One setting that is missing or unusable. The reason never repeats the value. */
export interface ConfigIssue {
  setting: string;
  reason: string;
}

export type ConfigState =
  | { ok: true; config: CollectorConfig; warnings: string[] }
  | { ok: false; basePath: string; missing: string[]; invalid: ConfigIssue[] };

export const DEFAULTS = {
  environment: 'production',
  basePath: '',
  prisjaktApiUrl: 'https://api.pj.nu/click-conversion',
  developmentOrigins: 'http://localhost:*, http://127.0.0.1:*',
  deliveryMode: 'single',
  cookieName: 'pjclid',
  cookiePath: '/',
  upstreamTimeoutMs: 10_000,
  retryBaseDelaySeconds: 30,
  retryMaxDelaySeconds: 3_600,
  authRetryDelaySeconds: 1_800,
  // Cloudflare Queues' default retention on paid plans (4 days); the Free plan keeps 24 hours.
  messageRetentionSeconds: 345_600,
  eventQueueName: 'pjcollector-events',
  deadLetterQueueName: 'pjcollector-dead-letters',
} as const;

/** A Queue refuses retry delays beyond 12 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 43_200;
const MIN_PRODUCTION_TOKEN_LENGTH = 16;
const DEVELOPMENT_TOKENS = new Set(['local-dev-token', 'local-dev-admin-token']);
const PLACEHOLDER_MARK = 'REPLACE_';
const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_DOMAIN_PATTERN =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const PATH_PATTERN = /^\/[A-Za-z0-9._~!$&'()*+,=:@%/-]*$/;

const cache = new WeakMap<Env, ConfigState>();

/**
 * Reads and checks every setting once per isolate (the result is cached per `env` object), so a
 * misconfigured deployment is described in one place: `/healthz` names what is missing, every
 * other route answers 503, and the queue consumer keeps its messages.
 *
 * @example const state = loadConfig(env); if (!state.ok) console.error(state.missing);
 */
export function loadConfig(env: Env): ConfigState {
  let state = cache.get(env);
  if (state === undefined) {
    state = parseConfig(env);
    cache.set(env, state);
    if (!state.ok) {
      // Once per isolate, loudly: every request and batch will be refused until this is fixed.
      createLogger({}, logLevelFrom(env.LOG_LEVEL)).error('config.invalid', {
        missing: state.missing,
        invalid: state.invalid.map((issue) => `${issue.setting}: ${issue.reason}`),
      });
    }
  }
  return state;
}

/** {@link loadConfig} without the cache. */
export function parseConfig(env: Env): ConfigState {
  const missing: string[] = [];
  const invalid: ConfigIssue[] = [];
  const warnings: string[] = [];
  const bad = (setting: string, reason: string) => invalid.push({ setting, reason });

  const text = (name: keyof Env): string | undefined => {
    const value = env[name];
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    if (trimmed.includes(PLACEHOLDER_MARK)) {
      bad(name, `still holds a ${PLACEHOLDER_MARK}… placeholder`);
      return undefined;
    }
    return trimmed;
  };
  const required = (name: keyof Env): string | undefined => {
    const before = invalid.length;
    const value = text(name);
    if (value === undefined && invalid.length === before) missing.push(name);
    return value;
  };
  const wholeNumber = (name: keyof Env, fallback: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value > max) {
      bad(name, `must be a whole number from 0 to ${max}`);
      return fallback;
    }
    return value;
  };

  const environmentRaw = text('ENVIRONMENT') ?? DEFAULTS.environment;
  let environment: Environment = 'production';
  if (environmentRaw === 'development' || environmentRaw === 'production') {
    environment = environmentRaw;
  } else bad('ENVIRONMENT', 'must be "development" or "production"');
  const production = environment === 'production';

  let basePath = text('BASE_PATH') ?? DEFAULTS.basePath;
  basePath = basePath.replace(/\/+$/, '');
  if (basePath !== '' && !PATH_PATTERN.test(basePath)) {
    bad('BASE_PATH', 'must be a path like /pj');
    basePath = '';
  }

  const pixelIds = new Map<string, string>();
  const pixelRaw = required('PIXEL_IDS');
  if (pixelRaw !== undefined) {
    for (const id of pixelRaw.split(/[\s,]+/).filter((part) => part !== '')) {
      if (isUuidV4(id)) pixelIds.set(id.toLowerCase(), id);
      else bad('PIXEL_IDS', 'every entry must be a pixel id (a UUIDv4)');
    }
  }

  const originsRaw = text('ALLOWED_ORIGINS') ?? (production ? '' : DEFAULTS.developmentOrigins);
  const origins = parseAllowedOrigins(originsRaw, production);
  if (!origins.ok) bad('ALLOWED_ORIGINS', origins.reason);

  const apiUrl = text('PRISJAKT_API_URL') ?? DEFAULTS.prisjaktApiUrl;
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) {
      bad('PRISJAKT_API_URL', production ? 'must be an https URL' : 'must be an http(s) URL');
    } else if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      bad('PRISJAKT_API_URL', 'must not carry a query, fragment or credentials');
    }
  } catch {
    bad('PRISJAKT_API_URL', 'must be an absolute URL');
  }
  const clientId = required('PRISJAKT_CLIENT_ID');
  const clientSecret = text('PRISJAKT_CLIENT_SECRET');

  const modeRaw = text('DELIVERY_MODE') ?? DEFAULTS.deliveryMode;
  let deliveryMode: DeliveryMode = 'single';
  if (modeRaw === 'single' || modeRaw === 'batch') deliveryMode = modeRaw;
  else bad('DELIVERY_MODE', 'must be "single" or "batch"');
  if (deliveryMode === 'batch' && clientSecret === undefined) {
    missing.push('PRISJAKT_CLIENT_SECRET');
    bad('DELIVERY_MODE', 'batch delivery needs a shop_user client and its PRISJAKT_CLIENT_SECRET');
  }

  const cookieName = text('COOKIE_NAME') ?? DEFAULTS.cookieName;
  if (!COOKIE_NAME_PATTERN.test(cookieName)) bad('COOKIE_NAME', 'must be a cookie name token');
  let cookieDomain = text('COOKIE_DOMAIN')?.toLowerCase().replace(/^\./, '');
  if (cookieDomain !== undefined && !COOKIE_DOMAIN_PATTERN.test(cookieDomain)) {
    bad('COOKIE_DOMAIN', 'must be a host name like shop.example');
    cookieDomain = undefined;
  }
  const cookiePath = text('COOKIE_PATH') ?? DEFAULTS.cookiePath;
  if (!PATH_PATTERN.test(cookiePath) || cookiePath.includes(';')) {
    bad('COOKIE_PATH', 'must be a path like /');
  }

  const token = (name: 'SERVER_TOKEN' | 'ADMIN_TOKEN'): string | undefined => {
    const value = text(name);
    if (value === undefined || !production) return value;
    if (DEVELOPMENT_TOKENS.has(value)) bad(name, 'is a local-development token');
    else if (value.length < MIN_PRODUCTION_TOKEN_LENGTH) {
      bad(name, `must be at least ${MIN_PRODUCTION_TOKEN_LENGTH} characters`);
    }
    return value;
  };
  const serverToken = token('SERVER_TOKEN');
  const adminToken = token('ADMIN_TOKEN');
  if (serverToken === undefined)
    warnings.push('SERVER_TOKEN is not set: server-to-server intake is off');
  if (adminToken === undefined) warnings.push('ADMIN_TOKEN is not set: dead-letter admin is off');

  const timeoutMs = wholeNumber('UPSTREAM_TIMEOUT_MS', DEFAULTS.upstreamTimeoutMs, 600_000);
  if (timeoutMs === 0) bad('UPSTREAM_TIMEOUT_MS', 'must be above 0');
  const retry = {
    baseDelaySeconds: wholeNumber(
      'RETRY_BASE_DELAY_SECONDS',
      DEFAULTS.retryBaseDelaySeconds,
      MAX_QUEUE_DELAY_SECONDS,
    ),
    maxDelaySeconds: wholeNumber(
      'RETRY_MAX_DELAY_SECONDS',
      DEFAULTS.retryMaxDelaySeconds,
      MAX_QUEUE_DELAY_SECONDS,
    ),
    authDelaySeconds: wholeNumber(
      'AUTH_RETRY_DELAY_SECONDS',
      DEFAULTS.authRetryDelaySeconds,
      MAX_QUEUE_DELAY_SECONDS,
    ),
    retentionSeconds: wholeNumber(
      'MESSAGE_RETENTION_SECONDS',
      DEFAULTS.messageRetentionSeconds,
      1_209_600,
    ),
  };
  const retryIssues = invalid.some((issue) => issue.setting.startsWith('RETRY_'));
  if (!retryIssues && retry.maxDelaySeconds < retry.baseDelaySeconds) {
    bad('RETRY_MAX_DELAY_SECONDS', 'must not be below RETRY_BASE_DELAY_SECONDS');
  }
  const logLevel = text('LOG_LEVEL');
  if (logLevel !== undefined && !isLogLevel(logLevel.toLowerCase())) {
    bad('LOG_LEVEL', 'must be debug, info, warn or error');
  }
  const queueNames = {
    events: text('EVENT_QUEUE_NAME') ?? DEFAULTS.eventQueueName,
    deadLetters: text('DEAD_LETTER_QUEUE_NAME') ?? DEFAULTS.deadLetterQueueName,
  };

  const binding = <T>(name: keyof Env, looksRight: (value: object) => boolean): T | undefined => {
    const value = env[name];
    if (value === undefined || value === null) {
      missing.push(name);
      return undefined;
    }
    if (typeof value !== 'object' || !looksRight(value)) {
      bad(name, 'is not the expected kind of binding');
      return undefined;
    }
    return value as T;
  };
  const isKv = (value: object) => 'get' in value && 'put' in value && 'list' in value;
  const isQueue = (value: object) => 'send' in value && 'sendBatch' in value;
  const isRateLimiter = (value: object) => 'limit' in value;
  const dedupe = binding<KVNamespace>('DEDUPE', isKv);
  const deadLetters = binding<KVNamespace>('DEAD_LETTERS', isKv);
  const eventQueue = binding<Queue<EventMessage>>('EVENT_QUEUE', isQueue);
  const deadLetterQueue = binding<Queue<DeadLetterQueueBody>>('DEAD_LETTER_QUEUE', isQueue);
  const browserRateLimiter = binding<RateLimit>('BROWSER_RATE_LIMITER', isRateLimiter);
  const serverRateLimiter = binding<RateLimit>('SERVER_RATE_LIMITER', isRateLimiter);

  if (
    missing.length > 0 ||
    invalid.length > 0 ||
    !origins.ok ||
    clientId === undefined ||
    dedupe === undefined ||
    deadLetters === undefined ||
    eventQueue === undefined ||
    deadLetterQueue === undefined ||
    browserRateLimiter === undefined ||
    serverRateLimiter === undefined
  ) {
    return { ok: false, basePath, missing: [...new Set(missing)], invalid };
  }

  return {
    ok: true,
    warnings,
    config: {
      environment,
      basePath,
      pixelIds,
      allowedOrigins: origins.matcher,
      upstream: { baseUrl: apiUrl, clientId, clientSecret, timeoutMs },
      deliveryMode,
      cookie: { name: cookieName, domain: cookieDomain, path: cookiePath },
      serverToken,
      adminToken,
      retry,
      queueNames,
      bindings: {
        dedupe,
        deadLetters,
        eventQueue,
        deadLetterQueue,
        browserRateLimiter,
        serverRateLimiter,
      },
    },
  };
}
