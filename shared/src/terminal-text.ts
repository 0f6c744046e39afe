/**
 * Text from outside (an order id, an API's error title) made safe to print on an operator's
 * terminal: C0 and C1 control characters, DEL, and the Unicode bidirectional controls (which
 * can reorder what a line appears to say) are shown as `\u{…}` escapes, and a backslash as
 * `\\`, so an escape sequence in an `event_id` cannot clear the screen or forge a line.
 *
 * @example printable('order-1\u001b[2J') // 'order-1\\u{1b}[2J'
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) =>
    char === '\\' ? '\\\\' : `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`,
  );
}

// C0 (U+0000..U+001F), DEL and C1 (U+007F..U+009F), the bidi marks and embeddings/overrides/
// isolates (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), the line and paragraph
// separators (U+2028, U+2029), lone surrogates, and the backslash that starts an escape.
const UNPRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its job
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\\]|[\ud800-\udfff]/gu;

/**
 * JSON for an operator's terminal: `JSON.stringify` already escapes C0 controls; this also
 * escapes DEL, C1 and the bidirectional controls (as `\uXXXX`, so the output stays valid JSON
 * and parses back to the same value).
 *
 * @example printableJson({ id: 'a\u009bb' }) // '{\n  "id": "a\\u009bb"\n}'
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNPRINTABLE_IN_JSON,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

const UNPRINTABLE_IN_JSON =
  /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
