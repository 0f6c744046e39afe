import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from '#shared/client/index.ts';

describe('parseLinkHeader', () => {
  it('reads the four paging relations of one header', () => {
    const header = [
      '<https://api.pj.nu/click-conversion/pixels/p/events?page=1&per_page=2>; rel="first"',
      '<https://api.pj.nu/click-conversion/pixels/p/events?page=2&per_page=2>; rel="prev"',
      '<https://api.pj.nu/click-conversion/pixels/p/events?page=4&per_page=2>; rel="next"',
      '<https://api.pj.nu/click-conversion/pixels/p/events?page=9&per_page=2>; rel="last"',
    ].join(', ');
    expect(parseLinkHeader(header)).toEqual({
      first: 'https://api.pj.nu/click-conversion/pixels/p/events?page=1&per_page=2',
      prev: 'https://api.pj.nu/click-conversion/pixels/p/events?page=2&per_page=2',
      next: 'https://api.pj.nu/click-conversion/pixels/p/events?page=4&per_page=2',
      last: 'https://api.pj.nu/click-conversion/pixels/p/events?page=9&per_page=2',
    });
  });

  it('returns no links for an absent or empty header', () => {
    expect(parseLinkHeader(null)).toEqual({});
    expect(parseLinkHeader('')).toEqual({});
  });

  it('keeps relative targets as written, for the caller to resolve', () => {
    expect(parseLinkHeader('</click-conversion/e?page=2>; rel=next')).toEqual({
      next: '/click-conversion/e?page=2',
    });
  });

  it('reads several relations in one rel, "previous", any case, and other parameters', () => {
    expect(
      parseLinkHeader(
        '</e?page=1>; title="first, and previous"; rel="PREV first", </e?page=3>; type=x; rel=Next',
      ),
    ).toEqual({ prev: '/e?page=1', first: '/e?page=1', next: '/e?page=3' });
    expect(parseLinkHeader('</e?page=1>; rel="previous"')).toEqual({ prev: '/e?page=1' });
  });

  it('copes with commas and semicolons inside the target and escaped quotes in values', () => {
    expect(
      parseLinkHeader('</e?a=1,2;b>; title="say \\"hi\\", ok"; rel="next", </e?z>; rel="last"'),
    ).toEqual({ next: '/e?a=1,2;b', last: '/e?z' });
  });

  it('keeps the first link of a relation and ignores links without rel or with other rels', () => {
    expect(
      parseLinkHeader('</a>; rel="next", </b>; rel="next", </c>, </d>; rel="alternate"'),
    ).toEqual({ next: '/a' });
  });

  it('stops cleanly on a malformed header', () => {
    expect(parseLinkHeader('</a>; rel="next", <broken')).toEqual({ next: '/a' });
    expect(parseLinkHeader('garbage without targets')).toEqual({});
  });
});
