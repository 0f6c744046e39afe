// `npm run docs`: rewrites what the docs show from code and measurements (the settings table,
// the benchmark figures) between their markers, each from its one source. A test fails while
// one is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTypeScript, repoRoot } from './import-typescript.mjs';

const { FILES_WITH_GENERATED_BLOCKS, withGeneratedBlocks } = await importTypeScript(
  'tooling/docs/generated-blocks.ts',
  'docs.mjs',
);
for (const file of FILES_WITH_GENERATED_BLOCKS) {
  const path = join(repoRoot, file);
  const before = readFileSync(path, 'utf8');
  const after = withGeneratedBlocks(before);
  if (after !== before) writeFileSync(path, after);
  console.log(`${file}: ${after === before ? 'up to date' : 'rewritten'}`);
}
