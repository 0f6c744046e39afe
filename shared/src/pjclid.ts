/**
 * The signed click id Prisjakt appends to landing URLs as `?pjclid=`:
 * a UUIDv4, an underscore and a 16-hex-digit signature
 * (`239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125`).
 *
 * Kept free of imports so the browser pixel can bundle it for a few bytes.
 * Click ids are passed on byte for byte: nothing here changes case or encoding.
 */
export const SIGNED_CLICK_ID_PATTERN =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}_[0-9A-Fa-f]{16}$/;

/** A UUID version 4, any case (the reference's `UUID` type). */
export const UUID_V4_PATTERN =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;

/**
 * @example isSignedClickId('239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125') // true
 */
export function isSignedClickId(value: unknown): value is string {
  return typeof value === 'string' && SIGNED_CLICK_ID_PATTERN.test(value);
}

export function isUuidV4(value: unknown): value is string {
  return typeof value === 'string' && UUID_V4_PATTERN.test(value);
}

/** Splits a valid signed click id into its click UUID and signature. */
export function splitSignedClickId(signedClickId: string): { clickId: string; signature: string } {
  const separator = signedClickId.indexOf('_');
  return {
    clickId: signedClickId.slice(0, separator),
    signature: signedClickId.slice(separator + 1),
  };
}

/** A click id shortened for logs: enough to correlate, too little to replay. */
export function redactClickId(signedClickId: string): string {
  return `${signedClickId.slice(0, 8)}…`;
}
