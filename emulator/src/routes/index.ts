import type { OperationId } from '#shared/api/operations.ts';
import { createClient } from './create-client.ts';
import { createEvent } from './create-event.ts';
import { createEvents } from './create-events.ts';
import { createPixel } from './create-pixel.ts';
import { getClick } from './get-click.ts';
import { getClient } from './get-client.ts';
import { getEvent } from './get-event.ts';
import { getPixel } from './get-pixel.ts';
import { getPurchaseSummary } from './get-purchase-summary.ts';
import { getShop } from './get-shop.ts';
import { health } from './health.ts';
import { listConversions } from './list-conversions.ts';
import { listEvents } from './list-events.ts';
import { listPixels } from './list-pixels.ts';
import { openApi } from './open-api.ts';
import type { RouteSpec } from './route.ts';
import { updatePixel } from './update-pixel.ts';

/**
 * The emulator's route table: one entry per operation of shared/src/api/operations.ts (the
 * type makes a missing one a compile error). The app and the OpenAPI document are both built
 * from it.
 */
export const ROUTES: { readonly [Id in OperationId]: RouteSpec } = {
  getClient,
  getEvent,
  createEvent,
  createEvents,
  listEvents,
  getPixel,
  updatePixel,
  getPurchaseSummary,
  listConversions,
  createClient,
  createPixel,
  listPixels,
  getShop,
  getClick,
  health,
  openApi,
};
