import { isPlainObject } from '#shared/json-object.ts';
import { isSignedClickId } from '#shared/pjclid.ts';
import { echoValue, type FieldErrors } from '#shared/problem.ts';
import { type CreateEventRequest, validateCreateEvent } from '#shared/purchase-event.ts';
import type { ClickSigner } from '../signing.ts';

export type EventValidation =
  | { ok: true; value: CreateEventRequest }
  | { ok: false; errors: FieldErrors };

/**
 * Everything the API checks in one event body, with every problem reported at once: the
 * shared field rules (with an `event_time` no more than five minutes ahead of `nowMs`), and a
 * `signed_click_id` whose signature verifies. `prefix` keys a batch member's errors (`[3].`).
 */
export async function validateEvent(
  input: unknown,
  options: { prefix: string; nowMs: number; signer: ClickSigner },
): Promise<EventValidation> {
  const { prefix, nowMs, signer } = options;
  if (!isPlainObject(input)) {
    // Keyed `[3]` for a batch member, `body` for a single event (not `[3].`).
    const key = prefix === '' ? 'body' : prefix.replace(/\.$/, '');
    return {
      ok: false,
      errors: { [key]: { message: 'must be a JSON object', value: echoValue(input) } },
    };
  }
  const result = validateCreateEvent(input, { prefix, nowMs });
  const errors: FieldErrors = result.ok ? {} : { ...result.errors };
  const signed = input.signed_click_id;
  if (isSignedClickId(signed) && !(await signer.verify(signed))) {
    errors[`${prefix}signed_click_id`] = {
      message: 'has a signature that does not verify: it was not issued by Prisjakt',
      value: echoValue(signed),
    };
  }
  if (!result.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: result.value };
}
