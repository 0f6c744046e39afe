import type { ClientRecord } from '../state.ts';

/** A client acts on its own shop; an admin on every shop. */
export function canActOnShop(client: ClientRecord, shopId: number): boolean {
  return client.roles.includes('admin') || client.shopId === shopId;
}
