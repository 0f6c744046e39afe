import { PrisjaktApiError } from '#shared/client/index.ts';

/** Exit codes: what a script calling the CLI can rely on. */
export const EXIT = {
  /** Everything checked out. */
  ok: 0,
  /** The command ran and found problems (a failed check, orders that do not match, …). */
  problems: 1,
  /** The command could not run: bad usage, bad input, or no answer from a service. */
  usage: 2,
} as const;

/** A mistake in how the CLI was called or configured; the message says how to fix it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A service that did not answer, or refused the CLI's credentials. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

/**
 * The one line to print for an error that ended a command. API errors carry their own message
 * (operation, status, title, request id; never the secret), with a hint for the usual causes.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof UsageError || error instanceof ConnectionError) return error.message;
  if (error instanceof PrisjaktApiError) {
    const hint =
      error.status === 401
        ? ' (check PRISJAKT_CLIENT_ID and PRISJAKT_CLIENT_SECRET)'
        : error.status === 403
          ? ' (the client lacks the role this needs: reading the API needs shop_user)'
          : error.status === 404
            ? ' (check PRISJAKT_PIXEL_ID: this client cannot see that pixel)'
            : '';
    return `${error.message}${hint}`;
  }
  if (error instanceof SyntaxError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
