import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare, Response as MiniflareResponse } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, SEED, startEmulator } from './harness.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A Worker that uses the client with the runtime's own `fetch` (no option given), as the
 * collector does. Each path runs one scenario and answers with what it saw.
 */
const WORKER = `
import { PrisjaktClient, PrisjaktApiError } from './shared/src/client/index.ts';

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const scenario = url.pathname;
    const client = new PrisjaktClient({
      baseUrl: 'http://prisjakt.test/click-conversion/',
      clientId: env.CLIENT_ID,
      clientSecret: env.CLIENT_SECRET,
      timeoutMs: Number(url.searchParams.get('timeout_ms') ?? 10000),
    });
    try {
      if (scenario === '/pixel') return Response.json(await client.getPixel(env.PIXEL_ID));
      if (scenario === '/events') {
        const ids = [];
        for await (const event of client.iterateEvents(env.PIXEL_ID, {
          from: '2000-01-01T00:00:00Z',
          to: new Date().toISOString(),
          perPage: 2,
        })) ids.push(event.id);
        return Response.json({ ids, rateLimit: client.rateLimit });
      }
      return new Response('unknown scenario', { status: 404 });
    } catch (error) {
      if (!(error instanceof PrisjaktApiError)) throw error;
      return Response.json({ kind: error.kind, status: error.status, title: error.title, message: error.message });
    }
  },
};
`;

let h: Harness;
let miniflare: Miniflare;

beforeAll(async () => {
  h = startEmulator();
  const bundle = await build({
    stdin: { contents: WORKER, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  miniflare = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]?.text ?? '',
    compatibilityDate: '2026-04-01',
    bindings: {
      CLIENT_ID: SEED.shopUser.id,
      CLIENT_SECRET: SEED.shopUser.secret,
      PIXEL_ID: SEED.pixelId,
    },
    // Every outbound request of the Worker goes to the in-process emulator.
    async outboundService(request) {
      const forwarded = new Request(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        ...(request.method === 'GET' ? {} : { body: await request.arrayBuffer() }),
      });
      const response = await h.emulator.fetch(forwarded);
      return new MiniflareResponse(await response.arrayBuffer(), {
        status: response.status,
        headers: Object.fromEntries(response.headers),
      });
    },
  });
  await miniflare.ready;
}, 30_000);

afterAll(async () => {
  await miniflare?.dispose();
});

async function run(scenario: string): Promise<Record<string, unknown>> {
  const response = await miniflare.dispatchFetch(`http://worker.test${scenario}`);
  return (await response.json()) as Record<string, unknown>;
}

describe('the client inside workerd', () => {
  it('calls the API with the runtime fetch', async () => {
    expect(await run('/pixel')).toEqual({ id: SEED.pixelId, enabled: true });
  });

  it('iterates with links and reads the rate limit', async () => {
    const click = await h.click();
    const stored = await h.client().createEvents(
      SEED.pixelId,
      [1, 2, 3, 4, 5].map((n) => ({
        event_name: 'purchase' as const,
        external_event_id: `workerd-${n}`,
        event_time: new Date(Date.now() - n * 60_000).toISOString(),
        data: { amount: n, currency: 'EUR' as const },
        signed_click_id: click.signed_click_id,
      })),
    );
    const result = (await run('/events')) as { ids: string[]; rateLimit: { limit: number } };
    expect(result.ids).toEqual(stored.map((event) => event.id));
    expect(result.rateLimit.limit).toBe(10_000);
  });

  it('times out with the runtime timers', async () => {
    await h.fault({ delay_ms: 2_000, count: 1 });
    expect(await run('/pixel?timeout_ms=100')).toMatchObject({ kind: 'timeout', status: 0 });
  });

  it('reports problem details', async () => {
    await h.fault({ status: 503, count: 1 });
    expect(await run('/pixel')).toMatchObject({
      kind: 'http',
      status: 503,
      title: 'Service Unavailable',
    });
  });
});
