import { ref } from '../openapi/json-schema.ts';
import type { RouteSpec } from './route.ts';

export const openApi: RouteSpec = {
  description: 'This OpenAPI 3.1 document, built from the same route table the emulator serves.',
  responses: { 200: { description: 'The document.', schema: ref('OpenApiDocument') } },
  handle(c, deps) {
    return c.json(deps.openApiDocument());
  },
};
