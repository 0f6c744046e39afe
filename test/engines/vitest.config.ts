import { defineProject } from 'vitest/config';

// The pixel's core journeys in the other engines: WebKit, the engine of Safari (Debian's WebKitGTK
// MiniBrowser driven by WebKitWebDriver on Xvfb, tooling/stack/webkit.ts), and Firefox ESR
// (headless, over Marionette, tooling/stack/firefox.ts), against the built pixel, the collector
// under `wrangler dev` and the emulator. One file, one stack.
export default defineProject({
  test: {
    name: 'engines',
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
