import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WINDOW_MS, splitDateRange } from '#shared/client/index.ts';
import { DAY_MS } from '#shared/limits.ts';
import { parseUtcDateTime } from '#shared/time.ts';

const ms = (text: string) => parseUtcDateTime(text) as number;

describe('splitDateRange', () => {
  it('keeps a range of up to 60 days as one window, bounds untouched', () => {
    const range = { from: '2026-01-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
    expect(ms(range.to) - ms(range.from)).toBe(60 * DAY_MS);
    expect(splitDateRange(range)).toEqual([range]);
    const instant = { from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
    expect(splitDateRange(instant)).toEqual([instant]);
  });

  it('splits a longer range into 60-day windows, newest first, sharing boundaries', () => {
    const windows = splitDateRange({ from: '2025-11-01T00:00:00Z', to: '2026-03-02T12:30:00Z' });
    expect(windows).toEqual([
      { from: '2026-01-01T12:30:00.000Z', to: '2026-03-02T12:30:00Z' },
      { from: '2025-11-02T12:30:00.000Z', to: '2026-01-01T12:30:00.000Z' },
      { from: '2025-11-01T00:00:00Z', to: '2025-11-02T12:30:00.000Z' },
    ]);
  });

  it('never lets a window exceed the limit when "to" has digits past the millisecond', () => {
    const windows = splitDateRange({
      from: '2025-01-01T00:00:00Z',
      to: '2025-06-01T00:00:00.0004Z',
    });
    const first = windows[0];
    expect(first?.to).toBe('2025-06-01T00:00:00.0004Z');
    // The first window starts 1 ms later than a plain subtraction would, so its true span is
    // 60 days minus 0.6 ms.
    expect(first?.from).toBe(
      new Date(ms('2025-06-01T00:00:00Z') + 1 - MAX_WINDOW_MS).toISOString(),
    );
  });

  it.each([
    [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, /must not be after/],
    [{ from: '2026-01-01', to: '2026-01-02T00:00:00Z' }, /^from must be a UTC ISO 8601/],
    [{ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00+01:00' }, /^to must be a UTC/],
    [{ from: '2026-02-30T00:00:00Z', to: '2026-03-02T00:00:00Z' }, /^from must be/],
  ])('rejects %o', (range, message) => {
    expect(() => splitDateRange(range)).toThrow(message);
    expect(() => splitDateRange(range)).toThrow(RangeError);
  });

  it('covers any range exactly: contiguous, newest first, each window within the limit', () => {
    const start = Date.parse('2020-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 365 * DAY_MS }),
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        fc.integer({ min: DAY_MS, max: 90 * DAY_MS }),
        (offset, length, windowMs) => {
          const from = new Date(start + offset).toISOString();
          const to = new Date(start + offset + length).toISOString();
          const windows = splitDateRange({ from, to }, windowMs);
          expect(windows[0]?.to).toBe(to);
          expect(windows.at(-1)?.from).toBe(from);
          expect(windows.length).toBe(Math.max(1, Math.ceil(length / windowMs)));
          windows.forEach((window, index) => {
            expect(ms(window.to) - ms(window.from)).toBeLessThanOrEqual(windowMs);
            expect(ms(window.to)).toBeGreaterThanOrEqual(ms(window.from));
            const older = windows[index + 1];
            if (older) expect(older.to).toBe(window.from);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
