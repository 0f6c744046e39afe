import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserEngine, BrowserSession, SessionCookie } from './browser-session.ts';
import { freePort, LOOPBACK } from './ports.ts';
import { endGroup } from './webkit.ts';

/**
 * Firefox ESR for the tests, headless, driven over Marionette: Firefox's own remote protocol
 * (the one geckodriver speaks), JSON over a plain TCP socket, so nothing needs installing but
 * Debian's `firefox-esr`. Each session is a Firefox of its own with a fresh profile.
 */

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const STARTUP_TIMEOUT_MS = 20_000;

/**
 * The profile's preferences: Marionette on our port, and no traffic off this machine. Firefox's
 * remote agent already turns off updates, telemetry and the like for automation; the proxy sends
 * whatever would still leave to a closed local port, while loopback (the stack) goes direct.
 */
function preferences(port: number): string {
  const prefs: Record<string, string | number | boolean> = {
    'marionette.port': port,
    'network.proxy.type': 1,
    'network.proxy.http': LOOPBACK,
    'network.proxy.http_port': 9,
    'network.proxy.ssl': LOOPBACK,
    'network.proxy.ssl_port': 9,
    'network.proxy.allow_hijacking_localhost': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
  };
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

/** Marionette's framing: `<length>:<json>`, both ways. */
class MarionetteConnection {
  private buffer = Buffer.alloc(0);
  private readonly waiting: ((message: unknown) => void)[] = [];
  private lastId = 0;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const colon = this.buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(this.buffer.subarray(0, colon).toString());
        if (this.buffer.length < colon + 1 + length) return;
        const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString());
        this.buffer = this.buffer.subarray(colon + 1 + length);
        this.waiting.shift()?.(message);
      }
    });
  }

  next(): Promise<unknown> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Sends a command and returns its result, or throws its error. */
  async command<T>(name: string, parameters: Record<string, unknown> = {}): Promise<T> {
    this.lastId += 1;
    const text = JSON.stringify([0, this.lastId, name, parameters]);
    const answer = this.next();
    this.socket.write(`${Buffer.byteLength(text)}:${text}`);
    const [, , error, result] = (await answer) as [
      1,
      number,
      { error: string; message: string } | null,
      T,
    ];
    if (error) throw new Error(`Marionette ${name}: ${error.error}: ${error.message}`);
    return result;
  }

  close(): void {
    this.socket.destroy();
  }
}

class FirefoxSession implements BrowserSession {
  constructor(
    private readonly connection: MarionetteConnection,
    private readonly process: ChildProcess,
    private readonly profile: string,
  ) {}

  async goto(url: string): Promise<void> {
    await this.connection.command('WebDriver:Navigate', { url });
  }

  async reload(): Promise<void> {
    await this.connection.command('WebDriver:Refresh');
  }

  async evaluate<T>(body: string, ...args: unknown[]): Promise<T> {
    const { value } = await this.connection.command<{ value: T }>('WebDriver:ExecuteScript', {
      script: body,
      args,
    });
    return value;
  }

  cookies(): Promise<SessionCookie[]> {
    return this.connection.command('WebDriver:GetCookies');
  }

  /** Erases every site's data through Firefox's own clear-data service, then opens a blank page. */
  async forgetEverything(): Promise<void> {
    await this.connection.command('Marionette:SetContext', { value: 'chrome' });
    try {
      await this.connection.command('WebDriver:ExecuteAsyncScript', {
        script: `const done = arguments[arguments.length - 1];
          Services.clearData.deleteData(Ci.nsIClearDataService.CLEAR_ALL, () => done(true));`,
        args: [],
      });
    } finally {
      await this.connection.command('Marionette:SetContext', { value: 'content' });
    }
    await this.goto('about:blank');
  }

  /** The session's methods, bound, for a session object of the engine's own. */
  api(): BrowserSession {
    return {
      goto: (url) => this.goto(url),
      reload: () => this.reload(),
      evaluate: (body, ...args) => this.evaluate(body, ...args),
      cookies: () => this.cookies(),
      close: () => this.close(),
    };
  }

  async close(): Promise<void> {
    await this.connection.command('Marionette:Quit').catch(() => {});
    this.connection.close();
    endGroup(this.process);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

async function connectWhenListening(port: number, firefox: ChildProcess): Promise<Socket> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const socket = connect(port, LOOPBACK, () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      if (Date.now() > deadline || firefox.exitCode !== null) {
        throw new Error(`Firefox did not open Marionette on port ${port}: ${error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** What is missing to run Firefox here, or undefined when nothing is. */
export function missingFirefox(): string | undefined {
  return existsSync(FIREFOX_PATH)
    ? undefined
    : `Firefox ESR is not installed (${FIREFOX_PATH} missing): apt-get install firefox-esr, as .ci/run does`;
}

/** Starts a headless Firefox with a fresh profile and opens a Marionette session in it. */
async function startFirefox(): Promise<FirefoxSession> {
  const profile = mkdtempSync(join(tmpdir(), 'pjcollector-firefox-'));
  const port = await freePort();
  writeFileSync(join(profile, 'user.js'), preferences(port));
  const firefox = spawn(
    FIREFOX_PATH,
    [
      '--marionette',
      '-remote-allow-system-access',
      '--headless',
      '--no-remote',
      '--profile',
      profile,
    ],
    { detached: true, stdio: 'ignore' },
  );
  try {
    const connection = new MarionetteConnection(await connectWhenListening(port, firefox));
    await connection.next(); // the greeting: { applicationType: 'gecko', marionetteProtocol: 3 }
    await connection.command('WebDriver:NewSession', { capabilities: {} });
    return new FirefoxSession(connection, firefox, profile);
  } catch (error) {
    endGroup(firefox);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Firefox ESR as a test engine. Starting Firefox with a new profile takes seconds, so one
 * Firefox serves every session, one at a time: a new session begins with all of its site data
 * erased (cookies, storage, caches, as a fresh profile has none) on a blank page. Throws, naming
 * the package, when Firefox ESR is not installed.
 */
export async function launchFirefox(): Promise<BrowserEngine> {
  const missing = missingFirefox();
  if (missing) throw new Error(missing);
  const firefox = await startFirefox();
  return {
    name: 'Firefox ESR',
    async newSession() {
      await firefox.forgetEverything();
      return { ...firefox.api(), close: async () => {} };
    },
    stop: () => firefox.close(),
  };
}
