import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { credentialHeaders, purchase } from './support/harness.ts';

// The emulator under workerd, as `npm run emulator` and the collector's tests run it: bundled
// from emulator/src/worker.ts, with the variables of emulator/wrangler.toml. A second Worker
// calls it through a service binding, the way a collector under Miniflare would.
const CALLER = `
export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    try {
      const response = await env.EMULATOR.fetch('http://emulator' + pathname);
      return Response.json({ status: response.status });
    } catch (error) {
      return Response.json({ rejected: error.name, message: error.message });
    }
  },
};`;

// Over HTTP, as a collector with a URL for its upstream calls: bodies the emulator answers
// without reading (a 401 here) must not break the kept-alive connection for the next request.
const HTTP_CALLER = `
export default {
  async fetch(request) {
    const target = new URL(request.url).searchParams.get('target');
    const body = JSON.stringify({ padding: 'x'.repeat(10000) });
    const failures = [];
    for (let i = 0; i < 40; i += 1) {
      try {
        const refused = await fetch(target + '/pixels/${SEED.pixelId}/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await refused.text();
        await (await fetch(target + '/health')).text();
      } catch (error) {
        failures.push(error.message);
      }
    }
    return Response.json({ failures });
  },
};`;

let mf: Miniflare;
let origin: URL;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: ['emulator/src/worker.ts'],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const emulator = { modules: true, script, compatibilityDate: '2026-04-20' };
  mf = new Miniflare({
    port: 0,
    host: '127.0.0.1',
    workers: [
      {
        ...emulator,
        name: 'emulator',
        bindings: { RATE_LIMIT_PER_HOUR: '5', SIGNING_KEY: SEED.signingKey },
      },
      { ...emulator, name: 'misconfigured', bindings: { RATE_LIMIT_PER_HOUR: 'many' } },
      { name: 'http-caller', modules: true, script: HTTP_CALLER, compatibilityDate: '2026-04-20' },
      {
        name: 'caller',
        modules: true,
        script: CALLER,
        compatibilityDate: '2026-04-20',
        serviceBindings: { EMULATOR: 'emulator' },
      },
    ],
  });
  origin = await mf.ready;
}, 30_000);

afterAll(async () => {
  await mf?.dispose();
});

describe('the emulator under workerd', () => {
  it('answers over HTTP, with the rate limit from its variables', async () => {
    const health = await fetch(new URL('/click-conversion/health', origin));
    expect(await health.json()).toEqual({ status: 'ok' });
    const created = await fetch(new URL(`/pixels/${SEED.pixelId}/events`, origin), {
      method: 'POST',
      headers: { ...credentialHeaders('shopUser'), 'content-type': 'application/json' },
      body: JSON.stringify(
        purchase({ event_time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }),
      ),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-ratelimit-limit')).toBe('5');
    const stored = await fetch(new URL('/__emulator/events', origin));
    expect((await stored.json()).events).toHaveLength(1);
  });

  it('keeps its state across requests and answers the controls', async () => {
    const click = await fetch(new URL('/__emulator/clicks', origin), { method: 'POST' });
    expect(click.status).toBe(201);
    const counts = await (await fetch(new URL('/__emulator/requests', origin))).json();
    expect(counts.by_operation.createEvent).toEqual({ '201': 1 });
  });

  it('drops a connection so that a caller through a service binding sees its fetch reject', async () => {
    await fetch(new URL('/__emulator/faults', origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ drop: true, count: 1 }),
    });
    const caller = await mf.getWorker('caller');
    const dropped = await caller.fetch('http://caller/health');
    expect(await dropped.json()).toEqual({
      rejected: 'TypeError',
      message: 'Network connection lost.',
    });
    const next = await caller.fetch('http://caller/health');
    expect(await next.json()).toEqual({ status: 200 });
  });

  it('drains unread request bodies, so a kept-alive connection survives an early answer', async () => {
    const caller = await mf.getWorker('http-caller');
    const response = await caller.fetch(
      `http://caller/?target=${encodeURIComponent(origin.origin)}`,
    );
    expect(await response.json()).toEqual({ failures: [] });
  });

  it('names a bad variable instead of starting with it', async () => {
    const misconfigured = await mf.getWorker('misconfigured');
    const response = await misconfigured.fetch('http://emulator/health');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { detail: string };
    expect(problem.detail).toContain('RATE_LIMIT_PER_HOUR');
  });
});
