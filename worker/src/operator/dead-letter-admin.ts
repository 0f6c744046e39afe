import { Hono } from 'hono';
import type { CollectorConfig } from '../config/settings.ts';
import { DEAD_LETTER_ID_PATTERN } from '../dead-letters/ids.ts';
import { RefusedClicks } from '../dead-letters/refused-clicks.ts';
import { replayDeadLetter } from '../dead-letters/replay.ts';
import { DeadLetterStore } from '../dead-letters/store.ts';
import type { AppEnv } from '../http/app-env.ts';
import { CollectorError } from '../http/problem.ts';
import { requireBearer } from '../security/bearer.ts';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

function pageSize(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) {
    throw new CollectorError('invalid_request', `limit must be a whole number from 1 to ${max}`, {
      fieldErrors: { limit: { message: `must be from 1 to ${max}`, value: raw.slice(0, 20) } },
    });
  }
  return value;
}

function requireId(raw: string | undefined): string {
  if (raw === undefined || !DEAD_LETTER_ID_PATTERN.test(raw)) {
    throw new CollectorError('not_found', 'no dead letter has that id');
  }
  return raw;
}

/**
 * The operator's view of the dead-letter store, under `/admin/dead-letters`, with
 * `Authorization: Bearer <ADMIN_TOKEN>`:
 * - `GET /` lists (oldest first; `?limit=` 1..1000, `?cursor=` from the previous page);
 * - `GET /{id}` shows one, with its event and the API's reason;
 * - `POST /{id}/replay` puts its event back on the queue; `POST /replay` replays a page (oldest
 *   first, `?limit=` 1..100; pass the answer's `cursor` back to go on past skipped ones), and
 *   skips what the API refused for its fields (`cannot_succeed`): it would only be refused again;
 * - `GET /refused-clicks` shows the hourly counts of beacons refused for a forged click
 *   signature (kept 7 days; such beacons are counted, not stored one by one);
 * - `DELETE /{id}` discards one.
 */
export function deadLetterAdmin(config: CollectorConfig, adminToken: string): Hono<AppEnv> {
  const store = new DeadLetterStore(config.bindings.deadLetters);
  const admin = new Hono<AppEnv>();

  admin.use('*', async function requireAdmin(c, next) {
    await requireBearer(c.req.raw, adminToken, 'pjcollector-admin');
    await next();
  });

  admin.get('/', async (c) => {
    const limit = pageSize(c.req.query('limit'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const [page, count] = await Promise.all([
      store.list(limit, c.req.query('cursor')),
      store.readCount(),
    ]);
    return c.json({ ...page, store: { ...count, max: config.deadLetterMaxRecords } }, 200, {
      'Cache-Control': 'no-store',
    });
  });

  admin.post('/replay', async (c) => {
    const limit = pageSize(c.req.query('limit'), DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    const page = await store.list(limit, c.req.query('cursor'));
    const replayed: string[] = [];
    const skipped: { id: string; reason: string }[] = [];
    for (const { id } of page.dead_letters) {
      const outcome = await replayDeadLetter(store, config, id, { skipHopeless: true });
      if (outcome.ok) replayed.push(id);
      else skipped.push({ id, reason: outcome.reason });
    }
    c.get('log').warn('dead_letter.replayed', { count: replayed.length, skipped: skipped.length });
    const answer: { replayed: string[]; skipped: typeof skipped; cursor?: string } = {
      replayed,
      skipped,
    };
    if (page.cursor !== undefined) answer.cursor = page.cursor;
    return c.json(answer, 202);
  });

  admin.get('/refused-clicks', async (c) => {
    const tallies = await new RefusedClicks(config.bindings.deadLetters).list();
    return c.json({ refused_clicks: tallies }, 200, { 'Cache-Control': 'no-store' });
  });

  admin.get('/:id', async (c) => {
    const record = await store.get(requireId(c.req.param('id')));
    if (record === undefined) throw new CollectorError('not_found', 'no dead letter has that id');
    return c.json(record, 200, { 'Cache-Control': 'no-store' });
  });

  admin.post('/:id/replay', async (c) => {
    const outcome = await replayDeadLetter(store, config, requireId(c.req.param('id')));
    if (!outcome.ok && outcome.reason === 'not_found') {
      throw new CollectorError('not_found', 'no dead letter has that id');
    }
    if (!outcome.ok) {
      throw new CollectorError(
        'not_replayable',
        'this dead letter holds no deliverable event; delete it',
      );
    }
    c.get('log').warn('dead_letter.replayed', {
      dead_letter_id: outcome.id,
      external_event_id: outcome.external_event_id,
    });
    return c.json({ replayed: outcome.id, external_event_id: outcome.external_event_id }, 202);
  });

  admin.delete('/:id', async (c) => {
    const id = requireId(c.req.param('id'));
    if ((await store.get(id)) === undefined)
      throw new CollectorError('not_found', 'no dead letter has that id');
    await store.delete(id);
    c.get('log').warn('dead_letter.deleted', { dead_letter_id: id });
    return c.body(null, 204);
  });

  return admin;
}
