/**
 * The API answers at the root and under Prisjakt's own path prefix, so clients configured with a
 * path-prefixed base URL (`https://api.pj.nu/click-conversion`) are exercised too.
 */
export const API_BASE_PATHS = ['', '/click-conversion'] as const;

/** The emulator's own controls, which the real API does not have. */
export const CONTROL_PREFIX = '/__emulator';

/** The path with any base prefix taken off: `/click-conversion/health` → `/health`. */
export function apiPath(pathname: string): string {
  for (const base of API_BASE_PATHS) {
    if (base !== '' && (pathname === base || pathname.startsWith(`${base}/`))) {
      return pathname.slice(base.length) || '/';
    }
  }
  return pathname;
}

export function isControlPath(pathname: string): boolean {
  const path = apiPath(pathname);
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** The base prefix a request came in under: `/click-conversion/health` → `/click-conversion`. */
export function basePrefix(pathname: string): string {
  return pathname.slice(0, pathname.length - apiPath(pathname).length);
}
