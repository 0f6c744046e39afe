import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCents, toCents } from '#emulator/domain/money.ts';
import { linkHeader, paginate } from '#emulator/domain/pagination.ts';
import { stockholmDate } from '#emulator/domain/stockholm-date.ts';
import { randomToken } from '#emulator/domain/tokens.ts';
import { SEED } from '#emulator/seed.ts';
import { constantTimeEqual, createClickSigner } from '#emulator/signing.ts';

describe('cents', () => {
  it.each([
    [122.95, 12295],
    [0.1, 10],
    [1.005, 101],
    [1.004, 100],
    [2.675, 268],
    [0.995, 100],
    [0, 0],
    [1e-7, 0],
    [999999999, 99999999900],
    [999999998.99, 99999999899],
  ])('rounds %d to %d cents, half away from zero', (amount, cents) => {
    expect(toCents(amount)).toBe(cents);
  });

  it('turns any two-decimal amount into its exact cents and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (cents) => {
        const amount = Number((cents / 100).toFixed(2));
        expect(toCents(amount)).toBe(cents);
        expect(fromCents(cents)).toBe(amount);
      }),
    );
  });
});

describe('Stockholm dates', () => {
  it.each([
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2024-02-29T12:00:00Z', '2024-02-29'],
    ['2025-12-31T23:00:00Z', '2026-01-01'],
  ])('%s is %s in Stockholm', (instant, date) => {
    expect(stockholmDate(Date.parse(instant))).toBe(date);
  });
});

describe('pagination', () => {
  it('cuts pages and counts the last one', () => {
    expect(paginate([1, 2, 3, 4, 5], 2, 2)).toEqual({ items: [3, 4], lastPage: 3 });
    expect(paginate([], 1, 100)).toEqual({ items: [], lastPage: 1 });
  });

  it('builds no Link for a single page and keeps every other query parameter', () => {
    expect(linkHeader('https://x.test/e?per_page=100', 1, 1)).toBeUndefined();
    expect(linkHeader('https://x.test/e?a=1&page=2&b=2', 2, 2)).toBe(
      '<https://x.test/e?a=1&page=1&b=2>; rel="first", <https://x.test/e?a=1&page=1&b=2>; rel="prev", <https://x.test/e?a=1&page=2&b=2>; rel="last"',
    );
  });
});

describe('click signatures', () => {
  it('matches the signed id the seed publishes for the default key', async () => {
    const signer = createClickSigner(SEED.signingKey);
    expect(await signer.sign(SEED.click.id)).toBe(SEED.click.signedClickId);
  });

  it('verifies any case of the signature and signs the lowercase UUID', async () => {
    const signer = createClickSigner('k');
    const signed = await signer.sign('239cd31f-9d43-4cb4-b8dc-2057fe18c289');
    expect(await signer.verify(signed.toUpperCase())).toBe(true);
    expect(await signer.verify(signed.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')))).toBe(false);
  });

  it('compares secrets whole', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual('a', '')).toBe(false);
  });
});

describe('tokens', () => {
  it('draws letters and digits of the asked length, and never the same twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => randomToken(32)));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});
