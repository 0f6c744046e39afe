import { unstable_readConfig } from 'wrangler';
import { SETTINGS } from '#worker/config/setting-table.ts';
import type { Requirements } from './plan.ts';

/**
 * What each secret of the collector is for, as setup asks for it. A secret of the setting table
 * without a line here fails a test, so a new one cannot be left out of setup.
 */
export const SECRET_PURPOSES: Record<string, string> = {
  PRISJAKT_CLIENT_SECRET:
    "the Prisjakt API client's secret (needed for DELIVERY_MODE=batch; leave empty to skip)",
  SERVER_TOKEN:
    "the bearer token of the shop backend's server-to-server route (at least 16 characters; leave empty to keep the route off)",
  ADMIN_TOKEN:
    'the bearer token of the dead-letter admin (at least 16 characters; leave empty to keep it off)',
};

/** The collector's secrets, in the setting table's order. */
export function collectorSecrets(): string[] {
  return Object.entries(SETTINGS)
    .filter(([, setting]) => setting.kind === 'secret')
    .map(([name]) => name);
}

/**
 * Reads what `environment` of a wrangler configuration asks of the account, through wrangler's
 * own reader (so environments inherit exactly as on deploy).
 *
 * @example readRequirements('wrangler.toml', 'production')
 */
export function readRequirements(configPath: string, environment: string): Requirements {
  const config = unstable_readConfig({ config: configPath, env: environment });
  const queues = new Set<string>();
  for (const producer of config.queues.producers ?? []) queues.add(producer.queue);
  for (const consumer of config.queues.consumers ?? []) {
    queues.add(consumer.queue);
    if (consumer.dead_letter_queue) queues.add(consumer.dead_letter_queue);
  }
  const placeholders: string[] = [];
  for (const [name, value] of Object.entries(config.vars ?? {})) {
    if (typeof value === 'string' && value.includes('REPLACE_')) placeholders.push(name);
  }
  for (const route of config.routes ?? []) {
    if (JSON.stringify(route).includes('REPLACE_')) placeholders.push('routes');
  }
  return {
    workerName: config.name ?? '',
    environment,
    queues: [...queues],
    kvNamespaces: config.kv_namespaces.map(({ binding, id }: { binding: string; id?: string }) =>
      id ? { binding, id } : { binding },
    ),
    secrets: collectorSecrets().map((name) => ({
      name,
      purpose: SECRET_PURPOSES[name] ?? name,
    })),
    placeholders: [...new Set(placeholders)],
  };
}
