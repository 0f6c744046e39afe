import { defineProject } from 'vitest/config';

// The tooling the other suites stand on: starting a stack with a browser, and the run's summary.
export default defineProject({
  test: {
    name: 'tooling',
    include: ['*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
