import { defineProject } from 'vitest/config';

// The docs: every path they cite exists, nothing they cite lies outside the repository, and what
// they show from the code (the settings table) is what the code says.
export default defineProject({
  test: { name: 'docs', include: ['**/*.test.ts'], environment: 'node' },
});
