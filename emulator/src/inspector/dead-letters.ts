/**
 * The collector's dead-letter admin, as the inspector reaches it: the collector's base URL
 * (base path included, `http://127.0.0.1:8787/pj`) and its `ADMIN_TOKEN`. The token stays on
 * the emulator's side: the inspector's page never sees it.
 */
export interface CollectorAdminLink {
  url: string;
  adminToken: string;
}

/** One dead letter as the inspector shows it: the listing's summary fields only. */
export interface DeadLetterRow {
  id: string;
  failed_at: string;
  kind: string;
  status: number;
  title: string;
  pixel_id?: string;
  external_event_id?: string;
}

/** What the inspector can tell about the collector's dead-letter store. */
export type DeadLetterReport =
  | { status: 'not_configured' }
  | { status: 'unreachable'; collector_url: string; detail: string }
  | { status: 'refused'; collector_url: string; http_status: number; detail: string }
  | { status: 'ok'; collector_url: string; dead_letters: DeadLetterRow[]; more: boolean };

/** Dead letters shown at most; the collector lists oldest first. */
export const DEAD_LETTERS_SHOWN = 100;
const TIMEOUT_MS = 2_000;
const TEXT_MAX = 200;

/**
 * Checks a link's URL: absolute http(s), no query or fragment. Returns the URL without a
 * trailing slash.
 *
 * @throws RangeError naming the problem (never the token).
 */
export function checkedCollectorUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError('the collector URL must be an absolute http(s) URL');
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash) {
    throw new RangeError('the collector URL must be an http(s) URL without a query or fragment');
  }
  return url.replace(/\/+$/, '');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, TEXT_MAX) : undefined;
}

function toRow(value: unknown): DeadLetterRow | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const id = text(record.id);
  if (id === undefined) return undefined;
  const row: DeadLetterRow = {
    id,
    failed_at: text(record.failed_at) ?? '',
    kind: text(record.kind) ?? '',
    status: typeof record.status === 'number' ? record.status : 0,
    title: text(record.title) ?? '',
  };
  const pixelId = text(record.pixel_id);
  if (pixelId !== undefined) row.pixel_id = pixelId;
  const externalEventId = text(record.external_event_id);
  if (externalEventId !== undefined) row.external_event_id = externalEventId;
  return row;
}

async function problemDetail(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { detail?: unknown } | undefined;
  return text(body?.detail) ?? response.statusText;
}

/**
 * Reads the first page of the collector's dead-letter store (`GET {url}/admin/dead-letters`).
 * Any failure becomes a report: the inspector shows it instead of the list.
 *
 * @example await readDeadLetters({ url: 'http://127.0.0.1:8787/pj', adminToken: 'local-dev-admin-token' })
 */
export async function readDeadLetters(
  link: CollectorAdminLink | undefined,
): Promise<DeadLetterReport> {
  if (!link) return { status: 'not_configured' };
  const collectorUrl = link.url;
  let response: Response;
  try {
    response = await fetch(`${collectorUrl}/admin/dead-letters?limit=${DEAD_LETTERS_SHOWN}`, {
      headers: { authorization: `Bearer ${link.adminToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      status: 'unreachable',
      collector_url: collectorUrl,
      detail: timedOut ? `no answer within ${TIMEOUT_MS} ms` : 'the connection failed',
    };
  }
  if (response.status !== 200) {
    return {
      status: 'refused',
      collector_url: collectorUrl,
      http_status: response.status,
      detail: await problemDetail(response),
    };
  }
  const body = (await response.json().catch(() => undefined)) as
    | { dead_letters?: unknown; cursor?: unknown }
    | undefined;
  if (!Array.isArray(body?.dead_letters)) {
    return {
      status: 'refused',
      collector_url: collectorUrl,
      http_status: response.status,
      detail: 'the answer is not a dead-letter listing',
    };
  }
  return {
    status: 'ok',
    collector_url: collectorUrl,
    dead_letters: body.dead_letters.flatMap((value) => toRow(value) ?? []),
    more: typeof body.cursor === 'string',
  };
}
