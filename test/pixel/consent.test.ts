import { describe, expect, it } from 'vitest';
import { googleConsent } from '../../pixel/src/consent.ts';

// gtag() pushes its arguments object, not an array; the pixel must read both.
function gtagArguments(..._args: unknown[]): IArguments {
  // biome-ignore lint/complexity/noArguments: gtag pushes exactly this object.
  return arguments;
}

describe('reading Google Consent Mode from the dataLayer', () => {
  it('reads ad_storage from defaults and updates, as arrays or arguments objects', () => {
    expect(googleConsent(['consent', 'default', { ad_storage: 'denied' }])).toEqual([false, false]);
    expect(googleConsent(['consent', 'default', { ad_storage: 'granted' }])).toEqual([true, false]);
    expect(googleConsent(gtagArguments('consent', 'update', { ad_storage: 'granted' }))).toEqual([
      true,
      true,
    ]);
    expect(googleConsent(gtagArguments('consent', 'update', { ad_storage: 'denied' }))).toEqual([
      false,
      true,
    ]);
  });

  it('ignores commands that do not speak of ad_storage, and every other entry', () => {
    expect(googleConsent(['consent', 'update', { analytics_storage: 'granted' }])).toBeUndefined();
    expect(googleConsent(['consent', 'update', { ad_storage: 'maybe' }])).toBeUndefined();
    expect(googleConsent(['consent', 'update'])).toBeUndefined();
    expect(googleConsent(['event', 'purchase', { ad_storage: 'granted' }])).toBeUndefined();
    expect(googleConsent({ event: 'gtm.js' })).toBeUndefined();
    expect(googleConsent({})).toBeUndefined();
  });
});
