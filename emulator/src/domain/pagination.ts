export interface Page<T> {
  items: T[];
  /** The number of the last page; 1 when there is nothing. */
  lastPage: number;
}

/** One page of `items`, pages counted from 1. */
export function paginate<T>(items: readonly T[], page: number, perPage: number): Page<T> {
  const start = (page - 1) * perPage;
  return {
    items: items.slice(start, start + perPage),
    lastPage: Math.max(1, Math.ceil(items.length / perPage)),
  };
}

/**
 * The RFC 8288 `Link` header for a page of a list: `first`, `prev`, `next` and `last` where
 * they apply, each the request's own URL with only `page` changed. Undefined when everything
 * fits on one page, as the reference says the header is then omitted.
 *
 * @example linkHeader('https://x/events?per_page=100', 2, 3)
 * // <https://x/events?per_page=100&page=1>; rel="first", <…page=1>; rel="prev", …
 */
export function linkHeader(requestUrl: string, page: number, lastPage: number): string | undefined {
  if (lastPage <= 1) return undefined;
  const pageUrl = (number: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(number));
    return url.toString();
  };
  const links: [string, number][] = [['first', 1]];
  if (page > 1) links.push(['prev', Math.min(page - 1, lastPage)]);
  if (page < lastPage) links.push(['next', page + 1]);
  links.push(['last', lastPage]);
  return links.map(([rel, number]) => `<${pageUrl(number)}>; rel="${rel}"`).join(', ');
}
