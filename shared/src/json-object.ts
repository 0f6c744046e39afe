/**
 * Whether a parsed JSON value is an object with fields (not `null`, not an array): what every
 * body, message and record in this project must be before its fields are read.
 *
 * @example isPlainObject(JSON.parse('{"a":1}')) // true; isPlainObject([]) // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
