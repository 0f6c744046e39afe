import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';

export { REPO_ROOT };

/** A file of the repository as text. */
export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/**
 * A `name = value` setting of a TOML or JS source, read with a pattern rather than a parser:
 * the benchmark only needs a few plain values, and failing loudly beats a silent default.
 *
 * @throws Error naming the file and setting when it is not there.
 */
export function readSetting(path: string, pattern: RegExp): string {
  const match = pattern.exec(readRepoFile(path));
  if (match?.[1] === undefined) throw new Error(`${path}: no ${pattern.source} found`);
  return match[1];
}
