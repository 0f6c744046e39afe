import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY, NOW, purchase, useEmulatorCli } from './support/emulator-cli.ts';

const cli = useEmulatorCli();

/** Two purchases a day, every day from 99 days ago to 10 days ago, in SEK; one EUR a week. */
async function seedNinetyDays() {
  const click = await cli.click(100);
  const events = [];
  for (let daysAgo = 10; daysAgo < 100; daysAgo += 1) {
    events.push(purchase(click, daysAgo, `order-${daysAgo}-a`, 100.1));
    events.push(purchase(click, daysAgo + 0.01, `order-${daysAgo}-b`, 50.05));
    if (daysAgo % 7 === 0)
      events.push(purchase(click, daysAgo, `order-${daysAgo}-eur`, 9.99, 'EUR'));
  }
  await cli.createEvents(events);
  return events;
}

const range = [
  '--from',
  new Date(NOW - 100 * DAY).toISOString().slice(0, 10),
  '--to',
  new Date(NOW).toISOString().slice(0, 10),
];

describe('report', () => {
  it('sums a 100-day range read in two 60-day windows, per day and currency, with no purchase counted twice', async () => {
    const events = await seedNinetyDays();
    const { code, stdout } = await cli.run(['report', ...range, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const purchases = report.days.reduce(
      (sum: number, day: { purchases: number }) => sum + day.purchases,
      0,
    );
    expect(purchases).toBe(events.length);
    const sek = report.totals.find((total: { currency: string }) => total.currency === 'SEK');
    expect(sek).toEqual({ currency: 'SEK', purchases: 180, revenue: 13513.5 });
    expect(
      report.totals.find((total: { currency: string }) => total.currency === 'EUR').purchases,
    ).toBe(13);
    expect(report.time_zone).toBe('Europe/Stockholm');
    expect((await cli.requestCounts()).getPurchaseSummary).toEqual({ '200': 2 });
  });

  it('prints a table by default, with a total line per currency', async () => {
    await seedNinetyDays();
    const { code, stdout } = await cli.run(['report', ...range]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^date\s+currency\s+purchases\s+revenue$/m);
    expect(stdout).toMatch(/^total\s+SEK\s+180\s+13513\.50$/m);
    expect(stdout).toMatch(/^total\s+EUR\s+13\s+129\.87$/m);
  });

  it('writes CSV to a file with --format csv --output', async () => {
    await seedNinetyDays();
    const path = join(cli.dir, 'report.csv');
    const { code, stdout, stderr } = await cli.run([
      'report',
      ...range,
      '--format',
      'csv',
      '--output',
      path,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote ${path}`);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,currency,purchases,revenue');
    expect(lines.length).toBe(1 + 90 + 13);
    expect(lines).toContain(`${new Date(NOW - 50 * DAY).toISOString().slice(0, 10)},SEK,2,150.15`);
  });

  it('renders one self-contained HTML page: an inline SVG chart, then the table, loading nothing', async () => {
    await seedNinetyDays();
    const { code, stdout } = await cli.run(['report', ...range, '--format', 'html']);
    expect(code).toBe(0);
    expect(stdout.startsWith('<!doctype html>')).toBe(true);
    expect(stdout.indexOf('<svg')).toBeGreaterThan(0);
    expect(stdout.indexOf('<table')).toBeGreaterThan(stdout.indexOf('</svg>'));
    expect(stdout).toContain("default-src 'none'");
    // Nothing fetched: no script, no external reference but the SVG namespace.
    expect(stdout).not.toMatch(/<script|<link|src=|@import/i);
    expect(stdout.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    // One chart per currency; a bar per day of the range (101 days), days without purchases at zero.
    expect(stdout.match(/<svg /g)).toHaveLength(2);
    expect(stdout.match(/<rect class="bar"/g)).toHaveLength(2 * 101);
  });

  it('refuses an unknown format with exit code 2', async () => {
    const { code, stderr } = await cli.run(['report', '--format', 'pdf']);
    expect(code).toBe(2);
    expect(stderr).toContain('--format must be one of table, csv, json, html');
  });
});
