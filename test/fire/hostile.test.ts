import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAddress, SERVER_TOKEN } from './support/intake.ts';
import {
  corruptBeacon,
  corruptServerEvent,
  hostileString,
  junkBody,
  toJsonText,
  validBeacon,
} from './support/junk.ts';
import { printFigures } from './support/ledger.ts';
import { expectFieldErrors, expectProblem } from './support/problem.ts';
import { SCALE } from './support/scale.ts';
import { createEventOutcomes, newClicks, PIXEL_ID, storedEvents } from './support/upstream.ts';
import { startWorkerdStack, type WorkerdStack } from './support/workerd-stack.ts';

// Property-based fuzzing of the collector's three public inputs, under workerd: thousands
// of bodies, fields, headers and query strings that must be refused. Every answer must be a 4xx
// problem (field errors where there are fields), never a 5xx, and nothing may reach the API.
// The pixel's side of the same junk is in browser.test.ts.

/** Cases per property; the soak run multiplies them. */
const RUNS = SCALE.fuzzRuns;
/**
 * Server events that pass authentication count against the per-pixel limit of 1,000 a minute
 * (wrangler.toml's local value): the field fuzz stays under it, with room for the junk bodies.
 */
const SERVER_RUNS = Math.min(RUNS, 700);

let stack: WorkerdStack;
let click: string;
const statuses = new Map<number, number>();
let cases = 0;
let forwardedBefore = 0;
/** What reached the API from the fuzz alone (the last test then sends one valid order). */
let fuzzForwarded: number | undefined;

beforeAll(async () => {
  stack = await startWorkerdStack({ collectorVars: { LOG_LEVEL: 'info' } });
  [click] = (await newClicks(stack.emulatorUrl, 1)) as [string];
  forwardedBefore = await forwarded();
});

afterAll(async () => {
  printFigures('hostile', {
    cases,
    statuses: JSON.stringify(Object.fromEntries([...statuses].sort())),
    server_errors: [...statuses].filter(([status]) => status >= 500).length,
    forwarded: fuzzForwarded ?? 'unknown',
  });
  await stack?.stop();
});

async function forwarded(): Promise<number> {
  const outcomes = await createEventOutcomes(stack.emulatorUrl);
  return Object.values(outcomes).reduce((sum, count) => sum + count, 0);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const response = await fetch(`${stack.collector}${path}`, init);
  cases += 1;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return response;
}

function beaconHeaders(contentType = 'text/plain;charset=UTF-8'): Record<string, string> {
  return { 'content-type': contentType, 'cf-connecting-ip': nextAddress(), origin: stack.shopUrl };
}

/** Every byte of the UTF-8 form percent-encoded (lone surrogates become U+FFFD, as a browser sends). */
function percentEncode(value: string): string {
  return [...new TextEncoder().encode(value)]
    .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .join('');
}

let orderNumber = 0;
const orderId = () => `hostile-${++orderNumber}`;

describe('POST /collect', () => {
  it('refuses beacons wrong in any field with 400 and a field error for each', async () => {
    await fc.assert(
      fc.asyncProperty(corruptBeacon(orderId(), '(click)'), async ({ body, corrupted }) => {
        if (body.pjclid === '(click)') body.pjclid = click;
        const text = toJsonText(body);
        const response = await send('/collect', {
          method: 'POST',
          headers: beaconHeaders(),
          body: text,
        });
        const problem = await expectProblem(response, text.slice(0, 300));
        expect(response.status).toBe(400);
        expectFieldErrors(problem, corrupted, text.slice(0, 300));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('refuses bodies that are not a JSON object, too large, or of another type', async () => {
    const valid = toJsonText(validBeacon('hostile-body', click));
    const acceptedTypes = [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/json',
      'TEXT/PLAIN',
    ];
    const otherTypes = [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/html',
      'application/xml',
      'text/plain-but-not',
      '',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            body: junkBody(valid),
            type: fc.constantFrom(...acceptedTypes),
            expected: fc.constant(400),
          }),
          fc.record({
            body: fc
              .integer({ min: 8 * 1024 + 1, max: 64 * 1024 })
              .map((size) => new TextEncoder().encode(valid.padEnd(size, ' '))),
            type: fc.constantFrom(...acceptedTypes),
            expected: fc.constant(413),
          }),
          fc.record({
            body: fc.oneof(fc.constant(new TextEncoder().encode(valid)), junkBody(valid)),
            type: fc.constantFrom(...otherTypes),
            expected: fc.constant(415),
          }),
        ),
        async ({ body, type, expected }) => {
          const headers = beaconHeaders(type);
          if (type === '') delete headers['content-type'];
          const response = await send('/collect', { method: 'POST', headers, body });
          await expectProblem(response, `${type} ${body.length} bytes`);
          expect(response.status).toBe(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses a pixel it does not serve, whatever the beacon says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uuid({ version: 4 }), async (pixelId) => {
        fc.pre(pixelId.toLowerCase() !== PIXEL_ID);
        const body = toJsonText({ ...validBeacon(orderId(), click), pixel_id: pixelId });
        const response = await send('/collect', { method: 'POST', headers: beaconHeaders(), body });
        const problem = await expectProblem(response, pixelId);
        expect(response.status).toBe(404);
        expect(problem.code).toBe('unknown_pixel');
      }),
      { numRuns: Math.ceil(RUNS / 6) },
    );
  });
});

describe('GET /click', () => {
  it('refuses any pjclid that is not a signed click id, and sets no cookie', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString.map((value) => `pjclid=${percentEncode(value)}`),
          fc.constantFrom(
            '',
            'pjclid',
            'pjclid=',
            'pjclid=%zz',
            'pjclid=%E0%A4%A',
            'other=1',
            `pjclid=${percentEncode(`${click}\r\nSet-Cookie: admin=1`)}`,
            `pjclid=${click}x`,
            `pjclid=${click.replace('_', '-')}`,
          ),
        ),
        async (query) => {
          fc.pre(!new URLSearchParams(query).getAll('pjclid').includes(click));
          const response = await send(`/click?${query}`, {
            headers: { origin: stack.shopUrl, 'cf-connecting-ip': nextAddress() },
          });
          const problem = await expectProblem(response, query);
          expect(response.headers.get('set-cookie')).toBeNull();
          expect(response.status).toBe(400);
          expectFieldErrors(problem, ['pjclid'], query);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('POST /server/pixels/{pixel_id}/events', () => {
  const headers = { authorization: `Bearer ${SERVER_TOKEN}`, 'content-type': 'application/json' };

  it('refuses events wrong in any field with 400 and a field error for each', async () => {
    await fc.assert(
      fc.asyncProperty(corruptServerEvent(orderId(), click), async ({ body, corrupted }) => {
        const text = toJsonText(body);
        const response = await send(`/server/pixels/${PIXEL_ID}/events`, {
          method: 'POST',
          headers,
          body: text,
        });
        const problem = await expectProblem(response, text.slice(0, 300));
        expect(response.status).toBe(400);
        expectFieldErrors(problem, corrupted, text.slice(0, 300));
      }),
      { numRuns: SERVER_RUNS },
    );
  });

  it('refuses junk bodies, junk pixel ids and junk tokens', async () => {
    const valid = toJsonText({
      event_name: 'purchase',
      external_event_id: 'hostile-server',
      data: { amount: 1, currency: 'SEK' },
      signed_click_id: click,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          junkBody(valid).map((body) => ({
            body,
            path: PIXEL_ID,
            token: SERVER_TOKEN,
            expected: 400,
          })),
          hostileString
            .filter((path) => path.toLowerCase() !== PIXEL_ID)
            .map((path) => ({
              body: new TextEncoder().encode(valid),
              path: percentEncode(path),
              token: SERVER_TOKEN,
              expected: 404,
            })),
          fc
            .constantFrom('%', '%zz', '..%2F..%2F', `${PIXEL_ID}%00`, `${PIXEL_ID}/x`)
            .map((path) => ({
              body: new TextEncoder().encode(valid),
              path,
              token: SERVER_TOKEN,
              expected: 404,
            })),
          hostileString
            .filter((token) => token !== SERVER_TOKEN && /^[\x20-\x7e]*$/.test(token))
            .map((token) => ({
              body: new TextEncoder().encode(valid),
              path: PIXEL_ID,
              token,
              expected: 401,
            })),
        ),
        async ({ body, path, token, expected }) => {
          const response = await send(`/server/pixels/${path}/events`, {
            method: 'POST',
            headers: { ...headers, authorization: `Bearer ${token}` },
            body,
          });
          await expectProblem(response, `${path} ${body.length} bytes`);
          expect(response.status).toBe(expected);
        },
      ),
      { numRuns: Math.min(RUNS, 1_000) },
    );
  });
});

describe('after all of it', () => {
  it('forwarded nothing, logged no unexpected error, and still delivers a valid order', async () => {
    // The queue flushes every 50 ms; give a stray event the time to show.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    fuzzForwarded = (await forwarded()) - forwardedBefore;
    expect(fuzzForwarded).toBe(0);
    expect(statuses.size).toBeGreaterThan(0);
    for (const status of statuses.keys()) expect(status).toBeLessThan(500);
    const unexpected = stack
      .collectorLines()
      .filter((line) => line.includes('http.unexpected_error') || line.includes('"level":"error"'));
    expect(unexpected).toEqual([]);

    const order = `hostile-valid-${Date.now()}`;
    const response = await send('/collect', {
      method: 'POST',
      headers: beaconHeaders(),
      body: toJsonText({ ...validBeacon(order, click), __proto__: { amount: 1 } }),
    });
    expect(response.status).toBe(202);
    await expect
      .poll(
        async () =>
          (await storedEvents(stack.emulatorUrl)).filter((e) => e.external_event_id === order)
            .length,
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
  });
});
