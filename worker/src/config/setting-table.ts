import {
  allowedOrigins,
  anyText,
  apiUrl,
  basePath,
  bearerToken,
  cookieDomain,
  cookieName,
  cookiePath,
  logLevel,
  MAX_QUEUE_DELAY_SECONDS,
  oneOf,
  type ParseContext,
  type Parser,
  pixelIdList,
  trueOrFalse,
  wholeNumber,
} from './parsers.ts';

/**
 * Every setting the collector reads, in one table: its kind, its default, how it is parsed
 * (with the production rule inside the parser) and its one-line doc. The parsing
 * (`settings.ts`), `/healthz`'s report and the settings table of
 * docs/collector.md (`npm run docs`) all come from here, so a new setting is one row
 * here plus its line in `wrangler.toml`.
 */
export interface Setting<T> {
  kind: 'var' | 'secret';
  /** Without a value: a required setting is reported missing, an optional one is undefined. */
  required?: true;
  /** The value used when none is set, or a function of the environment. */
  default?: string | ((context: ParseContext) => string);
  /** The default as the docs show it, where the raw default would not say enough. */
  defaultDoc?: string;
  parse: Parser<T>;
  doc: string;
  /**
   * Delivery needs it. The queue consumer delivers whenever these are usable, whatever else is
   * wrong: an intake-side mistake (an origin list, a log level) must not hold purchases back.
   */
  delivery?: true;
}

/** Keeps a row's own type, so whether it has a default or is required stays known to the types. */
function setting<T, const R extends Setting<T>>(row: R & Setting<T>): R {
  return row;
}

/** What `wrangler dev` and `npm start` accept from browsers when nothing else is configured. */
export const DEVELOPMENT_ORIGINS = 'http://localhost:*, http://127.0.0.1:*';

export const SETTINGS = {
  PIXEL_IDS: setting({
    kind: 'var',
    required: true,
    parse: pixelIdList,
    doc: 'pixel ids this collector serves, comma- or space-separated; any other gets `404`',
  }),
  PRISJAKT_CLIENT_ID: setting({
    delivery: true,
    kind: 'var',
    required: true,
    parse: anyText,
    doc: 'the API client id',
  }),
  PRISJAKT_CLIENT_SECRET: setting({
    delivery: true,
    kind: 'secret',
    parse: anyText,
    defaultDoc: 'none',
    doc: 'its secret; required for `DELIVERY_MODE=batch`, sent on single creates when set',
  }),
  PRISJAKT_API_URL: setting({
    delivery: true,
    kind: 'var',
    default: 'https://api.pj.nu/click-conversion',
    parse: apiUrl,
    doc: "the API's base URL, path prefix kept; `https` in production",
  }),
  ENVIRONMENT: setting({
    delivery: true,
    kind: 'var',
    default: 'production',
    parse: oneOf(['development', 'production'] as const),
    doc: '`production` or `development`; production refuses `http` URLs and origins, local tokens, short tokens and `REPLACE_` placeholders',
  }),
  BASE_PATH: setting({
    kind: 'var',
    default: '',
    defaultDoc: "`''` (root)",
    parse: basePath,
    doc: 'the path the routes sit under, e.g. `/pj`',
  }),
  ALLOWED_ORIGINS: setting({
    kind: 'var',
    default: ({ production }) => (production ? '' : DEVELOPMENT_ORIGINS),
    defaultDoc: `production: none; development: \`${DEVELOPMENT_ORIGINS}\``,
    parse: allowedOrigins,
    doc: "extra browser origins; `*` stands for one host label (`https://*.shop.example`) or the port; the route's own origin is always allowed",
  }),
  ALLOW_NULL_ORIGIN: setting({
    kind: 'var',
    default: ({ production }) => (production ? 'false' : 'true'),
    defaultDoc: 'production: `false`; development: `true`',
    parse: trueOrFalse,
    doc: "`true` accepts beacons sent from an opaque origin (`Origin: null`), as Shopify's custom-pixel sandbox sends them: on `/collect` only, and with cookies ignored, so it allows nothing a request without an `Origin` could not already do",
  }),
  COOKIE_NAME: setting({
    kind: 'var',
    default: 'pjclid',
    parse: cookieName,
    doc: "the click cookie's name",
  }),
  COOKIE_DOMAIN: setting({
    kind: 'var',
    defaultDoc: 'none (host-only)',
    parse: cookieDomain,
    doc: 'e.g. `shop.example`, so a landing on `www.` covers `checkout.`',
  }),
  COOKIE_PATH: setting({
    kind: 'var',
    default: '/',
    parse: cookiePath,
    doc: "the cookie's path",
  }),
  SERVER_TOKEN: setting({
    kind: 'secret',
    defaultDoc: 'none: the server route is off (`404`)',
    parse: bearerToken,
    doc: 'bearer token of `POST /server/pixels/{id}/events`; at least 16 characters in production',
  }),
  ADMIN_TOKEN: setting({
    kind: 'secret',
    defaultDoc: 'none: the admin routes are off (`404`)',
    parse: bearerToken,
    doc: 'bearer token of the dead-letter admin; at least 16 characters in production',
  }),
  DELIVERY_MODE: setting({
    delivery: true,
    kind: 'var',
    default: 'single',
    parse: oneOf(['single', 'batch'] as const),
    doc: '`single` (one request per event; works with an `event_publisher` client) or `batch` (up to 100 per request; needs `shop_user` and the secret)',
  }),
  UNVERIFIED_QUOTA_PERCENT: setting({
    delivery: true,
    kind: 'var',
    default: '25',
    parse: wholeNumber(100),
    doc: "most of the API's hourly quota that beacons with an unverified click may spend (those whose click the collector's cookie does not hold); server reports and seen clicks keep the rest",
  }),
  DEAD_LETTER_MAX_RECORDS: setting({
    delivery: true,
    kind: 'var',
    default: '10000',
    parse: wholeNumber(1_000_000, { min: 1 }),
    doc: 'the most dead letters kept; past it new ones are dropped, logged (`dead_letter.dropped`) and counted in the listing',
  }),
  UPSTREAM_TIMEOUT_MS: setting({
    delivery: true,
    kind: 'var',
    default: '10000',
    parse: wholeNumber(600_000, { min: 1 }),
    doc: 'per API request',
  }),
  RETRY_BASE_DELAY_SECONDS: setting({
    delivery: true,
    kind: 'var',
    default: '30',
    parse: wholeNumber(MAX_QUEUE_DELAY_SECONDS),
    doc: 'first backoff step after a 5xx, timeout or network error',
  }),
  RETRY_MAX_DELAY_SECONDS: setting({
    delivery: true,
    kind: 'var',
    default: '3600',
    parse: wholeNumber(MAX_QUEUE_DELAY_SECONDS),
    doc: `backoff cap (Queues allow at most ${MAX_QUEUE_DELAY_SECONDS})`,
  }),
  AUTH_RETRY_DELAY_SECONDS: setting({
    delivery: true,
    kind: 'var',
    default: '1800',
    parse: wholeNumber(MAX_QUEUE_DELAY_SECONDS),
    doc: 'delay after a `401` (wrong credentials): retried slowly, never dropped',
  }),
  MESSAGE_RETENTION_SECONDS: setting({
    delivery: true,
    kind: 'var',
    // Cloudflare Queues' default retention on paid plans (4 days); the Free plan keeps 24 hours.
    default: '345600',
    defaultDoc: '`345600` (4 days)',
    parse: wholeNumber(1_209_600),
    doc: "the queue's retention; a retry that would outlive it is dead-lettered instead; `86400` on the Free plan",
  }),
  EVENT_QUEUE_NAME: setting({
    delivery: true,
    kind: 'var',
    default: 'pjcollector-events',
    parse: anyText,
    doc: "must match the event queue's name",
  }),
  DEAD_LETTER_QUEUE_NAME: setting({
    delivery: true,
    kind: 'var',
    default: 'pjcollector-dead-letters',
    parse: anyText,
    doc: "must match the dead-letter queue's name",
  }),
  LOG_LEVEL: setting({
    kind: 'var',
    default: 'info',
    parse: logLevel,
    doc: '`debug`, `info`, `warn` or `error`',
  }),
} satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof SETTINGS;

/** A setting's parsed type. */
export type SettingValue<N extends SettingName> =
  (typeof SETTINGS)[N] extends Setting<infer T> ? T : never;

/** A setting's type once the configuration is complete: undefined only when it may be unset. */
export type ConfiguredValue<N extends SettingName> = (typeof SETTINGS)[N] extends
  | { default: unknown }
  | { required: true }
  ? SettingValue<N>
  : SettingValue<N> | undefined;

/** The bindings, checked by their shape: a wrong binding in wrangler.toml is named, not used. */
export interface Binding {
  kind: 'kv' | 'queue' | 'ratelimit';
  doc: string;
}

export const BINDINGS = {
  DEDUPE: { kind: 'kv', doc: 'the duplicate guard (one key per order id, 30 days)' },
  DEAD_LETTERS: { kind: 'kv', doc: 'the dead-letter store (no expiry)' },
  EVENT_QUEUE: { kind: 'queue', doc: 'accepted events' },
  DEAD_LETTER_QUEUE: { kind: 'queue', doc: 'events given up on' },
  BROWSER_RATE_LIMITER: {
    kind: 'ratelimit',
    doc: 'per client address on `/collect` (production: 20 a minute)',
  },
  SERVER_RATE_LIMITER: {
    kind: 'ratelimit',
    doc: 'per pixel on the server route (600 a minute)',
  },
} as const satisfies Record<string, Binding>;

export type BindingName = keyof typeof BINDINGS;

/** The default a setting takes in this environment, if it has one. */
export function defaultOf(name: SettingName, context: ParseContext): string | undefined {
  const row: Setting<unknown> = SETTINGS[name];
  return typeof row.default === 'function' ? row.default(context) : row.default;
}
