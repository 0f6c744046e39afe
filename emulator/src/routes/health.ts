import { ref } from '../openapi/json-schema.ts';
import type { RouteSpec } from './route.ts';

export const health: RouteSpec = {
  description: 'Liveness; needs no credentials.',
  responses: { 200: { description: 'The emulator is up.', schema: ref('Health') } },
  handle(c) {
    return c.json({ status: 'ok' });
  },
};
