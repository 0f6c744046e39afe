import { canActOnShop } from '../auth/shop-access.ts';
import { clickView } from '../domain/views.ts';
import { notFound } from '../http/problem.ts';
import { ref } from '../openapi/json-schema.ts';
import { pathParameter } from '../validation/path-parameters.ts';
import type { RouteSpec } from './route.ts';

export const getClick: RouteSpec = {
  description:
    'Retrieve a click by ID. Only clicks the emulator issued (seeded, or through POST /__emulator/clicks) are known.',
  responses: {
    200: { description: 'The click.', schema: ref('Click') },
    404: { description: 'No such click, or a click on another shop.' },
  },
  handle(c, { state }) {
    const click = state.clicks.get(pathParameter(c, 'click_id'));
    if (!click || !canActOnShop(c.get('client'), click.shopId)) throw notFound('click');
    return c.json(clickView(click));
  },
};
