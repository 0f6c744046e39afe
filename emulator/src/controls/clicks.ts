import type { Hono } from 'hono';
import { echoValue, type FieldErrors } from '#shared/problem.ts';
import { parseUtcDateTime } from '#shared/time.ts';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { invalidRequest } from '../http/problem.ts';
import { DEFAULT_CLICK_URL, SEED } from '../seed.ts';
import type { ClickRecord } from '../state.ts';
import { readOptionalObject } from './object-body.ts';

const MARKET = /^[A-Z]{2}$/;

function optionalString(
  body: Record<string, unknown>,
  name: string,
  fallback: string,
  errors: FieldErrors,
): string {
  const value = body[name];
  if (value === undefined) return fallback;
  if (typeof value === 'string' && value.length >= 1 && value.length <= 200) return value;
  errors[name] = { message: 'must be a string of 1 to 200 characters', value: echoValue(value) };
  return fallback;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function landingUrl(url: string, signedClickId: string): string {
  const landing = new URL(url);
  landing.searchParams.set('pjclid', signedClickId);
  return landing.toString();
}

/**
 * `POST /__emulator/clicks`: a Prisjakt click, as if a shopper had just clicked through to the
 * shop (or had at `time`). `GET` lists the clicks the emulator knows, the seeded one included.
 */
export function registerClickControls(
  app: Hono<EmulatorEnv>,
  prefix: string,
  deps: EmulatorDeps,
): void {
  app.post(`${prefix}/clicks`, async (c) => {
    const body = await readOptionalObject(c);
    const errors: FieldErrors = {};
    const shopId = body.shop_id ?? SEED.shopId;
    if (typeof shopId !== 'number' || !deps.state.shops.has(shopId)) {
      errors.shop_id = {
        message: `must be the id of a shop the emulator has (${[...deps.state.shops.keys()].join(', ')})`,
        value: echoValue(shopId),
      };
    }
    const url = optionalString(body, 'url', DEFAULT_CLICK_URL, errors);
    if (!errors.url && !isHttpUrl(url)) {
      errors.url = { message: 'must be an absolute http(s) URL', value: echoValue(url) };
    }
    const timeMs = body.time === undefined ? deps.now() : parseUtcDateTime(body.time);
    if (timeMs === undefined) {
      errors.time = {
        message: 'must be an ISO 8601 date and time in UTC, e.g. 2026-10-20T00:00:00Z',
        value: echoValue(body.time),
      };
    }
    const market = optionalString(body, 'market', 'SE', errors);
    if (!errors.market && !MARKET.test(market)) {
      errors.market = { message: 'must be two capital letters, e.g. SE', value: echoValue(market) };
    }
    const click: ClickRecord = {
      id: crypto.randomUUID(),
      shopId: Number(shopId),
      timeMs: timeMs ?? 0,
      url,
      productId: optionalString(body, 'product_id', '5070455', errors),
      productName: optionalString(body, 'product_name', 'Emulated product', errors),
      offerId: optionalString(body, 'offer_id', '8461742963', errors),
      market,
    };
    if (Object.keys(errors).length > 0) throw invalidRequest(errors);
    deps.state.clicks.set(click.id, click);
    const signedClickId = await deps.signer.sign(click.id);
    return c.json(
      { id: click.id, signed_click_id: signedClickId, landing_url: landingUrl(url, signedClickId) },
      201,
    );
  });

  app.get(`${prefix}/clicks`, async (c) => {
    const clicks = await Promise.all(
      [...deps.state.clicks.values()].map(async (click) => {
        const signedClickId = await deps.signer.sign(click.id);
        return {
          id: click.id,
          shop_id: click.shopId,
          time: new Date(click.timeMs).toISOString(),
          signed_click_id: signedClickId,
          landing_url: landingUrl(click.url, signedClickId),
        };
      }),
    );
    return c.json({ clicks });
  });
}
