// Reconciles what the collector accepted with what reached the API and what it dead-lettered:
// the figures every fire suite prints and asserts.
import { appendFileSync } from 'node:fs';
import { ADMIN_TOKEN } from './intake.ts';
import { type StoredEvent, storedEvents } from './upstream.ts';

export interface Reconciliation {
  /** Accepted ids stored upstream. */
  delivered: number;
  /** Upstream events beyond the first of their id (must be 0). */
  duplicated: number;
  /** Ids stored upstream that the collector never accepted (must be 0). */
  unexpected: string[];
  /** Accepted ids neither stored upstream nor dead-lettered (must be 0). */
  lost: string[];
  /** Records in the collector's dead-letter store. */
  deadLettered: number;
  events: StoredEvent[];
}

/** Every record in the collector's dead-letter store, by its order id. */
export async function deadLetteredIds(collector: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${collector}/admin/dead-letters?limit=1000${query}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    if (!response.ok) throw new Error(`dead letters: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as {
      dead_letters: { external_event_id?: string }[];
      cursor?: string;
    };
    ids.push(...page.dead_letters.map((record) => record.external_event_id ?? '(unknown)'));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return ids;
}

function reconcile(
  accepted: ReadonlySet<string>,
  allEvents: StoredEvent[],
  allDeadLettered: string[],
  prefix: string,
): Reconciliation {
  const ours = (id: string | undefined) => id?.startsWith(prefix) === true;
  const events = allEvents.filter((event) => ours(event.external_event_id));
  const deadLettered = allDeadLettered.filter(ours);
  const stored = new Map<string, number>();
  for (const event of events) {
    const id = event.external_event_id ?? '';
    stored.set(id, (stored.get(id) ?? 0) + 1);
  }
  const dead = new Set(deadLettered);
  return {
    delivered: [...accepted].filter((id) => stored.has(id)).length,
    duplicated: [...stored.values()].reduce((sum, copies) => sum + copies - 1, 0),
    unexpected: [...stored.keys()].filter((id) => !accepted.has(id)),
    lost: [...accepted].filter((id) => !stored.has(id) && !dead.has(id)),
    deadLettered: deadLettered.length,
    events,
  };
}

export interface AwaitOptions {
  /** Only order ids with this prefix count: the stack may hold other tests' events. */
  prefix: string;
  timeoutMs?: number;
  settleMs?: number;
}

/**
 * Waits until every accepted id is stored upstream (or dead-lettered), or `timeoutMs` has
 * passed, then `settleMs` more so that a late copy would show, and reconciles.
 */
export async function awaitDelivery(
  stack: { collector: string; emulatorUrl: string },
  accepted: ReadonlySet<string>,
  { prefix, timeoutMs = 30_000, settleMs = 500 }: AwaitOptions,
): Promise<Reconciliation> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [events, dead] = await Promise.all([
      storedEvents(stack.emulatorUrl),
      deadLetteredIds(stack.collector),
    ]);
    if (reconcile(accepted, events, dead, prefix).lost.length === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const [events, dead] = await Promise.all([
    storedEvents(stack.emulatorUrl),
    deadLetteredIds(stack.collector),
  ]);
  return reconcile(accepted, events, dead, prefix);
}

/**
 * Prints a suite's figures on one line, e.g.
 * `[fire:outage] inputs=180 faults=412 accepted=150 delivered=150 duplicated=0 … lost=0`.
 * Under `npm run figures:fire` (which names a file in `FIRE_FIGURES_FILE`) each suite's figures
 * are also appended there as a JSON line, for docs/guarantees.md's tables.
 */
export function printFigures(suite: string, figures: Record<string, number | string>): void {
  const line = Object.entries(figures)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  console.log(`[fire:${suite}] ${line}`);
  const file = process.env.FIRE_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ suite, figures })}\n`);
}
