import { expect } from 'vitest';
import { buildOpenApiDocument } from '#emulator/openapi/document.ts';
import { ROUTES } from '#emulator/routes/index.ts';
import { OPERATIONS } from '#shared/api/operations.ts';
import { checkSchema } from './json-schema-check.ts';

export const DOCUMENT = buildOpenApiDocument(ROUTES) as unknown as Record<string, unknown> & {
  paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>>;
};

interface DocumentedResponse {
  description: string;
  headers: Record<string, unknown>;
  content?: Record<string, { schema: Record<string, unknown> }>;
}

/** The path template of the operation `path` belongs to, if any. */
export function templateOf(method: string, path: string): string | undefined {
  for (const operation of Object.values(OPERATIONS)) {
    if (operation.method !== method) continue;
    const pattern = new RegExp(
      `^${operation.path.replace(/\{\w+\}/g, '[^/]+').replaceAll('.', '\\.')}$`,
    );
    if (pattern.test(path)) return operation.path;
  }
  return undefined;
}

/**
 * Holds one API response against the OpenAPI document: its status must be documented for the
 * operation, its body must match the documented schema, and the headers must be those the
 * document promises (rate-limit headers exactly where documented, Link only where documented).
 */
export function expectConformance(
  method: string,
  path: string,
  response: Response,
  body: unknown,
): void {
  const requestId = response.headers.get('x-request-id');
  expect(requestId, 'X-Request-Id').toMatch(/^[0-9a-f-]{36}$/);
  const template = templateOf(method, path);
  if (template === undefined) {
    expect([404, 405], `${method} ${path} is no operation`).toContain(response.status);
    return;
  }
  const documented =
    DOCUMENT.paths[template]?.[method.toLowerCase()]?.responses[String(response.status)];
  expect(documented, `${method} ${template} → ${response.status} is documented`).toBeDefined();
  if (!documented) return;
  for (const header of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) {
    expect(
      response.headers.has(header),
      `${header} on ${method} ${template} → ${response.status}`,
    ).toBe(header in documented.headers);
  }
  if (response.headers.has('link')) expect(documented.headers).toHaveProperty('Link');
  if (response.headers.has('location')) expect(documented.headers).toHaveProperty('Location');
  const [mediaType, media] = Object.entries(documented.content ?? {})[0] ?? [];
  if (mediaType === undefined || media === undefined) return;
  expect(response.headers.get('content-type') ?? '').toContain(mediaType);
  expect(
    checkSchema(body, media.schema, DOCUMENT),
    `${method} ${template} → ${response.status} body`,
  ).toEqual([]);
  if (response.status >= 400) {
    expect((body as { context: { request_id: string } }).context.request_id).toBe(requestId);
  }
}
