/** The browser rate limit the test configuration sets (per client address, per minute). */
export const TEST_BROWSER_RATE_LIMIT = 20;
