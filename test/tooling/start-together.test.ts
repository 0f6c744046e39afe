import { describe, expect, it } from 'vitest';
import { launchChromium } from '#tooling/stack/chromium.ts';
import { type Stack, startStack } from '#tooling/stack/fixture-stack.ts';
import { startTogether } from '#tooling/stack/start-together.ts';

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

describe('starting a stack and a browser together', () => {
  it('stops the stack it started when Chromium cannot start, and rethrows', async () => {
    let started: Stack | undefined;
    const stack = startStack().then((value) => {
      started = value;
      return value;
    });
    await expect(
      startTogether([stack, launchChromium('/nonexistent/chromium')] as const),
    ).rejects.toThrow(/nonexistent/);
    expect(started).toBeDefined();
    if (started === undefined) return;
    expect(await answers(`${started.collectorUrl}/pj/healthz`)).toBe(false);
    expect(await answers(`${started.emulatorUrl}/health`)).toBe(false);
    expect(await answers(`${started.shopUrl}/`)).toBe(false);
  });
});
