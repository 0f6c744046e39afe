import { PrisjaktApiError } from '#shared/client/index.ts';
import type { FieldErrors } from '#shared/problem.ts';

/** A batch member's field errors: `"[3].data.currency"` is member 3's `data.currency`. */
const INDEXED_FIELD = /^\[(\d+)\]\.?(.*)$/;

/**
 * The members a batch's 400 names, with each one's own field errors (keys without the index),
 * or undefined when any error names no member, or there are none: then only sending the events
 * one by one can tell which is at fault.
 *
 * @example indexedRefusals({ '[1].signed_click_id': { message: '…' } }, 3)
 * // Map { 1 => { signed_click_id: { message: '…' } } }
 */
export function indexedRefusals(
  fieldErrors: FieldErrors | undefined,
  size: number,
): Map<number, FieldErrors> | undefined {
  if (fieldErrors === undefined) return undefined;
  const byIndex = new Map<number, FieldErrors>();
  for (const [key, error] of Object.entries(fieldErrors)) {
    const match = INDEXED_FIELD.exec(key);
    const index = match ? Number(match[1]) : Number.NaN;
    if (!match || !Number.isSafeInteger(index) || index >= size) return undefined;
    const member = byIndex.get(index) ?? {};
    member[match[2] || 'body'] = error;
    byIndex.set(index, member);
  }
  return byIndex.size > 0 ? byIndex : undefined;
}

/**
 * Whether a refusal says only that the click's signature does not verify: what the API answers
 * to a click id someone made up. Such refusals can never succeed and cost nothing to keep
 * apart, so the collector counts them instead of keeping a dead letter for each.
 */
export function isForgedClickRefusal(fieldErrors: FieldErrors | undefined): boolean {
  if (fieldErrors === undefined) return false;
  const fields = Object.keys(fieldErrors);
  return fields.length > 0 && fields.every((field) => field === 'signed_click_id');
}

/** {@link isForgedClickRefusal} for a failed single create. */
export function isForgedClickError(error: unknown): boolean {
  return (
    error instanceof PrisjaktApiError &&
    error.kind === 'http' &&
    error.status === 400 &&
    isForgedClickRefusal(error.fieldErrors)
  );
}

/**
 * Whether a dead letter's reason means a replay would be refused the same way: a 400 that named
 * fields (the event itself is wrong). A 403 (pixel disabled) or 404 (pixel unknown upstream),
 * an expiry or an exhausted retry can succeed once the cause is fixed.
 */
export function cannotSucceed(reason: { kind: string; status: number; field_errors?: unknown }) {
  return (
    reason.kind === 'rejected' &&
    reason.status === 400 &&
    typeof reason.field_errors === 'object' &&
    reason.field_errors !== null &&
    Object.keys(reason.field_errors).length > 0
  );
}
