/** The zone Prisjakt's purchase summary reports its days in. */
export const SUMMARY_TIME_ZONE = 'Europe/Stockholm';

// sv-SE formats as YYYY-MM-DD; formatToParts keeps the result independent of that detail.
const FORMAT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: SUMMARY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Stockholm of an instant, `YYYY-MM-DD`. Intl applies the zone's rules,
 * so the switches to and from summer time move the day boundary as they should.
 *
 * @example stockholmDate(Date.parse('2026-03-28T23:30:00Z')) // '2026-03-29'
 */
export function stockholmDate(epochMs: number): string {
  const parts = FORMAT.formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
