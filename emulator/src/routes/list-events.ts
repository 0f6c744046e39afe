import { linkHeader, paginate } from '../domain/pagination.ts';
import { reverseChronological } from '../domain/store-event.ts';
import { eventView } from '../domain/views.ts';
import { ref } from '../openapi/json-schema.ts';
import {
  DATE_RANGE_PARAMETERS,
  PAGE_PARAMETERS,
  readPagedRangeQuery,
} from '../validation/range-query.ts';
import { pixelOfCaller } from './lookups.ts';
import type { RouteSpec } from './route.ts';

export const listEvents: RouteSpec = {
  description:
    'Retrieve all events for a pixel whose event_time lies in [from, to] (at most 60 days apart), newest first. When the list spans more than one page, the Link header (RFC 8288) gives first, prev, next and last.',
  query: [...DATE_RANGE_PARAMETERS, ...PAGE_PARAMETERS],
  responses: {
    200: { description: 'One page of events.', schema: ref('EventList'), headers: ['Link'] },
    404: { description: 'No such pixel, or one of another shop.' },
  },
  handle(c, deps) {
    const pixel = pixelOfCaller(c, deps);
    const query = readPagedRangeQuery(c);
    const events = deps.state
      .eventsOfPixel(pixel.id)
      .filter((event) => event.eventTimeMs >= query.fromMs && event.eventTimeMs <= query.toMs)
      .sort(reverseChronological);
    const page = paginate(events, query.page, query.perPage);
    const link = linkHeader(c.req.url, query.page, page.lastPage);
    return c.json(page.items.map(eventView), 200, link === undefined ? {} : { Link: link });
  },
};
