import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { banner, isInspectorRead, LOCAL_DEV_SERVER_TOKEN } from '#tooling/demo/start-command.ts';
import { freePort, isPortInUse } from '#tooling/stack/ports.ts';
import {
  PORT_SETTINGS,
  portInUseMessage,
  readPorts,
  suggestPort,
} from '#tooling/stack/settings.ts';
import {
  SITE_BODY_LIMIT_BYTES,
  type SiteServer,
  startSiteServer,
} from '#tooling/stack/site-server.ts';
import { LOCAL_DEV_ADMIN_TOKEN } from '#tooling/stack/stack.ts';
import { REPO_ROOT } from '#tooling/stack/wrangler-dev.ts';

// The pieces of `npm start` that need no running stack: its settings, its messages, and the
// site server's own answers (its proxy is exercised by every browser test).

describe('ports', () => {
  it('default to the contract: emulator 8788, collector 8787, demo shop 8080', () => {
    expect(readPorts({})).toEqual({
      ok: true,
      ports: { emulator: 8788, collector: 8787, site: 8080 },
    });
    expect(readPorts({ EMULATOR_PORT: '', DEMO_PORT: ' ' })).toMatchObject({ ok: true });
  });

  it('move with EMULATOR_PORT, COLLECTOR_PORT and DEMO_PORT', () => {
    expect(readPorts({ EMULATOR_PORT: '9788', COLLECTOR_PORT: '9787', DEMO_PORT: '3000' })).toEqual(
      { ok: true, ports: { emulator: 9788, collector: 9787, site: 3000 } },
    );
  });

  it('must be port numbers, each named in the error', () => {
    const reading = readPorts({ EMULATOR_PORT: 'abc', COLLECTOR_PORT: '70000', DEMO_PORT: '0' });
    expect(reading.ok).toBe(false);
    const errors = reading.ok ? [] : reading.errors;
    expect(errors).toHaveLength(3);
    expect(errors[0]).toBe('EMULATOR_PORT must be a port number from 1 to 65535, not "abc".');
    expect(errors[1]).toContain('COLLECTOR_PORT');
    expect(errors[2]).toContain('DEMO_PORT');
  });

  it('may not be shared', () => {
    const reading = readPorts({ DEMO_PORT: '8788' });
    expect(reading).toEqual({
      ok: false,
      errors: [
        'EMULATOR_PORT and DEMO_PORT are both 8788; the Prisjakt API emulator and the demo shop need a port each.',
      ],
    });
  });

  it('in use are found, and the message names the variable that moves them', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      expect(await isPortInUse(port)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await isPortInUse(port)).toBe(false);
    const collector = PORT_SETTINGS.find((setting) => setting.part === 'collector');
    if (!collector) throw new Error('no collector setting');
    expect(portInUseMessage(collector, 8787, 8789)).toBe(
      [
        'Port 8787 on 127.0.0.1 is already in use, so the collector cannot listen there.',
        '  Stop what is using it (an earlier `npm start` or `wrangler dev`?), or move the collector:',
        '  COLLECTOR_PORT=8789 npm start',
      ].join('\n'),
    );
  });

  it('in use get a suggestion that the other parts do not use and nothing listens on', async () => {
    const busy = new Set([8789, 8790]);
    const isFree = async (port: number) => !busy.has(port);
    expect(await suggestPort(8787, [8788, 8787, 8080], isFree)).toBe(8791);
    expect(await suggestPort(8080, [8788, 8787, 8080], isFree)).toBe(8081);
    expect(await suggestPort(65_535, [], isFree)).toBe(65_534);
  });
});

describe('local-development values', () => {
  const toml = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
  const value = (text: string, name: string) =>
    new RegExp(`^${name} = "([^"]*)"`, 'm').exec(text)?.[1];

  it("agree with the collector's and the emulator's wrangler.toml", () => {
    expect(value(toml('wrangler.toml'), 'ADMIN_TOKEN')).toBe(LOCAL_DEV_ADMIN_TOKEN);
    expect(value(toml('wrangler.toml'), 'SERVER_TOKEN')).toBe(LOCAL_DEV_SERVER_TOKEN);
    expect(value(toml('wrangler.toml'), 'BASE_PATH')).toBe('/pj');
    expect(value(toml('emulator/wrangler.toml'), 'COLLECTOR_ADMIN_TOKEN')).toBe(
      LOCAL_DEV_ADMIN_TOKEN,
    );
    expect(value(toml('emulator/wrangler.toml'), 'COLLECTOR_URL')).toBe('http://127.0.0.1:8787/pj');
  });

  it('are printed with what to open', () => {
    const text = banner({
      siteUrl: 'http://127.0.0.1:8080',
      emulatorUrl: 'http://127.0.0.1:8788',
      collectorUrl: 'http://127.0.0.1:8787',
    });
    expect(text).toContain('Demo shop         http://127.0.0.1:8080/');
    expect(text).toContain('Event inspector   http://127.0.0.1:8788/__emulator/');
    expect(text).toContain('http://127.0.0.1:8787/pj/healthz');
    expect(text).toContain('Authorization: Bearer local-dev-token');
    expect(text).toContain('Ctrl-C stops everything.');
  });

  it("hide only the inspector's own dead-letter reads from the collector's log", () => {
    expect(
      isInspectorRead(
        '{"level":"info","event":"http.request","method":"GET","path":"/pj/admin/dead-letters","status":200}',
      ),
    ).toBe(true);
    expect(
      isInspectorRead('[wrangler:info] GET /pj/admin/dead-letters?limit=100 200 OK (7ms)'),
    ).toBe(true);
    expect(
      isInspectorRead('[wrangler:info] GET /pj/admin/dead-letters 401 Unauthorized (2ms)'),
    ).toBe(false);
    expect(
      isInspectorRead('[wrangler:info] POST /pj/admin/dead-letters/x/replay 202 Accepted (2ms)'),
    ).toBe(false);
    expect(isInspectorRead('{"method":"GET","path":"/pj/admin/dead-letters","status":401}')).toBe(
      false,
    );
  });
});

describe('the site server', () => {
  let site: SiteServer | undefined;
  afterEach(async () => {
    await site?.stop();
    site = undefined;
  });

  async function start(handler: Parameters<typeof startSiteServer>[0]['handler']) {
    site = await startSiteServer({
      collectorUrl: `http://127.0.0.1:${await freePort()}`,
      handler,
    });
    return site;
  }

  it('hands requests to the handler as Web Requests, cookies and all', async () => {
    const { url } = await start(async (request) => {
      const headers = new Headers({ 'content-type': 'text/plain' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      return new Response(
        `${request.method} ${new URL(request.url).search} ${await request.text()}`,
        {
          headers,
        },
      );
    });
    const response = await fetch(`${url}/form?x=1`, { method: 'POST', body: 'q=2' });
    expect(await response.text()).toBe('POST ?x=1 q=2');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('answers 404 where the handler has nothing, and no body to HEAD', async () => {
    const { url } = await start((request) =>
      new URL(request.url).pathname === '/' ? new Response('home') : undefined,
    );
    expect((await fetch(`${url}/missing`)).status).toBe(404);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses bodies over the limit with 413 problem details', async () => {
    const { url } = await start(() => new Response('read'));
    const response = await fetch(url, {
      method: 'POST',
      body: 'x'.repeat(SITE_BODY_LIMIT_BYTES + 1),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 502 problem details on /pj/* when the collector is down', async () => {
    const { url } = await start(() => undefined);
    const response = await fetch(`${url}/pj/healthz`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ status: 502, title: 'Bad Gateway' });
  });

  it('answers 500, revealing nothing, when the handler throws', async () => {
    const { url } = await start(() => {
      throw new Error('secret detail');
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const response = await fetch(url);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('internal error');
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});
