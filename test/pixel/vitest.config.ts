import { defineProject } from 'vitest/config';

// Pure logic of the browser pixel, run in Node against small real Storage implementations.
// Whatever depends on a real browser is tested in Chromium (test/browser).
export default defineProject({
  test: { name: 'pixel', include: ['**/*.test.ts'], environment: 'node' },
});
