import { beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '#worker/operator/doctor-report.ts';
import { ADMIN_TOKEN, BASE, CLIENT_SECRET, collector } from './support/collector.ts';
import { configuredEnv, fetchWithEnv, type Overrides } from './support/custom-env.ts';
import { PIXEL_ID, resetEmulator, setPixelEnabled } from './support/emulator.ts';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

async function doctorWith(overrides: Overrides): Promise<DoctorReport> {
  const response = await fetchWithEnv(configuredEnv(overrides), `${BASE}/admin/doctor`, {
    headers: auth,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as DoctorReport;
}

beforeEach(async () => {
  await resetEmulator();
});

describe('GET /admin/doctor', () => {
  it("checks the credentials and each pixel with the collector's own client, and shows no secret", async () => {
    const response = await collector('/admin/doctor', { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(ADMIN_TOKEN);
    const report = JSON.parse(text) as DoctorReport;
    expect(report.prisjakt.credentials).toEqual({
      status: 'ok',
      roles: ['shop_user', 'event_publisher'],
    });
    expect(report.prisjakt.pixels).toEqual([{ id: PIXEL_ID, status: 'enabled' }]);
    expect(report.prisjakt.rate_limit).toMatchObject({ limit: 10_000 });
    expect(report.collector.cookie).toEqual({ name: 'pjclid', domain: null, path: '/' });
    expect(report.collector.allowed_origins).toContain('http://localhost:*');
  });

  it('refuses a caller without the admin token', async () => {
    expect((await collector('/admin/doctor')).status).toBe(401);
    const wrong = await collector('/admin/doctor', { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('reports a secret Prisjakt refuses as rejected, without repeating it', async () => {
    const report = await doctorWith({ PRISJAKT_CLIENT_SECRET: 'a-wrong-secret-for-this-client' });
    expect(report.prisjakt.credentials).toMatchObject({ status: 'rejected', http_status: 401 });
    expect(JSON.stringify(report)).not.toContain('a-wrong-secret-for-this-client');
    expect(report.prisjakt.pixels[0]?.status).toBe('not_checked');
  });

  it('reports an unknown pixel as not found, and a disabled one as disabled', async () => {
    const unknown = 'c0ffee00-0000-4000-8000-000000000000';
    const report = await doctorWith({ PIXEL_IDS: `${PIXEL_ID}, ${unknown}` });
    expect(report.prisjakt.pixels).toEqual([
      { id: PIXEL_ID, status: 'enabled' },
      expect.objectContaining({ id: unknown, status: 'not_found', http_status: 404 }),
    ]);
    await setPixelEnabled(false);
    const disabled = await doctorWith({});
    expect(disabled.prisjakt.pixels).toEqual([{ id: PIXEL_ID, status: 'disabled' }]);
  });

  it('says a pixel cannot be checked with an event_publisher-only client, or without a secret', async () => {
    const publisher = await doctorWith({
      PRISJAKT_CLIENT_ID: 'yhWmSawhoSu3Neielrh1eg9fOvJoMP6t',
      PRISJAKT_CLIENT_SECRET: 'JtbN2rxTIyZhQZlObDznRuCEgHxTkq',
    });
    expect(publisher.prisjakt.credentials).toEqual({ status: 'ok', roles: ['event_publisher'] });
    expect(publisher.prisjakt.pixels[0]).toMatchObject({ status: 'not_checked' });
    expect(publisher.prisjakt.pixels[0]?.detail).toContain('shop_user');
    const noSecret = await doctorWith({ PRISJAKT_CLIENT_SECRET: undefined });
    expect(noSecret.prisjakt.credentials).toEqual({ status: 'no_secret' });
  });
});
