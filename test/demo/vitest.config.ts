import { defineProject } from 'vitest/config';

// The local stack: `npm start` itself (started, checked, stopped), the demo shop and the
// emulator's event inspector, in-process and end to end in Chromium. Files that start a stack
// run one at a time, as the machine has two cores.
export default defineProject({
  test: {
    name: 'demo',
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
