import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type FieldErrors, PROBLEM_CONTENT_TYPE, type ProblemDetails } from '#shared/problem.ts';
import { inertJson } from './inert-json.ts';

/** Every way the collector refuses a request; each has one status and one title. */
const PROBLEMS = {
  invalid_request: { status: 400, title: 'Invalid request' },
  malformed_json: { status: 400, title: 'Malformed JSON' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden_origin: { status: 403, title: 'Origin not allowed' },
  not_found: { status: 404, title: 'Not found' },
  unknown_pixel: { status: 404, title: 'Unknown pixel' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  duplicate_event: { status: 409, title: 'Duplicate event' },
  not_replayable: { status: 409, title: 'Not replayable' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  not_configured: { status: 503, title: 'Collector not configured' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface CollectorErrorOptions {
  fieldErrors?: FieldErrors;
  headers?: Record<string, string>;
  /** Extra members for the problem body, e.g. the settings that are missing. */
  extensions?: Record<string, unknown>;
}

/** The one error type routes throw; `renderProblem` turns it into `application/problem+json`. */
export class CollectorError extends Error {
  override readonly name = 'CollectorError';
  readonly code: ProblemCode;
  readonly status: ContentfulStatusCode;
  readonly title: string;
  readonly options: CollectorErrorOptions;

  constructor(code: ProblemCode, detail: string, options: CollectorErrorOptions = {}) {
    super(detail);
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.title = PROBLEMS[code].title;
    this.options = options;
  }
}

/**
 * Renders an error as RFC 7807 problem details in Prisjakt's own shape (`title`, `status`,
 * `detail`, `context.request_id`, `field_errors`), so one parser reads both.
 */
export function renderProblem(c: Context, error: CollectorError, requestId: string): Response {
  const body: ProblemDetails = {
    type: 'about:blank',
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    context: { request_id: requestId },
    ...error.options.extensions,
  };
  if (error.options.fieldErrors !== undefined) body.field_errors = error.options.fieldErrors;
  const response = c.newResponse(inertJson(body), error.status, {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Cache-Control': 'no-store',
    ...error.options.headers,
  });
  return response;
}
