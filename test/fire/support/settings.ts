/**
 * The collector's settings every fire suite starts from: retries after 0.5 to 1 s and an 800 ms
 * upstream timeout, so that outages recover in seconds; warnings and errors logged.
 */
export const FAST_RECOVERY_VARS: Readonly<Record<string, string>> = {
  RETRY_BASE_DELAY_SECONDS: '1',
  RETRY_MAX_DELAY_SECONDS: '1',
  AUTH_RETRY_DELAY_SECONDS: '1',
  UPSTREAM_TIMEOUT_MS: '800',
  LOG_LEVEL: 'warn',
};
