/**
 * What the engine tests need of a browser, whatever drives it: WebKitGTK over W3C WebDriver
 * (`webkit.ts`) or Firefox over Marionette (`firefox.ts`). One session is one browser process
 * with a fresh profile.
 */
export interface BrowserSession {
  /** Opens `url` and waits for its load event. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `body` (a function body, with `arguments`) in the page and returns its JSON result. */
  evaluate<T>(body: string, ...args: unknown[]): Promise<T>;
  /** The current site's cookies, HttpOnly ones included (a page cannot see those). */
  cookies(): Promise<SessionCookie[]>;
  close(): Promise<void>;
}

export interface SessionCookie {
  name: string;
  value: string;
  path: string;
  domain: string;
  httpOnly: boolean;
  secure: boolean;
}

/** A browser engine the tests can open sessions in. */
export interface BrowserEngine {
  /** As the tests name it, e.g. `WebKit`. */
  name: string;
  newSession(): Promise<BrowserSession>;
  stop(): Promise<void>;
}

/** Polls `body` in the page until it returns a truthy value, and returns that. */
export async function waitInPage<T>(
  session: BrowserSession,
  body: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await session.evaluate<T>(body);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${body}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
