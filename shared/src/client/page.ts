import type { OperationId } from '../api/operations.ts';
import { LIMITS } from '../limits.ts';
import { PrisjaktApiError } from './errors.ts';
import { type PageLinks, parseLinkHeader } from './link-header.ts';
import type { ApiResponse } from './transport.ts';

/** One page of a list, with the `Link` header's targets as absolute URLs. */
export interface Page<T> {
  items: T[];
  /** The page number asked for (1 when the request named none). */
  page: number;
  /** The page size asked for (the API's default, 100, when the request named none). */
  perPage: number;
  links: PageLinks;
}

/** A page and the URL it came from, which the iterators need to follow links safely. */
export interface FetchedPage<T> extends Page<T> {
  url: URL;
  status: number;
}

/**
 * Reads a list response: the body must be a JSON array. Link targets are resolved against the URL
 * of the request (RFC 8288 §3.2), so relative links work, and links carrying the base URL's
 * path prefix keep it.
 *
 * @throws PrisjaktApiError when the body is not an array.
 */
export function readPage<T>(operation: OperationId, response: ApiResponse): FetchedPage<T> {
  if (!Array.isArray(response.body)) throw unexpectedBody(operation, response.status, 'an array');
  const links: PageLinks = {};
  for (const [relation, target] of Object.entries(parseLinkHeader(response.headers.get('link')))) {
    const resolved = resolveLink(target, response.url);
    if (resolved !== undefined) links[relation as keyof PageLinks] = resolved;
  }
  return {
    items: response.body as T[],
    page: positiveInteger(response.url.searchParams.get('page')) ?? 1,
    perPage: positiveInteger(response.url.searchParams.get('per_page')) ?? LIMITS.perPageMax,
    links,
    url: response.url,
    status: response.status,
  };
}

/** The error for a 2xx answer whose body is not what the operation returns. */
export function unexpectedBody(
  operation: OperationId,
  status: number,
  expected: string,
): PrisjaktApiError {
  return new PrisjaktApiError({
    kind: 'http',
    operation,
    status,
    title: 'Unexpected response',
    detail: `the response body is not ${expected}`,
  });
}

function resolveLink(target: string, base: URL): string | undefined {
  try {
    return new URL(target, base).href;
  } catch {
    return undefined;
  }
}

function positiveInteger(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}
