import type { DataLayerEntry } from './datalayer.ts';

/**
 * Reads a Google Consent Mode command, `gtag('consent', 'default' | 'update', { ad_storage })`,
 * which gtag pushes to the dataLayer as an arguments object, as the visitor's decision:
 * `'granted'` when `ad_storage` is granted, `'denied'` when an update denies it. A default of
 * `denied` only means "not yet" and, like every other entry, gives undefined.
 *
 * A default scoped to regions (`region: ['US']`) never grants: it applies only to visitors
 * Google places in those regions, and the page cannot know where its visitor is. Only a global
 * default or an update, which speaks for this visitor, can grant.
 *
 * @example googleConsent(['consent', 'update', { ad_storage: 'granted' }]) // 'granted'
 * @example googleConsent(['consent', 'default', { ad_storage: 'granted', region: ['US'] }]) // undefined
 */
export const googleConsent = (command: DataLayerEntry): 'granted' | 'denied' | undefined => {
  const settings = command?.[0] === 'consent' ? command[2] : undefined;
  const adStorage = settings?.ad_storage;
  const update = command?.[1] === 'update';
  return (adStorage === 'granted' && (update || !settings?.region)) ||
    (adStorage === 'denied' && update)
    ? adStorage
    : undefined;
};
