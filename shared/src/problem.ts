/** One invalid field, as Prisjakt reports it: `{ "<field>": { "message", "value" } }`. */
export interface FieldError {
  message: string;
  value?: unknown;
}

export type FieldErrors = Record<string, FieldError>;

/**
 * RFC 7807 problem details as Prisjakt sends them. The reference's sample spells the request id
 * `context.request_id`, the prose docs `request-id`; readers accept both.
 */
export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  context?: { request_id?: string; 'request-id'?: string; [key: string]: unknown };
  field_errors?: FieldErrors;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Echoed values are cut short so an error never carries a large or sensitive payload back. */
export function echoValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 100 ? `${value.slice(0, 100)}…` : value;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  return Array.isArray(value) ? '[array]' : '[object]';
}
