import type { Conversion, StoredEvent } from '#shared/client/index.ts';
import { escapeControlCharacters } from '#shared/terminal-text.ts';
import { type Command, flag, stringOption } from '../command.ts';
import { apiSettings } from '../config.ts';
import { EXIT, UsageError } from '../errors.ts';
import { API_OPTIONS, OUTPUT_OPTIONS, RANGE_OPTIONS } from '../options.ts';
import { csvRecord } from '../output/csv.ts';
import { safeJson } from '../output/output.ts';
import { readRange } from '../range.ts';

/**
 * A text field for a CSV that a spreadsheet will open: control characters escaped, and a
 * leading `=`, `+`, `-`, `@` quoted with `'` so the cell is not run as a formula (OWASP, "CSV
 * Injection"). Ids and URLs in events come from shoppers' browsers.
 */
export function spreadsheetText(value: string | undefined): string {
  if (value === undefined) return '';
  const text = escapeControlCharacters(value);
  return /^[=+\-@\t]/.test(text) ? `'${text}` : text;
}

const EVENT_COLUMNS = [
  'id',
  'event_time',
  'external_event_id',
  'amount',
  'currency',
  'number_of_items',
  'click_id',
];
const eventRow = (event: StoredEvent) => [
  spreadsheetText(event.id),
  spreadsheetText(event.event_time),
  spreadsheetText(event.external_event_id),
  event.data.amount,
  spreadsheetText(event.data.currency),
  event.data.number_of_items,
  spreadsheetText(event.click_id),
];

const CONVERSION_COLUMNS = [
  'purchase_id',
  'purchase_time',
  'amount',
  'currency',
  'number_of_items',
  'click_time',
  'landing_url',
  'product_id',
  'product_name',
  'offer_id',
];
const conversionRow = (conversion: Conversion) => [
  spreadsheetText(conversion.purchase?.id),
  spreadsheetText(conversion.purchase?.timestamp),
  conversion.purchase?.amount,
  spreadsheetText(conversion.purchase?.currency),
  conversion.purchase?.numberOfItems,
  spreadsheetText(conversion.forwarding?.timestamp),
  spreadsheetText(conversion.forwarding?.url),
  spreadsheetText(conversion.forwarding?.product?.id),
  spreadsheetText(conversion.forwarding?.product?.name),
  spreadsheetText(conversion.forwarding?.offerId),
];

export const exportCommand: Command = {
  name: 'export',
  summary: 'every event (or conversion) in a range, as JSON lines or CSV',
  synopsis: 'export [--from DATE] [--to DATE] [--conversions] [--format jsonl|csv] [--output FILE]',
  description:
    "Reads every event of the pixel (--conversions: every conversion, i.e. purchase joined with its click) in 60-day windows, following the Link header's next pages, and writes each once (by id), newest first. Default range: the last 30 days. CSV text fields have control characters escaped and formula characters quoted, for spreadsheets.",
  options: {
    ...RANGE_OPTIONS,
    conversions: { type: 'boolean', description: 'export conversions instead of events' },
    format: { type: 'string', value: 'FORMAT', description: 'jsonl (default) or csv' },
    ...OUTPUT_OPTIONS,
    ...API_OPTIONS,
  },
  async run({ io, values, output }) {
    const format = stringOption(values, 'format') ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv')
      throw new UsageError('--format must be jsonl or csv');
    const conversions = flag(values, 'conversions');
    const range = readRange(values, io.now());
    const { client, pixelId } = apiSettings(io, values, output);
    const file = stringOption(values, 'output');
    const chunks: string[] = [];
    const emit = (text: string) => (file === undefined ? output.write(text) : chunks.push(text));
    const what = conversions ? 'conversions' : 'events';

    if (format === 'csv') emit(csvRecord(conversions ? CONVERSION_COLUMNS : EVENT_COLUMNS));
    const seen = new Set<string>();
    let count = 0;
    const items: AsyncIterable<StoredEvent | Conversion> = conversions
      ? client.iterateConversions(pixelId, range)
      : client.iterateEvents(pixelId, range);
    for await (const item of items) {
      // The client already drops repeats between neighbouring windows; this holds for the
      // whole range, whatever the API does.
      const id = conversions ? (item as Conversion).purchase?.id : (item as StoredEvent).id;
      if (typeof id === 'string') {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      count += 1;
      if (format === 'jsonl') emit(`${safeJson(item)}\n`);
      else
        emit(
          csvRecord(
            conversions ? conversionRow(item as Conversion) : eventRow(item as StoredEvent),
          ),
        );
      if (count % 100 === 0) output.progress(`exported ${count} ${what}…`);
    }
    output.done();
    if (file !== undefined) await io.writeFile(file, chunks.join(''));
    output.note(`exported ${count} ${what} from ${range.from} to ${range.to}`);
    return EXIT.ok;
  },
};
