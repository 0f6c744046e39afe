import { DAY_MS, LIMITS } from '#shared/limits.ts';
import { linkHeader, paginate } from '../domain/pagination.ts';
import { reverseChronological } from '../domain/store-event.ts';
import { conversionView } from '../domain/views.ts';
import { ref } from '../openapi/json-schema.ts';
import type { ClickRecord, EventRecord } from '../state.ts';
import {
  DATE_RANGE_PARAMETERS,
  PAGE_PARAMETERS,
  readPagedRangeQuery,
} from '../validation/range-query.ts';
import { pixelOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

const ATTRIBUTION_WINDOW_MS = LIMITS.attributionWindowDays * DAY_MS;

export const listConversions: RouteSpec = {
  description:
    'Retrieve conversions for a pixel: each purchase in [from, to] joined with its click, when the emulator knows the click, it belongs to the same shop and the purchase came within 30 days after it. Newest first, paged like the events.',
  query: [...DATE_RANGE_PARAMETERS, ...PAGE_PARAMETERS],
  responses: {
    200: {
      description: 'One page of conversions.',
      schema: ref('ConversionList'),
      headers: ['Link'],
    },
    404: { description: 'No such pixel, or one of another shop.' },
  },
  handle(c, deps) {
    const pixel = pixelOfCaller(c, deps);
    const query = readPagedRangeQuery(c);
    const joined: { event: EventRecord; click: ClickRecord }[] = [];
    for (const event of deps.state.eventsOfPixel(pixel.id)) {
      if (event.eventTimeMs < query.fromMs || event.eventTimeMs > query.toMs) continue;
      const click = deps.state.clicks.get(event.clickId.toLowerCase());
      if (!click || click.shopId !== pixel.shopId) continue;
      const sinceClick = event.eventTimeMs - click.timeMs;
      if (sinceClick < 0 || sinceClick > ATTRIBUTION_WINDOW_MS) continue;
      joined.push({ event, click });
    }
    joined.sort((a, b) => reverseChronological(a.event, b.event));
    const page = paginate(joined, query.page, query.perPage);
    const link = linkHeader(c.req.url, query.page, page.lastPage);
    return c.json(
      page.items.map(({ event, click }) => conversionView(event, click)),
      200,
      link === undefined ? {} : { Link: link },
    );
  },
};
