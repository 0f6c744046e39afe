import { type Command, stringOption } from '../command.ts';
import { apiSettings } from '../config.ts';
import { EXIT, UsageError } from '../errors.ts';
import { API_OPTIONS, OUTPUT_OPTIONS, RANGE_OPTIONS } from '../options.ts';
import { csvRecord } from '../output/csv.ts';
import { safeJson } from '../output/output.ts';
import { renderTable } from '../output/table.ts';
import { readRange } from '../range.ts';
import { type DailyTotals, fetchDailyTotals, money } from '../report/daily-totals.ts';
import { renderHtmlReport } from '../report/html.ts';

const FORMATS = ['table', 'csv', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

function renderReport(totals: DailyTotals, format: Format, pixelId: string): string {
  switch (format) {
    case 'json':
      return `${safeJson(
        {
          pixel_id: pixelId,
          from: totals.range.from,
          to: totals.range.to,
          time_zone: totals.timeZone,
          days: totals.days,
          totals: totals.totals,
        },
        2,
      )}\n`;
    case 'csv':
      return [
        csvRecord(['date', 'currency', 'purchases', 'revenue']),
        ...totals.days.map((day) =>
          csvRecord([day.date, day.currency, day.purchases, money(day.revenue)]),
        ),
      ].join('');
    case 'html':
      return renderHtmlReport(totals, pixelId);
    case 'table': {
      const rows = [...totals.days, ...totals.totals.map((total) => ({ date: 'total', ...total }))];
      const table = renderTable(rows, [
        { header: 'date', value: (row) => row.date },
        { header: 'currency', value: (row) => row.currency },
        { header: 'purchases', value: (row) => String(row.purchases), align: 'right' },
        { header: 'revenue', value: (row) => money(row.revenue), align: 'right' },
      ]);
      const heading = `Purchases ${totals.range.from} to ${totals.range.to} (days in ${totals.timeZone})\n`;
      return totals.days.length === 0 ? `${heading}no purchases\n` : heading + table;
    }
  }
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'purchases and revenue per day and currency, as a table, CSV, JSON or an HTML chart',
  synopsis: 'report [--from DATE] [--to DATE] [--format table|csv|json|html] [--output FILE]',
  description:
    "Reads Prisjakt's purchase summary for the pixel, per day (in the API's time zone) and currency. Ranges over 60 days are read in 60-day windows. Default range: the last 30 days. --json is --format json.",
  options: {
    ...RANGE_OPTIONS,
    format: { type: 'string', value: 'FORMAT', description: 'table (default), csv, json or html' },
    ...OUTPUT_OPTIONS,
    ...API_OPTIONS,
  },
  async run({ io, values, output }) {
    const formatText = stringOption(values, 'format') ?? (values.json === true ? 'json' : 'table');
    if (!FORMATS.includes(formatText as Format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    }
    const format = formatText as Format;
    const range = readRange(values, io.now());
    const { client, pixelId } = apiSettings(io, values, output);
    const totals = await fetchDailyTotals(client, pixelId, range, (done, total) =>
      output.progress(`reading the summary: window ${done} of ${total}`),
    );
    output.done();
    const text = renderReport(totals, format, pixelId);
    const file = stringOption(values, 'output');
    if (file === undefined) output.write(text);
    else {
      await io.writeFile(file, text);
      output.note(`wrote ${file} (${totals.days.length} day rows, ${totals.windows} API windows)`);
    }
    return EXIT.ok;
  },
};
