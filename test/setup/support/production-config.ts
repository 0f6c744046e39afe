import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';

/**
 * The repository's wrangler.toml as a shop fills it in: every `REPLACE_…` placeholder of
 * `[env.production]` replaced, the paths made absolute so the copy works from a temporary
 * directory. Returns its path and a cleanup.
 */
export function filledInConfig(): { path: string; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'pjcollector-setup-'));
  const filled = readFileSync(join(REPO_ROOT, 'wrangler.toml'), 'utf8')
    .replaceAll('REPLACE_WITH_PIXEL_ID', '52907745-7672-470e-a803-a2f8feb52944')
    .replaceAll('REPLACE_WITH_CLIENT_ID', 'shop-client-id')
    .replaceAll('REPLACE_shop.example', 'shop.example')
    .replace(/^main = "([^"]+)"/m, (_, path: string) => `main = "${join(REPO_ROOT, path)}"`)
    .replace(
      /^directory = "([^"]+)"/m,
      (_, path: string) => `directory = "${join(REPO_ROOT, path)}"`,
    )
    .replace(
      /^command = "node ([^"]+)"/m,
      (_, path: string) => `command = "node ${join(REPO_ROOT, path)}"`,
    );
  const path = join(directory, 'wrangler.toml');
  writeFileSync(path, filled);
  return { path, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
