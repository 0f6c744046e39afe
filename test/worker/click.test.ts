import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { collector, SHOP_ORIGIN } from './support/collector.ts';

const CLICK = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';
const NEWER_CLICK = 'feeb31ed-22b0-43d2-88e5-8baaba2b26ad_e4c03e8bf0df72e5';

function attributes(setCookie: string): Map<string, string> {
  const [, ...rest] = setCookie.split(';').map((part) => part.trim());
  return new Map(
    rest.map((part) => {
      const [name = '', value = ''] = part.split('=');
      return [name.toLowerCase(), value];
    }),
  );
}

describe('GET /click', () => {
  it('sets a first-party HttpOnly, SameSite=Lax cookie for 30 days, without Secure on http localhost', async () => {
    const response = await exports.default.fetch(`http://localhost:8787/pj/click?pjclid=${CLICK}`, {
      headers: { Origin: 'http://localhost:8787' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie.startsWith(`pjclid=${CLICK};`)).toBe(true);
    const attrs = attributes(cookie);
    expect(attrs.get('max-age')).toBe(String(30 * 24 * 60 * 60));
    expect(attrs.get('path')).toBe('/');
    expect(attrs.has('httponly')).toBe(true);
    expect(attrs.get('samesite')).toBe('Lax');
    expect(attrs.has('secure')).toBe(false);
    expect(attrs.has('domain')).toBe(false);
  });

  it('marks the cookie Secure on https and on non-local http hosts', async () => {
    for (const url of [
      `https://shop.example/pj/click?pjclid=${CLICK}`,
      `http://shop.example/pj/click?pjclid=${CLICK}`,
    ]) {
      const response = await exports.default.fetch(url);
      expect(response.status).toBe(204);
      expect(attributes(response.headers.get('Set-Cookie') ?? '').has('secure'), url).toBe(true);
    }
  });

  it('keeps the click id byte for byte', async () => {
    const upper = CLICK.toUpperCase();
    const response = await collector(`/click?pjclid=${upper}`);
    expect(response.headers.get('Set-Cookie')?.startsWith(`pjclid=${upper};`)).toBe(true);
  });

  it('lets a newer click replace an older one (last click wins)', async () => {
    const first = await collector(`/click?pjclid=${CLICK}`);
    const second = await collector(`/click?pjclid=${NEWER_CLICK}`, {
      headers: { Cookie: `pjclid=${CLICK}` },
    });
    expect(first.headers.get('Set-Cookie')).toContain(CLICK);
    expect(second.headers.get('Set-Cookie')?.startsWith(`pjclid=${NEWER_CLICK};`)).toBe(true);
  });

  it.each([
    ['missing', ''],
    ['without signature', '?pjclid=239cd31f-9d43-4cb4-b8dc-2057fe18c289'],
    ['not version 4', '?pjclid=239cd31f-9d43-1cb4-b8dc-2057fe18c289_1b05fa7f1c34d125'],
    ['with a short signature', '?pjclid=239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f'],
    ['with a cookie-injection attempt', `?pjclid=${CLICK}%3B%20Domain%3Devil.example`],
  ])('refuses a click id %s with 400 and sets no cookie', async (_label, query) => {
    const response = await collector(`/click${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    const problem = (await response.json()) as { field_errors: Record<string, unknown> };
    expect(Object.keys(problem.field_errors)).toEqual(['pjclid']);
  });

  it('answers CORS with credentials to an allowed origin and refuses a foreign one without a cookie', async () => {
    const allowed = await collector(`/click?pjclid=${CLICK}`, { headers: { Origin: SHOP_ORIGIN } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(SHOP_ORIGIN);
    expect(allowed.headers.get('Access-Control-Allow-Credentials')).toBe('true');

    const foreign = await collector(`/click?pjclid=${CLICK}`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('Set-Cookie')).toBeNull();
  });

  it('answers 405 for a POST', async () => {
    const response = await collector(`/click?pjclid=${CLICK}`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('DELETE /click', () => {
  it('erases the click cookie with the attributes it was set with', async () => {
    const response = await collector('/click', {
      method: 'DELETE',
      headers: { Origin: SHOP_ORIGIN, Cookie: `pjclid=${CLICK}` },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(SHOP_ORIGIN);
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie.startsWith('pjclid=;')).toBe(true);
    const attrs = attributes(cookie);
    expect(attrs.get('max-age')).toBe('0');
    expect(attrs.get('path')).toBe('/');
    expect(attrs.has('httponly')).toBe(true);
  });

  it('answers the preflight of an allowed origin with DELETE allowed, and refuses a foreign one', async () => {
    const preflight = await collector('/click', {
      method: 'OPTIONS',
      headers: { Origin: SHOP_ORIGIN, 'Access-Control-Request-Method': 'DELETE' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('DELETE');

    const foreign = await collector('/click', {
      method: 'DELETE',
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('Set-Cookie')).toBeNull();
  });
});
