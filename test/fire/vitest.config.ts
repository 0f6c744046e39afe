import { defineProject } from 'vitest/config';

// Proof under fire: outages, duplicate storms, a load burst, hostile input, security and a
// browser under adversity, against the real parts (the emulator and the collector under workerd,
// `wrangler dev` for the load, Chromium). Each file starts its own stack on free ports and prints
// its figures. The project runs after the others (its own sequence group), two files at a time:
// most of their time is spent waiting on queues and retries, not on the two cores, and no other
// project's stack competes with them. The long versions: `npm run test:soak`.
export default defineProject({
  test: {
    name: 'fire',
    include: ['**/*.test.ts'],
    exclude: ['**/*.soak.test.ts'],
    environment: 'node',
    maxWorkers: 2,
    sequence: { groupOrder: 1 },
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
