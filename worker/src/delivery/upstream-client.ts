import { PrisjaktClient, type PrisjaktClientOptions } from '#shared/client/index.ts';
import type { CollectorConfig } from '../config/settings.ts';

/**
 * The API client delivery uses: credentials from the Worker's settings (never from a request),
 * and no waiting on 429 inside the call, since the queue's delayed retry waits without holding
 * a consumer.
 */
export function createUpstreamClient(config: CollectorConfig): PrisjaktClient {
  const { baseUrl, clientId, clientSecret, timeoutMs } = config.upstream;
  const options: PrisjaktClientOptions = { baseUrl, clientId, timeoutMs, maxRateLimitRetries: 0 };
  if (clientSecret !== undefined) options.clientSecret = clientSecret;
  return new PrisjaktClient(options);
}
