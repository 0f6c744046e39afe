import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clickIdFromSearch, storedClickId } from '#pixel/click.ts';
import { isSignedClickId } from '#shared/pjclid.ts';

const CLICK = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';
const UPPER_CLICK = 'FEEB31ED-22B0-43D2-88E5-8BAABA2B26AD_E4C03E8BF0DF72E5';
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T10:00:00Z');
/** What the pixel stores under `pjpixel_conversion` (a browser test checks it in Chromium). */
const stored = (clickId: string, time: number) => JSON.stringify({ clickId, time });

describe('capturing pjclid from the landing URL', () => {
  it('takes a valid click id as it is, among other parameters', () => {
    expect(clickIdFromSearch(`?pjclid=${CLICK}`)).toBe(CLICK);
    expect(clickIdFromSearch(`?utm_source=prisjakt&pjclid=${CLICK}&x=1`)).toBe(CLICK);
    expect(clickIdFromSearch(`?pjclid=${CLICK}#reviews`)).toBe(CLICK);
  });

  it('keeps the case byte for byte', () => {
    expect(clickIdFromSearch(`?pjclid=${UPPER_CLICK}`)).toBe(UPPER_CLICK);
  });

  it('ignores malformed, truncated, encoded or absent click ids', () => {
    expect(clickIdFromSearch('')).toBeUndefined();
    expect(clickIdFromSearch('?pjclid=')).toBeUndefined();
    expect(clickIdFromSearch('?pjclid=not-a-click')).toBeUndefined();
    expect(clickIdFromSearch(`?pjclid=${CLICK.slice(0, -1)}`)).toBeUndefined();
    expect(clickIdFromSearch(`?pjclid=${CLICK}0`)).toBeUndefined();
    expect(clickIdFromSearch(`?pjclid=${CLICK}_`)).toBeUndefined();
    expect(clickIdFromSearch(`?pjclid=x${CLICK}`)).toBeUndefined();
    expect(clickIdFromSearch(`?pjclid=${CLICK.replace('_', '%5F')}`)).toBeUndefined();
    // A UUID that is not version 4, or not of the RFC 4122 variant.
    expect(clickIdFromSearch(`?pjclid=${CLICK.replace('-4cb4-', '-1cb4-')}`)).toBeUndefined();
    expect(clickIdFromSearch(`?pjclid=${CLICK.replace('-b8dc-', '-c8dc-')}`)).toBeUndefined();
    expect(clickIdFromSearch(`?xpjclid=${CLICK}`)).toBeUndefined();
  });

  it('accepts exactly what the shared check accepts', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const captured = clickIdFromSearch(`?pjclid=${value}`);
        if (!/[&#?]/.test(value)) expect(captured !== undefined).toBe(isSignedClickId(value));
      }),
    );
    // Strings close to a click id: every character of a valid one replaced by another.
    fc.assert(
      fc.property(
        fc.nat({ max: CLICK.length - 1 }),
        fc.constantFrom(...'0123456789abcdefABCDEFgG-_ %'),
        (index, char) => {
          const value = CLICK.slice(0, index) + char + CLICK.slice(index + 1);
          expect(clickIdFromSearch(`?pjclid=${value}`) !== undefined).toBe(isSignedClickId(value));
        },
      ),
    );
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), fc.stringMatching(/^[0-9a-fA-F]{16}$/), (uuid, sig) => {
        expect(clickIdFromSearch(`?a=b&pjclid=${uuid}_${sig}#top`)).toBe(`${uuid}_${sig}`);
      }),
    );
  });
});

describe('reading the stored click', () => {
  it('reads what the pixel stores, until 30 days have passed', () => {
    const raw = stored(CLICK, NOW);
    expect(storedClickId(raw, NOW)).toBe(CLICK);
    expect(storedClickId(raw, NOW + 30 * DAY)).toBe(CLICK);
    expect(storedClickId(raw, NOW + 30 * DAY + 1)).toBeUndefined();
  });

  it("honours Prisjakt's own script's value whatever its shape", () => {
    expect(storedClickId(CLICK, NOW)).toBe(CLICK);
    expect(storedClickId(JSON.stringify(CLICK), NOW)).toBe(CLICK);
    expect(
      storedClickId(
        JSON.stringify({ clickId: UPPER_CLICK, pixelId: '52907745-7672-470e-a803-a2f8feb52944' }),
        NOW,
      ),
    ).toBe(UPPER_CLICK);
    expect(storedClickId(JSON.stringify({ pjclid: CLICK, timestamp: NOW - 400 * DAY }), NOW)).toBe(
      CLICK,
    );
    expect(storedClickId(JSON.stringify({ data: { signed_click_id: CLICK } }), NOW)).toBe(CLICK);
    expect(storedClickId(`v1|${CLICK}|${NOW}`, NOW)).toBe(CLICK);
  });

  it('finds nothing in empty, corrupt or click-less values', () => {
    expect(storedClickId(null, NOW)).toBeUndefined();
    expect(storedClickId(undefined, NOW)).toBeUndefined();
    expect(storedClickId('', NOW)).toBeUndefined();
    expect(storedClickId('{"clickId":', NOW)).toBeUndefined();
    expect(
      storedClickId('{"pixelId":"52907745-7672-470e-a803-a2f8feb52944"}', NOW),
    ).toBeUndefined();
    // A click id glued to more hex digits is not a click id.
    expect(storedClickId(`a${CLICK}`, NOW)).toBeUndefined();
    expect(storedClickId(`${CLICK}f`, NOW)).toBeUndefined();
  });
});
