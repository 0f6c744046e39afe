import type { EmulatorState } from './state.ts';

/**
 * Key for the click signatures the emulator issues and verifies. Prisjakt's real key is
 * unknown (and secret); this one only has to agree between `/__emulator/clicks` and event
 * validation. Override it with the `signingKey` option or the `SIGNING_KEY` variable.
 */
export const DEFAULT_SIGNING_KEY = 'pjcollector-emulator-click-signing-key';

/**
 * The fixed data every emulator starts with, and returns to on reset. The first shop, pixel and
 * client are the example values of Prisjakt's reference; the rest are the emulator's own.
 * These are public test credentials, so printing them is fine.
 */
export const SEED = {
  shopId: 123456,
  pixelId: '52907745-7672-470e-a803-a2f8feb52944',
  /** Roles `shop_user` and `event_publisher`, shop 123456. */
  shopUser: { id: 'lb4xiAVZZWkXiYxfxa146e4tbkYa702P', secret: 'QciJ4AEjYjkE2f5pX5scLzPJi8lk9C' },
  /** Role `event_publisher` only, shop 123456. */
  publisher: { id: 'yhWmSawhoSu3Neielrh1eg9fOvJoMP6t', secret: 'JtbN2rxTIyZhQZlObDznRuCEgHxTkq' },
  /** Role `admin`, belongs to no shop and may create clients for any shop. */
  admin: { id: 'nLy3pEKgqBbgSawtrn3t9DV6pTQMkhAU', secret: 'IW1KyDK9mNorupTCFYGgaJLIZXdU7N' },
  /** A second shop with its own pixel and `shop_user` client: the "someone else's" data. */
  otherShop: {
    shopId: 654321,
    pixelId: '8905fe4f-0ea0-4c7e-88ce-54fb78742a18',
    shopUser: {
      id: 'bgaPcnPmhoBWUxXZSIZLCsppHff6uGpv',
      secret: '3e7Rt1GRneyOObupTb93Zaue8YqH0U',
    },
  },
  /**
   * One click on shop 123456, dated at start (or reset). `signedClickId` is signed with
   * DEFAULT_SIGNING_KEY; with another key, sign the id again or issue a click through
   * `POST /__emulator/clicks`.
   */
  click: {
    id: 'a1c3e5f7-2b4d-4e6f-8a0c-1e3b5d7f9a2c',
    signedClickId: 'a1c3e5f7-2b4d-4e6f-8a0c-1e3b5d7f9a2c_251e6fe4bd13382a',
    url: 'https://shop.example/p/1',
  },
  /**
   * The click of the reference's own request sample (*Create a new event for a pixel*), on shop
   * 123456, dated a minute before start (or reset). Its signature is Prisjakt's, which no key of the emulator
   * produces, so the signer knows it as issued: the examples of the reference and of this
   * project's docs are accepted as written.
   */
  documentedClick: {
    id: '239cd31f-9d43-4cb4-b8dc-2057fe18c289',
    signedClickId: '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125',
    url: 'https://shop.example/p/2',
  },
  signingKey: DEFAULT_SIGNING_KEY,
} as const;

/** Clicks whose signature Prisjakt published, by click id: the signer accepts them as issued. */
export const DOCUMENTED_SIGNATURES: ReadonlyMap<string, string> = new Map(
  [SEED.documentedClick].map((click) => [click.id, click.signedClickId.split('_')[1] ?? '']),
);

/** Where a click lands when its creator gives no URL. */
export const DEFAULT_CLICK_URL = SEED.click.url;

/** Empties `state` and fills it with SEED; the seeded clicks are dated `nowMs`. */
export function applySeed(state: EmulatorState, nowMs: number): void {
  state.clear();
  for (const shopId of [SEED.shopId, SEED.otherShop.shopId])
    state.shops.set(shopId, { id: shopId });

  state.clients.set(SEED.shopUser.id, {
    ...SEED.shopUser,
    roles: ['shop_user', 'event_publisher'],
    shopId: SEED.shopId,
  });
  state.clients.set(SEED.publisher.id, {
    ...SEED.publisher,
    roles: ['event_publisher'],
    shopId: SEED.shopId,
  });
  state.clients.set(SEED.admin.id, { ...SEED.admin, roles: ['admin'], shopId: null });
  state.clients.set(SEED.otherShop.shopUser.id, {
    ...SEED.otherShop.shopUser,
    roles: ['shop_user'],
    shopId: SEED.otherShop.shopId,
  });

  state.pixels.set(SEED.pixelId, { id: SEED.pixelId, shopId: SEED.shopId, enabled: true });
  state.pixels.set(SEED.otherShop.pixelId, {
    id: SEED.otherShop.pixelId,
    shopId: SEED.otherShop.shopId,
    enabled: true,
  });

  state.clicks.set(SEED.click.id, {
    id: SEED.click.id,
    shopId: SEED.shopId,
    timeMs: nowMs,
    url: SEED.click.url,
    productId: '5070455',
    productName: 'Emulated product',
    offerId: '8461742963',
    market: 'SE',
  });
  // A minute before SEED.click, so that one stays the newest (the inspector shows it first).
  state.clicks.set(SEED.documentedClick.id, {
    id: SEED.documentedClick.id,
    shopId: SEED.shopId,
    timeMs: nowMs - 60_000,
    url: SEED.documentedClick.url,
    productId: '5070456',
    productName: 'Emulated product (reference sample)',
    offerId: '8461742964',
    market: 'SE',
  });
}
