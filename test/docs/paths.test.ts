import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';
import { readRepoFile, userMarkdownFiles } from './markdown-files.ts';

/**
 * A `code` span names a repository path when it is a relative path with a folder and a file
 * ending, or a top-level file; host names (`cdn.example/x.js`), URL paths (`/pj/collect`) and
 * patterns (`*`, `{id}`, `…`) are not.
 */
const REPOSITORY_PATH =
  /^(?:\.ci\/|[A-Za-z0-9_-]+\/)[\w./-]*(?:\.(?:ts|mjs|js|json|toml|md|css|html|txt|csv)|\/)$|^(?:README|ARCHITECTURE|CHANGELOG)\.md$|^(?:package\.json|wrangler\.toml)$/;
const NOT_OURS = /^node_modules\//;
/** Built by `npm run build`, so absent from a fresh clone until then. */
const BUILT = /^(?:dist\/|worker\/src\/generated\/)/;

/** Paths a Markdown file cites: link targets, and `code` spans that name a repository path. */
function citedPaths(file: string, markdown: string): string[] {
  const paths = new Set<string>();
  for (const [, target = ''] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^(?:[a-z]+:|#)/i.test(target)) continue;
    const withoutAnchor = target.replace(/#.*$/, '');
    if (withoutAnchor !== '') paths.add(normalize(join(dirname(file), withoutAnchor)));
  }
  for (const [, span = ''] of markdown.matchAll(/`([^`\s]+)`/g)) {
    const path = span.replace(/[:#].*$/, '');
    if (REPOSITORY_PATH.test(path) && !NOT_OURS.test(path) && !/[*{}<>…]/.test(path)) {
      paths.add(path.replace(/\/$/, ''));
    }
  }
  return [...paths].filter((path) => !BUILT.test(path));
}

describe('the docs', () => {
  it.each(userMarkdownFiles())('%s cites only paths that exist in the repository', (file) => {
    const missing = citedPaths(file, readRepoFile(file)).filter(
      (path) => !existsSync(join(REPO_ROOT, path)),
    );
    expect(missing).toEqual([]);
  });

  it.each(userMarkdownFiles())('%s cites nothing outside the repository', (file) => {
    const markdown = readRepoFile(file);
    expect(markdown).not.toMatch(/\.\.\/shared\/|API-CONTRACT|FACTS\.md|STYLE\.md/);
  });

  it('finds a path that does not exist (the check can fail)', () => {
    expect(
      citedPaths('docs/x.md', 'see [it](../worker/src/nope.ts) and `shared/src/nope.ts`'),
    ).toEqual(['worker/src/nope.ts', 'shared/src/nope.ts']);
  });
});
