// Proves the collector deploys: `wrangler deploy --dry-run` bundles it after the `[build]`
// command has built the pixel, for the local configuration and for `--env production`, and the
// pixel is in the `[assets]` directory at the path the environment's route serves
// (`{BASE_PATH}/pjpixel.js`), with its headers rule, and not in the Worker's bundle.
// Nothing is uploaded. Run by `npm test` (npm run check:deploy).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importTypeScript } from './import-typescript.mjs';

// Reading the configuration, wrangler repeats the warning that the production secrets are not
// vars, which wrangler.toml explains is intended: quiet here, while the dry runs below, which
// get the environment as it was, still show their warnings when they fail.
const dryRunEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};
process.env.WRANGLER_LOG ??= 'error';
const { unstable_readConfig } = await import('wrangler');

const { queueNameProblems } = await importTypeScript(
  'tooling/scripts/queue-names.ts',
  'queue-names.mjs',
);

const ROOT = new URL('../..', import.meta.url).pathname;
const ENVIRONMENTS = [
  { label: 'local (top level)', flag: '--env=', env: undefined },
  { label: 'production', flag: '--env=production', env: 'production' },
];

let failed = false;
for (const { label, flag, env } of ENVIRONMENTS) {
  const problems = queueNameProblems(unstable_readConfig({ config: 'wrangler.toml', env }));
  for (const problem of problems) console.error(`check:deploy ${label}: ${problem}`);
  if (problems.length > 0) {
    console.error(`check:deploy ${label}: FAILED (queue names do not match)`);
    failed = true;
    continue;
  }
  const outdir = mkdtempSync(join(tmpdir(), 'pjcollector-deploy-'));
  try {
    const result = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', flag, '--outdir', outdir], {
      encoding: 'utf8',
      env: dryRunEnv,
    });
    const bundlePath = join(outdir, 'index.js');
    if (result.status !== 0 || !existsSync(bundlePath)) {
      console.error(result.stdout, result.stderr);
      console.error(`check:deploy ${label}: FAILED (wrangler exited ${result.status})`);
      failed = true;
      continue;
    }
    const bundle = readFileSync(bundlePath, 'utf8');
    const script = readFileSync(join(ROOT, 'dist/pjpixel.js'), 'utf8');
    const assetProblem = checkScriptAsset(env, script);
    if (assetProblem !== undefined || bundle.includes(script)) {
      console.error(
        `check:deploy ${label}: FAILED (${assetProblem ?? 'the Worker bundle holds the pixel: it must be a static asset only'})`,
      );
      failed = true;
      continue;
    }
    const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
    const bytes = Buffer.byteLength(bundle);
    console.log(`check:deploy ${label}: ok, ${kib(bytes)} (${kib(gzipSync(bundle).length)} gzip)`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);

/**
 * What is wrong with the environment's static asset of the script, or undefined: the file must
 * be the freshly built pixel at `{BASE_PATH}/pjpixel.js` in the `[assets]` directory, with a
 * rule for that path in `_headers`.
 */
function checkScriptAsset(env, script) {
  const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml'), env });
  const directory = config.assets?.directory;
  if (directory === undefined) return 'wrangler.toml has no [assets] directory';
  const basePath = (config.vars.BASE_PATH ?? '').replace(/\/+$/, '');
  const path = join(directory, basePath, 'pjpixel.js');
  if (!existsSync(path)) return `${path} is missing: the route would not find the script`;
  if (readFileSync(path, 'utf8') !== script) return `${path} is not the freshly built pixel`;
  const headers = readFileSync(join(directory, '_headers'), 'utf8');
  if (!headers.split('\n').includes(`${basePath}/pjpixel.js`)) {
    return `_headers has no rule for ${basePath}/pjpixel.js`;
  }
  return undefined;
}
