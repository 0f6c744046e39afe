import type { Beacon } from '#shared/beacon.ts';
import { JOURNAL_MAX_ENTRIES, JOURNAL_TTL_MS } from './limits.ts';

/**
 * One purchase this browser has handled: its event id, when, and, while it has not reached the
 * collector, the beacon itself (that is the outbox). A settled entry keeps only id and time, so
 * a reloaded confirmation page is not reported twice.
 */
export type JournalEntry = [eventId: string, time: number, beacon?: Beacon];

export const JOURNAL_KEY = 'pjpixel_events';

/**
 * Keeps the entries of the last 30 days (so none dated in the future), at most the newest 50,
 * so the outbox stays bounded whatever happens. Throws on what is not a list of entries.
 */
export const pruneJournal = (journal: JournalEntry[], now: number): JournalEntry[] =>
  journal
    .filter(([, time]) => now - time < JOURNAL_TTL_MS && time <= now)
    .slice(-JOURNAL_MAX_ENTRIES);

/**
 * Reads the stored journal; anything unreadable counts as empty.
 *
 * @example parseJournal(localStorage.getItem(JOURNAL_KEY), Date.now())
 */
export const parseJournal = (raw: string | null | undefined, now: number): JournalEntry[] => {
  try {
    // Nothing stored (every first purchase) gives [] without throwing: an exception is the
    // costliest thing on that path.
    return raw ? pruneJournal(JSON.parse(raw), now) : [];
  } catch {
    return [];
  }
};
