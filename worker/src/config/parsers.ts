import { isUuidV4 } from '#shared/pjclid.ts';
import { isLogLevel, type LogLevel } from '../log.ts';
import { type OriginMatcher, parseAllowedOrigins } from './origins.ts';
import { isPublicSuffix } from './public-suffixes.ts';

/** A setting's value, or why it cannot be used. The reason never repeats the value. */
export type Parsed<T> = { value: T } | { reason: string };

/** What a parser may know besides the value: production is stricter. */
export interface ParseContext {
  production: boolean;
}

export type Parser<T> = (raw: string, context: ParseContext) => Parsed<T>;

/** A Queue refuses retry delays beyond 12 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 43_200;
const MIN_PRODUCTION_TOKEN_LENGTH = 16;
const DEVELOPMENT_TOKENS = new Set(['local-dev-token', 'local-dev-admin-token']);
const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_DOMAIN_PATTERN =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const PATH_PATTERN = /^\/[A-Za-z0-9._~!$&'()*+,=:@%/-]*$/;

export const anyText: Parser<string> = (raw) => ({ value: raw });

export function oneOf<T extends string>(choices: readonly T[]): Parser<T> {
  const quoted = choices.map((choice) => `"${choice}"`).join(' or ');
  return (raw) =>
    (choices as readonly string[]).includes(raw)
      ? { value: raw as T }
      : { reason: `must be ${quoted}` };
}

export function wholeNumber(max: number, options: { min?: number } = {}): Parser<number> {
  return (raw) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value > max) {
      return { reason: `must be a whole number from 0 to ${max}` };
    }
    if (options.min !== undefined && value < options.min) {
      return { reason: `must be above ${options.min - 1}` };
    }
    return { value };
  };
}

/** `''` or a path like `/pj`, without a trailing slash. */
export const basePath: Parser<string> = (raw) => {
  const path = raw.replace(/\/+$/, '');
  return path === '' || PATH_PATTERN.test(path)
    ? { value: path }
    : { reason: 'must be a path like /pj' };
};

/** Pixel ids by their lower-case form, mapping to the spelling configured. */
export const pixelIdList: Parser<ReadonlyMap<string, string>> = (raw) => {
  const ids = new Map<string, string>();
  for (const id of raw.split(/[\s,]+/).filter((part) => part !== '')) {
    if (!isUuidV4(id)) return { reason: 'every entry must be a pixel id (a UUIDv4)' };
    ids.set(id.toLowerCase(), id);
  }
  return { value: ids };
};

export const trueOrFalse: Parser<boolean> = (raw) =>
  raw === 'true' || raw === 'false'
    ? { value: raw === 'true' }
    : { reason: 'must be "true" or "false"' };

export const allowedOrigins: Parser<OriginMatcher> = (raw, { production }) => {
  const origins = parseAllowedOrigins(raw, production);
  return origins.ok ? { value: origins.matcher } : { reason: origins.reason };
};

/** The API's base URL: https in production, path prefix kept, nothing else in it. */
export const apiUrl: Parser<string> = (raw, { production }) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: 'must be an absolute URL' };
  }
  if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) {
    return { reason: production ? 'must be an https URL' : 'must be an http(s) URL' };
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return { reason: 'must not carry a query, fragment or credentials' };
  }
  return { value: raw };
};

export const cookieName: Parser<string> = (raw) =>
  COOKIE_NAME_PATTERN.test(raw) ? { value: raw } : { reason: 'must be a cookie name token' };

/** A host name; in production not a public suffix, for which browsers refuse the cookie. */
export const cookieDomain: Parser<string> = (raw, { production }) => {
  const domain = raw.toLowerCase().replace(/^\./, '');
  if (!COOKIE_DOMAIN_PATTERN.test(domain))
    return { reason: 'must be a host name like shop.example' };
  if (production && isPublicSuffix(domain)) {
    return {
      reason:
        'is a public suffix (anyone can register a name under it), so browsers refuse the cookie: use the shop’s own domain, e.g. shop.example',
    };
  }
  return { value: domain };
};

export const cookiePath: Parser<string> = (raw) =>
  PATH_PATTERN.test(raw) && !raw.includes(';')
    ? { value: raw }
    : { reason: 'must be a path like /' };

/** A bearer token: in production neither a local-development token nor a short one. */
export const bearerToken: Parser<string> = (raw, { production }) => {
  if (!production) return { value: raw };
  if (DEVELOPMENT_TOKENS.has(raw)) return { reason: 'is a local-development token' };
  if (raw.length < MIN_PRODUCTION_TOKEN_LENGTH) {
    return { reason: `must be at least ${MIN_PRODUCTION_TOKEN_LENGTH} characters` };
  }
  return { value: raw };
};

export const logLevel: Parser<LogLevel> = (raw) => {
  const level = raw.toLowerCase();
  return isLogLevel(level) ? { value: level } : { reason: 'must be debug, info, warn or error' };
};
