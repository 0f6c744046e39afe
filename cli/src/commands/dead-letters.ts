import { CollectorAdmin } from '../collector/admin-client.ts';
import { type Command, stringOption } from '../command.ts';
import { collectorSettings, requireAdminToken } from '../config.ts';
import { EXIT, UsageError } from '../errors.ts';
import { COLLECTOR_OPTIONS } from '../options.ts';
import { renderTable } from '../output/table.ts';

/** One dead letter as the list shows it: `DeadLetterSummary` of worker/src/dead-letters/store.ts. */
interface DeadLetterSummary {
  id: string;
  kind: string;
  status: number | string;
  external_event_id?: string;
  title: string;
}

const VERBS = ['list', 'show', 'replay', 'replay-all', 'delete'];
const PAGE_LIMIT = 1000;
const REPLAY_PAGE_LIMIT = 100;

export const deadLettersCommand: Command = {
  name: 'dead-letters',
  summary: 'list, show, replay and delete the events the collector could not deliver',
  synopsis: 'dead-letters <list | show ID | replay ID | replay-all [--max N] | delete ID>',
  description:
    "Talks to the collector's admin routes (PJCOLLECTOR_URL, PJCOLLECTOR_ADMIN_TOKEN; on localhost the local-development token is the default). Dead letters are events the Prisjakt API refused (400/403/404) or that could not be delivered in time. Everything shown from them has its control characters escaped.",
  positionals: true,
  options: {
    max: { type: 'string', value: 'N', description: 'replay-all: at most N (default 1000)' },
    ...COLLECTOR_OPTIONS,
  },
  async run({ io, values, positionals, output }) {
    const [verb, id, ...rest] = positionals;
    if (verb === undefined || !VERBS.includes(verb) || rest.length > 0) {
      throw new UsageError(`usage: pjcollector ${this.synopsis}`);
    }
    const needsId = verb === 'show' || verb === 'replay' || verb === 'delete';
    if (needsId && id === undefined) throw new UsageError(`${verb} needs a dead-letter id`);
    if (!needsId && id !== undefined) throw new UsageError(`${verb} takes no id`);
    const settings = collectorSettings(io, values, output);
    const admin = new CollectorAdmin(io, settings.url, requireAdminToken(settings));
    const path = (suffix = '') => `/dead-letters${suffix}`;
    const encodedId = encodeURIComponent(id ?? '');
    const json = values.json === true;

    switch (verb) {
      case 'list': {
        const all: DeadLetterSummary[] = [];
        let cursor: string | undefined;
        do {
          const query = `?limit=${PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const page = await admin.call<{ dead_letters: DeadLetterSummary[]; cursor?: string }>(
            'GET',
            path(query),
          );
          all.push(...page.body.dead_letters);
          cursor = page.body.cursor;
          output.progress(`listed ${all.length}…`);
        } while (cursor !== undefined);
        output.done();
        if (json) output.json(all);
        else if (all.length === 0) output.line('no dead letters');
        else {
          output.write(
            renderTable(all, [
              { header: 'id', value: (entry) => entry.id },
              { header: 'kind', value: (entry) => entry.kind },
              { header: 'status', value: (entry) => String(entry.status) },
              { header: 'order', value: (entry) => entry.external_event_id ?? '-' },
              { header: 'reason', value: (entry) => entry.title },
            ]),
          );
          output.line(`${all.length} dead letter${all.length === 1 ? '' : 's'}`);
        }
        return EXIT.ok;
      }
      case 'show': {
        const answer = await admin.call<unknown>('GET', path(`/${encodedId}`));
        // JSON escapes control characters; safeJson adds the C1 ones.
        output.json(answer.body);
        return EXIT.ok;
      }
      case 'replay': {
        const answer = await admin.call<{ replayed: string; external_event_id?: string }>(
          'POST',
          path(`/${encodedId}/replay`),
        );
        if (json) output.json(answer.body);
        else
          output.line(
            `replayed ${answer.body.replayed} (order ${answer.body.external_event_id ?? '-'})`,
          );
        return EXIT.ok;
      }
      case 'replay-all': {
        const maxText = stringOption(values, 'max') ?? '1000';
        const max = Number(maxText);
        if (!/^\d+$/.test(maxText) || max < 1)
          throw new UsageError('--max must be a positive whole number');
        const replayed: string[] = [];
        const skipped: { id: string; reason: string }[] = [];
        // Page by page, oldest first; the cursor steps past what could not be replayed. A replayed
        // event the API refuses again comes back with a new, later id: --max bounds the work so
        // such events cannot keep this loop going.
        let cursor: string | undefined;
        do {
          const limit = Math.min(REPLAY_PAGE_LIMIT, max - replayed.length);
          const query = `/replay?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const answer = await admin.call<{
            replayed: string[];
            skipped: { id: string; reason: string }[];
            cursor?: string;
          }>('POST', path(query));
          replayed.push(...answer.body.replayed);
          skipped.push(...answer.body.skipped);
          cursor = answer.body.cursor;
          output.progress(`replayed ${replayed.length}…`);
        } while (cursor !== undefined && replayed.length < max);
        output.done();
        if (json) output.json({ replayed, skipped });
        else {
          for (const entry of skipped) output.line(`skipped ${entry.id}: ${entry.reason}`);
          output.line(`replayed ${replayed.length}, skipped ${skipped.length}`);
        }
        return EXIT.ok;
      }
      default: {
        await admin.call('DELETE', path(`/${encodedId}`));
        if (json) output.json({ deleted: id });
        else output.line(`deleted ${id}`);
        return EXIT.ok;
      }
    }
  },
};
