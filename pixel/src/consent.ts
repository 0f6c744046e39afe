/**
 * Reads a Google Consent Mode command, `gtag('consent', 'default' | 'update', { ad_storage })`,
 * which gtag pushes to the dataLayer as an arguments object. Returns whether `ad_storage` is
 * granted and whether the command is an update (the visitor's decision) rather than the page's
 * default; undefined for any other entry.
 *
 * @example googleConsent(['consent', 'update', { ad_storage: 'granted' }]) // [true, true]
 */
export function googleConsent(entry: unknown): [granted: boolean, isUpdate: boolean] | undefined {
  const command = entry as ArrayLike<unknown>;
  const adStorage =
    command[0] === 'consent' && (command[2] as { ad_storage?: unknown } | undefined)?.ad_storage;
  return adStorage === 'granted' || adStorage === 'denied'
    ? [adStorage === 'granted', command[1] === 'update']
    : undefined;
}
