import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';
import { ACCOUNT_ID } from './cloudflare-api.ts';

/** The real `npm run setup` entry, its wrangler pointed at `apiBaseUrl`, stdin not a terminal. */
export function runSetupScript(
  args: string[],
  apiBaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'tooling/scripts/setup.mjs'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CLOUDFLARE_API_BASE_URL: apiBaseUrl,
        CLOUDFLARE_API_TOKEN: 'stand-in-token',
        CLOUDFLARE_ACCOUNT_ID: ACCOUNT_ID,
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
