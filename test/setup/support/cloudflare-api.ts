import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the few Cloudflare API v4 routes `npm run setup` reaches through
 * wrangler, answering in the API's envelope (`{ success, errors, messages, result,
 * result_info }`) with the fields wrangler 4.86 reads: queues (`queue_id`, `queue_name`, …),
 * KV namespaces (`id`, `title`), Worker secrets (`name`, `type`). A secret list for a Worker the
 * account lacks is the API's 404 with code 10007, as wrangler expects it. Any other route is the
 * API's "No route for that URI" (7003). Every call is recorded.
 */
export interface CloudflareStandIn {
  /** `CLOUDFLARE_API_BASE_URL` for wrangler. */
  baseUrl: string;
  /** `METHOD /path` of every call, in order (paths from `/accounts/…`, query dropped). */
  calls: string[];
  /** Bodies of the secret uploads wrangler made. */
  secretUploads: { name: string; text: string }[];
  stop(): Promise<void>;
}

export interface AccountFixture {
  queues?: string[];
  kvNamespaces?: string[];
  /** Secret names of the deployed Worker; absent: no Worker is deployed. */
  workerSecrets?: string[];
}

export const ACCOUNT_ID = '0123456789abcdef0123456789abcdef';

export async function startCloudflareStandIn(account: AccountFixture): Promise<CloudflareStandIn> {
  const queues = [...(account.queues ?? [])];
  const calls: string[] = [];
  const secretUploads: { name: string; text: string }[] = [];
  const send = (response: ServerResponse, status: number, body: Record<string, unknown>) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ success: status < 400, errors: [], messages: [], ...body }));
  };
  const queue = (name: string, index: number) => ({
    queue_id: `queue-${index}`,
    queue_name: name,
    created_on: '2026-12-01T00:00:00.000Z',
    modified_on: '2026-12-01T00:00:00.000Z',
    producers: [],
    producers_total_count: 0,
    consumers: [],
    consumers_total_count: 0,
    settings: {},
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const path = url.pathname
      .replace(/^\/client\/v4/, '')
      .replace(`/accounts/${ACCOUNT_ID}`, '/accounts/:account');
    calls.push(`${request.method} ${path}`);
    const page = Number(url.searchParams.get('page') ?? 1);
    if (request.method === 'GET' && path === '/accounts/:account/queues') {
      const result = page === 1 ? queues.map(queue) : [];
      return send(response, 200, {
        result,
        result_info: { page, per_page: 100, count: result.length, total_count: queues.length },
      });
    }
    if (request.method === 'POST' && path === '/accounts/:account/queues') {
      const { queue_name } = JSON.parse(body) as { queue_name: string };
      queues.push(queue_name);
      return send(response, 200, { result: queue(queue_name, queues.length) });
    }
    if (request.method === 'GET' && path === '/accounts/:account/storage/kv/namespaces') {
      // wrangler asks page after page until one comes back empty.
      const all = (account.kvNamespaces ?? []).map((title, index) => ({
        id: `kv-${index}`,
        title,
      }));
      const result = page === 1 ? all : [];
      return send(response, 200, {
        result,
        result_info: { page, per_page: 1000, count: result.length, total_count: all.length },
      });
    }
    const secrets = /^\/accounts\/:account\/workers\/scripts\/[^/]+\/secrets$/.test(path);
    if (secrets && request.method === 'GET') {
      if (account.workerSecrets === undefined) {
        return send(response, 404, {
          errors: [{ code: 10007, message: 'workers.api.error.script_not_found' }],
          result: null,
        });
      }
      return send(response, 200, {
        result: account.workerSecrets.map((name) => ({ name, type: 'secret_text' })),
      });
    }
    if (secrets && request.method === 'PUT') {
      const { name, text } = JSON.parse(body) as { name: string; text: string };
      secretUploads.push({ name, text });
      return send(response, 200, { result: { name, type: 'secret_text' } });
    }
    return send(response, 404, {
      errors: [{ code: 7003, message: 'No route for that URI' }],
      result: null,
    });
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, { result: null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    calls,
    secretUploads,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
