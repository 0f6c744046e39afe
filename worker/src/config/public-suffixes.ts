/**
 * Names under which anyone may register a site of their own, so that a cookie `Domain` or an
 * origin wildcard covering one covers other people's sites. Not the whole Public Suffix List
 * (publicsuffix.org, about 10,000 rules and 250 KB, which would outweigh the collector): every
 * one-label name (a top-level domain), plus the second-level suffixes of the markets Prisjakt
 * serves that have them (the United Kingdom and New Zealand; Sweden, Norway, Denmark and
 * Finland sell names directly under the TLD), plus the shared hosts a shop's pages or a
 * collector are likely to live on. Each entry is a rule of the Public Suffix List. A name not
 * listed here may still be a public suffix: the list catches the common mistakes, it does not
 * prove a name safe.
 */
const LISTED = new Set([
  // ICANN section: .uk and .nz second-level names.
  'ac.uk',
  'co.uk',
  'gov.uk',
  'ltd.uk',
  'me.uk',
  'net.uk',
  'nhs.uk',
  'org.uk',
  'plc.uk',
  'police.uk',
  'sch.uk',
  'ac.nz',
  'co.nz',
  'cri.nz',
  'geek.nz',
  'gen.nz',
  'govt.nz',
  'health.nz',
  'iwi.nz',
  'kiwi.nz',
  'maori.nz',
  'mil.nz',
  'net.nz',
  'org.nz',
  'parliament.nz',
  'school.nz',
  // Private section: hosts where each customer's site is a subdomain.
  'appspot.com',
  'azurewebsites.net',
  'cloudfront.net',
  'firebaseapp.com',
  'github.io',
  'herokuapp.com',
  'myshopify.com',
  'netlify.app',
  'pages.dev',
  'vercel.app',
  'web.app',
  'workers.dev',
]);

/**
 * Whether a host name (lower case, no trailing dot) is a public suffix by the rule above.
 *
 * @example isPublicSuffix('co.uk') // true
 * @example isPublicSuffix('shop.co.uk') // false
 */
export function isPublicSuffix(host: string): boolean {
  return !host.includes('.') || LISTED.has(host);
}
