import { describe, expect, it } from 'vitest';
import { costModel } from '#tooling/bench/src/cost/model.ts';
import { renderTable, tableRows } from '#tooling/bench/src/report/table.ts';
import { DELIVERY, MICRO, resultsWithout } from './fixtures.ts';

describe('the table', () => {
  const rows = tableRows(resultsWithout(costModel(MICRO, DELIVERY)));

  it('holds every figure next to a baseline or a budget', () => {
    const bare = rows.filter((row) => row.against === '').map((row) => row.measure);
    expect(bare).toEqual([]);
  });

  it('has a row for each part of the measure', () => {
    const sections = new Set(rows.map((row) => row.section));
    expect([...sections]).toEqual([
      'Pixel',
      'Collector CPU',
      'Collector under load',
      'Delivery',
      'Cost',
    ]);
    expect(rows.filter((row) => row.section === 'Collector CPU')).toHaveLength(
      MICRO.operations.length,
    );
  });

  it('marks a figure over its budget, and says a load run had refusals', () => {
    const throttled = rows.find((row) => row.measure.startsWith('Load + storage + init, CPU 4×'));
    // 6 + 8 + 6 ms against a 16.7 ms frame.
    expect(throttled?.verdict).toMatch(/^OVER BUDGET/);
    const collect = rows.find((row) => row.measure.startsWith('POST /collect, 10 connections'));
    expect(collect?.figure).toBe('500 req/s; p50 15.0 ms, p99 60.0 ms');
    expect(collect?.verdict).toContain('throughput ×0.25');
    expect(collect?.verdict).toContain('3 non-2xx');
  });

  it('sets the pixel beside Plausible at each CPU, and says which side of it the pixel is', () => {
    const beside = rows.filter((row) => row.measure.startsWith('Inlined, evaluation + init()'));
    expect(beside.map((row) => [row.figure, row.verdict.split(':')[0]])).toEqual([
      ['2.40 ms / 2.80 ms', 'at or below Plausible'],
      ['12.0 ms / 10.0 ms', 'ABOVE PLAUSIBLE'],
    ]);
    expect(beside[0]?.against).toContain('@plausible-analytics/tracker 0.4.6');
  });

  it("shows what reading a tag manager's dataLayer adds to init, at each CPU", () => {
    const reading = rows.filter((row) => row.measure.includes("reading a tag manager's dataLayer"));
    expect(reading.map((row) => [row.figure, row.against, row.verdict])).toEqual([
      [
        '1.75 ms init; 2.60 ms with eval',
        'without a dataLayer: init 1.50 ms',
        "+0.25 ms to read its entries; ×0.93 Plausible's eval + init",
      ],
      [
        '9.00 ms init; 13.0 ms with eval',
        'without a dataLayer: init 8.00 ms',
        "+1.00 ms to read its entries; ×1.30 Plausible's eval + init",
      ],
    ]);
  });

  it('prints the Worker requests, CPU and Free plan ceiling before and after static assets', () => {
    const figure = (start: string) => rows.find((row) => row.measure.startsWith(start))?.figure;
    expect(figure('Worker requests per 1M page views: script by the Worker')).toBe(
      '1,018,000 / 18,000',
    );
    expect(figure('Free plan ceiling, page views a day')).toBe('98,231 / 250,000');
  });

  it('renders one table whose columns line up', () => {
    const lines = renderTable(rows).split('\n');
    const separators = lines
      .filter((line) => line.includes(' │ '))
      .map((line) => line.indexOf(' │ '));
    expect(new Set(separators).size).toBe(1);
  });
});
