import type { OperationId } from '../api/operations.ts';
import { isPlainObject } from '../json-object.ts';
import type { FieldErrors, ProblemDetails } from '../problem.ts';
import { PrisjaktApiError } from './errors.ts';
import { readResetAt, readRetryAfter } from './rate-limit.ts';

/** Longest stretch of a non-JSON error body kept as `detail` (a proxy's HTML page, say). */
const TEXT_DETAIL_MAX = 200;

const REDACTED = '[redacted]';

/**
 * Turns an error response into a {@link PrisjaktApiError}: problem details when the body is JSON
 * (RFC 7807 / 9457), otherwise the status and the start of the text. The client secret is cut out
 * of the body before anything is read from it, so no field of the error can carry it.
 */
export function problemError(
  operation: OperationId,
  response: Response,
  bodyText: string,
  secret: string | undefined,
  now: number,
): PrisjaktApiError {
  const text = redact(bodyText, secret);
  const problem = parseProblem(text);
  const status = response.status;
  const retryAt =
    (status === 429 ? readResetAt(response.headers.get('x-ratelimit-reset'), now) : undefined) ??
    (status === 429 || status === 503
      ? readRetryAfter(response.headers.get('retry-after'), now)
      : undefined);

  if (problem === undefined) {
    const snippet = text.trim().slice(0, TEXT_DETAIL_MAX);
    return new PrisjaktApiError({
      kind: 'http',
      operation,
      status,
      title: statusTitle(response),
      detail: snippet === '' ? undefined : snippet,
      requestId: response.headers.get('x-request-id') ?? undefined,
      retryAt,
    });
  }
  return new PrisjaktApiError({
    kind: 'http',
    operation,
    status,
    title:
      typeof problem.title === 'string' && problem.title !== ''
        ? problem.title
        : statusTitle(response),
    detail: typeof problem.detail === 'string' ? problem.detail : undefined,
    fieldErrors: readFieldErrors(problem.field_errors),
    requestId: readRequestId(problem) ?? response.headers.get('x-request-id') ?? undefined,
    problem,
    retryAt,
  });
}

/**
 * Removes a secret from text, in its raw and its JSON-escaped spelling.
 *
 * @example redact('bad secret "s3"', 's3') // 'bad secret "[redacted]"'
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let result = text.split(secret).join(REDACTED);
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (escaped !== secret) result = result.split(escaped).join(REDACTED);
  return result;
}

function parseProblem(text: string): ProblemDetails | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isPlainObject(value) ? (value as ProblemDetails) : undefined;
}

/** `context.request_id` (the reference's sample) or `context['request-id']` (its prose). */
function readRequestId(problem: ProblemDetails): string | undefined {
  const context = isPlainObject(problem.context) ? problem.context : {};
  for (const candidate of [
    context.request_id,
    context['request-id'],
    context.requestId,
    problem.request_id,
    problem['request-id'],
  ]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
    if (typeof candidate === 'number') return String(candidate);
  }
  return undefined;
}

function readFieldErrors(value: unknown): FieldErrors | undefined {
  if (!isPlainObject(value)) return undefined;
  const errors: FieldErrors = {};
  for (const [field, error] of Object.entries(value)) {
    if (isPlainObject(error)) {
      errors[field] = {
        ...error,
        message: typeof error.message === 'string' ? error.message : 'is invalid',
      };
    } else if (typeof error === 'string') {
      errors[field] = { message: error };
    }
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

function statusTitle(response: Response): string {
  return response.statusText !== '' ? response.statusText : `HTTP ${response.status}`;
}
