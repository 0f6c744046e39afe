import type { DateRange } from '../api/types.ts';
import { PrisjaktApiError } from './errors.ts';
import type { FetchedPage } from './page.ts';

/** How to walk one of the date-ranged lists (events, conversions). */
export interface RangedList<T> {
  operation: 'listEvents' | 'listConversions';
  /** Page 1 of a window. */
  first(window: DateRange): Promise<FetchedPage<T>>;
  /** The page a `next` link points to. */
  follow(url: URL): Promise<FetchedPage<T>>;
  /** Whether credentials may be sent to this URL. */
  isApiUrl(url: URL): boolean;
  /** The identity used to drop an item seen before. */
  idOf(item: T): string;
}

/**
 * Every item of a list over already-split windows (newest first), following each window's `next`
 * links and yielding each item once.
 *
 * Prisjakt warns that pages shift while events arrive: a new event pushes older ones onto the
 * next page, where they are seen again. So items are deduplicated by id, within a window and
 * against the window before it (which shares its boundary instant). Only two windows' ids are
 * kept, so memory grows with a window's size, not with the whole range.
 *
 * @throws PrisjaktApiError from a request, or when a `next` link leaves the API's origin (the
 *   client would send its credentials there) or leads back to a page already read.
 */
export async function* iterateWindows<T>(
  windows: readonly DateRange[],
  list: RangedList<T>,
): AsyncGenerator<T, void, undefined> {
  let previousIds = new Set<string>();
  for (const window of windows) {
    const ids = new Set<string>();
    let page = await list.first(window);
    const visited = new Set<string>([page.url.href]);
    for (;;) {
      for (const item of page.items) {
        const id = list.idOf(item);
        if (ids.has(id) || previousIds.has(id)) continue;
        ids.add(id);
        yield item;
      }
      const next = page.links.next;
      if (next === undefined) break;
      const url = new URL(next);
      if (!list.isApiUrl(url)) {
        throw badLink(list, page, `the next link leads to another origin (${url.origin})`);
      }
      if (visited.has(url.href))
        throw badLink(list, page, 'the next link leads to a page already read');
      visited.add(url.href);
      page = await list.follow(url);
    }
    previousIds = ids;
  }
}

function badLink<T>(list: RangedList<T>, page: FetchedPage<T>, detail: string): PrisjaktApiError {
  return new PrisjaktApiError({
    kind: 'http',
    operation: list.operation,
    status: page.status,
    title: 'Invalid pagination link',
    detail,
  });
}
