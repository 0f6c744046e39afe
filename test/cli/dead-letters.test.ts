import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControlCharacters } from '#shared/terminal-text.ts';
import type { WranglerDev } from '#tooling/stack/wrangler-dev.ts';
import { BASE_PATH, runBin, startCollector, startEmulator } from './support/collector-stack.ts';

let emulator: WranglerDev;
let collector: WranglerDev;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator();
  collector = await startCollector(emulator.url);
  env = { PJCOLLECTOR_URL: `${collector.url}${BASE_PATH}` };
}, 120_000);
afterAll(async () => {
  await Promise.all([collector?.stop(), emulator?.stop()]);
});

/** Whether text holds no control character but line breaks. */
function printable(text: string): boolean {
  return text.split('\n').every((line) => escapeControlCharacters(line) === line);
}

/** A server event whose click signature does not verify: the API refuses it, it is dead-lettered. */
async function deadLetter(externalEventId: string): Promise<void> {
  const response = await fetch(
    `${collector.url}${BASE_PATH}/server/pixels/52907745-7672-470e-a803-a2f8feb52944/events`,
    {
      method: 'POST',
      headers: { Authorization: 'Bearer local-dev-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        event_name: 'purchase',
        external_event_id: externalEventId,
        data: { amount: 10, currency: 'SEK' },
        signed_click_id: 'a1c3e5f7-2b4d-4e6f-8a0c-1e3b5d7f9a2c_0000000000000000',
      }),
    },
  );
  expect(response.status).toBe(202);
}

async function listed(): Promise<{ id: string; external_event_id?: string }[]> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const run = await runBin(['dead-letters', 'list', '--json'], env);
    const entries = JSON.parse(run.stdout);
    if (entries.length > 0) return entries;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('no dead letter arrived');
}

describe('dead-letters', { timeout: 90_000 }, () => {
  it('lists, shows, replays and deletes, with control characters escaped', async () => {
    await deadLetter('order-\u001b[2J\u001b]0;pwned\u0007-\u009b31m');
    const [entry] = await listed();
    expect(entry?.external_event_id).toContain('\u001b');

    const table = await runBin(['dead-letters', 'list'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('order-\\x1b[2J\\x1b]0;pwned\\x07-\\x9b31m');
    expect(printable(table.stdout)).toBe(true);
    expect(table.stdout).toContain('1 dead letter');

    const shown = await runBin(['dead-letters', 'show', entry?.id ?? ''], env);
    expect(shown.code).toBe(0);
    expect(printable(shown.stdout)).toBe(true);
    expect(JSON.parse(shown.stdout).message.event.external_event_id).toBe(entry?.external_event_id);

    const replayed = await runBin(['dead-letters', 'replay', entry?.id ?? ''], env);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain(`replayed ${entry?.id}`);

    // The replayed event is refused again and comes back as a new dead letter; delete it.
    const [again] = await listed();
    const deleted = await runBin(['dead-letters', 'delete', again?.id ?? ''], env);
    expect(deleted.stdout).toContain(`deleted ${again?.id}`);
    const empty = await runBin(['dead-letters', 'list'], env);
    expect(empty.stdout).toContain('no dead letters');
  });

  it('exits 2 with the usage on a missing id or an unknown verb', async () => {
    const missing = await runBin(['dead-letters', 'show'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('show needs a dead-letter id');
    const unknown = await runBin(['dead-letters', 'purge'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: pjcollector dead-letters');
  });

  it('exits 2 and names the token on a wrong admin token, without printing it', async () => {
    const run = await runBin(['dead-letters', 'list'], {
      ...env,
      PJCOLLECTOR_ADMIN_TOKEN: 'wrong-admin-token-123',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('401');
    expect(run.stderr).toContain('PJCOLLECTOR_ADMIN_TOKEN');
    expect(run.stdout + run.stderr).not.toContain('wrong-admin-token-123');
  });
});
