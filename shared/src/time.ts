/**
 * The API's `UTCDateTime`: ISO 8601 in UTC with a `Z`, seconds required, fraction optional
 * (`2023-05-01T15:03:01Z`, `2021-09-01T12:00:00.000Z`).
 */
export const UTC_DATE_TIME_PATTERN =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?Z$/;

/** Parses a `UTCDateTime` to epoch milliseconds, or undefined when malformed or not a real date. */
export function parseUtcDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = UTC_DATE_TIME_PATTERN.exec(value);
  if (!match) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2023-02-30 over to March; a real date round-trips to the same day.
  if (new Date(ms).toISOString().slice(0, 10) !== value.slice(0, 10)) return undefined;
  return ms;
}
