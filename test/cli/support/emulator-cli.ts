import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CliIo } from '#cli/io.ts';
import { runCli } from '#cli/main.ts';
import { createEmulator, type Emulator } from '#emulator/app.ts';
import { SEED } from '#emulator/seed.ts';
import type { CreateEventRequest } from '#shared/api/types.ts';

/** The emulator answers on any host in-process; the path prefix is production's shape. */
const ORIGIN = 'https://prisjakt.test';
export const API_URL = `${ORIGIN}/click-conversion`;
/** The clock the emulator starts at in these tests. */
export const NOW = Date.parse('2026-11-30T12:00:00Z');
export const DAY = 86_400_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface EmulatorCli {
  emulator: Emulator;
  /** A scratch directory, emptied after each test. */
  dir: string;
  /** Runs `pjcollector …` in-process against this emulator, as the seeded shop_user. */
  run(args: string[], env?: Record<string, string>, options?: { tty?: boolean }): Promise<CliRun>;
  /** A click issued `daysAgo` days before NOW. */
  click(daysAgo?: number): Promise<string>;
  /** Creates events through the batch endpoint, 100 at a time. */
  createEvents(events: CreateEventRequest[]): Promise<void>;
  /** API requests since the start, per operation and status. */
  requestCounts(): Promise<Record<string, Record<string, number>>>;
  /** Writes a file into `dir` and returns its path. */
  file(name: string, text: string): string;
  /** A fixture of test/cli/fixtures. */
  fixture(name: string): string;
}

/** The env of a shop's operator: the seeded shop_user client and pixel, on a remote-looking URL. */
export function shopEnv(): Record<string, string> {
  return {
    PRISJAKT_API_URL: API_URL,
    PRISJAKT_CLIENT_ID: SEED.shopUser.id,
    PRISJAKT_CLIENT_SECRET: SEED.shopUser.secret,
    PRISJAKT_PIXEL_ID: SEED.pixelId,
  };
}

/** A fresh in-process emulator for each test, and the CLI wired to it. */
export function useEmulatorCli(): EmulatorCli {
  const harness = {} as EmulatorCli;
  beforeEach(() => {
    const emulator = createEmulator({ now: () => NOW });
    const dir = mkdtempSync(join(tmpdir(), 'pjcollector-cli-'));
    const apiFetch: typeof fetch = async (input, init) => emulator.fetch(new Request(input, init));
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await emulator.fetch(
        new Request(`${ORIGIN}/__emulator${path}`, {
          method,
          ...(body === undefined
            ? {}
            : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
        }),
      );
      const text = await response.text();
      if (!response.ok) throw new Error(`control ${path}: ${response.status} ${text}`);
      return text === '' ? undefined : JSON.parse(text);
    };
    Object.assign(harness, {
      emulator,
      dir,
      async run(args, env = shopEnv(), options = {}) {
        let stdout = '';
        let stderr = '';
        const io: CliIo = {
          env,
          stdout: {
            write: (text) => {
              stdout += text;
            },
            isTTY: options.tty ?? false,
          },
          stderr: {
            write: (text) => {
              stderr += text;
            },
            isTTY: options.tty ?? false,
          },
          fetch: apiFetch,
          now: () => NOW,
          readFile: (path) => readFile(path, 'utf8'),
          writeFile: (path, text) => writeFile(path, text, 'utf8'),
        };
        const code = await runCli(args, io);
        return { code, stdout, stderr };
      },
      async click(daysAgo = 1) {
        const click = await control('POST', '/clicks', {
          shop_id: SEED.shopId,
          time: new Date(NOW - daysAgo * DAY).toISOString(),
        });
        return click.signed_click_id as string;
      },
      async createEvents(events) {
        for (let start = 0; start < events.length; start += 100) {
          const response = await apiFetch(`${API_URL}/pixels/${SEED.pixelId}/events/batch`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'client-id': SEED.shopUser.id,
              'client-secret': SEED.shopUser.secret,
            },
            body: JSON.stringify(events.slice(start, start + 100)),
          });
          if (response.status !== 200)
            throw new Error(`batch: ${response.status} ${await response.text()}`);
        }
      },
      async requestCounts() {
        return (await control('GET', '/requests')).by_operation;
      },
      file(name, text) {
        const path = join(dir, name);
        writeFileSync(path, text);
        return path;
      },
      fixture(name) {
        return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
      },
    } satisfies EmulatorCli);
  });
  afterEach(() => rmSync(harness.dir, { recursive: true, force: true }));
  return harness;
}

/** A purchase event `daysAgo` days before NOW. */
export function purchase(
  signedClickId: string,
  daysAgo: number,
  externalEventId: string,
  amount = 100,
  currency: CreateEventRequest['data']['currency'] = 'SEK',
): CreateEventRequest {
  return {
    event_name: 'purchase',
    event_time: new Date(NOW - daysAgo * DAY).toISOString(),
    external_event_id: externalEventId,
    data: { amount, currency, number_of_items: 1 },
    signed_click_id: signedClickId,
  };
}
