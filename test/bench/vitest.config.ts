import { defineProject } from 'vitest/config';

// The benchmark's own arithmetic and harness: statistics, trace reading, the cost model, the
// table, and the micro-benchmark run for real (briefly) in workerd against the collector.
export default defineProject({
  test: { name: 'bench', include: ['**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
