/** The options of `pjpixel.init(pixelId, options)`; all optional. */
export interface PixelOptions {
  /** The collector's base URL; default: the directory the script was loaded from. */
  endpoint?: string;
  /**
   * Absent (the default): behave like Prisjakt's script. `'required'`: store and send nothing
   * until `pjpixel.consent(true)`. `'google'`: the same, and follow Google Consent Mode's
   * `ad_storage` in the dataLayer.
   */
  consent?: 'required' | 'google';
  /** Report GA4 `purchase` events from the dataLayer: true, or the dataLayer's name. Default false. */
  dataLayer?: boolean | string;
  /** Warn in the console about calls that cannot be honoured. Default false. */
  debug?: boolean;
}

/**
 * The collector's base URL by default: the directory the script was loaded from
 * (`https://shop.example/pj/pjpixel.js` → `https://shop.example/pj`), or `/pj` on the page's
 * own origin when the script's URL is unknown.
 *
 * @example defaultEndpoint('https://shop.example/pj/pjpixel.js?v=2') // 'https://shop.example/pj'
 */
export const defaultEndpoint = (scriptSrc: string | undefined): string =>
  scriptSrc ? new URL('.', scriptSrc).href.slice(0, -1) : '/pj';
