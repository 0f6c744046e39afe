import type { OptionSpec } from './command.ts';

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print JSON for scripts instead of tables' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** Where the Prisjakt API is and who reads it. The secret is best left in the environment. */
export const API_OPTIONS: Record<string, OptionSpec> = {
  'api-url': { type: 'string', value: 'URL', description: 'the API (PRISJAKT_API_URL)' },
  'client-id': {
    type: 'string',
    value: 'ID',
    description: 'a shop_user client (PRISJAKT_CLIENT_ID)',
  },
  'client-secret': {
    type: 'string',
    value: 'SECRET',
    description: 'its secret (PRISJAKT_CLIENT_SECRET; prefer the variable: flags show in ps)',
  },
  pixel: { type: 'string', value: 'ID', description: 'the pixel (PRISJAKT_PIXEL_ID)' },
};

/** Where the collector is and the token of its admin routes. */
export const COLLECTOR_OPTIONS: Record<string, OptionSpec> = {
  url: {
    type: 'string',
    value: 'URL',
    description: 'the collector with its base path (PJCOLLECTOR_URL)',
  },
  token: {
    type: 'string',
    value: 'TOKEN',
    description: "the collector's ADMIN_TOKEN (PJCOLLECTOR_ADMIN_TOKEN)",
  },
};

/** A date range; a bare date means that whole day, in UTC. */
export const RANGE_OPTIONS: Record<string, OptionSpec> = {
  from: { type: 'string', value: 'DATE', description: 'start: 2026-11-01 or 2026-11-01T00:00:00Z' },
  to: { type: 'string', value: 'DATE', description: 'end, inclusive (default: now)' },
};

/** Where a command that writes a file's worth of output writes it. */
export const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  output: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    description: 'write to FILE instead of stdout',
  },
};

export const ORDER_FILE_OPTIONS: Record<string, OptionSpec> = {
  orders: { type: 'string', value: 'FILE', description: "the shop's orders (CSV)" },
  'orders-format': {
    type: 'string',
    value: 'FORMAT',
    description: 'plain, shopify or woocommerce (default: recognised by the header)',
  },
  'order-id': {
    type: 'string',
    value: 'KIND',
    description:
      'which id the shop sends as eventId: Shopify id|name (id), WooCommerce number|id (number)',
  },
  'click-field': {
    type: 'string',
    value: 'NAME',
    description: 'Shopify: the cart attribute holding the click (pjclid); WooCommerce: the column',
  },
  'time-zone': {
    type: 'string',
    value: 'ZONE',
    description: "WooCommerce: the shop's time zone, e.g. Europe/Stockholm (UTC)",
  },
};
