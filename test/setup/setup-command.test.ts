import { afterEach, describe, expect, it } from 'vitest';
import { type CloudflareStandIn, startCloudflareStandIn } from './support/cloudflare-api.ts';
import { filledInConfig } from './support/production-config.ts';
import { runSetupScript } from './support/run-setup.ts';

// `npm run setup` end to end: the real script runs the real wrangler, whose API calls go to a
// local stand-in that records them (CLOUDFLARE_API_BASE_URL). That the plan is built from what
// wrangler itself lists, and that a dry run only reads, is shown by the calls it made.

let api: CloudflareStandIn | undefined;
const config = filledInConfig();
afterEach(async () => {
  await api?.stop();
  api = undefined;
});
process.on('exit', () => config.remove());

const LISTS = [
  'GET /accounts/:account/queues',
  'GET /accounts/:account/storage/kv/namespaces',
  'GET /accounts/:account/workers/scripts/pjcollector/secrets',
];

describe('npm run setup --dry-run', () => {
  it('on a fresh account: creates both queues, deploys (creating the KV namespaces), asks for every secret', async () => {
    api = await startCloudflareStandIn({});
    const { code, output } = await runSetupScript(
      ['--dry-run', '--config', config.path],
      api.baseUrl,
    );
    expect(code).toBe(0);
    expect(output).toContain(
      [
        'Steps:',
        '  + create queue pjcollector-events  (wrangler queues create pjcollector-events)',
        '  + create queue pjcollector-dead-letters  (wrangler queues create pjcollector-dead-letters)',
        '  + deploy  (wrangler deploy --env production, which creates KV namespaces pjcollector-dedupe, pjcollector-dead-letters)',
        '  + set secret PRISJAKT_CLIENT_SECRET: ',
      ].join('\n'),
    );
    expect(output).toContain('  + set secret SERVER_TOKEN: ');
    expect(output).toContain('  + set secret ADMIN_TOKEN: ');
    expect(output).toContain('Dry run: nothing was changed.');
    expect(new Set(api.calls)).toEqual(new Set(LISTS));
  });

  it('on an account that has everything: nothing to create or ask, only the deploy', async () => {
    api = await startCloudflareStandIn({
      queues: ['pjcollector-events', 'pjcollector-dead-letters'],
      kvNamespaces: ['pjcollector-dedupe', 'pjcollector-dead-letters'],
      workerSecrets: ['PRISJAKT_CLIENT_SECRET', 'SERVER_TOKEN', 'ADMIN_TOKEN'],
    });
    const { code, output } = await runSetupScript(
      ['--dry-run', '--config', config.path],
      api.baseUrl,
    );
    expect(code).toBe(0);
    expect(output).toContain(
      [
        'Steps:',
        '  + deploy  (wrangler deploy --env production)',
        'Left as they are:',
        '  = queue pjcollector-events',
        '  = queue pjcollector-dead-letters',
        '  = KV namespace DEDUPE (kept by the deployed Worker)',
        '  = KV namespace DEAD_LETTERS (kept by the deployed Worker)',
        '  = secret PRISJAKT_CLIENT_SECRET',
        '  = secret SERVER_TOKEN',
        '  = secret ADMIN_TOKEN',
      ].join('\n'),
    );
    expect(new Set(api.calls)).toEqual(new Set(LISTS));
  });

  it('refuses the repository file as it is: its placeholders would be deployed', async () => {
    api = await startCloudflareStandIn({});
    const { code, output } = await runSetupScript(['--dry-run'], api.baseUrl);
    expect(code).toBe(1);
    expect(output).toContain(
      '  ! PIXEL_IDS still holds a REPLACE_… placeholder: set it in wrangler.toml',
    );
  });
});

describe('npm run setup', () => {
  it('creates the missing queues, and sets no secret when the deploy fails', async () => {
    api = await startCloudflareStandIn({});
    const secret = 'stand-in-client-secret-value';
    const { code, output } = await runSetupScript(['--config', config.path], api.baseUrl, {
      PRISJAKT_CLIENT_SECRET: secret,
    });
    expect(code).toBe(1);
    expect(api.calls.filter((call) => call.startsWith('POST'))).toEqual([
      'POST /accounts/:account/queues',
      'POST /accounts/:account/queues',
    ]);
    expect(output).toContain('Created queue pjcollector-events.');
    expect(output).toContain('Created queue pjcollector-dead-letters.');
    expect(output).toContain('wrangler deploy failed');
    expect(api.secretUploads).toEqual([]);
    expect(output).not.toContain(secret);
  });
});
