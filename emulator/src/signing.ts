import { splitSignedClickId } from '#shared/pjclid.ts';

/** Issues and checks the 16-hex-digit signatures of Prisjakt click ids. */
export interface ClickSigner {
  /** `uuid_signature` for a click UUID, the form Prisjakt puts in `?pjclid=`. */
  sign(clickId: string): Promise<string>;
  /** Whether a well-formed signed click id carries the right signature (any hex case). */
  verify(signedClickId: string): Promise<boolean>;
}

/**
 * The emulator's signature: the first 16 hex digits of HMAC-SHA256 over the lowercase click
 * UUID, keyed with `key` (UTF-8). Prisjakt's real scheme is not public; this one only has to be
 * unforgeable without the key, so a tampered or invented `pjclid` is refused as it would be
 * upstream. WebCrypto only, so it runs in workerd and Node alike.
 *
 * `issued` holds signatures Prisjakt published (click id → signature): they are signed and
 * verified as they are, since no key of the emulator produces them.
 *
 * @example await createClickSigner('key').sign('a1c3e5f7-2b4d-4e6f-8a0c-1e3b5d7f9a2c')
 */
export function createClickSigner(
  key: string,
  issued: ReadonlyMap<string, string> = new Map(),
): ClickSigner {
  let cryptoKey: Promise<CryptoKey> | undefined;
  const hmacKey = () => {
    cryptoKey ??= crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return cryptoKey;
  };

  const signature = async (clickId: string): Promise<string> => {
    const known = issued.get(clickId.toLowerCase());
    if (known !== undefined) return known;
    const mac = await crypto.subtle.sign(
      'HMAC',
      await hmacKey(),
      new TextEncoder().encode(clickId.toLowerCase()),
    );
    return Array.from(new Uint8Array(mac).subarray(0, 8), (byte) =>
      byte.toString(16).padStart(2, '0'),
    ).join('');
  };

  return {
    async sign(clickId) {
      return `${clickId}_${await signature(clickId)}`;
    },
    async verify(signedClickId) {
      const { clickId, signature: given } = splitSignedClickId(signedClickId);
      return constantTimeEqual(await signature(clickId), given.toLowerCase());
    },
  };
}

/** Compares two strings without an early exit, so timing does not reveal how much matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < left.length; i += 1)
    difference |= (left[i] ?? 0) ^ (right[i % right.length] ?? 0);
  return difference === 0;
}
