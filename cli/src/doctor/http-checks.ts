import { causeOf } from '../collector/admin-client.ts';
import type { CliIo } from '../io.ts';
import { type Check, fail, pass, warn } from './check.ts';

/** What `/healthz` answered, as far as doctor reads it. */
export interface Healthz {
  status?: string;
  missing?: string[];
  invalid?: { setting: string; reason: string }[];
  warnings?: string[];
  /** What makes a running collector `degraded` (a queue it does not know, …). */
  problems?: string[];
  [key: string]: unknown;
}

export async function fetchHealthz(
  io: CliIo,
  baseUrl: string,
): Promise<{ check: Check; body: Healthz | undefined; reachable: boolean }> {
  const name = 'healthz';
  let response: Response;
  try {
    response = await io.fetch(`${baseUrl}/healthz`);
  } catch (error) {
    return {
      check: fail(
        name,
        `no answer from ${baseUrl}/healthz: ${causeOf(error)}`,
        'check PJCOLLECTOR_URL and that the Worker is deployed on that route',
      ),
      body: undefined,
      reachable: false,
    };
  }
  let body: Healthz | undefined;
  try {
    body = (await response.json()) as Healthz;
  } catch {
    body = undefined;
  }
  if (body === undefined || typeof body !== 'object') {
    return {
      check: fail(
        name,
        `${response.status}, and no JSON: this is not the collector`,
        'PJCOLLECTOR_URL must include the base path, e.g. https://shop.example/pj',
      ),
      body: undefined,
      reachable: true,
    };
  }
  if (response.status !== 200 || body.status !== 'ok') {
    const problems = [
      ...(body.missing ?? []).map((setting) => `${setting} missing`),
      ...(body.invalid ?? []).map((issue) => `${issue.setting}: ${issue.reason}`),
      ...(body.problems ?? []),
    ];
    return {
      check: fail(
        name,
        `${response.status} ${body.status ?? ''}: ${problems.join('; ') || 'misconfigured'}`,
        'set what /healthz names (wrangler.toml [env.production.vars], wrangler secret put) and deploy again',
      ),
      body,
      reachable: true,
    };
  }
  const warnings = body.warnings ?? [];
  return {
    check:
      warnings.length > 0
        ? warn(
            name,
            `ok, with warnings: ${warnings.join('; ')}`,
            'see the warnings; each names its setting',
          )
        : pass(name, 'ok'),
    body,
    reachable: true,
  };
}

const QUEUE_FIX =
  'make EVENT_QUEUE_NAME and DEAD_LETTER_QUEUE_NAME match the queues in wrangler.toml';

/**
 * Whether a report about queues names a problem: a flag such as `ok`/`match` that is false, or a
 * `mismatch…` entry that is not empty, at any depth.
 */
function reportsQueueProblem(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const [key, entry] of Object.entries(value)) {
    if (/^(ok|match(es|ed)?|valid)$/i.test(key) && entry === false) return true;
    if (/mismatch/i.test(key)) {
      const empty =
        entry === false ||
        entry === null ||
        entry === '' ||
        (Array.isArray(entry) && entry.length === 0) ||
        (typeof entry === 'object' && entry !== null && Object.keys(entry).length === 0);
      if (!empty) return true;
    }
    if (reportsQueueProblem(entry)) return true;
  }
  return false;
}

/**
 * The queue names. doctor cannot see the Worker's bindings, so it takes what `/healthz` says
 * about queues as it is: a setting about queues among `missing`/`invalid`, a warning or a
 * problem about queues (a collector that met a queue it does not know is `degraded`), or a
 * report under a key naming queues. When `/healthz` says nothing about them,
 * doctor says it cannot tell.
 */
export function queueCheck(healthz: Healthz | undefined): Check {
  const name = 'queue names';
  if (healthz === undefined) {
    return warn(name, 'not checked: /healthz did not answer', 'fix healthz first');
  }
  const problems = [
    ...(healthz.missing ?? [])
      .filter((setting) => /QUEUE/i.test(setting))
      .map((s) => `${s} missing`),
    ...(healthz.invalid ?? [])
      .filter((issue) => /QUEUE/i.test(issue.setting))
      .map((issue) => `${issue.setting}: ${issue.reason}`),
    ...(healthz.warnings ?? []).filter((warning) => /queue/i.test(warning)),
    ...(healthz.problems ?? []).filter((problem) => /queue/i.test(problem)),
  ];
  const reports = Object.entries(healthz).filter(
    ([key]) => /queue/i.test(key) && key !== 'problems',
  );
  for (const [key, value] of reports) {
    if (reportsQueueProblem({ [key]: value }))
      problems.push(`${key}: ${JSON.stringify(value).slice(0, 200)}`);
  }
  if (problems.length > 0) return fail(name, problems.join('; '), QUEUE_FIX);
  if (reports.length === 0) {
    return warn(
      name,
      "this collector's /healthz does not report its queue names",
      'compare EVENT_QUEUE_NAME and DEAD_LETTER_QUEUE_NAME with wrangler.toml by hand, or upgrade the collector',
    );
  }
  return pass(
    name,
    reports.map(([key, value]) => `${key}: ${JSON.stringify(value).slice(0, 200)}`).join('; '),
  );
}

/** `pjpixel.js`: served as JavaScript, with caching a shop's pages can live with. */
export async function pixelScriptCheck(io: CliIo, baseUrl: string): Promise<Check> {
  const name = 'pjpixel.js';
  let response: Response;
  try {
    response = await io.fetch(`${baseUrl}/pjpixel.js`);
  } catch (error) {
    return fail(name, `no answer: ${causeOf(error)}`, 'check that the route serves /pjpixel.js');
  }
  await response.arrayBuffer();
  const type = response.headers.get('content-type') ?? '';
  const cache = response.headers.get('cache-control') ?? '';
  if (response.status !== 200) {
    return fail(
      name,
      `${response.status}`,
      'deploy the collector (npm run deploy), which builds and serves the pixel',
    );
  }
  if (!/^(text|application)\/javascript\b/i.test(type)) {
    return fail(
      name,
      `served as ${type || 'no type'}`,
      'serve it as text/javascript; browsers refuse scripts of another type with nosniff',
    );
  }
  const maxAge = /max-age=(\d+)/.exec(cache)?.[1];
  if (maxAge === undefined || /no-store|private/.test(cache)) {
    return warn(
      name,
      `Cache-Control: ${cache || 'none'}`,
      'let caches keep it briefly (public, max-age=300) so every page view does not reach the Worker',
    );
  }
  if (!response.headers.has('etag') && !response.headers.has('last-modified')) {
    return warn(
      name,
      `${type}; ${cache}; no ETag`,
      'serve it with an ETag so a revalidation costs no body',
    );
  }
  return pass(name, `${type}; ${cache}`);
}

/** CORS for one origin: a preflight of the beacon, as a browser on that origin sends it. */
export async function corsCheck(io: CliIo, baseUrl: string, origin: string): Promise<Check> {
  const name = `cors ${origin}`;
  let response: Response;
  try {
    response = await io.fetch(`${baseUrl}/collect`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
  } catch (error) {
    return fail(name, `no answer: ${causeOf(error)}`, 'check PJCOLLECTOR_URL');
  }
  await response.arrayBuffer();
  const allowed = response.headers.get('access-control-allow-origin');
  if (response.status < 300 && allowed === origin) return pass(name, 'answered for this origin');
  return fail(
    name,
    `${response.status}, Access-Control-Allow-Origin ${allowed ?? 'absent'}`,
    `add ${origin} to ALLOWED_ORIGINS`,
  );
}

/** Concrete origins to test from the configured patterns; a wildcard cannot be tested as it is. */
export function testableOrigins(patterns: readonly string[]): {
  origins: string[];
  wildcards: string[];
} {
  const origins: string[] = [];
  const wildcards: string[] = [];
  for (const pattern of patterns) (pattern.includes('*') ? wildcards : origins).push(pattern);
  return { origins, wildcards };
}

/** Whether the click cookie's Domain covers the host the collector answers on. */
export function cookieDomainCheck(collectorUrl: string, domain: string | null): Check {
  const name = 'cookie domain';
  const host = new URL(collectorUrl).hostname.toLowerCase();
  if (domain === null) {
    return pass(
      name,
      `host-only cookie for ${host} (set COOKIE_DOMAIN to share it with subdomains)`,
    );
  }
  if (host === domain || host.endsWith(`.${domain}`)) return pass(name, `${domain} covers ${host}`);
  return fail(
    name,
    `COOKIE_DOMAIN ${domain} does not cover ${host}: browsers refuse the cookie, and the click is kept only in the page's storage`,
    `set COOKIE_DOMAIN to ${host} or a parent domain of it`,
  );
}
