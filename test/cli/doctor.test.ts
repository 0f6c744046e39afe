import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WranglerDev } from '#tooling/stack/wrangler-dev.ts';
import { BASE_PATH, runBin, startCollector, startEmulator } from './support/collector-stack.ts';

interface DoctorJson {
  ok: boolean;
  checks: { name: string; status: 'pass' | 'warn' | 'fail'; detail: string; fix?: string }[];
}

let emulator: WranglerDev;
const collectors: WranglerDev[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
}, 90_000);
afterAll(async () => {
  await Promise.all([...collectors.map((collector) => collector.stop()), emulator?.stop()]);
});

async function doctor(vars: Record<string, string> = {}, args: string[] = []) {
  const collector = await startCollector(emulator.url, vars);
  collectors.push(collector);
  const run = await runBin(['doctor', '--json', ...args], {
    PJCOLLECTOR_URL: `${collector.url}${BASE_PATH}`,
  });
  await collector.stop();
  return { ...run, report: JSON.parse(run.stdout) as DoctorJson };
}

const check = (report: DoctorJson, name: string) =>
  report.checks.find((entry) => entry.name === name);

describe('doctor', { timeout: 120_000 }, () => {
  it('passes on the local stack, checking the credentials inside the collector', async () => {
    const { code, report, stdout } = await doctor({}, ['--origin', 'http://localhost:3000']);
    expect(report.checks.filter((entry) => entry.status === 'fail')).toEqual([]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(check(report, 'prisjakt credentials')).toMatchObject({ status: 'pass' });
    expect(check(report, 'pixel 52907745-7672-470e-a803-a2f8feb52944')).toMatchObject({
      status: 'pass',
    });
    expect(check(report, 'rate limit')?.status).toBe('pass');
    expect(check(report, 'pjpixel.js')?.status).toBe('pass');
    expect(check(report, 'cors http://localhost:3000')?.status).toBe('pass');
    expect(check(report, 'cookie domain')?.status).toBe('pass');
    expect(report.checks.map((entry) => entry.name)).toContain('queue names');
    // The seeded secret is public, but the collector's answer must not carry any secret.
    expect(stdout).not.toContain('QciJ4AEjYjkE2f5pX5scLzPJi8lk9C');
  });

  it('fails on a collector with a wrong secret, naming the fix', async () => {
    const { code, report } = await doctor({
      PRISJAKT_CLIENT_SECRET: 'not-the-secret-of-this-client',
    });
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    const credentials = report.checks.find((entry) => entry.name.includes('credentials'));
    expect(credentials).toMatchObject({ status: 'fail' });
    expect(credentials?.fix).toContain('wrangler secret put PRISJAKT_CLIENT_SECRET');
    expect(JSON.stringify(report)).not.toContain('not-the-secret-of-this-client');
  });

  it('fails on a collector with an unknown pixel, naming the fix', async () => {
    const unknownPixel = 'c0ffee00-0000-4000-8000-000000000000';
    const { code, report } = await doctor({ PIXEL_IDS: unknownPixel });
    expect(code).toBe(1);
    expect(check(report, 'prisjakt credentials')?.status).toBe('pass');
    const pixel = check(report, `pixel ${unknownPixel}`);
    expect(pixel).toMatchObject({ status: 'fail' });
    expect(pixel?.fix).toContain('PIXEL_IDS');
  });

  it('says what it cannot check with an event_publisher-only client', async () => {
    const { report } = await doctor({
      PRISJAKT_CLIENT_ID: 'yhWmSawhoSu3Neielrh1eg9fOvJoMP6t',
      PRISJAKT_CLIENT_SECRET: 'JtbN2rxTIyZhQZlObDznRuCEgHxTkq',
    });
    expect(check(report, 'prisjakt credentials')).toMatchObject({ status: 'pass' });
    const pixel = check(report, 'pixel 52907745-7672-470e-a803-a2f8feb52944');
    expect(pixel?.status).toBe('warn');
    expect(pixel?.detail).toContain('shop_user');
  });

  it('fails with a wrong admin token, and exits 2 on a collector that is not there', async () => {
    const collector = await startCollector(emulator.url);
    collectors.push(collector);
    const wrongToken = await runBin(['doctor', '--json'], {
      PJCOLLECTOR_URL: `${collector.url}${BASE_PATH}`,
      PJCOLLECTOR_ADMIN_TOKEN: 'not-the-admin-token',
    });
    expect(wrongToken.code).toBe(1);
    const report = JSON.parse(wrongToken.stdout) as DoctorJson;
    expect(check(report, 'admin route')?.fix).toContain('PJCOLLECTOR_ADMIN_TOKEN');
    expect(wrongToken.stdout + wrongToken.stderr).not.toContain('not-the-admin-token');
    await collector.stop();
    const gone = await runBin(['doctor', '--json'], {
      PJCOLLECTOR_URL: `${collector.url}${BASE_PATH}`,
    });
    expect(JSON.parse(gone.stdout).checks[0]).toMatchObject({ name: 'healthz', status: 'fail' });
    expect(gone.code).toBe(2);
  });
});
