import { describe, expect, it } from 'vitest';
import { createStore } from '../../pixel/src/storage.ts';
import { MemoryCookieJar, MemoryStorage } from './memory-storage.ts';

describe('the pixel store', () => {
  it('keeps values in localStorage and never in a cookie when localStorage works', () => {
    const local = new MemoryStorage();
    const jar = new MemoryCookieJar();
    const store = createStore(() => local, jar, true);
    store.set('pjpixel_conversion', '{"clickId":"x"}', true);
    expect(local.getItem('pjpixel_conversion')).toBe('{"clickId":"x"}');
    expect(jar.written).toEqual([]);
    expect(store.get('pjpixel_conversion')).toBe('{"clickId":"x"}');
  });

  it('falls back to a first-party cookie when localStorage is blocked', () => {
    const jar = new MemoryCookieJar();
    const store = createStore(() => new MemoryStorage(true), jar, true);
    store.set('pjpixel_conversion', '{"clickId":"a b;c"}', true);
    expect(jar.written).toHaveLength(1);
    expect(jar.written[0]).toMatch(
      /^pjpixel_conversion=[^;]+;path=\/;max-age=2592000;samesite=lax;secure$/,
    );
    expect(store.get('pjpixel_conversion')).toBe('{"clickId":"a b;c"}');
  });

  it('omits the Secure attribute on plain http (local development)', () => {
    const jar = new MemoryCookieJar();
    createStore(() => new MemoryStorage(true), jar, false).set('k', 'v', true);
    expect(jar.written[0]).not.toContain('secure');
  });

  it('keeps values without cookie fallback out of cookies', () => {
    const jar = new MemoryCookieJar();
    const store = createStore(() => new MemoryStorage(true), jar, true);
    store.set('pjpixel_events', '[]');
    expect(jar.written).toEqual([]);
    expect(store.get('pjpixel_events')).toBeNull();
  });

  it('reads a cookie written while localStorage was blocked once it works again', () => {
    const jar = new MemoryCookieJar();
    createStore(() => new MemoryStorage(true), jar, true).set('k', 'from-cookie', true);
    expect(createStore(() => new MemoryStorage(), jar, true).get('k')).toBe('from-cookie');
  });

  it('removes from both places', () => {
    const local = new MemoryStorage();
    const jar = new MemoryCookieJar();
    createStore(() => new MemoryStorage(true), jar, true).set('k', 'old', true);
    const store = createStore(() => local, jar, true);
    store.set('k', 'new', true);
    store.remove('k');
    expect(local.getItem('k')).toBeNull();
    expect(jar.cookie).toBe('');
    expect(store.get('k')).toBeNull();
  });

  it('never throws when storage and cookies are both blocked', () => {
    const jar = {
      get cookie(): string {
        throw new DOMException('blocked', 'SecurityError');
      },
      set cookie(_value: string) {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    const store = createStore(
      () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      jar,
      true,
    );
    expect(() => store.set('k', 'v', true)).not.toThrow();
    expect(store.get('k')).toBeNull();
    expect(() => store.remove('k')).not.toThrow();
  });
});
