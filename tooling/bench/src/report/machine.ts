import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { REPO_ROOT, readSetting } from '../repo.ts';
import type { MachineInfo } from '../results.ts';

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** The 1-, 5- and 15-minute load averages, to two decimals. */
export function loadAverage(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100);
}

/** What the figures depend on: the machine, the toolchain, how busy it was, the code measured. */
export function describeMachine(chromiumVersion: string, loadAtStart: number[]): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${process.platform} ${release()}`,
    node: process.versions.node,
    wrangler: readSetting('node_modules/wrangler/package.json', /"version":\s*"([^"]+)"/),
    chromium: chromiumVersion,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadAverage(),
    gitCommit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    gitDirty: git('status', '--porcelain') !== '',
  };
}
