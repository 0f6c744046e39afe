import { OPERATIONS, type OperationId } from '#shared/api/operations.ts';
import { LIMITS } from '#shared/limits.ts';
import { PROBLEM_CONTENT_TYPE } from '#shared/problem.ts';
import { API_BASE_PATHS } from '../http/base-paths.ts';
import type { RouteSpec } from '../routes/route.ts';
import { isPathParameterName, PATH_PARAMETERS } from '../validation/path-parameters.ts';
import { type JsonSchema, ref } from './json-schema.ts';
import { SCHEMAS } from './schemas.ts';

const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

const HEADERS: Record<string, { description: string; schema: JsonSchema }> = {
  'X-Request-Id': {
    description: 'Identifies this request; errors repeat it in context.request_id.',
    schema: ref('UUID'),
  },
  'X-RateLimit-Limit': {
    description: 'Requests the client may make per hour.',
    schema: { type: 'integer' },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current window.',
    schema: { type: 'integer' },
  },
  'X-RateLimit-Reset': {
    description: 'When the window ends, in epoch milliseconds.',
    schema: { type: 'integer' },
  },
  Link: {
    description: 'RFC 8288 links to the first, prev, next and last pages; absent on a single page.',
    schema: { type: 'string' },
  },
  Location: { description: 'The URL of what was created.', schema: { type: 'string' } },
};

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** The template's `{name}`s, in order. */
function pathParameterNames(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

/** The answers any operation of this kind can give, before its own are laid over them. */
function genericResponses(id: OperationId, route: RouteSpec): Record<number, string> {
  const operation = OPERATIONS[id];
  const responses: Record<number, string> = {};
  const hasInput =
    pathParameterNames(operation.path).length > 0 || route.query !== undefined || route.requestBody;
  if (hasInput) responses[400] = 'Invalid input; field_errors names each invalid field.';
  if (operation.secret !== 'none') {
    responses[401] = 'Missing or unknown client-id, or a missing or wrong client-secret.';
    responses[429] = `The client has used its requests for this hour (default ${LIMITS.rateLimitPerHour}).`;
  }
  if (Array.isArray(operation.roles)) {
    responses[403] = `The client lacks the role ${operation.roles.join(' or ')}.`;
  }
  if (route.requestBody) {
    responses[413] = 'The body is larger than 1 MiB.';
    responses[415] = 'The body is not sent as application/json.';
  }
  return responses;
}

function describeOperation(id: OperationId, route: RouteSpec) {
  const operation = OPERATIONS[id];
  const authenticated = operation.secret !== 'none';
  const responses: Record<string, unknown> = {};
  const statuses = { ...genericResponses(id, route) };
  for (const status of Object.keys(route.responses)) statuses[Number(status)] = '';
  for (const status of Object.keys(statuses)
    .map(Number)
    .sort((a, b) => a - b)) {
    const own = route.responses[status];
    const isError = status >= 400;
    const headers: Record<string, unknown> = { 'X-Request-Id': headerRef('X-Request-Id') };
    if (authenticated && status !== 401) {
      for (const name of RATE_LIMIT_HEADERS) headers[name] = headerRef(name);
    }
    for (const name of own?.headers ?? []) headers[name] = headerRef(name);
    const schema = own?.schema ?? (isError ? ref('Problem') : undefined);
    responses[String(status)] = {
      description: own?.description ?? statuses[status],
      headers,
      ...(schema && {
        content: { [isError ? PROBLEM_CONTENT_TYPE : 'application/json']: { schema } },
      }),
    };
  }

  const parameters = [
    ...pathParameterNames(operation.path).map((name) => {
      if (!isPathParameterName(name)) throw new Error(`no definition for path parameter ${name}`);
      const { description, schema } = PATH_PARAMETERS[name];
      return { name, in: 'path', required: true, description, schema };
    }),
    ...(route.query ?? []).map(({ name, required, description, schema }) => ({
      name,
      in: 'query',
      required,
      description,
      schema,
    })),
  ];

  const roles = Array.isArray(operation.roles) ? operation.roles.join(' or ') : operation.roles;
  return {
    operationId: id,
    summary: operation.title,
    description: `${route.description}\n\nRoles: ${roles}.`,
    'x-roles': operation.roles,
    security:
      operation.secret === 'required'
        ? [{ clientId: [], clientSecret: [] }]
        : operation.secret === 'optional'
          ? [{ clientId: [], clientSecret: [] }, { clientId: [] }]
          : [],
    ...(parameters.length > 0 && { parameters }),
    ...(route.requestBody && {
      requestBody: {
        required: true,
        description: route.requestBody.description,
        content: { 'application/json': { schema: route.requestBody.schema } },
      },
    }),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of what the emulator serves, built from the same route table the
 * app registers, so a route cannot exist without being documented or the other way round.
 */
export function buildOpenApiDocument(routes: { readonly [Id in OperationId]: RouteSpec }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const id of Object.keys(routes) as OperationId[]) {
    const operation = OPERATIONS[id];
    paths[operation.path] ??= {};
    const item = paths[operation.path] ?? {};
    item[operation.method.toLowerCase()] = describeOperation(id, routes[id]);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Prisjakt Click and Conversion API (pjcollector emulator)',
      version: '1.0.0',
      description:
        "A local emulator of Prisjakt's Click and Conversion API. Paths other than POST /pixels/{pixel_id}/events follow the reference's resource names. State is in memory.",
    },
    servers: API_BASE_PATHS.map((base) => ({ url: base === '' ? '/' : base })),
    paths,
    components: {
      schemas: SCHEMAS,
      headers: HEADERS,
      securitySchemes: {
        clientId: { type: 'apiKey', in: 'header', name: 'client-id' },
        clientSecret: { type: 'apiKey', in: 'header', name: 'client-secret' },
      },
    },
  };
}
