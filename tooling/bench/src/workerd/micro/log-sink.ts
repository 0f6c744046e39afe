/** Lines and characters the collector logged. */
export interface LogTally {
  lines: number;
  characters: number;
}

/**
 * Takes over `console.log`, `warn` and `error` while the micro-benchmark runs: the collector's
 * logger still builds every line (its JSON is the Worker's CPU), but the lines are counted
 * instead of written, since writing a terminal's stdout is no part of the Worker's cost (on
 * Cloudflare the runtime ships them to Workers Logs).
 *
 * @returns the tally, and a function that gives the console back.
 */
export function captureConsole(): { tally: LogTally; restore: () => void } {
  const tally: LogTally = { lines: 0, characters: 0 };
  const original = { log: console.log, warn: console.warn, error: console.error };
  const count = (...parts: unknown[]) => {
    tally.lines += 1;
    for (const part of parts) tally.characters += typeof part === 'string' ? part.length : 0;
  };
  console.log = count;
  console.warn = count;
  console.error = count;
  return {
    tally,
    restore: () => {
      console.log = original.log;
      console.warn = original.warn;
      console.error = original.error;
    },
  };
}
