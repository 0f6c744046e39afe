// `npm run figures:fire` (and `-- --soak`): runs the fire suites, or their soak versions, and
// keeps the figures each suite prints in test/fire/results/{quick,soak}.json, from which
// `npm run docs` writes docs/guarantees.md's tables. A run in which any test fails records
// nothing: its figures would describe a broken build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const mode = process.argv.includes('--soak') ? 'soak' : 'quick';
const figuresFile = join(tmpdir(), `fire-figures-${process.pid}.jsonl`);
const vitestArgs =
  mode === 'soak'
    ? ['vitest', 'run', '-c', 'test/fire/vitest.soak.config.ts']
    : ['vitest', 'run', '--project', 'fire'];

const loadAverageAtStart = loadavg().map((value) => Math.round(value * 100) / 100);
const startedAt = new Date();
const run = spawnSync('npx', vitestArgs, {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    FIRE_FIGURES_FILE: figuresFile,
    ...(mode === 'soak' && { FIRE_SOAK: '1' }),
  },
});
const lines = existsSync(figuresFile) ? readFileSync(figuresFile, 'utf8').split('\n') : [];
rmSync(figuresFile, { force: true });
if (run.status !== 0) {
  console.error(`figures:fire: the ${mode} run failed; nothing recorded.`);
  process.exit(run.status ?? 1);
}

const suites = {};
for (const line of lines.filter(Boolean)) {
  const { suite, figures } = JSON.parse(line);
  suites[suite] = figures;
}
const git = (...args) =>
  spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
const results = {
  schema: 1,
  mode,
  startedAt: startedAt.toISOString(),
  durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: { cores: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown' },
  loadAverageAtStart,
  gitCommit: git('rev-parse', '--short', 'HEAD'),
  // Earlier recordings are not a change to the code measured.
  gitDirty: git('status', '--porcelain', '--', '.', ':!test/fire/results') !== '',
  suites,
};
const out = join(root, 'test/fire/results', `${mode}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
// In the repository's own format, so that `npm run lint` passes over the recording.
spawnSync('npx', ['biome', 'format', '--write', out], { cwd: root, stdio: 'ignore' });
console.log(
  `figures:fire: ${Object.keys(suites).length} suites → ${out.slice(root.length + 1)}; \`npm run docs\` writes them into docs/guarantees.md.`,
);
