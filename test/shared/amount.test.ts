import { describe, expect, it } from 'vitest';
import { readAmount } from '#shared/amount.ts';

const value = (raw: unknown) => {
  const reading = readAmount(raw);
  return reading.ok ? reading.value : undefined;
};

describe('reading an amount as shops write it', () => {
  it('takes numbers and plain decimal strings', () => {
    expect(value(1195)).toBe(1195);
    expect(value(122.95)).toBe(122.95);
    expect(value('1195')).toBe(1195);
    expect(value(' 1195.00 ')).toBe(1195);
    expect(value('0.500')).toBe(0.5);
    expect(value('1195.0000')).toBe(1195);
    expect(value('.5')).toBe(0.5);
  });

  it("reads PHP number_format's thousands separators (Magento's core module)", () => {
    expect(value('1,195.00')).toBe(1195);
    expect(value('12,345,678.90')).toBe(12_345_678.9);
    expect(value('1,195,000')).toBe(1_195_000);
  });

  it('reads decimal commas and European grouping', () => {
    expect(value('122,95')).toBe(122.95);
    expect(value('1.195,00')).toBe(1195);
    expect(value('1 195,50')).toBe(1195.5);
    expect(value('1\u00a0195,50')).toBe(1195.5);
    expect(value('1\u202f195,50')).toBe(1195.5);
    expect(value("1'195.50")).toBe(1195.5);
    expect(value('1.195.000')).toBe(1_195_000);
  });

  it('refuses one separator before exactly three digits, and says why', () => {
    for (const raw of ['1,195', '1.195', '999.999', '12,500']) {
      const reading = readAmount(raw);
      expect(reading.ok).toBe(false);
      expect(!reading.ok && reading.reason).toMatch(/^is ambiguous: /);
    }
    // With more than three leading digits it cannot be grouping.
    expect(value('1195.000')).toBe(1195);
  });

  it('refuses what is not an amount', () => {
    for (const raw of [
      '',
      'abc',
      '-5',
      '+5',
      '1e3',
      '€12',
      '12 SEK',
      '1,2,3',
      '1.195.00',
      '1,1955.00',
      ',',
      '1,195,00',
    ]) {
      expect(readAmount(raw).ok, raw).toBe(false);
    }
    for (const raw of [Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, {}, [5]]) {
      expect(readAmount(raw).ok).toBe(false);
    }
  });
});
