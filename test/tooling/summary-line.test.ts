import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';

describe("the run's closing summary line", () => {
  it('counts a file whose beforeAll failed as a failure, not as skipped tests alone', () => {
    const config = join(import.meta.dirname, 'fixtures/failing-hook/vitest.config.ts');
    const run = spawnSync(join(REPO_ROOT, 'node_modules/.bin/vitest'), ['run', '-c', config], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/^tests: 0 passed, 1 failed, 2 skipped$/m);
  });
});
