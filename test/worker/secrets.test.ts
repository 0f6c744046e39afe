import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ADMIN_TOKEN,
  CLIENT_SECRET,
  freshAddress,
  SERVER_TOKEN,
  uniqueOrderId,
} from './support/collector.ts';
import { configuredEnv, fetchWithEnv } from './support/custom-env.ts';
import { newClick, PIXEL_ID, resetEmulator } from './support/emulator.ts';
import { eventMessage, runBatch } from './support/queue.ts';
import { expectDeliveredOnce } from './support/wait.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const WRONG_SECRET = 'an-incorrect-secret-value-0123';

function captureLogs(): () => string[] {
  // Recorded, not printed: this test logs at debug level on purpose.
  const spies = (['log', 'warn', 'error'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => undefined),
  );
  return () => spies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' ')));
}

async function transcript(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${response.status}\n${headers}\n${await response.text()}`;
}

describe('secrets and click ids', () => {
  it('never appear in a response or a log line, on any path', async () => {
    await resetEmulator();
    const logs = captureLogs();
    const verbose = configuredEnv({ LOG_LEVEL: 'debug' });
    const base = 'http://localhost:8787/pj';
    const clicks = await Promise.all([newClick(), newClick(), newClick()]);
    const [beaconClick, serverClick, cookieClick] = clicks as [string, string, string];
    const beaconOrder = uniqueOrderId('secret-beacon');
    const responses: string[] = [];
    const call = async (url: string, init?: RequestInit, target = verbose) =>
      responses.push(await transcript(await fetchWithEnv(target, url, init)));

    await call(`${base}/click?pjclid=${cookieClick}`, {
      headers: { Origin: 'http://localhost:3000' },
    });
    await call(`${base}/collect`, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/plain',
        Origin: 'http://localhost:3000',
        'CF-Connecting-IP': freshAddress(),
      },
      body: JSON.stringify({
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: beaconOrder,
        amount: 1,
        currency: 'EUR',
        pjclid: beaconClick,
      }),
    });
    await call(`${base}/collect`, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/plain',
        Cookie: `pjclid=${cookieClick}`,
        'CF-Connecting-IP': freshAddress(),
      },
      body: JSON.stringify({
        pixel_id: PIXEL_ID,
        event: 'purchase',
        event_id: uniqueOrderId('secret-cookie'),
        amount: 1,
        currency: 'EUR',
      }),
    });
    const server = {
      event_name: 'purchase',
      external_event_id: uniqueOrderId('secret-server'),
      data: { amount: 2, currency: 'EUR' },
      signed_click_id: serverClick,
    };
    for (const token of [SERVER_TOKEN, `${SERVER_TOKEN}x`, ADMIN_TOKEN]) {
      await call(`${base}/server/pixels/${PIXEL_ID}/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(server),
      });
    }
    await call(`${base}/admin/dead-letters`, {
      headers: { Authorization: `Bearer ${SERVER_TOKEN}` },
    });
    // The doctor route asks Prisjakt with the secret, rightly and wrongly configured.
    const doctor = { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } };
    await call(`${base}/admin/doctor`, doctor);
    await call(
      `${base}/admin/doctor`,
      doctor,
      configuredEnv({ LOG_LEVEL: 'debug', PRISJAKT_CLIENT_SECRET: WRONG_SECRET }),
    );
    await call(`${base}/healthz`);
    await call(
      `${base}/healthz`,
      undefined,
      configuredEnv({
        LOG_LEVEL: 'debug',
        DELIVERY_MODE: 'batch',
        PRISJAKT_CLIENT_SECRET: undefined,
      }),
    );

    // Delivery: a success, a refusal with field errors, and wrong credentials.
    await runBatch(verbose, [
      { body: eventMessage(uniqueOrderId('secret-ok'), beaconClick) },
      {
        body: eventMessage(
          uniqueOrderId('secret-bad'),
          '239cd31f-9d43-4cb4-b8dc-2057fe18c289_0000000000000000',
        ),
      },
    ]);
    await runBatch(configuredEnv({ LOG_LEVEL: 'debug', PRISJAKT_CLIENT_SECRET: WRONG_SECRET }), [
      { body: eventMessage(uniqueOrderId('secret-401'), serverClick) },
    ]);
    await expectDeliveredOnce(beaconOrder);

    const lines = logs();
    expect(lines.some((line) => line.includes('"delivery.delivered"'))).toBe(true);
    expect(lines.some((line) => line.includes('"delivery.unauthorized"'))).toBe(true);
    expect(lines.some((line) => line.includes('"delivery.click_refused"'))).toBe(true);
    for (const text of [...responses, ...lines]) {
      for (const secret of [CLIENT_SECRET, SERVER_TOKEN, ADMIN_TOKEN, WRONG_SECRET])
        expect(text).not.toContain(secret);
    }
    for (const line of lines) {
      for (const click of clicks) expect(line).not.toContain(click.slice(0, 13));
    }
    // Click ids appear in logs cut to their first 8 characters, so lines can still be joined.
    expect(lines.some((line) => line.includes(`"${beaconClick.slice(0, 8)}…"`))).toBe(true);
  });
});
