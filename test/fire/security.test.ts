import { timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerdCollector, type WorkerdCollector } from '#tooling/stack/in-process.ts';
import { REPO_ROOT } from '#tooling/stack/wrangler-dev.ts';
import { secretsEqual } from '#worker/security/constant-time.ts';
import { inParallel, nextAddress, type Order, sendOrder } from './support/intake.ts';
import { validBeacon } from './support/junk.ts';
import { printFigures } from './support/ledger.ts';
import { expectProblem } from './support/problem.ts';
import { FAST_RECOVERY_VARS } from './support/settings.ts';
import { newClicks, PIXEL_ID, storedEvents } from './support/upstream.ts';
import { startWorkerdStack, type WorkerdStack } from './support/workerd-stack.ts';

// Secrets, origins, tokens, cookies, rate limits and reflection, checked against the collector
// under `wrangler dev` (its every response and log line kept), its queue consumer under workerd,
// and the pixel as browsers get it.

/** The emulator's seeded client: the collector's upstream credentials in local development. */
const CLIENT_SECRET = 'QciJ4AEjYjkE2f5pX5scLzPJi8lk9C';
/** Order ids carry this; the secrets below are random of their own. */
const run = Date.now().toString(36);
const randomPart = () => crypto.randomUUID().replace(/-/g, '');
const SERVER_TOKEN = `fire-server-${randomPart()}`;
const ADMIN_TOKEN = `fire-admin-${randomPart()}`;
const WRONG_SECRET = randomPart();
const SECRETS = [CLIENT_SECRET, SERVER_TOKEN, ADMIN_TOKEN, WRONG_SECRET];
const MARKUP = '<img src=x onerror=alert(1)>';

/** The production limit of wrangler.toml: 20 beacons a minute per client address. */
const BROWSER_RATE_LIMIT = 20;

let stack: WorkerdStack;
/** A second deployment whose client secret is wrong: the API answers its sends with 401. */
let unauthorized: WorkerdCollector;
/** Every response the suite received, as text: status, headers and body. */
const transcripts: string[] = [];
const figures = { responses: 0, log_lines: 0, secrets_found: 0, flood_429: 0, others_refused: 0 };

beforeAll(async () => {
  stack = await startWorkerdStack({
    collectorVars: { SERVER_TOKEN, ADMIN_TOKEN, LOG_LEVEL: 'debug' },
    browserRateLimit: BROWSER_RATE_LIMIT,
  });
  unauthorized = await startWorkerdCollector({
    vars: {
      ...FAST_RECOVERY_VARS,
      PRISJAKT_API_URL: stack.emulatorUrl,
      PRISJAKT_CLIENT_SECRET: WRONG_SECRET,
      LOG_LEVEL: 'debug',
    },
    consumeQueues: false,
  });
});

afterAll(async () => {
  figures.responses = transcripts.length;
  figures.log_lines = stack ? stack.collectorLines().length + unauthorized.lines().length : 0;
  printFigures('security', figures);
  await Promise.all([stack?.stop(), unauthorized?.dispose()]);
});

/**
 * Calls the collector, from a client address of its own unless the call names one, and keeps
 * the whole exchange for the secret scan.
 */
async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', nextAddress());
  const response = await fetch(`${stack.collector}${path}`, { ...init, headers });
  const body = await response.text();
  const answered = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  transcripts.push(`${init.method ?? 'GET'} ${path}\n${response.status}\n${answered}\n${body}`);
  return new Response(response.status === 204 || response.status === 304 ? null : body, {
    status: response.status,
    headers: response.headers,
  });
}

/** Every substring of a secret this long counts as a leak: a cut-off secret is still one. */
const LEAK_WINDOW = 12;
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const secret of SECRETS) {
    for (let start = 0; start + LEAK_WINDOW <= secret.length; start++) {
      const piece = secret.slice(start, start + LEAK_WINDOW);
      if (text.includes(piece)) {
        found.push(`${secret.slice(0, 4)}… (as ${piece})`);
        break;
      }
    }
  }
  return found;
}

describe('secrets', () => {
  it('never appear in a response, a log line or an error, on any path', async () => {
    const [click, other] = (await newClicks(stack.emulatorUrl, 2)) as [string, string];
    const beacon = (order: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ ...validBeacon(order, click), ...extra });
    const browser = { 'content-type': 'text/plain', origin: stack.shopUrl };
    await call('/healthz');
    await call('/pjpixel.js');
    await call(`/click?pjclid=${click}`, { headers: { origin: stack.shopUrl } });
    await call('/click', { method: 'DELETE', headers: { origin: stack.shopUrl } });
    await call('/collect', { method: 'POST', headers: browser, body: beacon(`sec-ok-${run}`) });
    await call('/collect', { method: 'POST', headers: browser, body: beacon('x', { amount: -1 }) });
    await call('/collect', { method: 'POST', headers: browser, body: '{"truncated":' });
    await call('/collect', {
      method: 'POST',
      headers: { ...browser, cookie: `pjclid=${other}` },
      body: beacon(`sec-cookie-${run}`, { pjclid: undefined }),
    });
    for (const token of [SERVER_TOKEN, `${SERVER_TOKEN}x`, ADMIN_TOKEN, CLIENT_SECRET, '']) {
      await call(`/server/pixels/${PIXEL_ID}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          event_name: 'purchase',
          external_event_id: `sec-server-${token.length}-${run}`,
          data: { amount: 5, currency: 'SEK' },
          signed_click_id: other,
        }),
      });
    }
    // An event the API refuses (bad signature) becomes a dead letter holding the API's reason.
    await call(`/server/pixels/${PIXEL_ID}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SERVER_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        event_name: 'purchase',
        external_event_id: `sec-refused-${run}`,
        data: { amount: 5, currency: 'SEK' },
        signed_click_id: '239cd31f-9d43-4cb4-b8dc-2057fe18c289_0000000000000000',
      }),
    });
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const deadLetter = await waitForDeadLetter(admin);
    await call(`/admin/dead-letters/${deadLetter}`, { headers: admin });
    await call('/admin/dead-letters', { headers: { authorization: `Bearer ${SERVER_TOKEN}` } });
    await call('/admin/dead-letters', { headers: { authorization: `Bearer ${CLIENT_SECRET}` } });
    await call(`/server/pixels/${PIXEL_ID}/events`, { method: 'GET' });

    // The consumer with a wrong client secret: the API answers 401, the collector logs loudly.
    const outcome = await unauthorized.deliver([
      {
        id: 'wrong-secret',
        timestamp: new Date(),
        attempts: 1,
        body: JSON.parse(eventMessage(`sec-401-${run}`, click)),
      },
    ]);
    expect(outcome.retryMessages).toHaveLength(1);

    await expect
      .poll(
        async () =>
          (await storedEvents(stack.emulatorUrl)).some(
            (e) => e.external_event_id === `sec-ok-${run}`,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    const logLines = [...stack.collectorLines(), ...unauthorized.lines()];
    expect(logLines.some((line) => line.includes('"delivery.delivered"'))).toBe(true);
    expect(logLines.some((line) => line.includes('"delivery.dead_lettered"'))).toBe(true);
    expect(logLines.some((line) => line.includes('"delivery.unauthorized"'))).toBe(true);

    const found = [...transcripts, ...logLines].flatMap(leaks);
    figures.secrets_found = found.length;
    expect(found).toEqual([]);
    // Click ids appear in logs cut to 8 characters: enough to join lines, too little to replay.
    const collectorLog = stack.collectorLines().filter((line) => line.startsWith('{'));
    for (const id of [click, other]) {
      expect(collectorLog.filter((line) => line.includes(id.slice(0, 13)))).toEqual([]);
    }
  });

  it('never ship in the pixel, as built or as served', async () => {
    const served = await call('/pjpixel.js');
    expect(served.status).toBe(200);
    const built = readFileSync(join(REPO_ROOT, 'dist/pjpixel.js'), 'utf8');
    for (const text of [await served.text(), built]) {
      expect(leaks(text)).toEqual([]);
      for (const word of ['client-secret', 'client_secret', 'SERVER_TOKEN', 'ADMIN_TOKEN']) {
        expect(text).not.toContain(word);
      }
    }
  });
});

describe('origins and pixels', () => {
  const foreignOrigin = fc.oneof(
    fc
      .webUrl({ withQueryParameters: false, withFragments: false })
      .map((url) => new URL(url).origin),
    fc.constantFrom(
      'null',
      'http://localhost.evil.example',
      'http://127.0.0.1.evil.example',
      'http://evil-localhost:3000',
      'https://localhost:3000',
      'http://localhost@evil.example',
      'http://127.0.0.2:8080',
      'file://',
      'chrome-extension://abcdefghijklmnop',
    ),
  );

  it('refuses browsers on foreign origins: 403, no CORS, no cookie, nothing forwarded', async () => {
    const [click] = (await newClicks(stack.emulatorUrl, 1)) as [string];
    const refused: string[] = [];
    await fc.assert(
      fc.asyncProperty(foreignOrigin, fc.boolean(), async (origin, viaClick) => {
        fc.pre(!/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin));
        // A sandboxed frame's beacon (Origin: null) is taken on /collect: see the next test.
        fc.pre(viaClick || origin !== 'null');
        const order = `sec-origin-${refused.length}-${run}`;
        const response = viaClick
          ? await call(`/click?pjclid=${click}`, { headers: { origin } })
          : await call('/collect', {
              method: 'POST',
              headers: { 'content-type': 'text/plain', origin, 'cf-connecting-ip': nextAddress() },
              body: JSON.stringify(validBeacon(order, click)),
            });
        const problem = await expectProblem(response, origin);
        expect(response.status).toBe(403);
        expect(problem.code).toBe('forbidden_origin');
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(response.headers.get('set-cookie')).toBeNull();
        if (!viaClick) refused.push(order);
      }),
      { numRuns: 150 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stored = new Set((await storedEvents(stack.emulatorUrl)).map((e) => e.external_event_id));
    expect(refused.filter((order) => stored.has(order))).toEqual([]);
  });

  it('refuses pixels it does not serve, from browsers and from the backend', async () => {
    const [click] = (await newClicks(stack.emulatorUrl, 1)) as [string];
    await fc.assert(
      fc.asyncProperty(fc.uuid({ version: 4 }), async (pixelId) => {
        fc.pre(pixelId.toLowerCase() !== PIXEL_ID);
        const beacon = await call('/collect', {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'cf-connecting-ip': nextAddress() },
          body: JSON.stringify({ ...validBeacon(`sec-pixel-${run}`, click), pixel_id: pixelId }),
        });
        expect((await expectProblem(beacon, pixelId)).code).toBe('unknown_pixel');
        const server = await call(`/server/pixels/${pixelId}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SERVER_TOKEN}`, 'content-type': 'application/json' },
          body: '{}',
        });
        expect((await expectProblem(server, pixelId)).code).toBe('unknown_pixel');
      }),
      { numRuns: 50 },
    );
  });
});

describe('bearer tokens', () => {
  it('are compared in constant time: a fixed-size digest comparison, whatever is presented', async () => {
    const compared: [number, number][] = [];
    Object.defineProperty(crypto.subtle, 'timingSafeEqual', {
      configurable: true,
      value: (a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView) => {
        const bytes = (view: ArrayBuffer | ArrayBufferView) =>
          ArrayBuffer.isView(view)
            ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
            : new Uint8Array(view);
        const left = bytes(a);
        const right = bytes(b);
        compared.push([left.byteLength, right.byteLength]);
        return timingSafeEqual(left, right);
      },
    });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ maxLength: 2_000 }),
            fc.string({ unit: 'binary' }),
            fc.nat({ max: SERVER_TOKEN.length }).map((n) => SERVER_TOKEN.slice(0, n)),
            fc.string().map((tail) => SERVER_TOKEN + tail),
            fc.constant(SERVER_TOKEN),
          ),
          async (presented) => {
            compared.length = 0;
            const equal = await secretsEqual(presented, SERVER_TOKEN);
            expect(equal).toBe(presented === SERVER_TOKEN);
            // One comparison of two SHA-256 digests: its time cannot depend on the length or
            // on the first byte that differs.
            expect(compared).toEqual([[32, 32]]);
          },
        ),
        { numRuns: 500 },
      );
    } finally {
      Reflect.deleteProperty(crypto.subtle, 'timingSafeEqual');
    }
  });

  it('meet request input nowhere but in that comparison', () => {
    const sources = listSources(join(REPO_ROOT, 'worker/src'));
    const offending: string[] = [];
    // A token or secret compared with anything but `undefined`, or searched in.
    const tokenName =
      '(?:serverToken|adminToken|expected|presented|clientSecret|SERVER_TOKEN|ADMIN_TOKEN)';
    const direct = new RegExp(
      [
        `\\b${tokenName}\\s*(?:===|!==|==|!=)(?!=)\\s*(?!\\s)(?!undefined\\b)`,
        `(?<!undefined\\s*)(?:===|!==|==|!=)\\s*[\\w.]*\\b${tokenName}\\b`,
        `\\b${tokenName}\\.(?:startsWith|endsWith|includes|indexOf|localeCompare)\\(`,
      ].join('|'),
    );
    for (const file of sources) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (direct.test(line))
            offending.push(`${file.slice(REPO_ROOT.length + 1)}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offending).toEqual([]);
    const bearer = readFileSync(join(REPO_ROOT, 'worker/src/security/bearer.ts'), 'utf8');
    expect(bearer).toContain('secretsEqual(presented, expected)');
  });

  it('refuse near misses over HTTP, with a challenge and without saying why', async () => {
    const near = [
      SERVER_TOKEN.slice(0, -1),
      `${SERVER_TOKEN}x`,
      SERVER_TOKEN.toUpperCase(),
      ADMIN_TOKEN,
      `${SERVER_TOKEN.slice(0, -1)}${SERVER_TOKEN.endsWith('a') ? 'b' : 'a'}`,
    ];
    const details = new Set<string>();
    for (const token of near) {
      const response = await call(`/server/pixels/${PIXEL_ID}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const problem = await expectProblem(response, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="pjcollector"');
      details.add(problem.detail);
    }
    expect([...details]).toEqual(['the bearer token is not valid']);
  });
});

describe('the click cookie', () => {
  function attributes(setCookie: string): Map<string, string> {
    return new Map(
      setCookie
        .split(';')
        .slice(1)
        .map((part) => {
          const [name = '', value = ''] = part.trim().split('=');
          return [name.toLowerCase(), value] as [string, string];
        }),
    );
  }

  it('is HttpOnly, SameSite=Lax and 30 days, and Secure wherever the browser would keep it', async () => {
    const [click] = (await newClicks(stack.emulatorUrl, 1)) as [string];
    // On the shop's own host (as in production): Secure.
    const onShop = await onShopHost('GET', `/click?pjclid=${click}`);
    expect(onShop.status).toBe(204);
    const shopCookie = onShop.cookies[0] ?? '';
    expect(shopCookie.startsWith(`pjclid=${click};`)).toBe(true);
    expect(attributes(shopCookie)).toEqual(
      new Map([
        ['max-age', '2592000'],
        ['path', '/'],
        ['httponly', ''],
        ['secure', ''],
        ['samesite', 'Lax'],
      ]),
    );
    // Plain-http loopback, where a browser drops Secure cookies: everything but Secure.
    const local = await call(`/click?pjclid=${click}`, { headers: { origin: stack.shopUrl } });
    const localAttributes = attributes(local.headers.get('set-cookie') ?? '');
    expect(localAttributes.has('httponly')).toBe(true);
    expect(localAttributes.get('samesite')).toBe('Lax');
    expect(localAttributes.has('secure')).toBe(false);
    // Forgetting it clears it with the same attributes.
    const forget = await onShopHost('DELETE', '/click');
    expect(forget.cookies.length).toBeGreaterThan(0);
    for (const cookie of forget.cookies) {
      expect(attributes(cookie).get('max-age')).toBe('0');
      expect(attributes(cookie).has('httponly')).toBe(true);
      expect(attributes(cookie).has('secure')).toBe(true);
    }
  });
});

describe('rate limiting', () => {
  it('stops a flood from one client without starving the others', async () => {
    const clicks = await newClicks(stack.emulatorUrl, 4);
    const flooder = nextAddress();
    const orders = (label: string, count: number): Order[] =>
      Array.from({ length: count }, (_, n) => ({
        id: `sec-${label}-${n}-${run}`,
        amount: 1,
        currency: 'SEK',
        items: 1,
        click: clicks[n % clicks.length] as string,
      }));
    const flood = orders('flood', BROWSER_RATE_LIMIT * 10);
    const others = orders('other', 60);
    const floodStatuses: number[] = [];
    const otherStatuses: number[] = [];
    await Promise.all([
      inParallel(flood, 16, async (order) => {
        floodStatuses.push(
          (await sendOrder(stack.collector, order, 'beacon', { address: flooder })).status,
        );
      }),
      inParallel(others, 4, async (order) => {
        otherStatuses.push((await sendOrder(stack.collector, order, 'beacon')).status);
      }),
    ]);
    figures.flood_429 = floodStatuses.filter((status) => status === 429).length;
    figures.others_refused = otherStatuses.filter((status) => status !== 202).length;
    // Counted per minute: a flood that straddles a minute gets one more window.
    expect(floodStatuses.filter((status) => status === 202).length).toBeLessThanOrEqual(
      BROWSER_RATE_LIMIT * 2,
    );
    expect(figures.flood_429).toBeGreaterThanOrEqual(flood.length - BROWSER_RATE_LIMIT * 2);
    expect(otherStatuses).toEqual(others.map(() => 202));
    const refusal = await sendOrder(stack.collector, flood[0] as Order, 'beacon', {
      address: flooder,
    });
    expect(refusal.status).toBe(429);
    expect(JSON.parse(refusal.body).code).toBe('rate_limited');
  });
});

describe('a sandboxed frame (Origin: null), as Shopify runs custom pixels', () => {
  it("takes its beacon as anyone's: no credentials, no cookie, only the beacon's own click", async () => {
    const [click, cookieClick] = (await newClicks(stack.emulatorUrl, 2)) as [string, string];
    const post = (order: string, beacon: Record<string, unknown>) =>
      call('/collect', {
        method: 'POST',
        headers: {
          'content-type': 'text/plain',
          origin: 'null',
          cookie: `pjclid=${cookieClick}`,
          'cf-connecting-ip': nextAddress(),
        },
        body: JSON.stringify({ ...validBeacon(order, click), ...beacon }),
      });
    const withClick = await post(`sec-null-${run}`, {});
    expect(withClick.status).toBe(202);
    expect(withClick.headers.get('access-control-allow-origin')).toBe('null');
    expect(withClick.headers.get('access-control-allow-credentials')).toBeNull();
    expect(withClick.headers.get('set-cookie')).toBeNull();
    // Without a click of its own, the visitor's cookie does not count for it.
    const cookieOnly = await post(`sec-null-cookie-${run}`, { pjclid: undefined });
    expect(cookieOnly.status).toBe(204);
    const clickRoute = await call(`/click?pjclid=${click}`, { headers: { origin: 'null' } });
    expect(clickRoute.status).toBe(403);
    expect(clickRoute.headers.get('set-cookie')).toBeNull();
  });
});

describe('reflection and redirects', () => {
  it('answers no input as markup, and redirects nowhere', async () => {
    const [click] = (await newClicks(stack.emulatorUrl, 1)) as [string];
    const hostile = {
      origin: stack.shopUrl,
      'user-agent': MARKUP,
      referer: `https://evil.example/${MARKUP}`,
      'x-forwarded-host': 'evil.example',
      cookie: `pjclid=${MARKUP}`,
    };
    const responses = [
      await call('/collect', {
        method: 'POST',
        headers: { ...hostile, 'content-type': 'text/plain' },
        body: JSON.stringify(validBeacon(`sec-${MARKUP}-${run}`, click)),
      }),
      await call('/collect', {
        method: 'POST',
        headers: { ...hostile, 'content-type': `text/html; x=${MARKUP}` },
        body: MARKUP,
      }),
      await call('/collect', {
        method: 'POST',
        headers: { ...hostile, 'content-type': 'text/plain' },
        body: `{"amount": ${JSON.stringify(MARKUP)}, "x": ${MARKUP}}`,
      }),
      await call(`/click?pjclid=${encodeURIComponent(MARKUP)}&redirect=https://evil.example`, {
        headers: hostile,
      }),
      await call(`/click?pjclid=${click}&next=//evil.example&url=https://evil.example`, {
        headers: hostile,
      }),
      await call(`/${encodeURIComponent(MARKUP)}`, { headers: hostile }),
      await call('//evil.example/', { headers: hostile }),
      await call('/%2F%2Fevil.example', { headers: hostile }),
      await call('/%5Cevil.example', { headers: hostile }),
      await call('/click/', { headers: hostile }),
    ];
    const [accepted] = responses;
    expect(accepted?.status).toBe(202);
    expect(await accepted?.clone().json()).toEqual({
      status: 'accepted',
      external_event_id: `sec-${MARKUP}-${run}`,
    });
    for (const response of responses) {
      const body = await response.text();
      expect([202, 204].includes(response.status) || response.status >= 400, body).toBe(true);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(body).not.toMatch(/[<>]/);
      for (const [name, value] of response.headers) {
        expect(`${name}: ${value}`).not.toContain('evil.example');
        expect(`${name}: ${value}`).not.toMatch(/[<>]/);
      }
    }
    // The order id reaches the API byte for byte: only the answer is escaped.
    await expect
      .poll(
        async () =>
          (await storedEvents(stack.emulatorUrl)).some(
            (e) => e.external_event_id === `sec-${MARKUP}-${run}`,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
  });
});

/** A request as a browser on `http://shop.example` sends it (Node's fetch cannot set Host). */
function onShopHost(method: string, path: string): Promise<{ status: number; cookies: string[] }> {
  const target = new URL(`${stack.collector}${path}`);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: target.pathname + target.search,
        headers: { host: 'shop.example', origin: 'http://shop.example' },
      },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            cookies: incoming.headers['set-cookie'] ?? [],
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function eventMessage(orderId: string, click: string): string {
  return JSON.stringify({
    v: 1,
    pixel_id: PIXEL_ID,
    event: {
      event_name: 'purchase',
      event_time: new Date().toISOString(),
      external_event_id: orderId,
      data: { amount: 1, currency: 'EUR' },
      signed_click_id: click,
    },
    source: 'server',
    received_at: new Date().toISOString(),
    request_id: crypto.randomUUID(),
  });
}

async function waitForDeadLetter(headers: Record<string, string>): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await call('/admin/dead-letters', { headers });
    const page = (await response.json()) as { dead_letters: { id: string }[] };
    if (page.dead_letters[0]) return page.dead_letters[0].id;
    if (Date.now() > deadline) throw new Error('no dead letter appeared');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function listSources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : listSources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}
