import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEACON_MAX_BYTES, validateBeacon } from '#shared/beacon.ts';

const VALID = {
  pixel_id: '52907745-7672-470e-a803-a2f8feb52944',
  event: 'purchase',
  event_id: 'order-1234',
  amount: 122.95,
  currency: 'eur',
  items: 4,
  pjclid: '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125',
  time: '2026-11-26T10:00:00.123Z',
};

describe('validateBeacon', () => {
  it('accepts the documented beacon and upper-cases the currency', () => {
    const result = validateBeacon(VALID);
    expect(result).toEqual({ ok: true, value: { ...VALID, currency: 'EUR' } });
  });

  it('drops unknown fields and treats an empty pjclid as none', () => {
    const result = validateBeacon({ ...VALID, pjclid: '', extra: 'x' });
    expect(result.ok && result.value).toEqual({
      ...VALID,
      currency: 'EUR',
      pjclid: undefined,
    } as never);
    expect(result.ok && 'extra' in result.value).toBe(false);
    expect(result.ok && 'pjclid' in result.value).toBe(false);
  });

  it('keeps a click id byte for byte', () => {
    const upper = VALID.pjclid.toUpperCase();
    const result = validateBeacon({ ...VALID, pjclid: upper });
    expect(result.ok && result.value.pjclid).toBe(upper);
  });

  it.each([
    ['pixel_id', 'x'],
    ['event', 'add_to_cart'],
    ['event_id', 'x'.repeat(101)],
    ['amount', 1_000_000_000],
    ['amount', '1,195'],
    ['amount', 'twelve'],
    ['amount', '1000000000'],
    ['currency', 'USD'],
    ['items', -1],
    ['pjclid', '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05'],
    ['time', '2026-02-30T10:00:00Z'],
  ])('reports an invalid %s', (field, value) => {
    const result = validateBeacon({ ...VALID, [field]: value });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors)).toEqual([field]);
  });

  it('reads amounts written as strings, as shop plugins push them', () => {
    for (const [amount, value] of [
      ['1195.00', 1195],
      ['1,195.00', 1195],
      ['1.195,00', 1195],
      ['122,95', 122.95],
    ] as const) {
      const result = validateBeacon({ ...VALID, amount });
      expect(result.ok && result.value.amount, amount).toBe(value);
    }
  });

  it('says why an ambiguous amount is refused', () => {
    const result = validateBeacon({ ...VALID, amount: '1,195' });
    expect(!result.ok && result.errors.amount?.message).toMatch(/is ambiguous: "1,195" is 1195 if/);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => typeof validateBeacon(input).ok === 'boolean'));
  });

  it('has an 8 KiB limit', () => {
    expect(BEACON_MAX_BYTES).toBe(8192);
  });
});
