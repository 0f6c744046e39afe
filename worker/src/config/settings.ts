import type { Env } from '../env.ts';
import { createLogger, logLevelFrom } from '../log.ts';
import type { DeadLetterQueueBody, EventMessage } from '../queue/messages.ts';
import type { OriginMatcher } from './origins.ts';
import type { ParseContext } from './parsers.ts';
import {
  BINDINGS,
  type BindingName,
  type ConfiguredValue,
  defaultOf,
  SETTINGS,
  type Setting,
  type SettingName,
  type SettingValue,
} from './setting-table.ts';

export type Environment = SettingValue<'ENVIRONMENT'>;
export type DeliveryMode = SettingValue<'DELIVERY_MODE'>;

/** The collector's settings, parsed and checked. Secrets are held here and nowhere else. */
export interface CollectorConfig {
  environment: Environment;
  /** `''` or a path like `/pj`, without a trailing slash. */
  basePath: string;
  /** Configured pixel ids by their lower-case form, mapping to the spelling configured. */
  pixelIds: ReadonlyMap<string, string>;
  allowedOrigins: OriginMatcher;
  /** Whether `/collect` takes beacons from an opaque origin (`Origin: null`), credentials ignored. */
  allowNullOrigin: boolean;
  upstream: {
    baseUrl: string;
    clientId: string;
    clientSecret: string | undefined;
    timeoutMs: number;
  };
  deliveryMode: DeliveryMode;
  /** The share of the API's quota beacons with an unverified click may spend, in percent. */
  unverifiedQuotaPercent: number;
  /** The most dead-letter records kept. */
  deadLetterMaxRecords: number;
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
  | {
      ok: false;
      basePath: string;
      missing: string[];
      invalid: ConfigIssue[];
      /**
       * The configuration delivery runs with when only settings it does not need are at fault
       * (defaults stand in for them); undefined when delivery itself cannot run.
       */
      delivery?: CollectorConfig;
    };

/** How long the queue consumer waits before retrying while the configuration is unusable. */
export const UNCONFIGURED_RETRY_SECONDS = Number(SETTINGS.AUTH_RETRY_DELAY_SECONDS.default);
const PLACEHOLDER_MARK = 'REPLACE_';

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

type Values = { [N in SettingName]: SettingValue<N> | undefined };
type Configured = { [N in SettingName]: ConfiguredValue<N> };

/** {@link loadConfig} without the cache: every row of the setting table, then the rules between settings. */
export function parseConfig(env: Env): ConfigState {
  const missing: string[] = [];
  const invalid: ConfigIssue[] = [];
  const warnings: string[] = [];

  // The environment comes first: production makes other settings stricter.
  const environment = readSetting(env, 'ENVIRONMENT', { production: true }, missing, invalid);
  const context: ParseContext = { production: environment !== 'development' };
  const values = { ENVIRONMENT: environment ?? 'production' } as Values;
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    if (name === 'ENVIRONMENT') continue;
    (values as Record<SettingName, unknown>)[name] = readSetting(
      env,
      name,
      context,
      missing,
      invalid,
    );
  }

  if (values.DELIVERY_MODE === 'batch' && values.PRISJAKT_CLIENT_SECRET === undefined) {
    missing.push('PRISJAKT_CLIENT_SECRET');
    invalid.push({
      setting: 'DELIVERY_MODE',
      reason: 'batch delivery needs a shop_user client and its PRISJAKT_CLIENT_SECRET',
    });
  }
  const retryIssues = invalid.some((issue) => issue.setting.startsWith('RETRY_'));
  const { RETRY_BASE_DELAY_SECONDS: base, RETRY_MAX_DELAY_SECONDS: max } = values;
  if (!retryIssues && base !== undefined && max !== undefined && max < base) {
    invalid.push({
      setting: 'RETRY_MAX_DELAY_SECONDS',
      reason: 'must not be below RETRY_BASE_DELAY_SECONDS',
    });
  }
  if (values.SERVER_TOKEN === undefined) {
    warnings.push('SERVER_TOKEN is not set: server-to-server intake is off');
  }
  if (values.ADMIN_TOKEN === undefined) {
    warnings.push('ADMIN_TOKEN is not set: dead-letter admin is off');
  }

  if (context.production) warnings.push(...productionWarnings(values));

  const bindings = readBindings(env, missing, invalid);
  const basePath = values.BASE_PATH ?? '';
  if (missing.length > 0 || invalid.length > 0 || bindings === undefined) {
    const state: ConfigState = { ok: false, basePath, missing: [...new Set(missing)], invalid };
    const deliveryBlocked = [...missing, ...invalid.map((issue) => issue.setting)].some(
      (name) => !(name in SETTINGS) || (SETTINGS[name as SettingName] as Setting<unknown>).delivery,
    );
    if (!deliveryBlocked && bindings !== undefined) {
      state.delivery = assemble(withFallbacks(values, context), bindings);
    }
    return state;
  }
  return { ok: true, warnings, config: assemble(values as Configured, bindings) };
}

/**
 * The values with every unusable setting that delivery does not need replaced by its default
 * (or, for the pixel ids, by none), so that the consumer can deliver while they are fixed.
 */
function withFallbacks(values: Values, context: ParseContext): Configured {
  const filled = { ...values } as Record<SettingName, unknown>;
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    if (filled[name] !== undefined) continue;
    const row: Setting<unknown> = SETTINGS[name];
    const fallback = defaultOf(name, context);
    const parsed = fallback === undefined ? undefined : row.parse(fallback, context);
    filled[name] = parsed !== undefined && 'value' in parsed ? parsed.value : undefined;
  }
  filled.PIXEL_IDS ??= new Map();
  return filled as Configured;
}

/**
 * Settings that work but are likely wrong in production, reported by `/healthz`. Those that
 * depend on the route's host (a cookie domain that does not cover it), or compare secrets (in
 * constant time, which is asynchronous), are checked there.
 */
function productionWarnings(values: Values): string[] {
  const warnings: string[] = [];
  if (values.ALLOWED_ORIGINS !== undefined && values.ALLOWED_ORIGINS.patterns.length === 0) {
    warnings.push(
      "ALLOWED_ORIGINS is empty: only pages on the collector's own origin may send beacons; a shop on www.shop.example posting to a collector on shop.example (or the reverse) is refused with 403. List every origin the shop's pages use.",
    );
  }
  return warnings;
}

/** One row of the table: its raw text, else its default, parsed; undefined when unusable. */
function readSetting<N extends SettingName>(
  env: Env,
  name: N,
  context: ParseContext,
  missing: string[],
  invalid: ConfigIssue[],
): SettingValue<N> | undefined {
  const row: Setting<unknown> = SETTINGS[name];
  const raw = env[name];
  let text = typeof raw === 'string' ? raw.trim() : '';
  if (text.includes(PLACEHOLDER_MARK)) {
    invalid.push({ setting: name, reason: `still holds a ${PLACEHOLDER_MARK}… placeholder` });
    return undefined;
  }
  if (text === '') text = defaultOf(name, context) ?? '';
  if (text === '' && row.default === undefined) {
    if (row.required) missing.push(name);
    return undefined;
  }
  const parsed = row.parse(text, context);
  if ('reason' in parsed) {
    invalid.push({ setting: name, reason: parsed.reason });
    const fallback = defaultOf(name, context);
    if (fallback === undefined) return undefined;
    const parsedDefault = row.parse(fallback, context);
    return 'value' in parsedDefault ? (parsedDefault.value as SettingValue<N>) : undefined;
  }
  return parsed.value as SettingValue<N>;
}

const BINDING_SHAPES: Record<(typeof BINDINGS)[BindingName]['kind'], readonly string[]> = {
  kv: ['get', 'put', 'list'],
  queue: ['send', 'sendBatch'],
  ratelimit: ['limit'],
};

type Bindings = { [N in BindingName]: NonNullable<Env[N]> };

function readBindings(env: Env, missing: string[], invalid: ConfigIssue[]): Bindings | undefined {
  const found: Partial<Record<BindingName, unknown>> = {};
  for (const name of Object.keys(BINDINGS) as BindingName[]) {
    const value: unknown = env[name];
    if (value === undefined || value === null) {
      missing.push(name);
    } else if (
      typeof value !== 'object' ||
      !BINDING_SHAPES[BINDINGS[name].kind].every((method) => method in value)
    ) {
      invalid.push({ setting: name, reason: 'is not the expected kind of binding' });
    } else {
      found[name] = value;
    }
  }
  const complete = (Object.keys(BINDINGS) as BindingName[]).every((name) => name in found);
  return complete ? (found as Bindings) : undefined;
}

function assemble(values: Configured, bindings: Bindings): CollectorConfig {
  return {
    environment: values.ENVIRONMENT,
    basePath: values.BASE_PATH,
    pixelIds: values.PIXEL_IDS,
    allowedOrigins: values.ALLOWED_ORIGINS,
    allowNullOrigin: values.ALLOW_NULL_ORIGIN,
    upstream: {
      baseUrl: values.PRISJAKT_API_URL,
      clientId: values.PRISJAKT_CLIENT_ID,
      clientSecret: values.PRISJAKT_CLIENT_SECRET,
      timeoutMs: values.UPSTREAM_TIMEOUT_MS,
    },
    deliveryMode: values.DELIVERY_MODE,
    unverifiedQuotaPercent: values.UNVERIFIED_QUOTA_PERCENT,
    deadLetterMaxRecords: values.DEAD_LETTER_MAX_RECORDS,
    cookie: { name: values.COOKIE_NAME, domain: values.COOKIE_DOMAIN, path: values.COOKIE_PATH },
    serverToken: values.SERVER_TOKEN,
    adminToken: values.ADMIN_TOKEN,
    retry: {
      baseDelaySeconds: values.RETRY_BASE_DELAY_SECONDS,
      maxDelaySeconds: values.RETRY_MAX_DELAY_SECONDS,
      authDelaySeconds: values.AUTH_RETRY_DELAY_SECONDS,
      retentionSeconds: values.MESSAGE_RETENTION_SECONDS,
    },
    queueNames: { events: values.EVENT_QUEUE_NAME, deadLetters: values.DEAD_LETTER_QUEUE_NAME },
    bindings: {
      dedupe: bindings.DEDUPE,
      deadLetters: bindings.DEAD_LETTERS,
      eventQueue: bindings.EVENT_QUEUE,
      deadLetterQueue: bindings.DEAD_LETTER_QUEUE,
      browserRateLimiter: bindings.BROWSER_RATE_LIMITER,
      serverRateLimiter: bindings.SERVER_RATE_LIMITER,
    },
  };
}
