// Proves the collector deploys: `wrangler deploy --dry-run` bundles it, with the pixel freshly
// built by the `[build]` command, for the local configuration and for `--env production`.
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

const ENVIRONMENTS = [
  { label: 'local (top level)', flag: '--env=' },
  { label: 'production', flag: '--env=production' },
];

let failed = false;
for (const { label, flag } of ENVIRONMENTS) {
  const env = flag.slice('--env='.length) || undefined;
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
    const pixelTag = readGeneratedEtagToken();
    if (pixelTag === undefined || !bundle.includes(pixelTag)) {
      console.error(
        `check:deploy ${label}: FAILED (the bundle does not hold the freshly built pixel)`,
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

/** The ETag's opaque part, as pixel/build.mjs wrote it when wrangler ran the build. */
function readGeneratedEtagToken() {
  const source = readFileSync(
    new URL('../../worker/src/generated/pixel.ts', import.meta.url),
    'utf8',
  );
  const match = /PIXEL_ETAG = "\\"([A-Za-z0-9_-]+)\\"";/.exec(source);
  return match?.[1];
}
