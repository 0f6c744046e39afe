import type { Context } from 'hono';
import { DAY_MS, LIMITS } from '#shared/limits.ts';
import { echoValue, type FieldErrors } from '#shared/problem.ts';
import { parseUtcDateTime } from '#shared/time.ts';
import { invalidRequest } from '../http/problem.ts';
import { type JsonSchema, ref } from '../openapi/json-schema.ts';

/** A query parameter as the OpenAPI document describes it. */
export interface QueryParameter {
  name: string;
  required: boolean;
  description: string;
  schema: JsonSchema;
}

export const DATE_RANGE_PARAMETERS: readonly QueryParameter[] = [
  {
    name: 'from',
    required: true,
    description: 'The start of the interval (inclusive), UTC.',
    schema: ref('UTCDateTime'),
  },
  {
    name: 'to',
    required: true,
    description: `The end of the interval (inclusive), UTC; at most ${LIMITS.maxRangeDays} days after from.`,
    schema: ref('UTCDateTime'),
  },
];

/**
 * `page` and `per_page` are `number <double>` in the reference, so `per_page=50.0` is 50. A
 * fraction (`50.5`) names no page size and is refused *choice*: `multipleOf: 1` says so.
 */
const WHOLE_NUMBER = { type: 'number', format: 'double', multipleOf: 1 } as const;

/** Nine digits: far past any real list, and it keeps page × per_page a safe integer. */
const PAGE_MAX = 999_999_999;

export const PAGE_PARAMETERS: readonly QueryParameter[] = [
  {
    name: 'page',
    required: false,
    description: 'The page number. Defaults to 1.',
    schema: { ...WHOLE_NUMBER, minimum: 1, maximum: PAGE_MAX, default: 1 },
  },
  {
    name: 'per_page',
    required: false,
    description: `The number of items per page. Defaults to ${LIMITS.perPageMax}.`,
    schema: {
      ...WHOLE_NUMBER,
      minimum: 1,
      maximum: LIMITS.perPageMax,
      default: LIMITS.perPageMax,
    },
  },
];

export interface RangeQuery {
  fromMs: number;
  toMs: number;
}

export interface PagedRangeQuery extends RangeQuery {
  page: number;
  perPage: number;
}

/** A JSON number's syntax (RFC 8259 §6), as a query string may spell a double. */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function readRange(c: Context, errors: FieldErrors): RangeQuery {
  const from = c.req.query('from');
  const to = c.req.query('to');
  const fromMs = parseUtcDateTime(from);
  const toMs = parseUtcDateTime(to);
  const format = 'must be an ISO 8601 date and time in UTC, e.g. 2023-05-01T15:03:01Z';
  if (fromMs === undefined) {
    errors.from =
      from === undefined ? { message: 'is required' } : { message: format, value: echoValue(from) };
  }
  if (toMs === undefined) {
    errors.to =
      to === undefined ? { message: 'is required' } : { message: format, value: echoValue(to) };
  }
  if (fromMs !== undefined && toMs !== undefined) {
    if (fromMs > toMs) errors.from = { message: 'must not be after to', value: from };
    else if (toMs - fromMs > LIMITS.maxRangeDays * DAY_MS) {
      errors.to = { message: `must be at most ${LIMITS.maxRangeDays} days after from`, value: to };
    }
  }
  return { fromMs: fromMs ?? 0, toMs: toMs ?? 0 };
}

function readInteger(
  c: Context,
  name: string,
  fallback: number,
  max: number,
  errors: FieldErrors,
): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const value = NUMBER.test(raw) ? Number(raw) : Number.NaN;
  if (!(Number.isInteger(value) && value >= 1 && value <= max)) {
    errors[name] = { message: `must be a whole number from 1 to ${max}`, value: echoValue(raw) };
  }
  return value;
}

/** `from` and `to`: both required UTC times, `from` ≤ `to`, at most 60 days apart. */
export function readRangeQuery(c: Context): RangeQuery {
  const errors: FieldErrors = {};
  const range = readRange(c, errors);
  if (Object.keys(errors).length > 0) throw invalidRequest(errors);
  return range;
}

/** `from`/`to` as readRangeQuery, plus `page` ≥ 1 (default 1) and `per_page` 1..100 (100). */
export function readPagedRangeQuery(c: Context): PagedRangeQuery {
  const errors: FieldErrors = {};
  const range = readRange(c, errors);
  const page = readInteger(c, 'page', 1, PAGE_MAX, errors);
  const perPage = readInteger(c, 'per_page', LIMITS.perPageMax, LIMITS.perPageMax, errors);
  if (Object.keys(errors).length > 0) throw invalidRequest(errors);
  return { ...range, page, perPage };
}
