import { describe, expect, it } from 'vitest';
import { mainThreadEvaluations } from '#tooling/bench/src/pixel/trace.ts';

const thread = (pid: number, tid: number, name: string) => ({
  name: 'thread_name',
  ph: 'M',
  pid,
  tid,
  args: { name },
});
const evaluate = (pid: number, tid: number, url: string, durMicros: number) => ({
  name: 'EvaluateScript',
  ph: 'X',
  pid,
  tid,
  dur: durMicros,
  args: { data: { url } },
});

describe('mainThreadEvaluations', () => {
  it("keeps only the renderer main thread's evaluations of the script asked for", () => {
    const trace = {
      traceEvents: [
        thread(1, 10, 'CrRendererMain'),
        thread(1, 11, 'ThreadPoolForegroundWorker'),
        thread(2, 20, 'CrRendererMain'),
        evaluate(1, 10, 'http://127.0.0.1:1/pj/pjpixel.js', 1500),
        evaluate(2, 20, 'http://127.0.0.1:1/pj/pjpixel.js', 2500),
        evaluate(1, 11, 'http://127.0.0.1:1/pj/pjpixel.js', 9000),
        evaluate(1, 10, 'http://127.0.0.1:1/bench/empty.js', 100),
        { name: 'v8.compile', ph: 'X', pid: 1, tid: 10, dur: 700, args: {} },
      ],
    };
    const buffer = Buffer.from(JSON.stringify(trace));
    expect(mainThreadEvaluations(buffer, '/pj/pjpixel.js')).toEqual([1.5, 2.5]);
    expect(mainThreadEvaluations(buffer, '/bench/empty.js')).toEqual([0.1]);
  });

  it('reads a trace written as a bare array of events too', () => {
    const events = [
      thread(1, 10, 'CrRendererMain'),
      evaluate(1, 10, 'https://x/pj/pjpixel.js', 42),
    ];
    expect(mainThreadEvaluations(Buffer.from(JSON.stringify(events)), 'pjpixel.js')).toEqual([
      0.042,
    ]);
  });
});
