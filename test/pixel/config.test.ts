import { describe, expect, it } from 'vitest';
import { defaultEndpoint } from '#pixel/config.ts';
import { hashString } from '#pixel/purchase.ts';

describe('the default endpoint', () => {
  it('is the directory the script was loaded from', () => {
    expect(defaultEndpoint('https://shop.example/pj/pjpixel.js')).toBe('https://shop.example/pj');
    expect(defaultEndpoint('https://shop.example/pj/pjpixel.js?v=2/3')).toBe(
      'https://shop.example/pj',
    );
    expect(defaultEndpoint('http://127.0.0.1:5000/a/b/pjpixel.js')).toBe(
      'http://127.0.0.1:5000/a/b',
    );
  });

  it('is /pj on the page origin when the script URL is unknown', () => {
    expect(defaultEndpoint(undefined)).toBe('/pj');
    expect(defaultEndpoint('')).toBe('/pj');
  });
});

describe('the event id hash', () => {
  it('is deterministic and spreads nearby inputs', () => {
    expect(hashString('order')).toBe(hashString('order'));
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => hashString(`page?order=${i}`)));
    expect(hashes.size).toBe(10_000);
  });
});
