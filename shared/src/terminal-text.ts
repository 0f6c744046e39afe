/**
 * Text from outside (an event id, a problem title, a line of a shop's file) shown escaped, so
 * that it cannot move the cursor, clear the screen, rewrite the window title or hide what follows
 * on an operator's terminal: C0 and C1 control characters, DEL, and the Unicode bidirectional
 * controls become visible `\x1b` / `\u202e` escapes; a backslash stays as it is.
 *
 * @example escapeControlCharacters('order-1\u001b[2J') // 'order-1\\x1b[2J'
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    // C0 (but tab), DEL, C1, and the bidi embedding/override/isolate controls.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => {
      const code = char.charCodeAt(0);
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    },
  );
}
