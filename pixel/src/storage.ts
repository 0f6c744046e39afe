// Guarded access to localStorage and to the fallback cookie. Merely reading
// `window.localStorage` throws where the visitor blocks site data, and writing `document.cookie`
// may throw too: with both blocked, reads give nothing and writes do nothing.

/**
 * The value stored under `key`: from localStorage, else from the fallback cookie of that name
 * (a click stored while localStorage was unavailable is still read once it works again).
 * Null or undefined when neither holds one.
 *
 * @example readStored('pjpixel_conversion')
 */
export const readStored = (key: string): string | null | undefined => {
  let value: string | null | undefined;
  try {
    value = localStorage.getItem(key);
  } catch {
    // Site data blocked: the cookie may hold it.
  }
  try {
    // Read only when localStorage holds nothing. A missing cookie (every first visit) must not
    // throw: an exception's stack trace and message cost more than the rest of `init`.
    const cookie = value == null && document.cookie.match(`(^|; )${key}=([^;]*)`);
    if (cookie) value = decodeURIComponent(cookie[2] as string);
  } catch {
    // Cookies blocked, or a value that is not URI-encoded.
  }
  return value;
};

/** Stores a value in localStorage; false where localStorage is unavailable or full. */
export const writeLocal = (key: string, value: string): boolean => {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
};

/**
 * Sets a first-party cookie for the whole site, readable by script (it is the fallback of
 * localStorage): `SameSite=Lax`, `Secure` on https, for `maxAge` seconds (0 deletes it).
 */
export const writeCookie = (key: string, value: string, maxAge: number): void => {
  try {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and older Safari, and is asynchronous.
    document.cookie = `${key}=${encodeURIComponent(value)};path=/;max-age=${maxAge};samesite=lax${location.protocol === 'https:' ? ';secure' : ''}`;
  } catch {
    // Cookies blocked: degrade silently.
  }
};

/** Removes values from localStorage and from the fallback cookie. */
export const removeStored = (...keys: string[]): void => {
  for (const key of keys) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Unavailable: nothing was kept there.
    }
    writeCookie(key, '', 0);
  }
};
