import type { Beacon } from '../../shared/src/beacon.ts';
import { JOURNAL_MAX_ENTRIES, JOURNAL_TTL_MS } from './limits.ts';

/**
 * One purchase this browser has handled: its event id, when, and, while it has not reached the
 * collector, the beacon itself (that is the outbox). A settled entry keeps only id and time, so
 * a reloaded confirmation page is not reported twice.
 */
export type JournalEntry = [eventId: string, time: number, beacon?: Beacon];

export const JOURNAL_KEY = 'pjpixel_events';

/**
 * Keeps the entries of the last 30 days (none dated in the future), at most the newest 50, so
 * the outbox stays bounded whatever happens.
 */
export function pruneJournal(journal: JournalEntry[], now: number): JournalEntry[] {
  return journal
    .filter(([, time]) => time <= now && now - time < JOURNAL_TTL_MS)
    .slice(-JOURNAL_MAX_ENTRIES);
}

/**
 * Reads the stored journal; anything unreadable counts as empty.
 *
 * @example parseJournal(localStorage.getItem(JOURNAL_KEY), Date.now())
 */
export function parseJournal(raw: string | null, now: number): JournalEntry[] {
  try {
    return pruneJournal(
      (JSON.parse(raw as string) as JournalEntry[]).filter(
        (entry) => typeof entry[0] === 'string' && entry[1] > 0,
      ),
      now,
    );
  } catch {
    return [];
  }
}

/** Whether an event id was already handled: sent, waiting in the outbox, or a known duplicate. */
export function hasEvent(journal: JournalEntry[], eventId: string): boolean {
  return journal.some(([id]) => id === eventId);
}

/**
 * Adds an entry, replacing one with the same id: with a beacon it joins the outbox; without,
 * it is only remembered.
 *
 * @example addEvent(journal, [beacon.event_id, Date.now(), beacon], Date.now())
 */
export function addEvent(
  journal: JournalEntry[],
  entry: JournalEntry,
  now: number,
): JournalEntry[] {
  return pruneJournal([...journal.filter(([id]) => id !== entry[0]), entry], now);
}

/** Marks an event as having reached the collector: it leaves the outbox, its id stays. */
export function settleEvent(journal: JournalEntry[], eventId: string): JournalEntry[] {
  return journal.map((entry) => (entry[0] === eventId ? [eventId, entry[1]] : entry));
}

/** The beacons still waiting for delivery, oldest first. */
export function outbox(journal: JournalEntry[]): Beacon[] {
  return journal.flatMap(([, , beacon]) => (beacon ? [beacon] : []));
}
