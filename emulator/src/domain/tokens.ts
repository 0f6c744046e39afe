const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random string of letters and digits, drawn without modulo bias (bytes ≥ 248 are skipped),
 * shaped like Prisjakt's client ids (32) and secrets (30).
 */
export function randomToken(length: number): string {
  let token = '';
  while (token.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 248 && token.length < length) token += ALPHABET[byte % ALPHABET.length];
    }
  }
  return token;
}
