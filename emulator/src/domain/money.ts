/**
 * An amount in major units rounded to whole cents (half away from zero), computed from the
 * amount's shortest decimal form rather than from `amount * 100`, so 1.005 gives 101 cents
 * where floating point would give 100. Sums of cents are exact integers.
 *
 * @example toCents(122.95) // 12295
 */
export function toCents(amount: number): number {
  const decimal = String(Math.abs(amount));
  const sign = amount < 0 ? -1 : 1;
  // Exponent forms only occur below 1e-6 here (amounts are at most 999999999): zero cents.
  if (decimal.includes('e')) return sign * Math.round(Math.abs(amount) * 100);
  const [whole = '0', fraction = ''] = decimal.split('.');
  const cents = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  const roundUp = (fraction[2] ?? '0') >= '5';
  return sign * (cents + (roundUp ? 1 : 0));
}

/** Whole cents back to major units; JSON then shows at most two decimals (125455.45). */
export function fromCents(cents: number): number {
  return cents / 100;
}
