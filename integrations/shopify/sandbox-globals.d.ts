// The globals Shopify's sandbox gives a custom pixel, typed with Shopify's own definitions, so
// that `npm run typecheck` checks custom-pixel.js against the events and APIs it uses.
import type { ExtensionApi } from '@shopify/web-pixels-extension';

declare global {
  const analytics: ExtensionApi['analytics'];
  const browser: ExtensionApi['browser'];
  const init: ExtensionApi['init'];
  const api: { customerPrivacy: ExtensionApi['customerPrivacy'] };
}
