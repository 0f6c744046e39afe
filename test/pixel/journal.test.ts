import { describe, expect, it } from 'vitest';
import {
  addEvent,
  hasEvent,
  type JournalEntry,
  outbox,
  parseJournal,
  settleEvent,
} from '../../pixel/src/journal.ts';
import type { Beacon } from '../../shared/src/beacon.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T10:00:00Z');

function beacon(eventId: string): Beacon {
  return {
    pixel_id: '52907745-7672-470e-a803-a2f8feb52944',
    event: 'purchase',
    event_id: eventId,
    amount: 1,
    currency: 'EUR',
  };
}

describe('the journal of handled purchases (sent ids and outbox)', () => {
  it('round-trips through storage', () => {
    const journal = addEvent([], ['order-1', NOW, beacon('order-1')], NOW);
    expect(parseJournal(JSON.stringify(journal), NOW)).toEqual(journal);
  });

  it('treats missing or corrupt storage as empty', () => {
    for (const raw of [null, '', 'null', '{}', '[', '"x"', '[1,2]', '[[1,2]]', '[["id","t"]]']) {
      expect(parseJournal(raw, NOW)).toEqual([]);
    }
  });

  it('keeps a beacon in the outbox until it settles, then only its id', () => {
    let journal: JournalEntry[] = addEvent([], ['order-1', NOW, beacon('order-1')], NOW);
    journal = addEvent(journal, ['order-2', NOW, beacon('order-2')], NOW);
    expect(outbox(journal).map((b) => b.event_id)).toEqual(['order-1', 'order-2']);
    journal = settleEvent(journal, 'order-1');
    expect(outbox(journal).map((b) => b.event_id)).toEqual(['order-2']);
    expect(hasEvent(journal, 'order-1')).toBe(true);
    expect(hasEvent(journal, 'order-3')).toBe(false);
  });

  it('is bounded: the newest 50 entries, none older than 30 days', () => {
    let journal: JournalEntry[] = [];
    for (let i = 0; i < 80; i++)
      journal = addEvent(journal, [`order-${i}`, NOW, beacon(`order-${i}`)], NOW);
    expect(journal).toHaveLength(50);
    expect(journal[0]?.[0]).toBe('order-30');
    expect(outbox(journal)).toHaveLength(50);

    const old: JournalEntry[] = [
      ['old', NOW - 30 * DAY - 1, beacon('old')],
      ['recent', NOW - 29 * DAY],
    ];
    expect(parseJournal(JSON.stringify(old), NOW).map(([id]) => id)).toEqual(['recent']);
  });

  it('adds an id once, replacing the earlier entry', () => {
    let journal = addEvent([], ['order-1', NOW - 1, beacon('order-1')], NOW);
    journal = addEvent(journal, ['order-1', NOW], NOW);
    expect(journal).toEqual([['order-1', NOW]]);
  });

  it('survives an event id that is also an Object.prototype name', () => {
    const journal = addEvent([], ['constructor', NOW], NOW);
    expect(hasEvent(journal, 'constructor')).toBe(true);
    expect(hasEvent([], 'constructor')).toBe(false);
    expect(hasEvent(journal, '__proto__')).toBe(false);
  });
});
