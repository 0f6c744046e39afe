/**
 * A dead-letter id that sorts by failure time (KV lists keys in byte order), then a random part:
 * `20261126T100000123Z-1f0c9a2e4b7d`.
 */
export function newDeadLetterId(failedAt: number): string {
  const stamp = new Date(failedAt).toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

export const DEAD_LETTER_ID_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{12}$/;
