/**
 * The key the browser rate limit counts a client under: an IPv4 address whole, an IPv6 address
 * by its /64 (the first four groups). One subscriber or host is normally given a whole /64
 * (RFC 6177, RFC 7934), so counting full IPv6 addresses would give one machine 2^64 buckets.
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as its IPv4 address.
 *
 * @example rateLimitKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function rateLimitKey(address: string): string {
  const lower = address.trim().toLowerCase();
  if (!lower.includes(':')) return lower;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (mapped) return mapped[1] as string;
  const groups = expandIpv6(lower);
  if (groups === undefined) return lower;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The eight groups of an IPv6 address (zone and embedded IPv4 tail tolerated), or undefined. */
function expandIpv6(address: string): string[] | undefined {
  const bare = address.replace(/%.*$/, '').replace(/^\[|\]$/g, '');
  const halves = bare.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string | undefined) => (part ? part.split(':') : []);
  const head = split(halves[0]);
  const tail = split(halves[1]);
  const last = tail.length > 0 ? tail[tail.length - 1] : head[head.length - 1];
  // An embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) takes two groups' room.
  const width = last?.includes('.') ? 7 : 8;
  const missing = width - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tail];
  if (!groups.slice(0, 4).every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups;
}
