import type { Context } from 'hono';
import { isPlainObject } from '#shared/json-object.ts';
import { echoValue } from '#shared/problem.ts';
import { readJsonBody } from '../http/json-body.ts';
import { invalidRequest } from '../http/problem.ts';

/** A control's JSON object body; an empty body reads as `{}`. */
export async function readOptionalObject(c: Context): Promise<Record<string, unknown>> {
  const body = await readJsonBody(c, { optional: true });
  if (body === undefined) return {};
  if (!isPlainObject(body)) {
    throw invalidRequest({ body: { message: 'must be a JSON object', value: echoValue(body) } });
  }
  return body as Record<string, unknown>;
}
