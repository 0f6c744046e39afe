import { describe, expect, it } from 'vitest';
import { type JournalEntry, parseJournal, pruneJournal } from '#pixel/journal.ts';
import type { Beacon } from '#shared/beacon.ts';

// How entries are added and settled is the pixel's own flow, exercised in Chromium
// (test/browser/journey.test.ts: a blocked beacon waits in the outbox, is delivered on the next
// page, then keeps only its id); here, what reading and bounding the journal guarantee.

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
  it('round-trips through storage, settled entries and outbox alike', () => {
    const journal: JournalEntry[] = [
      ['order-1', NOW - DAY],
      ['order-2', NOW, beacon('order-2')],
    ];
    expect(parseJournal(JSON.stringify(journal), NOW)).toEqual(journal);
  });

  it('treats missing or corrupt storage as empty', () => {
    for (const raw of [
      null,
      undefined,
      '',
      'null',
      '{}',
      '[',
      '"x"',
      '[1,2]',
      '[[1,2]]',
      '[["id","t"]]',
      '[null]',
    ]) {
      expect(parseJournal(raw, NOW)).toEqual([]);
    }
  });

  it('is bounded: the newest 50 entries, none older than 30 days, none in the future', () => {
    const many: JournalEntry[] = Array.from({ length: 80 }, (_, i) => [
      `order-${i}`,
      NOW,
      beacon(`order-${i}`),
    ]);
    const bounded = pruneJournal(many, NOW);
    expect(bounded).toHaveLength(50);
    expect(bounded[0]?.[0]).toBe('order-30');
    expect(bounded[49]?.[0]).toBe('order-79');

    const dated: JournalEntry[] = [
      ['old', NOW - 30 * DAY, beacon('old')],
      ['recent', NOW - 30 * DAY + 1],
      ['future', NOW + 1, beacon('future')],
      ['now', NOW],
    ];
    expect(parseJournal(JSON.stringify(dated), NOW).map(([id]) => id)).toEqual(['recent', 'now']);
  });

  it('keeps an event id that is also an Object.prototype name', () => {
    const journal: JournalEntry[] = [
      ['constructor', NOW],
      ['__proto__', NOW],
    ];
    expect(parseJournal(JSON.stringify(journal), NOW)).toEqual(journal);
  });
});
