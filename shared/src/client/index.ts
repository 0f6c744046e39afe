/**
 * The typed client for Prisjakt's Click and Conversion API. The types of requests and answers
 * live in `../api/types.ts` and are re-exported here, so one import serves a caller.
 */

export type { OperationId } from '../api/operations.ts';
export type {
  BatchRequest,
  Click,
  Client,
  Conversion,
  CreatableRole,
  CreatedClient,
  CreateEventRequest,
  DateRange,
  PageQuery,
  Pixel,
  PurchaseData,
  PurchaseSummary,
  Role,
  Shop,
  StoredEvent,
} from '../api/types.ts';
export type { FieldError, FieldErrors, ProblemDetails } from '../problem.ts';
export { type IterationRange, PrisjaktClient } from './client.ts';
export { MAX_WINDOW_MS, splitDateRange } from './date-windows.ts';
export { PrisjaktApiError, type PrisjaktApiErrorKind } from './errors.ts';
export { type PageLinks, parseLinkHeader } from './link-header.ts';
export {
  DEFAULT_MAX_RATE_LIMIT_RETRIES,
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_TIMEOUT_MS,
  type PrisjaktClientOptions,
} from './options.ts';
export type { Page } from './page.ts';
export { type RateLimitState, readResetAt } from './rate-limit.ts';
