import type { Hono } from 'hono';
import { isUuidV4 } from '#shared/pjclid.ts';
import { echoValue } from '#shared/problem.ts';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import { eventView } from '../domain/views.ts';
import { invalidRequest } from '../http/problem.ts';
import type { EventRecord } from '../state.ts';

function storedEventView(event: EventRecord) {
  return {
    ...eventView(event),
    pixel_id: event.pixelId,
    signed_click_id: event.signedClickId,
    received_at: new Date(event.receivedAtMs).toISOString(),
  };
}

/**
 * Read-only views for tests, benchmarks and the inspector, without credentials:
 * `GET /__emulator/events[?pixel_id=]` (every stored event, in order of receipt) and
 * `GET /__emulator/requests` (API requests since the last reset, by operation and status).
 */
export function registerInspectionControls(
  app: Hono<EmulatorEnv>,
  prefix: string,
  deps: EmulatorDeps,
): void {
  app.get(`${prefix}/events`, (c) => {
    const pixelId = c.req.query('pixel_id');
    if (pixelId !== undefined && !isUuidV4(pixelId)) {
      throw invalidRequest({
        pixel_id: { message: 'must be a UUID version 4', value: echoValue(pixelId) },
      });
    }
    const events =
      pixelId === undefined
        ? [...deps.state.events.values()]
        : deps.state.eventsOfPixel(pixelId.toLowerCase());
    return c.json({ events: events.map(storedEventView) });
  });
  app.get(`${prefix}/requests`, (c) => c.json(deps.requestLog.snapshot()));
}
