import { type FieldErrors, PROBLEM_CONTENT_TYPE, type ProblemDetails } from '#shared/problem.ts';

/** Reason phrases (RFC 9110 §15) used as problem titles. */
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The reason phrase of an HTTP status, or a generic one for the rarer codes. */
export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/**
 * An error the API answers with, rendered as RFC 7807 problem details by the app's error
 * handler. Details must never carry a secret: they are sent to the caller as they are.
 */
export class ApiError extends Error {
  readonly status: number;
  /** The problem's title; the status's reason phrase when not given. */
  readonly title: string;
  readonly fieldErrors: FieldErrors | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    detail: string,
    options: { title?: string; fieldErrors?: FieldErrors; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.title = options.title ?? statusTitle(status);
    this.fieldErrors = options.fieldErrors;
    this.headers = options.headers ?? {};
  }
}

/**
 * The title and detail of a validation problem, as Prisjakt's public docs show one ("Errors",
 * conversion.prisjakt.nu): `Request validation failed`, `Request contains invalid fields: shopId.
 * See field_errors for more details.`
 */
export const VALIDATION_TITLE = 'Request validation failed';

/** 400 with the invalid fields, keyed by their path in the request. */
export function invalidRequest(fieldErrors: FieldErrors): ApiError {
  const fields = Object.keys(fieldErrors);
  return new ApiError(
    400,
    `Request contains invalid fields: ${fields.join(', ')}. See field_errors for more details.`,
    { title: VALIDATION_TITLE, fieldErrors },
  );
}

/** 404 that reads the same whether the thing does not exist or belongs to another shop. */
export function notFound(what: string): ApiError {
  return new ApiError(404, `No ${what} with that id exists for this client.`);
}

/** Renders problem details (`application/problem+json`) with the request id in `context`. */
export function problemResponse(
  status: number,
  detail: string,
  requestId: string,
  options: {
    title?: string;
    fieldErrors?: FieldErrors | undefined;
    headers?: Record<string, string>;
  } = {},
): Response {
  const body: ProblemDetails = {
    title: options.title ?? statusTitle(status),
    status,
    detail,
    context: { request_id: requestId },
  };
  if (options.fieldErrors !== undefined) body.field_errors = options.fieldErrors;
  const headers = new Headers(options.headers);
  headers.set('Content-Type', PROBLEM_CONTENT_TYPE);
  return new Response(JSON.stringify(body), { status, headers });
}
