import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, NetworkLog } from '#tooling/stack/chromium.ts';
import type { Stack } from '#tooling/stack/fixture-stack.ts';
import { startTogether } from '#tooling/stack/start-together.ts';

/** What a browser test file works with; see {@link browserSuite}. */
export interface BrowserSuite {
  readonly stack: Stack;
  readonly browser: Browser;
  /** The current test's browser profile (from {@link BrowserSuite.newPage}). */
  readonly context: BrowserContext;
  /** What the current test's profile requested, and the errors its pages threw. */
  readonly network: NetworkLog;
  /** A page in a fresh browser profile, which the suite closes after the test (each of them). */
  newPage(): Promise<Page>;
}

/**
 * The frame every browser test file shares: one stack and one Chromium for the file, started
 * together (a browser that cannot start leaves no `wrangler dev` behind), a fresh profile per
 * test, and the rule that a test fails when a page threw: the pixel must never throw into the
 * shop's page. Call it at the top of the file; `setUp` runs once both have started.
 */
export function browserSuite(
  start: () => Promise<Stack>,
  setUp?: (stack: Stack) => void,
): BrowserSuite {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  // Every profile the current test opened, so each is closed and each one's errors count; the
  // last is the current one.
  let opened: { context: BrowserContext; network: NetworkLog }[] = [];

  beforeAll(async () => {
    [stack, browser] = await startTogether([start(), launchChromium()]);
    setUp?.(stack);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });
  afterEach(async () => {
    const closing = opened;
    opened = [];
    await Promise.all(closing.map((profile) => profile.context.close()));
    expect(closing.flatMap((profile) => profile.network.pageErrors)).toEqual([]);
  });

  const started = <T>(part: T | undefined, name: string): T => {
    if (part === undefined) throw new Error(`the browser suite has no ${name} yet`);
    return part;
  };
  return {
    get stack() {
      return started(stack, 'stack');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get context() {
      return started(opened.at(-1), 'context: call newPage() first').context;
    },
    get network() {
      return started(opened.at(-1), 'network log: call newPage() first').network;
    },
    async newPage() {
      const context = await started(browser, 'browser').newContext();
      opened.push({ context, network: new NetworkLog(context) });
      return context.newPage();
    },
  };
}
