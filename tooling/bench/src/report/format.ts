/** `1234.5` → `1,235`; below 10 keeps `digits` decimals where they matter. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Milliseconds with precision that suits the size: `0.042 ms`, `1.32 ms`, `17.1 ms`, `640 ms`. */
export function ms(value: number): string {
  if (value < 0.1) return `${num(value, 3)} ms`;
  if (value < 10) return `${num(value, 2)} ms`;
  if (value < 100) return `${num(value, 1)} ms`;
  return `${num(value, 0)} ms`;
}

/** Microseconds: `2.9 µs`, `42 µs`. */
export function micros(value: number): string {
  return value < 10 ? `${num(value, 1)} µs` : `${num(value, 0)} µs`;
}

/** A ratio: `×14.8`, `×0.65`. */
export function times(value: number): string {
  return value < 10 ? `×${num(value, 2)}` : `×${num(value, 1)}`;
}

/** Bytes: `4,074 B`. */
export function bytes(value: number): string {
  return `${num(value)} B`;
}

/** US dollars with cents, or more digits for fractions of a cent. */
export function usd(value: number): string {
  if (value === 0) return '$0';
  if (value < 0.01) return `$${value.toFixed(4)}`;
  return `$${num(value, 2)}`;
}

/** A whole count that may be fractional in the model: `1,000`, `10.4`. */
export function count(value: number): string {
  return Number.isInteger(value) || value >= 100 ? num(value) : num(value, 1);
}

/** Percent: `99.6 %`. */
export function percent(part: number, whole: number): string {
  return `${num((100 * part) / whole, 1)} %`;
}
