import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FireStack, startFireStack } from './support/fire-stack.ts';

// Under `wrangler dev` (as shops run the stack in CI): a refusal answered before its body was
// read must not break the keep-alive connection for the next request. The client is Node's
// own, one socket, reused.

let stack: FireStack;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  stack = await startFireStack();
});

afterAll(async () => {
  agent.destroy();
  await stack?.stop();
});

interface Answer {
  status: number;
  /** Which socket served it, to be sure the second request reused the first one's. */
  socket: number;
}

const sockets = new WeakMap<object, number>();
let socketCount = 0;

function send(path: string, method: string, headers: Record<string, string>, body?: Buffer) {
  const url = new URL(`${stack.collector}${path}`);
  return new Promise<Answer>((resolve, reject) => {
    const call = request(
      { host: url.hostname, port: url.port, path: url.pathname, method, headers, agent },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, socket: used }));
      },
    );
    let used = 0;
    call.on('socket', (socket) => {
      if (!sockets.has(socket)) sockets.set(socket, ++socketCount);
      used = sockets.get(socket) ?? 0;
    });
    call.setTimeout(5_000, () => call.destroy(new Error(`${method} ${path} timed out`)));
    call.on('error', reject);
    call.end(body);
  });
}

const beaconHeaders = (length: number) => ({
  'content-type': 'text/plain;charset=UTF-8',
  origin: 'http://localhost:3000',
  'content-length': String(length),
});

describe('a refused request on a keep-alive connection', () => {
  it('leaves the connection usable after a 413 (60 KB and 500 KB) and a 415 that carried a body', async () => {
    const refusals = [
      { body: Buffer.alloc(60_000, 'x'), headers: beaconHeaders(60_000), status: 413 },
      { body: Buffer.alloc(500_000, 'x'), headers: beaconHeaders(500_000), status: 413 },
      {
        body: Buffer.from('a=1'.repeat(4_000)),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://localhost:3000',
          'content-length': '12000',
        },
        status: 415,
      },
    ];
    for (const refusal of refusals) {
      const refused = await send('/collect', 'POST', refusal.headers, refusal.body);
      expect(refused.status).toBe(refusal.status);
      const next = await send('/healthz', 'GET', {});
      expect(next.status).toBe(200);
      expect(next.socket).toBe(refused.socket);
    }
  });
});
