import type { Context } from 'hono';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { canActOnShop } from '../auth/shop-access.ts';
import { notFound } from '../http/problem.ts';
import type { PixelRecord, ShopRecord } from '../state.ts';
import { pathParameter } from '../validation/path-parameters.ts';

/** The `{pixel_id}` of the path, if the caller may act on it; 404 otherwise. */
export function pixelOfCaller(c: Context<EmulatorEnv>, deps: EmulatorDeps): PixelRecord {
  const pixel = deps.state.pixels.get(pathParameter(c, 'pixel_id'));
  if (!pixel || !canActOnShop(c.get('client'), pixel.shopId)) throw notFound('pixel');
  return pixel;
}

/** The `{shop_id}` of the path, if the caller may act on it; 404 otherwise. */
export function shopOfCaller(c: Context<EmulatorEnv>, deps: EmulatorDeps): ShopRecord {
  const shop = deps.state.shops.get(pathParameter(c, 'shop_id'));
  if (!shop || !canActOnShop(c.get('client'), shop.id)) throw notFound('shop');
  return shop;
}
