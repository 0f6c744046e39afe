import type { DataLayerEntry } from './datalayer.ts';

/**
 * Reads a Google Consent Mode command, `gtag('consent', 'default' | 'update', { ad_storage })`,
 * which gtag pushes to the dataLayer as an arguments object, as the visitor's decision:
 * `'granted'` when `ad_storage` is granted, `'denied'` when an update denies it. A default of
 * `denied` only means "not yet" and, like every other entry, gives undefined.
 *
 * @example googleConsent(['consent', 'update', { ad_storage: 'granted' }]) // 'granted'
 */
export const googleConsent = (command: DataLayerEntry): 'granted' | 'denied' | undefined => {
  const adStorage = command?.[0] === 'consent' && command[2]?.ad_storage;
  return adStorage === 'granted' || (adStorage === 'denied' && command?.[1] === 'update')
    ? adStorage
    : undefined;
};
