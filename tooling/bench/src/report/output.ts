import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { costModel } from '../cost/model.ts';
import { REPO_ROOT } from '../repo.ts';
import type { BenchResults } from '../results.ts';
import { renderTable, tableRows } from './table.ts';

/** Where every run writes its results, relative to the repository. */
export const RESULTS_FILE = 'tooling/bench/results/latest.json';

/**
 * Writes the results with their table, formatted as the repository formats JSON, so that
 * `npm run lint` passes on a fresh result.
 */
export function saveResults(measured: Omit<BenchResults, 'table'>): BenchResults {
  const results: BenchResults = { ...measured, table: tableRows(measured) };
  const path = join(REPO_ROOT, RESULTS_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  execFileSync(join(REPO_ROOT, 'node_modules/.bin/biome'), ['format', '--write', RESULTS_FILE], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  return results;
}

/**
 * The results of the last run, with the cost model and the table derived again from the
 * measured figures (so a change to prices, assumptions or how the table reads shows without
 * measuring again), saved back.
 *
 * @throws Error when there is no result of a schema this version reads.
 */
export function redrawLastResults(): BenchResults {
  const text = readFileSync(join(REPO_ROOT, RESULTS_FILE), 'utf8');
  const { table: _drawn, ...measured } = JSON.parse(text) as BenchResults;
  if (measured.schema !== 3) throw new Error(`${RESULTS_FILE} has schema ${measured.schema}`);
  return saveResults({ ...measured, cost: costModel(measured.micro, measured.delivery) });
}

/** The table and, under it, the machine and how the CPU figures were taken. */
export function formatReport(results: BenchResults): string {
  const { machine, micro } = results;
  const lines = [
    renderTable(results.table),
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}.`,
    `Software: Node ${machine.node}, wrangler ${machine.wrangler}, Chromium ${machine.chromium}.`,
    `Run: ${results.startedAt}, ${results.durationSeconds} s, load average ${machine.loadAverageAtStart.join(' ')} at start and ${machine.loadAverageAtEnd.join(' ')} at end, commit ${machine.gitCommit}${machine.gitDirty ? ' with uncommitted changes' : ''}.`,
    `Collector CPU: ${micro.runtime}, in-memory bindings; median and p99 of ${micro.samples} samples,`,
    `each the mean of a ~${micro.sampleTargetMs} ms batch of runs (workerd's clock ticks in whole milliseconds).`,
  ];
  if (results.settings === 'quick') lines.push('QUICK RUN: too few samples to quote.');
  lines.push(`Written to ${RESULTS_FILE}.`);
  return `${lines.join('\n')}\n`;
}
