import { escapeControlCharacters } from '#shared/terminal-text.ts';

export type Alignment = 'left' | 'right';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: Alignment;
}

/**
 * A plain-text table for a terminal: a header, a rule, one line per row, columns padded to
 * their widest cell. Every cell is passed through {@link escapeControlCharacters}, since cells
 * hold what the API or a shop's file sent.
 *
 * @example renderTable(rows, [{ header: 'date', value: (r) => r.date }])
 */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => escapeControlCharacters(column.value(row))),
  );
  const headers = columns.map((column) => column.header);
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...cells.map((line) => (line[index] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => {
        const width = widths[index] ?? 0;
        return columns[index]?.align === 'right' ? value.padStart(width) : value.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)]
    .map((text) => `${text}\n`)
    .join('');
}
