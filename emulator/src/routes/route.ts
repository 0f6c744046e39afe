import type { Context } from 'hono';
import type { EmulatorDeps, EmulatorEnv } from '../app-env.ts';
import type { JsonSchema } from '../openapi/json-schema.ts';
import type { QueryParameter } from '../validation/range-query.ts';

/** Response headers the document describes, beyond those every response carries. */
export type DocumentedHeader = 'Link' | 'Location';

export interface ResponseSpec {
  description: string;
  schema?: JsonSchema;
  headers?: readonly DocumentedHeader[];
}

/**
 * One operation's handler together with what the OpenAPI document says about it. Method, path,
 * roles and credentials come from shared/src/api/operations.ts; the document adds the answers
 * every operation of a kind can give (400, 401, 403, 413, 415, 429) on its own.
 */
export interface RouteSpec {
  description: string;
  query?: readonly QueryParameter[];
  requestBody?: { description: string; schema: JsonSchema };
  /** Answers particular to this operation; one given here replaces the generic one. */
  responses: Readonly<Record<number, ResponseSpec>>;
  handle(c: Context<EmulatorEnv>, deps: EmulatorDeps): Response | Promise<Response>;
}
