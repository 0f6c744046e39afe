import type { OperationId } from '../api/operations.ts';
import type { FieldErrors, ProblemDetails } from '../problem.ts';

/** How a call failed: the server answered with an error, it did not answer in time, or not at all. */
export type PrisjaktApiErrorKind = 'http' | 'timeout' | 'network';

/** What {@link PrisjaktApiError} is built from; every field but the first four is optional. */
export interface PrisjaktApiErrorInit {
  kind: PrisjaktApiErrorKind;
  operation: OperationId;
  status: number;
  title: string;
  detail?: string | undefined;
  fieldErrors?: FieldErrors | undefined;
  requestId?: string | undefined;
  problem?: ProblemDetails | undefined;
  retryAt?: number | undefined;
  cause?: unknown;
}

/** Field errors named in a message; the rest are on `fieldErrors`. */
const FIELD_ERRORS_IN_MESSAGE = 5;

/**
 * Every failure of a call: an HTTP error (problem details), a timeout, or a network error.
 *
 * The message is built from the operation, status, title, detail, field names and request id, so
 * it reads well in a log. It never holds the client secret: the client redacts the secret from
 * anything the server sends back before it gets here.
 *
 * @example
 * try { await client.getPixel(pixelId) }
 * catch (error) { if (error instanceof PrisjaktApiError && error.retryable) requeue() }
 */
export class PrisjaktApiError extends Error {
  override readonly name = 'PrisjaktApiError';
  readonly kind: PrisjaktApiErrorKind;
  readonly operation: OperationId;
  /** HTTP status; 0 when there was no response. */
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly fieldErrors?: FieldErrors;
  /** `context.request_id` or `context['request-id']`, whichever the server sent. */
  readonly requestId?: string;
  /** The body as sent, when it was problem JSON. */
  readonly problem?: ProblemDetails;
  /** Epoch ms at which a retry may succeed: from `X-RateLimit-Reset` on a 429, else `Retry-After`. */
  readonly retryAt?: number;

  constructor(init: PrisjaktApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.title = init.title;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.fieldErrors !== undefined) this.fieldErrors = init.fieldErrors;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.problem !== undefined) this.problem = init.problem;
    if (init.retryAt !== undefined) this.retryAt = init.retryAt;
  }

  /** Whether the same call may succeed later: timeouts, network errors, 429 and 5xx. */
  get retryable(): boolean {
    return (
      this.kind === 'timeout' ||
      this.kind === 'network' ||
      this.status === 429 ||
      this.status >= 500
    );
  }
}

function describe(init: PrisjaktApiErrorInit): string {
  let message = `Prisjakt API ${init.operation} failed: `;
  message += init.kind === 'http' ? `${init.status} ${init.title}` : init.title;
  if (init.detail) message += ` – ${init.detail}`;
  const fields = Object.entries(init.fieldErrors ?? {});
  if (fields.length > 0) {
    // Field names and messages only: the echoed values may be a shopper's data.
    const shown = fields
      .slice(0, FIELD_ERRORS_IN_MESSAGE)
      .map(([field, e]) => `${field} ${e.message}`);
    const more = fields.length - shown.length;
    message += ` (${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''})`;
  }
  if (init.requestId) message += ` [request id ${init.requestId}]`;
  return message;
}
