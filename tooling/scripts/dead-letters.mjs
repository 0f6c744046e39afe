// Lists, shows, replays and deletes the collector's dead letters: events the Prisjakt API
// refused (400/403/404) or that could not be delivered in time. It talks to the collector's
// admin routes, so it works the same against `wrangler dev` and a deployed collector.
//
//   npm run dead-letters -- list
//   npm run dead-letters -- show <id>
//   npm run dead-letters -- replay <id>
//   npm run dead-letters -- replay-all [--max 1000]
//   npm run dead-letters -- delete <id>
//
// Settings (environment or flags):
//   PJCOLLECTOR_URL          --url     the collector with its base path (default http://127.0.0.1:8787/pj)
//   PJCOLLECTOR_ADMIN_TOKEN  --token   the collector's ADMIN_TOKEN (default: the local-development
//                                      token, only when the URL is on localhost)
import { parseArgs } from 'node:util';
import { importTypeScript } from './import-typescript.mjs';

// Ids, titles and reasons come from outside (a shopper's browser, the API): escaped before
// they reach the terminal, so an order id cannot carry escape sequences to the operator's screen.
const { printable, printableJson } = await importTypeScript(
  'shared/src/terminal-text.ts',
  'terminal-text.mjs',
);

const USAGE = `usage: npm run dead-letters -- <list | show ID | replay ID | replay-all | delete ID>
       [--url URL] [--token TOKEN] [--max N] [--json]`;
const LOCAL_DEVELOPMENT_TOKEN = 'local-dev-admin-token';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    max: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const [command, id] = positionals;
const base = (values.url ?? process.env.PJCOLLECTOR_URL ?? 'http://127.0.0.1:8787/pj').replace(
  /\/+$/,
  '',
);
let baseUrl;
try {
  baseUrl = new URL(base);
} catch {
  fail(`not a URL: ${base}`);
}
const isLocal = ['localhost', '127.0.0.1', '[::1]'].includes(baseUrl.hostname);
const token =
  values.token ??
  process.env.PJCOLLECTOR_ADMIN_TOKEN ??
  (isLocal ? LOCAL_DEVELOPMENT_TOKEN : undefined);
if (token === undefined) fail('set PJCOLLECTOR_ADMIN_TOKEN (the collector’s ADMIN_TOKEN)');

/** Calls the admin API; a problem answer becomes a one-line error (never showing the token). */
async function admin(path, method = 'GET') {
  let response;
  try {
    response = await fetch(`${base}/admin/dead-letters${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch (error) {
    fail(`cannot reach ${base}: ${error.cause?.code ?? error.message}`);
  }
  const text = await response.text();
  const body = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    fail(
      `${method} ${path || '/'}: ${response.status} ${printable(String(body?.title ?? ''))} – ${printable(String(body?.detail ?? text))}`,
    );
  }
  return body;
}

function requireId() {
  if (id === undefined) fail(`${command} needs a dead-letter id\n${USAGE}`);
  return encodeURIComponent(id);
}

function print(value) {
  console.log(printableJson(value));
}

switch (command) {
  case 'list': {
    const all = [];
    let cursor;
    do {
      const page = await admin(
        `?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      all.push(...page.dead_letters);
      cursor = page.cursor;
    } while (cursor !== undefined);
    if (values.json) print(all);
    else if (all.length === 0) console.log('no dead letters');
    else {
      for (const entry of all) {
        const order = printable(String(entry.external_event_id ?? '-'));
        console.log(
          `${printable(String(entry.id))}  ${printable(String(entry.kind)).padEnd(17)} ${String(entry.status).padEnd(3)}  ${order}  ${printable(String(entry.title))}`,
        );
      }
      console.log(`${all.length} dead letter${all.length === 1 ? '' : 's'}`);
    }
    break;
  }
  case 'show':
    print(await admin(`/${requireId()}`));
    break;
  case 'replay': {
    const outcome = await admin(`/${requireId()}/replay`, 'POST');
    console.log(
      `replayed ${printable(String(outcome.replayed))} (order ${printable(String(outcome.external_event_id))})`,
    );
    break;
  }
  case 'replay-all': {
    const max = Number(values.max);
    if (!Number.isInteger(max) || max < 1) fail('--max must be a positive whole number');
    let replayed = 0;
    let skipped = 0;
    // Page by page, oldest first; the cursor steps past what could not be replayed. A replayed
    // event the API refuses again comes back with a new, later id: --max bounds the work so such
    // events cannot keep this loop going.
    let cursor;
    do {
      const query = `limit=${Math.min(100, max - replayed)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const outcome = await admin(`/replay?${query}`, 'POST');
      replayed += outcome.replayed.length;
      skipped += outcome.skipped.length;
      for (const entry of outcome.skipped) {
        console.log(`skipped ${printable(String(entry.id))}: ${printable(String(entry.reason))}`);
      }
      cursor = outcome.cursor;
    } while (cursor !== undefined && replayed < max);
    console.log(`replayed ${replayed}, skipped ${skipped}`);
    break;
  }
  case 'delete':
    await admin(`/${requireId()}`, 'DELETE');
    console.log(`deleted ${printable(id)}`);
    break;
  default:
    fail(USAGE);
}
