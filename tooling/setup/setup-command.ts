import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';
import { describePlan, planSetup, type Step } from './plan.ts';
import { readRequirements } from './requirements.ts';
import { readAccountState, runWrangler, WranglerListError } from './wrangler-cli.ts';

/** Tokens the collector refuses in production when shorter (see the setting table). */
const TOKEN_MIN_LENGTH = 16;

interface SetupArguments {
  dryRun: boolean;
  config: string;
  environment: string;
}

/**
 * `npm run setup [-- --dry-run] [--env NAME] [--config PATH]`. npm takes a bare
 * `npm run setup --dry-run` for itself and hands it over as `npm_config_dry_run`; both work.
 */
export function parseSetupArguments(argv: string[], env: NodeJS.ProcessEnv): SetupArguments {
  const flagValue = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  return {
    dryRun: argv.includes('--dry-run') || env.npm_config_dry_run === 'true',
    config: resolve(REPO_ROOT, flagValue('--config') ?? 'wrangler.toml'),
    environment: flagValue('--env') ?? 'production',
  };
}

/** Reads a line without echoing it: a secret never reaches the terminal. */
function askHidden(question: string): Promise<string> {
  return new Promise((done) => {
    const { stdin, stdout } = process;
    let value = '';
    stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stdout.write('\n');
      done(value);
    };
    const onData = (chunk: Buffer) => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n') return finish();
        if (character === '\u0003') process.exit(130);
        if (character === '\u007f') value = value.slice(0, -1);
        else value += character;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * The value of a secret the Worker lacks: asked for on a terminal; without one (CI), taken from
 * the environment variable of the same name. Empty leaves it unset.
 */
async function secretValue(step: Extract<Step, { kind: 'ask-secret' }>): Promise<string> {
  if (!process.stdin.isTTY) return process.env[step.name] ?? '';
  for (;;) {
    const value = (await askHidden(`${step.name}: ${step.purpose}\n  value (hidden): `)).trim();
    if (value === '' || !step.name.endsWith('_TOKEN') || value.length >= TOKEN_MIN_LENGTH) {
      return value;
    }
    console.log(`  ${step.name} needs at least ${TOKEN_MIN_LENGTH} characters; try again.`);
  }
}

function deploy(config: string, environment: string): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn(
      join(REPO_ROOT, 'node_modules/.bin/wrangler'),
      ['deploy', '-c', config, '--env', environment],
      { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
    );
    child.on('error', fail);
    child.on('close', done);
  });
}

/**
 * `npm run setup`: creates the queues that are missing, asks for the secrets the Worker lacks,
 * deploys (which creates the KV namespaces declared without an id) and sets the secrets. What
 * exists is left alone, so a second run asks nothing and creates nothing. `--dry-run` prints
 * the plan and changes nothing.
 *
 * @returns the process exit code.
 */
export async function runSetup(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseSetupArguments(argv, env);
  const required = readRequirements(args.config, args.environment);
  let account: Awaited<ReturnType<typeof readAccountState>>;
  try {
    account = await readAccountState(args.config, args.environment);
  } catch (error) {
    if (!(error instanceof WranglerListError)) throw error;
    console.error(
      `${error.message}\nLog in first (npx wrangler login) or set CLOUDFLARE_API_TOKEN.`,
    );
    return 1;
  }
  const plan = planSetup(required, account);
  process.stdout.write(describePlan(required, plan));
  if (args.dryRun) {
    console.log('Dry run: nothing was changed.');
    return plan.blockers.length > 0 ? 1 : 0;
  }
  if (plan.blockers.length > 0) return 1;

  const secrets: [string, string][] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'ask-secret') continue;
    const value = await secretValue(step);
    if (value !== '') secrets.push([step.name, value]);
    else console.log(`  ${step.name} left unset.`);
  }
  for (const step of plan.steps) {
    if (step.kind !== 'create-queue') continue;
    const run = await runWrangler(['queues', 'create', step.queue, '-c', args.config]);
    if (run.code !== 0) {
      console.error(`Creating queue ${step.queue} failed:\n${run.stdout}${run.stderr}`);
      return 1;
    }
    console.log(`Created queue ${step.queue}.`);
  }
  const deployed = await deploy(args.config, args.environment);
  if (deployed !== 0) {
    console.error(`wrangler deploy failed (exit ${deployed}); nothing after it was done.`);
    return 1;
  }
  for (const [name, value] of secrets) {
    const run = await runWrangler(
      ['secret', 'put', name, '-c', args.config, '--env', args.environment],
      value,
    );
    if (run.code !== 0) {
      // wrangler's output names the secret, never its value.
      console.error(`Setting secret ${name} failed:\n${run.stdout}${run.stderr}`);
      return 1;
    }
    console.log(`Set secret ${name}.`);
  }
  console.log('Done. Check the collector: curl https://<your shop>/pj/healthz');
  return 0;
}
