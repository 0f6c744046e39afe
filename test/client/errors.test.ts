import { describe, expect, it } from 'vitest';
import type { CreateEventRequest } from '#shared/api/types.ts';
import { PrisjaktApiError, PrisjaktClient } from '#shared/client/index.ts';
import { PREFIXED_BASE_URL, purchase, SEED, startEmulator } from './harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The rejection of a call, checked to be the client's error. */
async function failure(call: Promise<unknown>): Promise<PrisjaktApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PrisjaktApiError);
  return error as PrisjaktApiError;
}

describe('problem details become PrisjaktApiError', () => {
  it('carries status, title, detail and the request id of a 404', async () => {
    const h = startEmulator();
    const error = await failure(h.client().getPixel(SEED.otherShop.pixelId));
    expect(error).toMatchObject({
      name: 'PrisjaktApiError',
      kind: 'http',
      operation: 'getPixel',
      status: 404,
      title: 'Not Found',
      retryable: false,
    });
    expect(error.detail).toEqual(expect.any(String));
    expect(error.requestId).toMatch(UUID);
    expect(error.problem?.context?.request_id).toBe(error.requestId);
    expect(error.message).toContain('getPixel');
    expect(error.message).toContain('404 Not Found');
    expect(error.message).toContain(error.requestId);
    expect(error.retryAt).toBeUndefined();
  });

  it('carries the field errors of a 400 and names the fields in its message', async () => {
    const h = startEmulator();
    const click = await h.click();
    const bad = {
      ...purchase(click.signed_click_id, 1),
      data: { amount: -1, currency: 'USD' },
    } as unknown as CreateEventRequest;
    const error = await failure(h.client().createEvent(SEED.pixelId, bad));
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toMatchObject({
      'data.amount': { message: expect.any(String), value: -1 },
      'data.currency': { message: expect.stringContaining('SEK'), value: 'USD' },
    });
    expect(error.message).toContain('data.amount');
    expect(error.message).toContain('data.currency');
    // Echoed values stay on fieldErrors; the message names fields only.
    expect(error.message).not.toContain('USD');
  });

  it('reports the batch field errors keyed by position', async () => {
    const h = startEmulator();
    const click = await h.click();
    const events = [purchase(click.signed_click_id, 1), purchase('not-a-click', 2)];
    const error = await failure(h.client().createEvents(SEED.pixelId, events));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['[1].signed_click_id']);
  });

  it('reports a range over 60 days as a field error of the list', async () => {
    const h = startEmulator();
    const error = await failure(
      h.client().listEvents(SEED.pixelId, {
        from: '2026-01-01T00:00:00Z',
        to: '2026-03-02T00:00:01Z',
      }),
    );
    expect(error).toMatchObject({ status: 400, operation: 'listEvents' });
    expect(error.fieldErrors?.to?.message).toMatch(/60 days/);
  });

  it('tells 401, 403 and 409 apart', async () => {
    const h = startEmulator();
    const click = await h.click();
    const publisher = h.client({
      clientId: SEED.publisher.id,
      clientSecret: SEED.publisher.secret,
    });
    expect((await failure(h.client({ clientId: 'nobody' }).getShop(SEED.shopId))).status).toBe(401);
    expect((await failure(publisher.getShop(SEED.shopId))).status).toBe(403);
    await h.client().createEvent(SEED.pixelId, purchase(click.signed_click_id, 7));
    const duplicate = await failure(
      h.client().createEvent(SEED.pixelId, purchase(click.signed_click_id, 7)),
    );
    expect(duplicate).toMatchObject({ status: 409, title: 'Conflict', retryable: false });
  });

  it('marks 5xx as retryable', async () => {
    const h = startEmulator();
    await h.fault({ status: 503, count: 1 });
    const error = await failure(h.client().getPixel(SEED.pixelId));
    expect(error).toMatchObject({ status: 503, title: 'Service Unavailable', retryable: true });
    expect(error.requestId).toMatch(UUID);
    // The fault was used up: the same call now succeeds.
    expect((await h.client().getPixel(SEED.pixelId)).id).toBe(SEED.pixelId);
  });

  it('reads the request id in the prose docs spelling, context["request-id"]', async () => {
    const h = startEmulator();
    // The emulator spells it as the reference's sample does; rename it on the way back.
    const respelled: typeof fetch = async (input, init) => {
      const response = await h.fetch(input, init);
      const problem = (await response.json()) as { context: Record<string, unknown> };
      problem.context = { 'request-id': problem.context.request_id };
      return new Response(JSON.stringify(problem), response);
    };
    const error = await failure(h.client({ fetch: respelled }).getPixel(SEED.otherShop.pixelId));
    expect(error.requestId).toMatch(UUID);
    expect(error.problem?.context?.['request-id']).toBe(error.requestId);
  });

  it('never lets the client secret into the error, even when the server echoes it', async () => {
    const h = startEmulator();
    const secret = 'wrong-secret/"quoted"\u00e9';
    const direct = await failure(h.client({ clientSecret: secret }).getShop(SEED.shopId));
    expect(direct.status).toBe(401);

    // A careless server that repeats the secret it was sent, raw and JSON-escaped.
    const echoing: typeof fetch = async (input, init) => {
      const response = await h.fetch(input, init);
      const sent = new Headers(init?.headers).get('client-secret') ?? '';
      const problem = (await response.json()) as Record<string, unknown>;
      problem.detail = `client-secret ${sent} is wrong`;
      problem.field_errors = { 'client-secret': { message: `not ${sent}`, value: sent } };
      return new Response(JSON.stringify(problem), response);
    };
    const echoed = await failure(
      h.client({ clientSecret: secret, fetch: echoing }).getShop(SEED.shopId),
    );
    expect(echoed.detail).toBe('client-secret [redacted] is wrong');
    for (const error of [direct, echoed]) {
      const everything = [
        error.message,
        error.stack,
        JSON.stringify(error),
        JSON.stringify(error.problem),
        JSON.stringify(error.fieldErrors),
        error.detail,
      ].join('\n');
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
  });
});

describe('answers the emulator cannot give', () => {
  // A proxy in front of the API can answer with HTML, and a broken one with a bad body; the
  // emulator always answers JSON, so these responses are made here.
  it('keeps the start of a non-JSON error body as the detail', async () => {
    const page = `<html><body>${'Bad gateway '.repeat(50)}</body></html>`;
    const client = new PrisjaktClient({
      baseUrl: PREFIXED_BASE_URL,
      clientId: 'id',
      fetch: async () =>
        new Response(page, {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html', 'x-request-id': 'edge-123' },
        }),
    });
    const error = await failure(client.getPixel(SEED.pixelId));
    expect(error).toMatchObject({
      kind: 'http',
      status: 502,
      title: 'Bad Gateway',
      requestId: 'edge-123',
      retryable: true,
    });
    expect(error.problem).toBeUndefined();
    expect(error.detail).toHaveLength(200);
    expect(page.startsWith(error.detail ?? '-')).toBe(true);
  });

  it('rejects a 200 whose body is not JSON, or not the shape the operation returns', async () => {
    const answer = (body: string) =>
      new PrisjaktClient({
        baseUrl: PREFIXED_BASE_URL,
        clientId: 'id',
        fetch: async () =>
          new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
      });
    expect(await failure(answer('{"id": ').getPixel(SEED.pixelId))).toMatchObject({
      kind: 'http',
      status: 200,
      title: 'Invalid response',
      retryable: false,
    });
    expect(await failure(answer('[]').getPixel(SEED.pixelId))).toMatchObject({
      title: 'Unexpected response',
      detail: 'the response body is not an object',
    });
    expect(await failure(answer('{}').listPixels(SEED.shopId))).toMatchObject({
      title: 'Unexpected response',
      detail: 'the response body is not an array',
    });
  });
});
