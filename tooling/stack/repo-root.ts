import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root: the nearest directory above this file that holds both `package.json`
 * and `wrangler.toml`. Found by walking up rather than by a fixed `../..`, because `npm start`
 * runs this code bundled from `node_modules/.cache/`, and the tests run it from source.
 */
function findRepoRoot(start: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json')) && existsSync(join(directory, 'wrangler.toml')))
      return directory;
    if (dirname(directory) === directory) {
      throw new Error(`no pjcollector checkout (package.json and wrangler.toml) above ${start}`);
    }
  }
}

/** The repository's root: wrangler runs there, so `wrangler.toml` paths resolve as documented. */
// import.meta.url rather than import.meta.dirname, which Node 20 only has from 20.11.
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
