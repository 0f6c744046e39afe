import { describe, expect, it } from 'vitest';
import {
  AMOUNT_MAX,
  CLICK_TTL_MS,
  COOKIE_MAX_AGE_S,
  EVENT_ID_MAX_LENGTH,
  JOURNAL_TTL_MS,
  NUMBER_OF_ITEMS_MAX,
} from '#pixel/limits.ts';
import { LIMITS } from '#shared/limits.ts';

describe('pixel limits', () => {
  it('match the shared limits the collector and the emulator enforce', () => {
    expect(AMOUNT_MAX).toBe(LIMITS.amountMax);
    expect(NUMBER_OF_ITEMS_MAX).toBe(LIMITS.numberOfItemsMax);
    expect(EVENT_ID_MAX_LENGTH).toBe(LIMITS.externalEventIdMaxLength);
    expect(CLICK_TTL_MS).toBe(LIMITS.attributionWindowDays * 86_400_000);
    expect(JOURNAL_TTL_MS).toBe(LIMITS.duplicateWindowDays * 86_400_000);
    expect(COOKIE_MAX_AGE_S * 1000).toBe(CLICK_TTL_MS);
  });
});
