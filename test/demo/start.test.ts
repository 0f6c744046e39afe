import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED } from '#emulator/seed.ts';
import { freePort, isPortInUse } from '#tooling/stack/ports.ts';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';
import { issueClick } from './support/emulator-api.ts';
import { descendants, isRunning, type NpmStart, runNpmStart, within } from './support/processes.ts';

// The real `npm start`, on free ports through its environment variables: it starts, every
// service answers and they are wired together, and a Ctrl-C (SIGINT to the foreground process
// group) or a supervisor's SIGTERM to npm stops every process it started. Its refusals of
// unusable ports come first: they take a second.

const READY = /Ctrl-C stops everything\./;
let running: NpmStart | undefined;

afterEach(async () => {
  // A failed test must not leave a stack behind.
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    const stack = descendants(running.pid);
    process.kill(-running.pid, 'SIGINT');
    await within(20_000, 'stopping npm start', running.exited).catch(() => {
      for (const entry of [...stack, { pid: running?.pid ?? 0 }]) {
        try {
          process.kill(entry.pid, 'SIGKILL');
        } catch {
          // Gone.
        }
      }
    });
  }
  running = undefined;
});

async function freePorts() {
  return {
    EMULATOR_PORT: String(await freePort()),
    COLLECTOR_PORT: String(await freePort()),
    DEMO_PORT: String(await freePort()),
  };
}

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('npm start refuses ports it cannot use', () => {
  it('names a busy port and the variable that moves it, and starts nothing', async () => {
    const ports = await freePorts();
    const busy = await occupy(Number(ports.COLLECTOR_PORT));
    try {
      running = runNpmStart(ports);
      const exit = await within(20_000, 'npm start', running.exited);
      expect(exit.code).toBe(1);
      expect(running.stderr()).toContain(
        `Port ${ports.COLLECTOR_PORT} on 127.0.0.1 is already in use, so the collector cannot listen there.`,
      );
      const suggestion = /COLLECTOR_PORT=(\d+) npm start/.exec(running.stderr())?.[1];
      expect(Number(suggestion)).toBeGreaterThan(Number(ports.COLLECTOR_PORT));
      expect(Object.values(ports)).not.toContain(suggestion);
      expect(running.stdout()).not.toContain('Starting');
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('explains a port setting that is not a port', async () => {
    running = runNpmStart({ ...(await freePorts()), DEMO_PORT: 'eighty' });
    const exit = await within(20_000, 'npm start', running.exited);
    expect(exit.code).toBe(2);
    expect(running.stderr()).toContain(
      'DEMO_PORT must be a port number from 1 to 65535, not "eighty".',
    );
  });
});

describe('npm start', () => {
  it('brings the stack up wired together, and Ctrl-C stops every process it started', async () => {
    const ports = await freePorts();
    const demo = `http://127.0.0.1:${ports.DEMO_PORT}`;
    const emulator = `http://127.0.0.1:${ports.EMULATOR_PORT}`;
    const collector = `http://127.0.0.1:${ports.COLLECTOR_PORT}/pj`;
    running = runNpmStart(ports);
    await running.waitForOutput(READY, 90_000);
    const printed = running.stdout();
    expect(printed).toContain(`Demo shop         ${demo}/`);
    expect(printed).toContain(`Event inspector   ${emulator}/__emulator/`);
    expect(printed).toContain(`${collector}/healthz`);

    // Every service answers.
    const shopPage = await fetch(`${demo}/`);
    expect(shopPage.status).toBe(200);
    expect(await shopPage.text()).toContain('See a Prisjakt click become a reported purchase');
    expect(await (await fetch(`${collector}/healthz`)).json()).toMatchObject({ status: 'ok' });
    expect(await (await fetch(`${emulator}/health`)).json()).toEqual({ status: 'ok' });
    const inspector = await fetch(`${emulator}/__emulator/`);
    expect(inspector.status).toBe(200);
    await inspector.arrayBuffer();

    // The script is a static asset: served as built, cacheable and revalidated by its ETag,
    // without invoking the Worker. A control request after it shows the Worker's access line
    // does reach this output, so the missing line for the script is not a missing log.
    const pixel = await fetch(`${demo}/pj/pjpixel.js`);
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(pixel.headers.get('cache-control')).toBe(
      'public, max-age=300, stale-while-revalidate=86400',
    );
    expect(await pixel.text()).toBe(readFileSync(join(REPO_ROOT, 'dist/pjpixel.js'), 'utf8'));
    const etag = pixel.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[^"]+"$/);
    const revalidated = await fetch(`${demo}/pj/pjpixel.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(revalidated.status).toBe(304);
    await revalidated.arrayBuffer();
    const control = await fetch(`${demo}/pj/control-after-the-script`);
    await control.arrayBuffer();
    const workerLine = (path: string) =>
      running
        ?.stdout()
        .split('\n')
        .filter(
          (line) => line.includes('"event":"http.request"') && line.includes(`"path":"${path}"`),
        );
    await expect
      .poll(() => workerLine('/pj/control-after-the-script')?.length ?? 0, { timeout: 10_000 })
      .toBe(1);
    expect(workerLine('/pj/pjpixel.js')).toEqual([]);

    // Wired together: the demo's click comes from this emulator and lands on this shop; the
    // inspector reads this collector; the collector delivers to this emulator.
    const go = await fetch(`${demo}/prisjakt/go?product=milk-jug`, { redirect: 'manual' });
    expect(go.status).toBe(303);
    expect(go.headers.get('location')).toMatch(new RegExp(`^${demo}/products/milk-jug\\?pjclid=`));
    expect(await (await fetch(`${emulator}/__emulator/inspector/dead-letters`)).json()).toEqual({
      status: 'ok',
      collector_url: collector,
      dead_letters: [],
      more: false,
    });
    const click = await issueClick({ url: emulator });
    const orderId = `start-${Date.now().toString(36)}`;
    const sent = await fetch(`${collector}/server/pixels/${SEED.pixelId}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer local-dev-token' },
      body: JSON.stringify({
        event_name: 'purchase',
        external_event_id: orderId,
        data: { amount: 1, currency: 'SEK' },
        signed_click_id: click.signed_click_id,
      }),
    });
    expect(sent.status).toBe(202);
    await expect
      .poll(
        async () => {
          const response = await fetch(`${emulator}/__emulator/events`);
          const { events } = (await response.json()) as {
            events: { external_event_id?: string }[];
          };
          return events.some((event) => event.external_event_id === orderId);
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe(true);

    // Ctrl-C: the terminal sends SIGINT to the foreground process group.
    const started = descendants(running.pid);
    // wrangler runs workerd for each of the two Workers (and, in 4.x, a second one for its proxy).
    expect(
      started.filter((entry) => entry.command.includes('workerd serve')).length,
    ).toBeGreaterThanOrEqual(2);
    process.kill(-running.pid, 'SIGINT');
    const exit = await within(20_000, 'stopping npm start', running.exited);
    // npm waits for the script, then ends itself by the same signal, as shells expect.
    expect(exit).toEqual({ code: null, signal: 'SIGINT' });
    expect(running.stdout()).toMatch(
      /SIGINT: stopping the demo shop, the collector and the emulator…/,
    );
    expect(running.stdout()).toMatch(/Stopped\.\n$/);
    await expect
      .poll(() => started.filter((entry) => isRunning(entry.pid)).map((entry) => entry.command), {
        timeout: 5_000,
      })
      .toEqual([]);
    for (const port of Object.values(ports)) expect(await isPortInUse(Number(port))).toBe(false);
  });

  it('stops everything when a supervisor sends SIGTERM to npm alone', async () => {
    const ports = await freePorts();
    running = runNpmStart(ports);
    await running.waitForOutput(READY, 90_000);
    const started = descendants(running.pid);
    expect(started.some((entry) => entry.command.includes('workerd serve'))).toBe(true);
    process.kill(running.pid, 'SIGTERM');
    await within(20_000, 'npm exiting', running.exited);
    await expect
      .poll(() => started.filter((entry) => isRunning(entry.pid)).map((entry) => entry.command), {
        timeout: 20_000,
        interval: 250,
      })
      .toEqual([]);
    for (const port of Object.values(ports)) expect(await isPortInUse(Number(port))).toBe(false);
  });
});
