/**
 * How many clients and pixels one shop may have. Prisjakt's reference lists `409 Conflict` for
 * *Create a new client* and *Create a new pixel* without saying when it happens; a shop reaching
 * its allowance is the emulator's choice of a plausible cause. This is the one place to change it.
 */
export const SHOP_LIMITS = {
  /** Clients of a shop, whatever their roles (the seeded shop starts with two). */
  clients: 20,
  /** Pixels of a shop, enabled or not (the seeded shop starts with one). */
  pixels: 10,
} as const;
