/** The relations of an RFC 8288 `Link` header that paging uses. */
export interface PageLinks {
  first?: string;
  prev?: string;
  next?: string;
  last?: string;
}

const PAGE_RELATIONS = ['first', 'prev', 'next', 'last'] as const;
type PageRelation = (typeof PAGE_RELATIONS)[number];

function isPageRelation(value: string): value is PageRelation {
  return (PAGE_RELATIONS as readonly string[]).includes(value);
}

/**
 * Reads the `first`/`prev`/`next`/`last` targets of a `Link` header (RFC 8288 §3), as written:
 * resolving them is the caller's job. Handles several links in one header, quoted or bare `rel`
 * values, several relations in one `rel` ("prev first"), `previous` for `prev`, and commas or
 * semicolons inside the `<…>` target. The first link for a relation wins (§3.3).
 *
 * @example parseLinkHeader('</e?page=2>; rel="next", </e?page=9>; rel="last"')
 * // { next: '/e?page=2', last: '/e?page=9' }
 */
export function parseLinkHeader(header: string | null): PageLinks {
  const links: PageLinks = {};
  if (!header) return links;
  for (const { target, rel } of splitLinks(header)) {
    for (const name of rel.toLowerCase().split(/\s+/)) {
      const relation = name === 'previous' ? 'prev' : name;
      if (isPageRelation(relation) && links[relation] === undefined) links[relation] = target;
    }
  }
  return links;
}

/** Walks `<target>; param=value; param="quoted, value", <target>…`, keeping `rel`. */
function splitLinks(header: string): { target: string; rel: string }[] {
  const result: { target: string; rel: string }[] = [];
  let index = 0;
  while (index < header.length) {
    const open = header.indexOf('<', index);
    if (open === -1) break;
    const close = header.indexOf('>', open + 1);
    if (close === -1) break;
    const target = header.slice(open + 1, close).trim();
    index = close + 1;
    let rel = '';
    // Parameters run until a comma outside quotes.
    while (index < header.length) {
      const match =
        /^\s*;\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,\s]*)))?/.exec(
          header.slice(index),
        );
      if (!match) break;
      index += match[0].length;
      const value = match[2]?.replace(/\\(.)/g, '$1') ?? match[3] ?? '';
      if (match[1]?.toLowerCase() === 'rel' && rel === '') rel = value;
    }
    const comma = header.indexOf(',', index);
    index = comma === -1 ? header.length : comma + 1;
    if (rel !== '') result.push({ target, rel });
  }
  return result;
}
