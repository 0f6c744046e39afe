import { defineProject } from 'vitest/config';

// Real-browser tests: Node drives Debian's Chromium (playwright-core) against the built pixel,
// served by the collector under `wrangler dev`, with the emulator upstream. Each file starts
// one stack and one browser; files run one at a time, as the machine has two cores.
export default defineProject({
  test: {
    name: 'browser',
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
