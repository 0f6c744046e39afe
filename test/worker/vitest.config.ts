import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

import { TEST_BROWSER_RATE_LIMIT } from './support/limits.ts';

// The collector under workerd with its real wrangler.toml bindings (KV, queues, rate limiters),
// pointed at the emulator that global-setup.ts starts. Queue batches flush after 50 ms and
// retries come back at once, so delivery paths run in milliseconds.
export default defineProject({
  plugins: [
    cloudflareTest(({ inject }) => ({
      main: '../../worker/src/index.ts',
      wrangler: { configPath: '../../wrangler.toml' },
      miniflare: {
        bindings: {
          PRISJAKT_API_URL: inject('emulatorUrl'),
          RETRY_BASE_DELAY_SECONDS: '0',
          RETRY_MAX_DELAY_SECONDS: '0',
          AUTH_RETRY_DELAY_SECONDS: '0',
          UPSTREAM_TIMEOUT_MS: '1000',
          // The emulator's faults answer 429 with no quota left, and the collector remembers
          // that per isolate: unbounded here, so one file's 429 does not hold back the next
          // file's beacons. delivery.lanes.test.ts sets the share it tests.
          UNVERIFIED_QUOTA_PERCENT: '100',
          // Info lines would drown the report; tests that read them raise the level themselves.
          LOG_LEVEL: 'error',
        },
        // Replaces wrangler.toml's consumer settings whole (Miniflare merges shallowly), so
        // everything but the batch timeout repeats them.
        queueConsumers: {
          'pjcollector-events': {
            maxBatchSize: 100,
            maxBatchTimeout: 0.05,
            maxRetries: 100,
            deadLetterQueue: 'pjcollector-dead-letters',
          },
          'pjcollector-dead-letters': { maxBatchSize: 100, maxBatchTimeout: 0.05, maxRetries: 100 },
        },
        ratelimits: {
          BROWSER_RATE_LIMITER: { simple: { limit: TEST_BROWSER_RATE_LIMIT, period: 60 } },
        },
      },
    })),
  ],
  test: {
    name: 'worker',
    include: ['**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    // One emulator serves every file, and its faults and counters are global: files run one
    // after another so one file's injected outage cannot hit another's events.
    fileParallelism: false,
    testTimeout: 20_000,
  },
});
