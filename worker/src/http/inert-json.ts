/** Characters that could start markup or end a script block, and JavaScript's line separators. */
const UNSAFE_IN_MARKUP = /[<>&\u2028\u2029]/g;

/**
 * `JSON.stringify`, with `<`, `>`, `&`, U+2028 and U+2029 written as `\u003c`-style escapes:
 * every JSON parser reads the same value, and no byte of the answer can open a tag, so input
 * that is echoed back (an order id, a field error's `value`) stays inert even where a response
 * is sniffed, proxied under another type, or pasted into a page.
 *
 * @example inertJson({ value: '<script>' }) // '{"value":"\\u003cscript\\u003e"}'
 */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE_IN_MARKUP,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
