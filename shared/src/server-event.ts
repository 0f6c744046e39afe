import { isWellFormedText, WELL_FORMED_ID_RULE } from './field-rules.ts';
import { isPlainObject } from './json-object.ts';
import { LIMITS } from './limits.ts';
import { echoValue, type FieldErrors } from './problem.ts';
import { type CreateEventRequest, validateCreateEvent } from './purchase-event.ts';

/** A server event the collector forwards: its id is required, so a resend is a duplicate. */
export type ServerEvent = CreateEventRequest & { external_event_id: string };

export type ServerEventValidation =
  | { ok: true; attributable: true; value: ServerEvent }
  /** Valid but for its missing click: answered 204, counted, never forwarded. */
  | { ok: true; attributable: false; externalEventId: string }
  | { ok: false; errors: FieldErrors };

export const SERVER_EVENT_ID_RULE = `is required here (1 to ${LIMITS.externalEventIdMaxLength} characters): it is what makes a resend a duplicate`;

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Validates the body of `POST /server/pixels/{id}/events`: Prisjakt's *Create a new event*,
 * with two differences for a shop's backend. `external_event_id` is required (it is what makes
 * the browser's and the backend's report of one order one event), and a missing
 * `signed_click_id` is no error but an unattributable order. Every invalid field is named in
 * one answer, the `event_time` too far ahead of `nowMs` among them.
 *
 * @example validateServerEvent(JSON.parse(body), Date.now())
 */
export function validateServerEvent(input: unknown, nowMs: number): ServerEventValidation {
  const validation = validateCreateEvent(input, { nowMs });
  const errors: FieldErrors = validation.ok ? {} : { ...validation.errors };
  const clickAbsent = isPlainObject(input) && isAbsent(input.signed_click_id);
  if (clickAbsent) delete errors.signed_click_id;
  if (isPlainObject(input) && input.external_event_id === undefined) {
    errors.external_event_id = { message: SERVER_EVENT_ID_RULE };
  } else if (
    isPlainObject(input) &&
    typeof input.external_event_id === 'string' &&
    errors.external_event_id === undefined &&
    !isWellFormedText(input.external_event_id)
  ) {
    errors.external_event_id = {
      message: WELL_FORMED_ID_RULE,
      value: echoValue(input.external_event_id),
    };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // No error left: the body is an object whose external_event_id passed its rule.
  const externalEventId = (input as { external_event_id: string }).external_event_id;
  if (!validation.ok) return { ok: true, attributable: false, externalEventId };
  return {
    ok: true,
    attributable: true,
    value: { ...validation.value, external_event_id: externalEventId },
  };
}
