import { isPublicSuffix } from './public-suffixes.ts';

/**
 * Browser origins allowed to post beacons, from `ALLOWED_ORIGINS`: a comma- or space-separated
 * list of origins (`https://shop.example`), where `*` may stand for one whole host label
 * (`https://*.shop.example` matches `https://www.shop.example`, not `https://a.b.shop.example`)
 * or for the port (`http://localhost:*` matches any port, and no port).
 */
export interface OriginMatcher {
  /** The patterns as configured, lower-cased. */
  readonly patterns: readonly string[];
  matches(origin: string): boolean;
}

export type OriginParse = { ok: true; matcher: OriginMatcher } | { ok: false; reason: string };

const ENTRY_PATTERN =
  /^(https?):\/\/((?:\*|[a-z0-9-]+)(?:\.(?:\*|[a-z0-9-]+))*|\[[0-9a-f:]+\])(?::(\*|\d{1,5}))?$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(scheme: string, host: string, port: string | undefined): RegExp {
  const hostSource = host
    .split('.')
    .map((label) => (label === '*' ? '[a-z0-9-]+' : escapeRegExp(label)))
    .join('\\.');
  let portSource = '';
  if (port === '*') portSource = '(?::\\d{1,5})?';
  else if (port !== undefined) portSource = `:${port}`;
  return new RegExp(`^${scheme}://${hostSource}${portSource}$`);
}

/**
 * Parses the origin list. `requireHttps` refuses `http:` entries (production); a bare `*` is
 * always refused, since it would let any site post in the shop's name.
 *
 * @example parseAllowedOrigins('https://shop.example, https://*.shop.example', true)
 */
export function parseAllowedOrigins(raw: string, requireHttps: boolean): OriginParse {
  const entries = raw
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/\/+$/, ''))
    .filter((entry) => entry !== '');
  const expressions: RegExp[] = [];
  for (const [index, entry] of entries.entries()) {
    const position = `entry ${index + 1}`;
    if (entry === '*') return { ok: false, reason: `${position}: "*" would allow every site` };
    const match = ENTRY_PATTERN.exec(entry);
    if (!match) {
      return { ok: false, reason: `${position} is not an origin like https://shop.example` };
    }
    const [, scheme = '', host = '', port] = match;
    if (requireHttps && scheme !== 'https') {
      return { ok: false, reason: `${position} must use https in production` };
    }
    // `https://*.com` or `https://*.co.uk` would let any site under that suffix post.
    const fixedPart = host.replace(/^(?:\*\.)+/, '');
    if (requireHttps && host.startsWith('*.') && isPublicSuffix(fixedPart)) {
      return {
        ok: false,
        reason: `${position}: a wildcard over the public suffix "${fixedPart}" would allow sites of anyone registered under it`,
      };
    }
    if (port !== undefined && port !== '*' && Number(port) > 65_535) {
      return { ok: false, reason: `${position} has an invalid port` };
    }
    expressions.push(compile(scheme, host, port));
  }
  return {
    ok: true,
    matcher: {
      patterns: entries,
      matches: (origin) => {
        const candidate = origin.toLowerCase();
        return expressions.some((expression) => expression.test(candidate));
      },
    },
  };
}
