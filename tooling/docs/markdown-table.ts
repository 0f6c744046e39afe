/**
 * A Markdown table laid out as the repository's formatter lays it out (every column padded to
 * its widest cell), so that a generated table and a formatted one are the same text.
 */
export function markdownTable(header: string[], rows: string[][]): string {
  const escapePipes = (cell: string) => cell.replaceAll('|', '\\|');
  const all = [header, ...rows].map((row) => row.map(escapePipes));
  const widths = header.map((_, column) =>
    Math.max(3, ...all.map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - [...cell].length)).join(' | ')} |`;
  const [head = [], ...body] = all;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
