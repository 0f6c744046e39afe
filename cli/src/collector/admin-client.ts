import { ConnectionError } from '../errors.ts';
import type { CliIo } from '../io.ts';

export interface AdminAnswer<T> {
  status: number;
  body: T;
}

/** A problem answer's title and detail, on one line. */
function problemText(body: unknown, text: string): string {
  if (typeof body === 'object' && body !== null) {
    const { title, detail } = body as { title?: unknown; detail?: unknown };
    return [title, detail].filter((part) => typeof part === 'string').join(' – ');
  }
  return text.slice(0, 200);
}

/**
 * Calls one of the collector's admin routes with the admin token. A failed call becomes a
 * ConnectionError naming the route and the collector's own problem title, never the token.
 */
export class CollectorAdmin {
  constructor(
    private readonly io: CliIo,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: string, path: string, okStatuses: readonly number[] = [200, 202, 204]) {
    let response: Response;
    try {
      response = await this.io.fetch(`${this.baseUrl}/admin${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' },
      });
    } catch (error) {
      throw new ConnectionError(`cannot reach the collector at ${this.baseUrl}: ${causeOf(error)}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!okStatuses.includes(response.status)) {
      const hint =
        response.status === 401
          ? " (PJCOLLECTOR_ADMIN_TOKEN must be the collector's ADMIN_TOKEN)"
          : response.status === 404 && body === undefined
            ? ' (is PJCOLLECTOR_URL the collector with its base path, e.g. https://shop.example/pj?)'
            : '';
      throw new ConnectionError(
        `${method} ${path || '/'}: ${response.status} ${problemText(body, text)}${hint}`,
      );
    }
    return { status: response.status, body: body as T } satisfies AdminAnswer<T>;
  }
}

export function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
