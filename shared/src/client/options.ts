/**
 * How a {@link PrisjaktClient} reaches the API. Optional settings also accept `undefined`, which
 * means the default, so a value read from a possibly unset variable can be passed as it is.
 */
export interface PrisjaktClientOptions {
  /**
   * The API's base URL, path prefix included, e.g. `https://api.pj.nu/click-conversion`. A
   * trailing slash is tolerated.
   */
  baseUrl: string;
  /** Sent as `client-id` on every authenticated call. */
  clientId: string;
  /** Sent as `client-secret` when given; the header is left out when undefined. */
  clientSecret?: string | undefined;
  /** Default: `globalThis.fetch`, looked up at call time (and so always correctly bound). */
  fetch?: typeof fetch | undefined;
  /** Per request, until the whole body has arrived. Default 10 000 ms; then kind `'timeout'`. */
  timeoutMs?: number | undefined;
  /** On 429, wait until the reset and retry this many times. Default 3; 0 throws at once. */
  maxRateLimitRetries?: number | undefined;
  /** Never sleep longer than this for one reset (default 60 000 ms); throw the 429 instead. */
  maxRateLimitWaitMs?: number | undefined;
}

/** The options with defaults applied and checked; what the transport works with. */
export interface ResolvedOptions {
  /** Origin and path prefix; the prefix has no trailing slash (`''` for none). */
  origin: string;
  pathPrefix: string;
  clientId: string;
  clientSecret: string | undefined;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRateLimitRetries: number;
  maxRateLimitWaitMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 3;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * Applies defaults and rejects options that cannot work, with a message naming the option. The
 * client secret is never part of a message.
 *
 * @throws TypeError or RangeError for an unusable option.
 */
export function resolveOptions(options: PrisjaktClientOptions): ResolvedOptions {
  const base = parseBaseUrl(options.baseUrl);
  if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    throw new TypeError('clientId must be a non-empty string');
  }
  if (options.clientSecret !== undefined && typeof options.clientSecret !== 'string') {
    throw new TypeError('clientSecret must be a string when given');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('fetch must be a function when given');
  }
  const customFetch = options.fetch;
  return {
    ...base,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    // Looked up per call rather than stored: an unbound `fetch` throws "Illegal invocation" in
    // Workers, and tests or polyfills may replace the global after the client was made.
    fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: positive('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxRateLimitRetries: count(
      'maxRateLimitRetries',
      options.maxRateLimitRetries,
      DEFAULT_MAX_RATE_LIMIT_RETRIES,
    ),
    maxRateLimitWaitMs: nonNegative(
      'maxRateLimitWaitMs',
      options.maxRateLimitWaitMs,
      DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
    ),
  };
}

function parseBaseUrl(value: unknown): { origin: string; pathPrefix: string } {
  if (typeof value !== 'string') throw new TypeError('baseUrl must be a string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be an http or https URL, got ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('baseUrl must not carry credentials; use clientId and clientSecret');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError('baseUrl must not have a query or a fragment');
  }
  return { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') };
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
  }
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be zero or a positive number of milliseconds, got ${value}`);
  }
  return value;
}

function count(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number, zero or more, got ${value}`);
  }
  return value;
}
