import { defineConfig } from 'vitest/config';
import { SummaryLineReporter } from '#test/support/summary-reporter.ts';

// Each suite is its own project with its own runtime: Node for the shared code, the emulator,
// the client and the pixel's logic; workerd (the Workers pool) for the collector; Node driving
// Chromium and wrangler dev for the browser, demo and fire suites.
export default defineConfig({
  test: {
    projects: ['test/*/vitest.config.ts'],
    reporters: ['default', new SummaryLineReporter()],
  },
});
