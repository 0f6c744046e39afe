import { randomBytes } from 'node:crypto';
import { type FieldErrors, PROBLEM_CONTENT_TYPE } from '#shared/problem.ts';

/** A fresh CSP nonce for one response. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The demo's pages allow scripts from the shop's own origin (the pixel on `/pj/*`, the
 * banner's script) and inline scripts with this response's nonce (Prisjakt's snippet): the
 * strict CSP a careful shop would run, which the pixel must work under.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** An HTML page, never cached (pages show live state), under the nonce's CSP. */
export function htmlResponse(body: string, nonce: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': contentSecurityPolicy(nonce),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    },
  });
}

/** RFC 9457 problem details, as the rest of the project answers bad input. */
export function problemResponse(
  status: number,
  title: string,
  detail: string,
  fieldErrors?: FieldErrors,
): Response {
  const body = { title, status, detail, ...(fieldErrors ? { field_errors: fieldErrors } : {}) };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' },
  });
}

/** Whether the caller would rather read HTML than problem details: a browser's navigation. */
export function prefersHtml(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html');
}

/** 303 See Other: after a form post or a click, the browser follows with a GET. */
export function seeOther(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location, 'cache-control': 'no-store' },
  });
}
