import { describe, expect, it } from 'vitest';
import { googleConsent as readEntry } from '#pixel/consent.ts';
import type { DataLayerEntry } from '#pixel/datalayer.ts';

// The dataLayer holds anything a page pushes.
const googleConsent = (entry: unknown) => readEntry(entry as DataLayerEntry);

// gtag() pushes its arguments object, not an array; the pixel must read both.
function gtagArguments(..._args: unknown[]): IArguments {
  // biome-ignore lint/complexity/noArguments: gtag pushes exactly this object.
  return arguments;
}

describe('reading Google Consent Mode from the dataLayer', () => {
  it('reads ad_storage from defaults and updates, as arrays or arguments objects', () => {
    expect(googleConsent(['consent', 'default', { ad_storage: 'granted' }])).toBe('granted');
    expect(googleConsent(gtagArguments('consent', 'update', { ad_storage: 'granted' }))).toBe(
      'granted',
    );
    expect(googleConsent(gtagArguments('consent', 'update', { ad_storage: 'denied' }))).toBe(
      'denied',
    );
  });

  it('takes a default of denied as "not yet", not as a decision', () => {
    expect(googleConsent(['consent', 'default', { ad_storage: 'denied' }])).toBeUndefined();
    expect(
      googleConsent(gtagArguments('consent', 'default', { ad_storage: 'denied' })),
    ).toBeUndefined();
  });

  it('ignores commands that do not speak of ad_storage, and every other entry', () => {
    expect(googleConsent(['consent', 'update', { analytics_storage: 'granted' }])).toBeUndefined();
    expect(googleConsent(['consent', 'update', { ad_storage: 'maybe' }])).toBeUndefined();
    expect(googleConsent(['consent', 'update'])).toBeUndefined();
    expect(googleConsent(['event', 'purchase', { ad_storage: 'granted' }])).toBeUndefined();
    expect(googleConsent({ event: 'gtm.js' })).toBeUndefined();
    expect(googleConsent({})).toBeUndefined();
  });

  it('never grants from a default scoped to regions: the page cannot know where its visitor is', () => {
    // A shop that grants for the US only must not grant a Nordic visitor.
    expect(
      googleConsent(gtagArguments('consent', 'default', { ad_storage: 'granted', region: ['US'] })),
    ).toBeUndefined();
    expect(
      googleConsent(['consent', 'default', { ad_storage: 'granted', region: ['US-CA', 'SE'] }]),
    ).toBeUndefined();
    expect(
      googleConsent(['consent', 'default', { ad_storage: 'granted', region: [] }]),
    ).toBeUndefined();
    // WooCommerce's Google Analytics plugin: denied for the EEA, UK and Switzerland.
    expect(
      googleConsent(['consent', 'default', { ad_storage: 'denied', region: ['SE', 'NO'] }]),
    ).toBeUndefined();
    // A global default and an update speak for this visitor.
    expect(googleConsent(['consent', 'default', { ad_storage: 'granted' }])).toBe('granted');
    expect(googleConsent(['consent', 'update', { ad_storage: 'granted', region: ['US'] }])).toBe(
      'granted',
    );
  });
});
