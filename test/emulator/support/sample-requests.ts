import { SEED } from '#emulator/seed.ts';
import type { OperationId } from '#shared/api/operations.ts';
import { purchase } from './harness.ts';

const RANGE = 'from=2026-06-01T00:00:00Z&to=2026-06-15T12:00:00Z';
const UNKNOWN_EVENT = '0b9d4a0e-5d51-4c1c-9f6e-3f4f1c7e2a10';

/** A well-formed request for every authenticated operation, on the seeded shop's data. */
export const SAMPLE_REQUESTS: Record<
  Exclude<OperationId, 'health' | 'openApi'>,
  { method: string; path: string; body?: unknown }
> = {
  getClient: { method: 'GET', path: `/clients/${SEED.shopUser.id}` },
  getEvent: { method: 'GET', path: `/events/${UNKNOWN_EVENT}` },
  createEvent: { method: 'POST', path: `/pixels/${SEED.pixelId}/events`, body: purchase() },
  createEvents: {
    method: 'POST',
    path: `/pixels/${SEED.pixelId}/events/batch`,
    body: [purchase()],
  },
  listEvents: { method: 'GET', path: `/pixels/${SEED.pixelId}/events?${RANGE}` },
  getPixel: { method: 'GET', path: `/pixels/${SEED.pixelId}` },
  updatePixel: { method: 'PATCH', path: `/pixels/${SEED.pixelId}`, body: { enabled: true } },
  getPurchaseSummary: { method: 'GET', path: `/pixels/${SEED.pixelId}/purchase-summary?${RANGE}` },
  listConversions: { method: 'GET', path: `/pixels/${SEED.pixelId}/conversions?${RANGE}` },
  createClient: {
    method: 'POST',
    path: `/shops/${SEED.shopId}/clients`,
    body: { roles: ['event_publisher'] },
  },
  createPixel: { method: 'POST', path: `/shops/${SEED.shopId}/pixels` },
  listPixels: { method: 'GET', path: `/shops/${SEED.shopId}/pixels` },
  getShop: { method: 'GET', path: `/shops/${SEED.shopId}` },
  getClick: { method: 'GET', path: `/clicks/${SEED.click.id}` },
};
