import { defineProject } from 'vitest/config';

// The operator CLI, run in-process against the emulator (createEmulator().fetch) for the API
// commands, and as its real bin against the emulator and collectors under `wrangler dev` for
// doctor and dead-letters.
export default defineProject({
  test: {
    name: 'cli',
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
