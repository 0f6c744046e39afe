import { defineProject } from 'vitest/config';

// The emulator's contract tests: the emulator runs in-process (createEmulator().fetch), except
// in workerd.test.ts, which starts it under workerd through Miniflare.
export default defineProject({
  test: { name: 'emulator', include: ['**/*.test.ts'], environment: 'node' },
});
