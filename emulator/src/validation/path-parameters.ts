import type { Context } from 'hono';
import { isUuidV4 } from '#shared/pjclid.ts';
import { echoValue } from '#shared/problem.ts';
import { invalidRequest } from '../http/problem.ts';
import { type JsonSchema, ref } from '../openapi/json-schema.ts';

interface PathParameter<T> {
  description: string;
  schema: JsonSchema;
  /** The value, normalised, or undefined when malformed. */
  parse(raw: string): T | undefined;
  message: string;
  /** The key of its field error, when not its name. */
  field?: string;
}

const SHOP_ID = /^[1-9][0-9]{0,5}$/;
const CLIENT_ID = /^[A-Za-z0-9._~-]{1,100}$/;

function uuidParameter(description: string): PathParameter<string> {
  return {
    description,
    schema: ref('UUID'),
    // UUIDs are case-insensitive (RFC 9562 §4); lookups use the lowercase form.
    parse: (raw) => (isUuidV4(raw) ? raw.toLowerCase() : undefined),
    message: 'must be a UUID version 4',
  };
}

/**
 * Every path parameter of the API: how it is documented and how it is checked. The OpenAPI
 * document is built from this table, so the two cannot disagree.
 */
export const PATH_PARAMETERS = {
  pixel_id: uuidParameter('The pixel ID'),
  event_id: uuidParameter('The event ID'),
  click_id: uuidParameter('The click ID'),
  shop_id: {
    description: 'The shop ID',
    schema: ref('ShopId'),
    parse: (raw: string) => (SHOP_ID.test(raw) ? Number(raw) : undefined),
    message: 'must be an integer from 1 to 999999',
    // Prisjakt's public docs show a malformed shop id keyed `shopId`, though the reference
    // names the parameter `shop_id`; the others are keyed by their names *choice*.
    field: 'shopId',
  },
  client_id: {
    description: 'The ID of the client to retrieve',
    schema: ref('ClientId'),
    parse: (raw: string) => (CLIENT_ID.test(raw) ? raw : undefined),
    message: 'must be 1 to 100 letters, digits or . _ ~ -',
  },
} as const satisfies Record<string, PathParameter<unknown>>;

export type PathParameterName = keyof typeof PATH_PARAMETERS;

type Parsed<N extends PathParameterName> = Exclude<
  ReturnType<(typeof PATH_PARAMETERS)[N]['parse']>,
  undefined
>;

/** The named path parameter, checked and normalised; 400 with a field error when malformed. */
export function pathParameter<N extends PathParameterName>(c: Context, name: N): Parsed<N> {
  const raw = c.req.param(name) ?? '';
  const spec: PathParameter<unknown> = PATH_PARAMETERS[name];
  const value = spec.parse(raw);
  if (value === undefined) {
    throw invalidRequest({
      [spec.field ?? name]: { message: spec.message, value: echoValue(raw) },
    });
  }
  return value as Parsed<N>;
}

export function isPathParameterName(name: string): name is PathParameterName {
  return Object.hasOwn(PATH_PARAMETERS, name);
}
