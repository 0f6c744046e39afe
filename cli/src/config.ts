import { PrisjaktClient } from '#shared/client/index.ts';
import { isUuidV4 } from '#shared/pjclid.ts';
import { type OptionValues, stringOption } from './command.ts';
import { UsageError } from './errors.ts';
import type { CliIo } from './io.ts';
import type { Output } from './output/output.ts';

export const PRODUCTION_API_URL = 'https://api.pj.nu/click-conversion';
export const LOCAL_COLLECTOR_URL = 'http://127.0.0.1:8787/pj';

/**
 * The emulator's seeded shop_user client and pixel, and the collector's local admin token:
 * public test values (wrangler.toml, docs/emulator.md), used only when the URL is on this
 * machine, so `npm start` and `npx pjcollector report` work together with no setup.
 */
const LOCAL_DEFAULTS = {
  clientId: 'lb4xiAVZZWkXiYxfxa146e4tbkYa702P',
  clientSecret: 'QciJ4AEjYjkE2f5pX5scLzPJi8lk9C',
  pixelId: '52907745-7672-470e-a803-a2f8feb52944',
  adminToken: 'local-dev-admin-token',
};

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function parseUrl(name: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${name} is not a URL: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new UsageError(`${name} must be an https URL (http only on localhost)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(`${name} must not carry credentials`);
  }
  return url;
}

export interface ApiSettings {
  client: PrisjaktClient;
  pixelId: string;
  baseUrl: string;
}

/** The API client and pixel a read command uses, from flags, else the environment. */
export function apiSettings(io: CliIo, values: OptionValues, output: Output): ApiSettings {
  const baseUrl = stringOption(values, 'api-url') ?? io.env.PRISJAKT_API_URL ?? PRODUCTION_API_URL;
  const local = isLoopback(parseUrl('PRISJAKT_API_URL', baseUrl));
  const clientId =
    stringOption(values, 'client-id') ??
    io.env.PRISJAKT_CLIENT_ID ??
    (local ? LOCAL_DEFAULTS.clientId : undefined);
  const clientSecret =
    stringOption(values, 'client-secret') ??
    io.env.PRISJAKT_CLIENT_SECRET ??
    (local && clientId === LOCAL_DEFAULTS.clientId ? LOCAL_DEFAULTS.clientSecret : undefined);
  const pixelId =
    stringOption(values, 'pixel') ??
    io.env.PRISJAKT_PIXEL_ID ??
    (local ? LOCAL_DEFAULTS.pixelId : undefined);
  if (clientId === undefined || clientId.trim() === '') {
    throw new UsageError('set PRISJAKT_CLIENT_ID (a shop_user client, from Prisjakt)');
  }
  if (clientSecret === undefined || clientSecret === '') {
    throw new UsageError("set PRISJAKT_CLIENT_SECRET (the client's secret)");
  }
  if (pixelId === undefined || !isUuidV4(pixelId)) {
    throw new UsageError(
      'set PRISJAKT_PIXEL_ID to the pixel id (a UUID; Business Center → Settings → Conversion Pixel)',
    );
  }
  output.addSecret(clientSecret);
  const client = new PrisjaktClient({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    fetch: io.fetch,
  });
  return { client, pixelId, baseUrl };
}

export interface CollectorSettings {
  /** The collector's URL with its base path, without a trailing slash. */
  url: string;
  adminToken: string | undefined;
}

/** The collector and its admin token, from flags, else the environment. */
export function collectorSettings(
  io: CliIo,
  values: OptionValues,
  output: Output,
): CollectorSettings {
  const raw = stringOption(values, 'url') ?? io.env.PJCOLLECTOR_URL ?? LOCAL_COLLECTOR_URL;
  const url = parseUrl('PJCOLLECTOR_URL', raw.replace(/\/+$/, ''));
  const adminToken =
    stringOption(values, 'token') ??
    io.env.PJCOLLECTOR_ADMIN_TOKEN ??
    (isLoopback(url) ? LOCAL_DEFAULTS.adminToken : undefined);
  output.addSecret(adminToken);
  return { url: url.href.replace(/\/+$/, ''), adminToken };
}

/** The admin token, or a usage error saying where it comes from. */
export function requireAdminToken(settings: CollectorSettings): string {
  if (settings.adminToken === undefined || settings.adminToken === '') {
    throw new UsageError("set PJCOLLECTOR_ADMIN_TOKEN (the collector's ADMIN_TOKEN)");
  }
  return settings.adminToken;
}
