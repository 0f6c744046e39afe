import { defineProject } from 'vitest/config';

// The pixel's core journeys in WebKit, the engine of Safari: Debian's WebKitGTK (MiniBrowser
// driven by WebKitWebDriver on Xvfb, tooling/stack/webkit.ts) against the built pixel, the
// collector under `wrangler dev` and the emulator. One file, one stack, one driver.
export default defineProject({
  test: {
    name: 'webkit',
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
