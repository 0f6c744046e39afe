import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { BrowserEngine, BrowserSession, SessionCookie } from './browser-session.ts';
import { freePort, LOOPBACK } from './ports.ts';

/**
 * WebKitGTK for the tests: Debian's `WebKitWebDriver` driving `MiniBrowser --automation` on a
 * virtual X display (Xvfb), spoken to in W3C WebDriver's plain HTTP with `fetch`. The tests
 * need six endpoints, so a client library would bring more than it saves. Install with
 * `apt-get install webkit2gtk-driver xvfb` (`.ci/run` does).
 */

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const XVFB_PATH = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';
const MULTIARCH = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
export const MINIBROWSER_PATH =
  process.env.MINIBROWSER_PATH ?? `/usr/lib/${MULTIARCH}/webkit2gtk-4.1/MiniBrowser`;
const STARTUP_TIMEOUT_MS = 10_000;

async function webDriverValue<T>(response: Response): Promise<T> {
  const payload = (await response.json()) as { value: T };
  if (!response.ok) {
    const { error, message } = payload.value as { error?: string; message?: string };
    throw new Error(`WebDriver ${error ?? response.status}: ${message ?? ''}`);
  }
  return payload.value;
}

/** One browser: a MiniBrowser of its own, with an ephemeral profile. */
export class WebKitSession implements BrowserSession {
  constructor(
    private readonly driverUrl: string,
    readonly id: string,
  ) {}

  private async command<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    return webDriverValue<T>(await fetch(`${this.driverUrl}/session/${this.id}${path}`, init));
  }

  /** Opens `url` and waits for its load event. */
  async goto(url: string): Promise<void> {
    await this.command('POST', '/url', { url });
  }

  async reload(): Promise<void> {
    await this.command('POST', '/refresh', {});
  }

  /** Runs `body` (a function body, with `arguments`) in the page and returns its JSON result. */
  evaluate<T>(body: string, ...args: unknown[]): Promise<T> {
    return this.command('POST', '/execute/sync', { script: body, args });
  }

  /** Every cookie of the current page's site, HttpOnly ones included. */
  cookies(): Promise<SessionCookie[]> {
    return this.command('GET', '/cookie');
  }

  async close(): Promise<void> {
    await fetch(`${this.driverUrl}/session/${this.id}`, { method: 'DELETE' }).catch(() => {});
  }
}

/** What is missing to run WebKit here, or undefined when nothing is. */
export function missingWebKit(): string | undefined {
  const absent = [WEBKIT_DRIVER_PATH, MINIBROWSER_PATH, XVFB_PATH].filter(
    (path) => !existsSync(path),
  );
  return absent.length === 0
    ? undefined
    : `WebKitGTK is not installed (${absent.join(', ')} missing): apt-get install webkit2gtk-driver xvfb, as .ci/run does`;
}

/** Ends a process group started with `detached: true`: the driver's MiniBrowsers go with it. */
export function endGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** Reads the display number Xvfb chose and wrote to its file descriptor 3 (`-displayfd 3`). */
function displayOf(xvfb: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start')), STARTUP_TIMEOUT_MS);
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
}

/**
 * Starts Xvfb on a display it picks and WebKitWebDriver on a free port, waits for both, and
 * returns the driver. Throws, naming the packages, when WebKitGTK is not installed.
 *
 * @example
 * const webkit = await launchWebKit();
 * const session = await webkit.newSession();
 * await session.goto('http://127.0.0.1:8080/'); await session.close(); await webkit.stop();
 */
export async function launchWebKit(): Promise<BrowserEngine> {
  const missing = missingWebKit();
  if (missing) throw new Error(missing);
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) endGroup(child);
  };
  try {
    const xvfb = spawn(
      XVFB_PATH,
      ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
      {
        detached: true,
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      },
    );
    children.push(xvfb);
    const display = await displayOf(xvfb);
    const port = await freePort();
    const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=local'], {
      detached: true,
      env: { ...process.env, DISPLAY: display },
      stdio: 'ignore',
    });
    children.push(driver);
    const driverUrl = `http://${LOOPBACK}:${port}`;
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (
      !(await fetch(`${driverUrl}/status`).then(
        (response) => response.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline || driver.exitCode !== null) {
        throw new Error('WebKitWebDriver did not start');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return {
      name: 'WebKit',
      async newSession() {
        const response = await fetch(`${driverUrl}/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            capabilities: {
              alwaysMatch: {
                browserName: 'MiniBrowser',
                // --enable-itp turns on Intelligent Tracking Prevention, as Safari has it.
                'webkitgtk:browserOptions': {
                  binary: MINIBROWSER_PATH,
                  args: ['--automation', '--enable-itp'],
                },
              },
            },
          }),
        });
        const { sessionId } = await webDriverValue<{ sessionId: string }>(response);
        return new WebKitSession(driverUrl, sessionId);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
