import { defineConfig } from 'vitest/config';

// Each suite is its own project with its own runtime: Node for the shared code, the emulator
// and the client; workerd (the Workers pool) for the collector; Node driving Chromium for the
// browser tests.
export default defineConfig({
  test: {
    projects: ['test/*/vitest.config.ts'],
  },
});
