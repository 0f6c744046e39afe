import { afterEach, describe, expect, it } from 'vitest';
import { readStored, removeStored, writeCookie, writeLocal } from '#pixel/storage.ts';
import {
  blocked,
  installStorageGlobals,
  MemoryCookieJar,
  MemoryStorage,
} from './memory-storage.ts';

const MAX_AGE = 30 * 86400;
let uninstall = () => {};
afterEach(() => uninstall());

describe('the pixel store', () => {
  it('keeps values in localStorage and never in a cookie when localStorage works', () => {
    const local = new MemoryStorage();
    const jar = new MemoryCookieJar();
    uninstall = installStorageGlobals({ localStorage: local, document: jar });
    expect(writeLocal('pjpixel_conversion', '{"clickId":"x"}')).toBe(true);
    expect(local.getItem('pjpixel_conversion')).toBe('{"clickId":"x"}');
    expect(jar.written).toEqual([]);
    expect(readStored('pjpixel_conversion')).toBe('{"clickId":"x"}');
  });

  it('reports a write localStorage refused, and writes no cookie by itself', () => {
    const jar = new MemoryCookieJar();
    uninstall = installStorageGlobals({ localStorage: blocked, document: jar });
    expect(writeLocal('pjpixel_events', '[]')).toBe(false);
    expect(jar.written).toEqual([]);
    expect(readStored('pjpixel_events')).toBeUndefined();
    uninstall();
    uninstall = installStorageGlobals({ localStorage: new MemoryStorage(true), document: jar });
    expect(writeLocal('pjpixel_events', '[]')).toBe(false);
  });

  it('falls back to a first-party cookie, read back when localStorage is blocked', () => {
    const jar = new MemoryCookieJar();
    uninstall = installStorageGlobals({ localStorage: blocked, document: jar });
    writeCookie('pjpixel_conversion', '{"clickId":"a b;c"}', MAX_AGE);
    expect(jar.written).toHaveLength(1);
    expect(jar.written[0]).toMatch(
      /^pjpixel_conversion=[^; ]+;path=\/;max-age=2592000;samesite=lax;secure$/,
    );
    expect(readStored('pjpixel_conversion')).toBe('{"clickId":"a b;c"}');
  });

  it('reads only the cookie of that name', () => {
    const jar = new MemoryCookieJar();
    uninstall = installStorageGlobals({ localStorage: blocked, document: jar });
    jar.cookie = 'xpjpixel_conversion=other';
    jar.cookie = 'pjpixel_conversion_old=older';
    expect(readStored('pjpixel_conversion')).toBeUndefined();
    jar.cookie = 'pjpixel_conversion=mine';
    expect(readStored('pjpixel_conversion')).toBe('mine');
  });

  it('omits the Secure attribute on plain http (local development)', () => {
    const jar = new MemoryCookieJar();
    uninstall = installStorageGlobals({ localStorage: blocked, document: jar, protocol: 'http:' });
    writeCookie('k', 'v', MAX_AGE);
    expect(jar.written[0]).toBe('k=v;path=/;max-age=2592000;samesite=lax');
  });

  it('reads a cookie written while localStorage was blocked once it works again', () => {
    const jar = new MemoryCookieJar();
    uninstall = installStorageGlobals({ localStorage: blocked, document: jar });
    writeCookie('k', 'from-cookie', MAX_AGE);
    uninstall();
    uninstall = installStorageGlobals({ localStorage: new MemoryStorage(), document: jar });
    expect(readStored('k')).toBe('from-cookie');
  });

  it('removes from both places', () => {
    const local = new MemoryStorage();
    const jar = new MemoryCookieJar();
    uninstall = installStorageGlobals({ localStorage: local, document: jar });
    writeCookie('k', 'old', MAX_AGE);
    writeLocal('k', 'new');
    writeLocal('other', 'kept');
    removeStored('k');
    expect(local.getItem('k')).toBeNull();
    expect(local.getItem('other')).toBe('kept');
    expect(jar.cookie).toBe('');
    expect(readStored('k')).toBeNull();
  });

  it('never throws when storage and cookies are both blocked', () => {
    const jar = {
      get cookie(): string {
        return blocked();
      },
      set cookie(_value: string) {
        blocked();
      },
    };
    uninstall = installStorageGlobals({ localStorage: blocked, document: jar });
    expect(writeLocal('k', 'v')).toBe(false);
    expect(() => writeCookie('k', 'v', MAX_AGE)).not.toThrow();
    expect(readStored('k')).toBeUndefined();
    expect(() => removeStored('k', 'l')).not.toThrow();
  });

  it('ignores a cookie value that is not valid URI encoding', () => {
    const jar = new MemoryCookieJar();
    uninstall = installStorageGlobals({ localStorage: new MemoryStorage(), document: jar });
    jar.cookie = 'k=%E0%A4%A';
    expect(readStored('k')).toBeNull();
  });
});
