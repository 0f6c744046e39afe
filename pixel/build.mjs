// Builds the browser pixel into one minified IIFE and lays it out as the collector's static
// asset, so a page view fetches it without invoking the Worker. Writes:
//   dist/pjpixel.js                         the script, for size checks and inspection
//   dist/assets/{BASE_PATH}/pjpixel.js      the same bytes, where the route serves them
//   dist/assets/_headers                    their caching and CORS headers
// `dist/assets` is wrangler.toml's `[assets]` directory. Run by `npm run build`, by `npm test`
// first, and by wrangler before `dev` and `deploy` (the `[build]` command).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ASSETS_DIR = join(root, 'dist/assets');

/**
 * Shops load the script from an unversioned URL, so browsers keep it five minutes and then
 * revalidate with the ETag the asset server gives it (a 304 costs no body); a stale copy may be
 * used for a day while that happens. The default (`max-age=0, must-revalidate`) would cost a
 * round trip on every page view. Public by nature: `*` lets a page load it with `crossorigin`
 * (and Subresource Integrity).
 */
const SCRIPT_HEADERS = [
  'Cache-Control: public, max-age=300, stale-while-revalidate=86400',
  'Access-Control-Allow-Origin: *',
  'X-Content-Type-Options: nosniff',
];

/**
 * Every `BASE_PATH` wrangler.toml sets (the local top level and each environment): the asset
 * server looks a file up by the request's whole path, so the script must sit under the path the
 * collector's route serves (`shop.example/pj/*` → `dist/assets/pj/pjpixel.js`).
 */
function basePaths() {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const paths = [...toml.matchAll(/^BASE_PATH\s*=\s*"([^"]*)"/gm)].map(([, path]) =>
    path.replace(/\/+$/, ''),
  );
  return [...new Set(paths.length > 0 ? paths : ['/pj'])];
}

const result = await build({
  entryPoints: [join(root, 'pixel/src/index.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  // ES2020 (Chrome 80, Safari 13.1, Firefox 72) keeps `?.` and `??` native instead of esbuild's
  // longer lowered forms; every browser the delivery relies on (fetch keepalive) is newer.
  target: ['es2020'],
  // Replaces the tsconfig files for the bundle (type checking uses them, not esbuild): without
  // their `strict`, esbuild leaves out the `"use strict";` prologue, which costs bytes on every
  // page; the bundle is one closure of arrow functions that relies on nothing strict mode changes.
  tsconfigRaw: {},
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
const source = result.outputFiles[0].text;

/**
 * Writes `content` to `path` unless it is there already, by renaming a finished temporary file
 * over it: every `wrangler dev` runs this build as it starts, and one serving these files while
 * another builds must never find one missing or half written.
 */
function writeQuietly(path, content) {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

writeQuietly(join(root, 'dist/pjpixel.js'), source);
const headerRules = [];
for (const basePath of basePaths()) {
  writeQuietly(join(ASSETS_DIR, basePath, 'pjpixel.js'), source);
  headerRules.push(`${basePath}/pjpixel.js`, ...SCRIPT_HEADERS.map((header) => `  ${header}`));
}
writeQuietly(join(ASSETS_DIR, '_headers'), `${headerRules.join('\n')}\n`);
console.log(`pixel: ${Buffer.byteLength(source)} bytes minified → dist/pjpixel.js, dist/assets`);
