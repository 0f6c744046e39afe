import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { ADMIN_TOKEN, CLIENT_SECRET, SERVER_TOKEN } from './support/collector.ts';
import { configuredEnv, fetchWithEnv } from './support/custom-env.ts';

const PRODUCTION = {
  ENVIRONMENT: 'production',
  ALLOWED_ORIGINS: 'https://shop.example, https://*.shop.example',
  PRISJAKT_API_URL: 'https://api.pj.nu/click-conversion',
  PRISJAKT_CLIENT_SECRET: 'a-real-looking-production-secret',
  SERVER_TOKEN: 'server-token-of-sufficient-length',
  ADMIN_TOKEN: 'admin-token-of-sufficient-length',
  COOKIE_DOMAIN: 'shop.example',
} as const;

interface Health {
  status: string;
  missing?: string[];
  invalid?: { setting: string; reason: string }[];
  warnings?: string[];
}

async function health(
  overrides: Parameters<typeof configuredEnv>[0],
  base = '/pj',
): Promise<{ status: number; body: Health; text: string }> {
  const response = await fetchWithEnv(
    configuredEnv(overrides),
    `https://shop.example${base}/healthz`,
  );
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Health, text };
}

function invalidSettings(body: Health): string[] {
  return (body.invalid ?? []).map((issue) => issue.setting).sort();
}

let errors: MockInstance<typeof console.error>;

beforeEach(() => {
  // A misconfiguration is logged at error level once per deployment; recorded, not printed.
  errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('configuration', () => {
  it('reports a complete local configuration as ok, without any value in the answer', async () => {
    const { status, body, text } = await health({});
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      environment: 'development',
      delivery_mode: 'single',
      pixels: 1,
    });
    for (const secret of [CLIENT_SECRET, SERVER_TOKEN, ADMIN_TOKEN])
      expect(text).not.toContain(secret);
  });

  it('names what is missing, and answers every other route with 503', async () => {
    const target = configuredEnv({
      PRISJAKT_CLIENT_ID: undefined,
      PIXEL_IDS: '  ',
      DEDUPE: undefined,
    });
    const response = await fetchWithEnv(target, 'http://collector.test/pj/healthz');
    expect(response.status).toBe(503);
    const body = (await response.json()) as Health;
    expect(body.status).toBe('misconfigured');
    expect(body.missing?.sort()).toEqual(['DEDUPE', 'PIXEL_IDS', 'PRISJAKT_CLIENT_ID']);

    const collect = await fetchWithEnv(target, 'http://collector.test/pj/collect', {
      method: 'POST',
      body: '{}',
    });
    expect(collect.status).toBe(503);
    expect(collect.headers.get('Content-Type')).toBe('application/problem+json');
    expect(((await collect.json()) as { detail: string }).detail).toMatch(/healthz/);

    const lines = errors.mock.calls.map((call) => String(call[0]));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'error',
      event: 'config.invalid',
      missing: ['PIXEL_IDS', 'PRISJAKT_CLIENT_ID', 'DEDUPE'],
    });
  });

  it('names unusable values without repeating them', async () => {
    const { status, body, text } = await health({
      DELIVERY_MODE: 'fast',
      COOKIE_NAME: 'bad name',
      LOG_LEVEL: 'loud',
      RETRY_BASE_DELAY_SECONDS: '-5',
      PIXEL_IDS: '52907745-7672-470e-a803-a2f8feb52944, pixel-two',
      PRISJAKT_API_URL: 'ftp://api.example',
    });
    expect(status).toBe(503);
    expect(invalidSettings(body)).toEqual(
      [
        'COOKIE_NAME',
        'DELIVERY_MODE',
        'LOG_LEVEL',
        'PIXEL_IDS',
        'PRISJAKT_API_URL',
        'RETRY_BASE_DELAY_SECONDS',
      ].sort(),
    );
    for (const value of ['fast', 'bad name', 'loud', 'pixel-two', 'ftp://'])
      expect(text).not.toContain(value);
  });

  it('asks for the client secret when batch delivery is chosen', async () => {
    const { status, body } = await health({
      DELIVERY_MODE: 'batch',
      PRISJAKT_CLIENT_SECRET: undefined,
    });
    expect(status).toBe(503);
    expect(body.missing).toContain('PRISJAKT_CLIENT_SECRET');
  });

  it('accepts a complete production configuration', async () => {
    const { status, body, text } = await health(PRODUCTION);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', environment: 'production' });
    for (const secret of Object.values(PRODUCTION).filter(
      (v) => v.includes('token') || v.includes('secret'),
    )) {
      expect(text).not.toContain(secret);
    }
  });

  it('refuses development leftovers in production', async () => {
    const { status, body } = await health({
      ...PRODUCTION,
      ALLOWED_ORIGINS: 'http://localhost:*',
      PRISJAKT_API_URL: 'http://127.0.0.1:8788',
      SERVER_TOKEN: 'local-dev-token',
      ADMIN_TOKEN: 'short',
      PIXEL_IDS: 'REPLACE_WITH_PIXEL_ID',
    });
    expect(status).toBe(503);
    expect(invalidSettings(body)).toEqual([
      'ADMIN_TOKEN',
      'ALLOWED_ORIGINS',
      'PIXEL_IDS',
      'PRISJAKT_API_URL',
      'SERVER_TOKEN',
    ]);
  });

  it('refuses wildcards and cookie domains over a public suffix in production', async () => {
    for (const origins of ['https://*.com', 'https://*.co.uk', 'https://*.myshopify.com']) {
      const { status, body } = await health({ ...PRODUCTION, ALLOWED_ORIGINS: origins });
      expect(status).toBe(503);
      expect(invalidSettings(body)).toEqual(['ALLOWED_ORIGINS']);
      expect(body.invalid?.[0]?.reason).toMatch(/public suffix/);
    }
    for (const domain of ['co.uk', 'se', 'workers.dev']) {
      const { status, body } = await health({ ...PRODUCTION, COOKIE_DOMAIN: domain });
      expect(status).toBe(503);
      expect(invalidSettings(body)).toEqual(['COOKIE_DOMAIN']);
    }
    // A shop's own names under those suffixes are fine.
    const { status } = await health({
      ...PRODUCTION,
      ALLOWED_ORIGINS: 'https://*.shop.co.uk',
      COOKIE_DOMAIN: 'shop.example',
    });
    expect(status).toBe(200);
  });

  it('warns about production settings that work but lose purchases or leak power', async () => {
    const emptyOrigins = await health({ ...PRODUCTION, ALLOWED_ORIGINS: undefined });
    expect(emptyOrigins.status).toBe(200);
    expect(emptyOrigins.body.warnings?.join('\n')).toMatch(/ALLOWED_ORIGINS is empty.*www\./);

    const sameToken = await health({
      ...PRODUCTION,
      ADMIN_TOKEN: PRODUCTION.SERVER_TOKEN,
    });
    expect(sameToken.body.warnings?.join('\n')).toMatch(/SERVER_TOKEN equals ADMIN_TOKEN/);
    expect(sameToken.text).not.toContain(PRODUCTION.SERVER_TOKEN);

    const otherHost = await fetchWithEnv(
      configuredEnv({ ...PRODUCTION, COOKIE_DOMAIN: 'other-shop.example' }),
      'https://shop.example/pj/healthz',
    );
    const warnings = ((await otherHost.json()) as Health).warnings ?? [];
    expect(warnings.join('\n')).toMatch(/COOKIE_DOMAIN \(other-shop\.example\) does not cover/);
  });

  it('refuses beacons from an opaque origin in production unless ALLOW_NULL_ORIGIN is true', async () => {
    const beacon = (overrides: Parameters<typeof configuredEnv>[0]) =>
      fetchWithEnv(
        configuredEnv({ ...PRODUCTION, ...overrides }),
        'https://shop.example/pj/collect',
        {
          method: 'POST',
          headers: { Origin: 'null', 'Content-Type': 'text/plain' },
          body: '{}',
        },
      );
    expect((await beacon({ ALLOW_NULL_ORIGIN: undefined })).status).toBe(403);
    // Admitted, then refused for its empty body: the origin rule let it through.
    expect((await beacon({ ALLOW_NULL_ORIGIN: 'true' })).status).toBe(400);
    const { body } = await health({ ...PRODUCTION, ALLOW_NULL_ORIGIN: 'yes' });
    expect(invalidSettings(body)).toEqual(['ALLOW_NULL_ORIGIN']);
  });

  it('defaults to production, where no browser origin but the shop’s own is allowed', async () => {
    const target = configuredEnv({
      ...PRODUCTION,
      ENVIRONMENT: undefined,
      ALLOWED_ORIGINS: undefined,
    });
    const healthz = await fetchWithEnv(target, 'https://shop.example/pj/healthz');
    expect(((await healthz.json()) as { environment: string }).environment).toBe('production');
    const foreign = await fetchWithEnv(target, 'https://shop.example/pj/collect', {
      method: 'POST',
      headers: { Origin: 'http://localhost:3000', 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const own = await fetchWithEnv(target, 'https://shop.example/pj/collect', {
      method: 'POST',
      headers: { Origin: 'https://shop.example', 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(own.status).toBe(400);
  });

  it('serves under the configured base path, and at the root without one', async () => {
    const nested = configuredEnv({ BASE_PATH: '/tracking/pj/' });
    expect((await fetchWithEnv(nested, 'http://collector.test/tracking/pj/healthz')).status).toBe(
      200,
    );
    expect((await fetchWithEnv(nested, 'http://collector.test/pj/healthz')).status).toBe(404);
    const root = configuredEnv({ BASE_PATH: undefined });
    expect((await fetchWithEnv(root, 'http://collector.test/healthz')).status).toBe(200);
  });

  it('sets the cookie for the configured domain when the request lies within it', async () => {
    const target = configuredEnv({ COOKIE_DOMAIN: '.Shop.Example', COOKIE_PATH: '/shop' });
    const click = '239cd31f-9d43-4cb4-b8dc-2057fe18c289_1b05fa7f1c34d125';
    const within = await fetchWithEnv(target, `https://www.shop.example/pj/click?pjclid=${click}`);
    expect(within.headers.get('Set-Cookie')).toContain('; Domain=shop.example;');
    expect(within.headers.get('Set-Cookie')).toContain('; Path=/shop;');
    const outside = await fetchWithEnv(target, `http://localhost:8787/pj/click?pjclid=${click}`);
    expect(outside.headers.get('Set-Cookie')).not.toContain('Domain=');
  });

  it('turns the server route and the admin off without their tokens', async () => {
    const target = configuredEnv({ SERVER_TOKEN: undefined, ADMIN_TOKEN: undefined });
    const server = await fetchWithEnv(
      target,
      'http://collector.test/pj/server/pixels/52907745-7672-470e-a803-a2f8feb52944/events',
      {
        method: 'POST',
        headers: { Authorization: 'Bearer anything', 'Content-Type': 'application/json' },
        body: '{}',
      },
    );
    expect(server.status).toBe(404);
    const admin = await fetchWithEnv(target, 'http://collector.test/pj/admin/dead-letters', {
      headers: { Authorization: 'Bearer anything' },
    });
    expect(admin.status).toBe(404);
    const healthz = (await (
      await fetchWithEnv(target, 'http://collector.test/pj/healthz')
    ).json()) as Health;
    expect(healthz.warnings?.join(' ')).toMatch(/SERVER_TOKEN.*ADMIN_TOKEN/);
  });
});
