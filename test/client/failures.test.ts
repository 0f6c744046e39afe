import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PrisjaktApiError, PrisjaktClient } from '#shared/client/index.ts';
import { SEED, startEmulator } from './harness.ts';

const servers: Server[] = [];

/** A real HTTP server on a random free port of 127.0.0.1. */
async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function failure(call: Promise<unknown>): Promise<PrisjaktApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PrisjaktApiError);
  return error as PrisjaktApiError;
}

describe('timeouts', () => {
  it('gives up on a response slower than timeoutMs', async () => {
    const h = startEmulator();
    await h.fault({ delay_ms: 400, count: 1 });
    const error = await failure(h.client({ timeoutMs: 25 }).getPixel(SEED.pixelId));
    expect(error).toMatchObject({
      kind: 'timeout',
      status: 0,
      operation: 'getPixel',
      title: 'Timeout',
      retryable: true,
    });
    expect(error.message).toContain('25 ms');
  });

  it('waits for a slow response that comes within timeoutMs', async () => {
    const h = startEmulator();
    await h.fault({ delay_ms: 20, count: 1 });
    await expect(h.client({ timeoutMs: 5_000 }).getPixel(SEED.pixelId)).resolves.toMatchObject({
      id: SEED.pixelId,
    });
  });

  it('also bounds the body: headers in time but a body that never ends time out', async () => {
    const base = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id": "');
    });
    const client = new PrisjaktClient({ baseUrl: base, clientId: 'id', timeoutMs: 200 });
    expect(await failure(client.getPixel(SEED.pixelId))).toMatchObject({ kind: 'timeout' });
  });
});

describe('network errors', () => {
  it('reports a dropped connection as kind network', async () => {
    const h = startEmulator();
    await h.fault({ drop: true, count: 1 });
    const error = await failure(h.client().getPixel(SEED.pixelId));
    expect(error).toMatchObject({ kind: 'network', status: 0, retryable: true });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((await h.requestCounts()).getPixel).toEqual({ dropped: 1 });
  });

  it('reports a refused connection, with the reason, through the real fetch', async () => {
    const base = await serve(() => {});
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    const client = new PrisjaktClient({ baseUrl: base, clientId: 'id', clientSecret: 'shh' });
    const error = await failure(client.getShop(SEED.shopId));
    expect(error).toMatchObject({ kind: 'network', status: 0, operation: 'getShop' });
    expect(error.detail).toContain('ECONNREFUSED');
  });

  it('turns a fetch that throws synchronously into a network error', async () => {
    const client = new PrisjaktClient({
      baseUrl: 'https://api.pj.nu/click-conversion',
      clientId: 'id',
      fetch: () => {
        throw new TypeError('no network here');
      },
    });
    expect(await failure(client.health())).toMatchObject({
      kind: 'network',
      detail: 'no network here',
    });
  });
});

describe('redirects', () => {
  it('does not follow a redirect, so credentials never travel to another host', async () => {
    const reached: IncomingMessage[] = [];
    const elsewhere = await serve((request, response) => {
      reached.push(request);
      response.end('{}');
    });
    const api = await serve((_, response) => {
      response.writeHead(307, { location: `${elsewhere}/steal` });
      response.end();
    });
    const client = new PrisjaktClient({ baseUrl: api, clientId: 'id', clientSecret: 'shh' });
    const error = await failure(client.getShop(SEED.shopId));
    expect(error).toMatchObject({ kind: 'http', status: 307, retryable: false });
    expect(reached).toHaveLength(0);
  });
});
