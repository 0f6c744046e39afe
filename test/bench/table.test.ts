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

  it('renders one table whose columns line up', () => {
    const lines = renderTable(rows).split('\n');
    const separators = lines
      .filter((line) => line.includes(' │ '))
      .map((line) => line.indexOf(' │ '));
    expect(new Set(separators).size).toBe(1);
  });
});
