import {
  BINDINGS,
  type BindingName,
  SETTINGS,
  type Setting,
} from '#worker/config/setting-table.ts';
import { markdownTable } from './markdown-table.ts';

const BINDING_KINDS: Record<(typeof BINDINGS)[BindingName]['kind'], string> = {
  kv: 'KV binding',
  queue: 'Queue producer',
  ratelimit: 'Rate Limiting',
};

/** The settings table of docs/collector.md, from the collector's setting table. */
export function renderSettingsTable(): string {
  const rows: string[][] = [];
  for (const [name, row] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
    const kind = row.required ? `${row.kind}, **required**` : row.kind;
    rows.push([`\`${name}\``, kind, defaultText(row), row.doc]);
  }
  for (const [name, binding] of Object.entries(BINDINGS)) {
    rows.push([`\`${name}\``, `${BINDING_KINDS[binding.kind]}, **required**`, '—', binding.doc]);
  }
  return markdownTable(['setting', 'kind', 'default', 'meaning'], rows);
}

function defaultText(row: Setting<unknown>): string {
  if (row.defaultDoc !== undefined) return row.defaultDoc;
  if (typeof row.default === 'string') return `\`${row.default}\``;
  return '—';
}
