import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { credentialHeaders } from './support/harness.ts';

// `npm run emulator` is `wrangler dev -c emulator/wrangler.toml`; this runs that configuration
// for real, on a free port instead of 8788 (which a developer may be using).
let wrangler: ChildProcess | undefined;
let origin = '';
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilUp(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`wrangler dev did not come up:\n${output}`);
}

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  wrangler = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '-c',
      'emulator/wrangler.toml',
      '--port',
      String(port),
      '--inspector-port',
      '0',
    ],
    {
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  wrangler.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  wrangler.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  await waitUntilUp(`${origin}/health`, Date.now() + 30_000);
}, 40_000);

afterAll(() => {
  // The whole process group: npx, wrangler and the workerd processes it started.
  if (wrangler?.pid) process.kill(-wrangler.pid, 'SIGTERM');
});

describe('npm run emulator (wrangler dev -c emulator/wrangler.toml)', () => {
  it('serves the seeded API with the configured rate limit', async () => {
    const response = await fetch(`${origin}/pixels/${SEED.pixelId}`, {
      headers: credentialHeaders('shopUser'),
    });
    expect(await response.json()).toEqual({ id: SEED.pixelId, enabled: true });
    expect(response.headers.get('x-ratelimit-limit')).toBe('10000');
  });

  it('signs clicks with the configured key, which is the seed default', async () => {
    const response = await fetch(`${origin}/__emulator/clicks`);
    const { clicks } = await response.json();
    expect(clicks[0].signed_click_id).toBe(SEED.click.signedClickId);
  });

  it('prints the seeded credentials at start', () => {
    expect(output).toContain(SEED.shopUser.secret);
    expect(output).toContain(SEED.admin.id);
  });
});
