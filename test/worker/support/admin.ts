// The dead-letter admin, as an operator's script would call it.
import { vi } from 'vitest';
import type { DeadLetterSummary } from '#worker/dead-letters/store.ts';
import { ADMIN_TOKEN, collector } from './collector.ts';

export function admin(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  return collector(`/admin/dead-letters${path}`, { ...init, headers });
}

export async function listDeadLetters(): Promise<DeadLetterSummary[]> {
  const all: DeadLetterSummary[] = [];
  let cursor: string | undefined;
  do {
    const response = await admin(
      `?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (!response.ok) throw new Error(`list dead letters: ${response.status}`);
    const page = (await response.json()) as { dead_letters: DeadLetterSummary[]; cursor?: string };
    all.push(...page.dead_letters);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return all;
}

/** Waits for the dead letter of this order to be stored (the dead-letter queue runs after ~50 ms). */
export async function waitForDeadLetter(externalEventId: string): Promise<DeadLetterSummary> {
  return vi.waitFor(
    async () => {
      const found = (await listDeadLetters()).find(
        (entry) => entry.external_event_id === externalEventId,
      );
      if (found === undefined) throw new Error(`no dead letter for ${externalEventId} yet`);
      return found;
    },
    { timeout: 10_000, interval: 50 },
  );
}
