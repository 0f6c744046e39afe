// `npm run docs:settings`: writes the collector's settings table (worker/src/config/setting-table.ts)
// into docs/collector.md between its markers. A test fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTypeScript, repoRoot } from './import-typescript.mjs';

const { FILES_WITH_SETTINGS_TABLE, withSettingsTable } = await importTypeScript(
  'tooling/docs/settings-table.ts',
  'docs-settings.mjs',
);
for (const file of FILES_WITH_SETTINGS_TABLE) {
  const path = join(repoRoot, file);
  const before = readFileSync(path, 'utf8');
  const after = withSettingsTable(before);
  if (after !== before) writeFileSync(path, after);
  console.log(`${file}: ${after === before ? 'up to date' : 'table rewritten'}`);
}
