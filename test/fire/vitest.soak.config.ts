import { defineProject } from 'vitest/config';

// `npm run test:soak`: the fire suites an order of magnitude harder (FIRE_SOAK=1, see
// support/scale.ts), and the soak-only ones. Bounded: every run stops by itself, on loopback
// only, in a few minutes on two cores.
export default defineProject({
  // The repository's cache, not one under test/fire (the root below is this directory).
  cacheDir: '../../node_modules/.vite',
  test: {
    name: 'fire-soak',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
