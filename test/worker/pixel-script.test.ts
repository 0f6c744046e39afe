import { describe, expect, it } from 'vitest';
import { PIXEL_ETAG, PIXEL_SOURCE } from '#worker/generated/pixel.ts';
import { matchesEtag } from '#worker/operator/pixel-script.ts';
import { collector } from './support/collector.ts';

describe('GET /pjpixel.js', () => {
  it('serves the built pixel as JavaScript with an ETag and caching', async () => {
    const response = await collector('/pjpixel.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('ETag')).toBe(PIXEL_ETAG);
    expect(response.headers.get('Cache-Control')).toBe(
      'public, max-age=300, stale-while-revalidate=86400',
    );
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toBe(PIXEL_SOURCE);
  });

  it('answers 304 without a body when the ETag matches, weakly or among others', async () => {
    for (const ifNoneMatch of [PIXEL_ETAG, `W/${PIXEL_ETAG}`, `"other", ${PIXEL_ETAG}`, '*']) {
      const response = await collector('/pjpixel.js', {
        headers: { 'If-None-Match': ifNoneMatch },
      });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.get('ETag')).toBe(PIXEL_ETAG);
      expect(response.headers.get('Cache-Control')).toContain('max-age=300');
      expect(await response.text()).toBe('');
    }
  });

  it('sends the script again when the ETag is stale', async () => {
    const response = await collector('/pjpixel.js', { headers: { 'If-None-Match': '"stale"' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(PIXEL_SOURCE);
  });

  it('answers HEAD with the headers alone', async () => {
    const response = await collector('/pjpixel.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBe(PIXEL_ETAG);
    expect(await response.text()).toBe('');
  });

  it('answers 405 for a POST', async () => {
    expect((await collector('/pjpixel.js', { method: 'POST' })).status).toBe(405);
  });
});

describe('matchesEtag', () => {
  it('compares opaque tags and ignores the weak marker', () => {
    expect(matchesEtag(undefined, '"a"')).toBe(false);
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b" , "a"', '"a"')).toBe(true);
    expect(matchesEtag('"ab"', '"a"')).toBe(false);
    expect(matchesEtag('a', '"a"')).toBe(false);
  });
});
