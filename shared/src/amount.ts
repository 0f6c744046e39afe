/**
 * Amounts as shops and their plugins write them. The pixel sends a purchase's amount as the page
 * gave it (bytes matter there); the collector turns it into a number here, or refuses it and
 * says why. Real pushes hold numbers (`1195`), decimal strings (`"1195.00"`, Stape), strings
 * with thousands separators (`"1,195.00"`, PHP's `number_format` in Magento's core module) and,
 * on European storefronts, decimal commas (`"1.195,00"`, `"1 195,50"`).
 */

/** A number, or why a value could not be read as one. */
export type AmountReading = { ok: true; value: number } | { ok: false; reason: string };

// Spaces (also no-break and narrow no-break) and apostrophes only ever group digits.
const GROUP_SPACES = /[\s\u00a0\u202f']/g;
const DIGITS = /^\d+$/;

/**
 * Reads an amount: a finite number as it is, or a string of digits with at most one decimal
 * separator and any thousands separators. When both `.` and `,` occur, the last one is the
 * decimal separator and the other must group by threes (`1,195.00`, `1.195,00`); a separator
 * that occurs several times groups (`1,195,000`). One `.` or `,` followed by exactly three
 * digits after one to three leading digits (`1,195`, `1.195`) is refused: it is 1195 in one
 * locale and 1.195 in another, and guessing would misreport the order by a factor of 1,000.
 *
 * @example readAmount('1,195.00') // { ok: true, value: 1195 }
 * @example readAmount('1,195') // { ok: false, reason: 'is ambiguous: …' }
 */
export function readAmount(raw: unknown): AmountReading {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, reason: 'is not finite' };
  }
  if (typeof raw !== 'string') return { ok: false, reason: 'is neither a number nor a string' };
  const text = raw.trim().replace(GROUP_SPACES, '');
  const notANumber = { ok: false, reason: 'is not an amount' } as const;
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return notANumber;

  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let integer: string;
  let fraction = '';
  let grouping: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    grouping = decimal === '.' ? ',' : '.';
    [integer = '', fraction = ''] = splitOnce(text, decimal);
    if (fraction.includes(grouping) || fraction.includes(decimal)) return notANumber;
  } else {
    const separator = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : undefined;
    if (separator === undefined) return { ok: true, value: Number(text) };
    const parts = text.split(separator);
    if (parts.length > 2) {
      grouping = separator;
      integer = text;
    } else {
      const [lead = '', tail = ''] = parts;
      if (tail.length === 3 && /^[1-9]\d{0,2}$/.test(lead)) {
        return {
          ok: false,
          reason: `is ambiguous: "${raw}" is ${lead}${tail} if "${separator}" groups thousands and ${lead}.${tail} if it is the decimal mark; send a number`,
        };
      }
      integer = lead;
      fraction = tail;
    }
  }
  if (grouping !== undefined) {
    const groups = integer.split(grouping);
    const [first = '', ...rest] = groups;
    if (!/^\d{1,3}$/.test(first) || rest.some((group) => !/^\d{3}$/.test(group))) {
      return { ok: false, reason: 'groups its digits unevenly' };
    }
    integer = groups.join('');
  }
  // ".5" is half; "5." is five.
  if (integer === '' && fraction !== '') integer = '0';
  if (!DIGITS.test(integer) || (fraction !== '' && !DIGITS.test(fraction))) return notANumber;
  return { ok: true, value: Number(fraction === '' ? integer : `${integer}.${fraction}`) };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.lastIndexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}
