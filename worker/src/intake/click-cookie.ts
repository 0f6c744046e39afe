import { DAY_SECONDS, LIMITS } from '#shared/limits.ts';
import { isSignedClickId } from '#shared/pjclid.ts';

/** Purchases within 30 days of a click are attributed to it; the cookie lives as long. */
export const CLICK_COOKIE_MAX_AGE_SECONDS = LIMITS.attributionWindowDays * DAY_SECONDS;

export interface ClickCookieSettings {
  name: string;
  /** Undefined: a host-only cookie. */
  domain: string | undefined;
  path: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');
}

/**
 * The `Set-Cookie` value holding a click (RFC 6265bis): HttpOnly so page scripts cannot read or
 * lose it, SameSite=Lax, 30 days. `Secure` is left out only on plain-http localhost, where a
 * browser would drop a Secure cookie. `Domain` is set only when the request's host lies within
 * it, since a browser rejects a cookie for a foreign domain (a local run of a production
 * configuration then still gets a host-only cookie).
 *
 * @example clickCookie({ name: 'pjclid', domain: 'shop.example', path: '/' }, id, url)
 * // 'pjclid=239cd31f-…; Max-Age=2592000; Path=/; Domain=shop.example; HttpOnly; Secure; SameSite=Lax'
 */
export function clickCookie(
  settings: ClickCookieSettings,
  signedClickId: string,
  requestUrl: URL,
): string {
  return cookieHeader(settings, signedClickId, CLICK_COOKIE_MAX_AGE_SECONDS, requestUrl);
}

/**
 * The `Set-Cookie` values that erase the click (Max-Age=0, RFC 6265bis 5.6): one with the
 * configured attributes, and a host-only one too when a Domain is configured, since a cookie
 * is only replaced by one with the same name, domain and path, and an older deployment may have
 * left either.
 */
export function clearedClickCookies(settings: ClickCookieSettings, requestUrl: URL): string[] {
  const cleared = [cookieHeader(settings, '', 0, requestUrl)];
  if (settings.domain !== undefined) {
    cleared.push(cookieHeader({ ...settings, domain: undefined }, '', 0, requestUrl));
  }
  return [...new Set(cleared)];
}

function cookieHeader(
  settings: ClickCookieSettings,
  value: string,
  maxAgeSeconds: number,
  requestUrl: URL,
): string {
  const parts = [`${settings.name}=${value}`, `Max-Age=${maxAgeSeconds}`, `Path=${settings.path}`];
  const host = requestUrl.hostname.toLowerCase();
  const domain = settings.domain;
  if (domain !== undefined && (host === domain || host.endsWith(`.${domain}`))) {
    parts.push(`Domain=${domain}`);
  }
  parts.push('HttpOnly');
  if (!(requestUrl.protocol === 'http:' && isLoopback(host))) parts.push('Secure');
  parts.push('SameSite=Lax');
  return parts.join('; ');
}

/**
 * The click held in the collector's cookie, if a well-formed one came with the request. With
 * several cookies of that name (a host-only and a domain one), the first valid one wins: the
 * browser sends the most specific first.
 */
export function readClickCookie(
  cookieHeader: string | undefined,
  name: string,
): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() !== name) continue;
    let value = pair.slice(separator + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1);
    if (isSignedClickId(value)) return value;
  }
  return undefined;
}
