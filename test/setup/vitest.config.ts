import { defineProject } from 'vitest/config';

// `npm run setup`: its plan, and the real wrangler commands it runs against a local stand-in of
// Cloudflare's API that records every call (no account, no network).
export default defineProject({
  test: { name: 'setup', include: ['**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
});
