import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '#tooling/bench/src/stats.ts';

describe('percentile', () => {
  it('takes the nearest rank, so it is always a measured value', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 0.5)).toBe(5);
    expect(percentile(sorted, 0.9)).toBe(9);
    expect(percentile(sorted, 0.99)).toBe(10);
    expect(percentile(sorted, 0)).toBe(1);
  });

  it('refuses an empty sample', () => {
    expect(() => percentile([], 0.5)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts a copy and reports median, p99, mean and range', () => {
    const sample = [30, 10, 20, 40];
    expect(summarize(sample)).toEqual({ n: 4, median: 20, p99: 40, mean: 25, min: 10, max: 40 });
    expect(sample).toEqual([30, 10, 20, 40]);
  });
});
