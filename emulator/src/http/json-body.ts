import type { Context } from 'hono';
import { ApiError, invalidRequest } from './problem.ts';

/** Far above the largest valid request (a batch of 100 events is about 30 KiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads the body as JSON. Empty: `undefined` when `optional`, otherwise 400. Not declared as
 * JSON: 415. Over MAX_BODY_BYTES: 413. Malformed: 400 with a field error on `body`.
 */
export async function readJsonBody(
  c: Context,
  options: { optional?: boolean } = {},
): Promise<unknown> {
  const declaredLength = Number(c.req.header('content-length'));
  if (declaredLength > MAX_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) throw tooLarge();
  if (text.trim() === '') {
    if (options.optional) return undefined;
    throw invalidRequest({ body: { message: 'is required: a JSON document' } });
  }
  const contentType = c.req.header('content-type') ?? '';
  if (!JSON_MEDIA_TYPE.test(contentType)) {
    throw new ApiError(
      415,
      `The body must be sent as application/json, not ${contentType === '' ? 'without a Content-Type' : contentType.slice(0, 100)}.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest({ body: { message: 'is not valid JSON' } });
  }
}

function tooLarge(): ApiError {
  return new ApiError(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
}
