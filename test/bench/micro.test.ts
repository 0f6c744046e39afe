import { describe, expect, it } from 'vitest';
import { runMicroBenchmark } from '#tooling/bench/src/micro/run-micro.ts';

// The micro-benchmark for real, with few samples: the collector in workerd on in-memory
// bindings. It checks every run's answer itself, so this also fails if a hot path starts
// answering errors; the census is what the cost model multiplies.
describe('the micro-benchmark', () => {
  it('times every hot path against the no-op route and counts what each one asks of the bindings', async () => {
    const micro = await runMicroBenchmark({ samples: 2, sampleTargetMs: 5, censusRuns: 3 });
    const byId = new Map(micro.operations.map((op) => [op.id, op]));
    expect([...byId.keys()]).toEqual([
      'noop',
      'collect',
      'collect.duplicate',
      'pixel',
      'pixel.revalidate',
      'click',
      'queue.single.1',
      'queue.single.100',
      'queue.batch.100',
    ]);
    for (const op of micro.operations) {
      expect(op.perMessageMicros.n).toBe(2);
      expect(op.perMessageMicros.median).toBeGreaterThan(0);
      if (op.id === 'noop') expect(op.ratioMedian).toBeUndefined();
      else expect(op.ratioMedian).toBeGreaterThan(0);
    }

    expect(byId.get('collect')?.census).toMatchObject({
      kvReads: 1,
      kvWrites: 1,
      queueSends: 1,
      rateLimitChecks: 1,
      apiRequests: 0,
    });
    expect(byId.get('collect.duplicate')?.census).toMatchObject({
      kvReads: 1,
      kvWrites: 0,
      queueSends: 0,
    });
    expect(byId.get('queue.single.100')?.census.apiRequests).toBe(1);
    expect(byId.get('queue.batch.100')?.census.apiRequests).toBeCloseTo(0.01, 10);
    expect(byId.get('collect')?.census.logLines).toBeGreaterThan(0);
  });
});
