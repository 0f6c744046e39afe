import { PrisjaktApiError } from '#shared/client/index.ts';

/**
 * What a failed send means for the event:
 * - `duplicate`: 409, the API already holds it: delivered.
 * - `rate_limited`: 429: retry once the window resets.
 * - `unavailable`: 5xx, timeout, network error, or an unexpected failure: retry with backoff.
 * - `unauthorized`: 401, the credentials are wrong: a configuration error; retry slowly, never drop.
 * - `rejected`: any other 4xx (400/403/404…): retrying cannot help; dead-letter it.
 */
export type FailureClass =
  | 'duplicate'
  | 'rate_limited'
  | 'unavailable'
  | 'unauthorized'
  | 'rejected';

/**
 * Sorts a failed send into a {@link FailureClass}; anything but an HTTP answer from the API is
 * `unavailable`, so an unexpected error is retried rather than lost.
 *
 * @example classifyFailure(new PrisjaktApiError({ kind: 'http', status: 409, … })) // 'duplicate'
 */
export function classifyFailure(error: unknown): FailureClass {
  if (!(error instanceof PrisjaktApiError) || error.kind !== 'http') return 'unavailable';
  if (error.status === 409) return 'duplicate';
  if (error.status === 429) return 'rate_limited';
  if (error.status === 401) return 'unauthorized';
  if (error.status >= 500) return 'unavailable';
  if (error.status >= 400) return 'rejected';
  return 'unavailable';
}
