/**
 * CSV as RFC 4180 writes it, which is what Shopify's and WooCommerce's exports produce: fields
 * separated by commas, quoted with `"` when they hold a comma, a quote or a line break, quotes
 * doubled inside, records ended by CRLF (a bare LF is accepted too). A UTF-8 byte-order mark at
 * the start (spreadsheet programs add one) is dropped.
 */

/** Parses CSV text into records of fields. Throws on an unterminated quoted field. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record (a trailing newline, or an empty line a spreadsheet left).
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') endField();
    else if (char === '\n') endRecord();
    else if (char === '\r') {
      if (text[index + 1] !== '\n') endRecord();
    } else {
      field += char;
      fieldStarted = true;
    }
    index += 1;
  }
  if (quoted) throw new SyntaxError('the file ends inside a quoted field');
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** One CSV field, quoted only when it must be. */
export function csvField(value: string | number | undefined | null): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF. */
export function csvRecord(values: readonly (string | number | undefined | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
