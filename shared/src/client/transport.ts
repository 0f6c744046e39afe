import { OPERATIONS, type OperationId } from '../api/operations.ts';
import { PrisjaktApiError } from './errors.ts';
import type { ResolvedOptions } from './options.ts';
import { problemError, redact } from './problem-response.ts';
import { type RateLimitState, readRateLimit } from './rate-limit.ts';

/** One call as the client methods describe it. */
export interface ApiRequest {
  operation: OperationId;
  /** The full URL: built from the operation's path, or a `next` link being followed. */
  url: URL;
  /** Sent as JSON when present. */
  body?: unknown;
}

/** A successful (2xx) answer with its body read. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** JSON when the body is JSON, the text otherwise, `undefined` when empty. */
  body: unknown;
  /** The URL the request went to, for resolving relative links. */
  url: URL;
}

/** When a 429 carries no reset at all: wait 1 s, then 2 s, 4 s… (capped by maxRateLimitWaitMs). */
const FALLBACK_RATE_LIMIT_WAIT_MS = 1000;

/**
 * Sends requests: credentials per the operations table, a timeout covering headers and body,
 * 429s waited out and retried, and every failure turned into a {@link PrisjaktApiError}.
 */
export class Transport {
  readonly #options: ResolvedOptions;
  #rateLimit: RateLimitState | undefined;

  constructor(options: ResolvedOptions) {
    this.#options = options;
  }

  get rateLimit(): RateLimitState | undefined {
    return this.#rateLimit === undefined ? undefined : { ...this.#rateLimit };
  }

  /** A URL for a path template already filled in, under the base URL's prefix. */
  url(path: string, query: Record<string, string | number | undefined> = {}): URL {
    // Set as a path, never parsed as a reference: a prefix such as `//host` stays a path.
    const url = new URL(this.#options.origin);
    url.pathname = this.#options.pathPrefix + path;
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }

  /** Whether a URL lies on the API's origin, so credentials may be sent to it. */
  isApiUrl(url: URL): boolean {
    return url.origin === this.#options.origin;
  }

  /**
   * Sends a request; on 429, waits for the reset and sends it again, up to maxRateLimitRetries
   * times, unless the wait would exceed maxRateLimitWaitMs.
   *
   * @throws PrisjaktApiError on any non-2xx answer, timeout or network failure.
   */
  async send(request: ApiRequest): Promise<ApiResponse> {
    for (let retry = 0; ; retry++) {
      const { response, text } = await this.#exchange(request);
      const now = Date.now();
      this.#rateLimit = readRateLimit(response.headers, now) ?? this.#rateLimit;

      if (response.status >= 200 && response.status < 300) {
        return {
          status: response.status,
          headers: response.headers,
          body: parseBody(request.operation, response, text),
          url: request.url,
        };
      }

      const error = problemError(
        request.operation,
        response,
        text,
        this.#options.clientSecret,
        now,
      );
      if (response.status !== 429 || retry >= this.#options.maxRateLimitRetries) throw error;
      const wait =
        error.retryAt === undefined
          ? FALLBACK_RATE_LIMIT_WAIT_MS * 2 ** retry
          : Math.max(0, error.retryAt - now);
      if (wait > this.#options.maxRateLimitWaitMs) throw error;
      await sleep(wait);
    }
  }

  /** One round trip, bounded by the timeout from the first byte sent to the last byte read. */
  async #exchange(request: ApiRequest): Promise<{ response: Response; text: string }> {
    const { operation, url, body } = request;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new PrisjaktApiError({
          kind: 'timeout',
          operation,
          status: 0,
          title: 'Timeout',
          detail: `no complete response within ${this.#options.timeoutMs} ms`,
        });
        controller.abort(error);
        reject(error);
      }, this.#options.timeoutMs);
    });
    timedOut.catch(ignore);

    try {
      const init: RequestInit = {
        method: OPERATIONS[operation].method,
        headers: this.#headers(operation, body !== undefined),
        signal: controller.signal,
        // Credentials are custom headers, which fetch would carry across a redirect to any host.
        redirect: 'manual',
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      // Raced rather than trusted to the signal: a custom fetch may ignore it.
      const responsePromise = Promise.resolve().then(() => this.#options.fetch(url.href, init));
      responsePromise.catch(ignore);
      const response = await Promise.race([responsePromise, timedOut]);
      const textPromise = response.text();
      textPromise.catch(ignore);
      const text = await Promise.race([textPromise, timedOut]);
      return { response, text };
    } catch (error) {
      if (error instanceof PrisjaktApiError) throw error;
      throw new PrisjaktApiError({
        kind: 'network',
        operation,
        status: 0,
        title: 'Network error',
        detail: redact(describeCause(error), this.#options.clientSecret),
        cause: error,
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  #headers(operation: OperationId, hasBody: boolean): Headers {
    const headers = new Headers({ accept: 'application/json, application/problem+json' });
    if (hasBody) headers.set('content-type', 'application/json');
    const { secret } = OPERATIONS[operation];
    if (secret !== 'none') {
      headers.set('client-id', this.#options.clientId);
      // Sent wherever it may be: required operations need it, optional ones check it when sent.
      if (this.#options.clientSecret !== undefined) {
        headers.set('client-secret', this.#options.clientSecret);
      }
    }
    return headers;
  }
}

function parseBody(operation: OperationId, response: Response, text: string): unknown {
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  const looksJson = /\bjson\b/i.test(type) || /^\s*[[{]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new PrisjaktApiError({
      kind: 'http',
      operation,
      status: response.status,
      title: 'Invalid response',
      detail: 'the response body is not valid JSON',
    });
  }
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch says "fetch failed" and puts the reason (ECONNREFUSED, …) in `cause`.
  const cause = error.cause;
  const reason =
    cause instanceof Error
      ? ((cause as Error & { code?: unknown }).code ?? cause.message)
      : undefined;
  return typeof reason === 'string' && reason !== ''
    ? `${error.message}: ${reason}`
    : error.message;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ignore(): void {}
