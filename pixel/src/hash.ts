/**
 * A 32-bit FNV-1a string hash in base 36. Not cryptographic: derived event ids also carry the
 * amount and currency, so it only has to tell apart purchases of the same amount.
 *
 * @example hashString('a') !== hashString('b') // true
 */
export function hashString(input: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) hash = Math.imul(hash ^ input.charCodeAt(i), 16777619);
  return (hash >>> 0).toString(36);
}
