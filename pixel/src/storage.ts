/** What the pixel keeps in the browser: strings under keys. Never throws. */
export interface KeyValueStore {
  get(key: string): string | null;
  /** `cookieFallback`: where localStorage is unavailable, keep the value in a cookie instead. */
  set(key: string, value: string, cookieFallback?: boolean): void;
  remove(key: string): void;
}

/** The part of `document` the cookie fallback uses. */
export interface CookieJar {
  cookie: string;
}

const COOKIE_MAX_AGE_S = 30 * 86400;

/**
 * A store on localStorage with a first-party cookie as fallback. `local` is a function because
 * merely reading `window.localStorage` throws where the visitor blocks site data. With storage
 * and cookies both blocked, reads give null and writes do nothing.
 *
 * @example createStore(() => localStorage, document, location.protocol === 'https:')
 */
export function createStore(local: () => Storage, jar: CookieJar, secure: boolean): KeyValueStore {
  const readCookie = (key: string) => {
    try {
      const value = jar.cookie.match(`(?:^|; )${key}=([^;]*)`)?.[1];
      return value ? decodeURIComponent(value) : null;
    } catch {
      return null;
    }
  };
  const writeCookie = (key: string, value: string, maxAge: number) => {
    try {
      jar.cookie = `${key}=${encodeURIComponent(value)};path=/;max-age=${maxAge};samesite=lax${secure ? ';secure' : ''}`;
    } catch {
      // Cookies blocked: degrade silently.
    }
  };
  return {
    get(key) {
      let value: string | null = null;
      try {
        value = local().getItem(key);
      } catch {
        // Site data blocked: the cookie may still hold it.
      }
      return value ?? readCookie(key);
    },
    set(key, value, cookieFallback) {
      try {
        local().setItem(key, value);
      } catch {
        if (cookieFallback) writeCookie(key, value, COOKIE_MAX_AGE_S);
      }
    },
    remove(key) {
      try {
        local().removeItem(key);
      } catch {
        // Unavailable: nothing was kept there.
      }
      writeCookie(key, '', 0);
    },
  };
}
