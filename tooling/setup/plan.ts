// The plan of `npm run setup`: what the production environment needs (from wrangler.toml),
// what the account already has, and the steps between the two. Pure, so that it is tested
// without an account; setup-command.ts observes the account and carries the steps out.

/** What wrangler.toml's production environment asks of the account. */
export interface Requirements {
  workerName: string;
  environment: string;
  /** Every queue a producer or consumer names, dead-letter queues included. */
  queues: string[];
  /** The KV bindings; those without an id are created by `wrangler deploy`. */
  kvNamespaces: { binding: string; id?: string }[];
  /** The Worker's secrets, with what each is for. */
  secrets: { name: string; purpose: string }[];
  /** Settings still holding a `REPLACE_…` placeholder: the deploy would be refused. */
  placeholders: string[];
}

/** What the account has, as wrangler lists it. */
export interface AccountState {
  queues: string[];
  /** KV namespace titles. */
  kvNamespaces: string[];
  /** The deployed Worker's secret names, or undefined when the Worker is not deployed yet. */
  workerSecrets: string[] | undefined;
}

export type Step =
  | { kind: 'create-queue'; queue: string }
  | { kind: 'ask-secret'; name: string; purpose: string }
  | { kind: 'deploy'; createsKvNamespaces: string[] };

export interface Plan {
  /** Problems to fix in wrangler.toml first; with any, nothing is done. */
  blockers: string[];
  steps: Step[];
  /** What exists already and is left alone, for the report. */
  unchanged: string[];
}

/**
 * The title wrangler gives a KV namespace it creates on deploy (automatic provisioning):
 * `{worker}-{binding in lower case, _ as -}`.
 *
 * @example provisionedTitle('pjcollector', 'DEAD_LETTERS') // 'pjcollector-dead-letters'
 */
export function provisionedTitle(workerName: string, binding: string): string {
  return `${workerName}-${binding.toLowerCase().replaceAll('_', '-')}`;
}

/**
 * The steps that bring the account to what wrangler.toml asks, creating only what is missing:
 * run against an account where everything exists, the plan asks nothing, creates nothing and
 * only deploys (the same Worker again).
 *
 * @example planSetup(requirements, { queues: [], kvNamespaces: [], workerSecrets: undefined })
 */
export function planSetup(required: Requirements, account: AccountState): Plan {
  const blockers = required.placeholders.map(
    (setting) => `${setting} still holds a REPLACE_… placeholder: set it in wrangler.toml`,
  );
  const steps: Step[] = [];
  const unchanged: string[] = [];
  const deployed = account.workerSecrets !== undefined;

  for (const queue of required.queues) {
    if (account.queues.includes(queue)) unchanged.push(`queue ${queue}`);
    else steps.push({ kind: 'create-queue', queue });
  }

  const createsKvNamespaces: string[] = [];
  for (const { binding, id } of required.kvNamespaces) {
    if (id !== undefined) {
      unchanged.push(`KV namespace ${binding} (id ${id} in wrangler.toml)`);
      continue;
    }
    const title = provisionedTitle(required.workerName, binding);
    if (deployed) {
      // wrangler keeps the namespace the deployed Worker's binding of that name uses.
      unchanged.push(`KV namespace ${binding} (kept by the deployed Worker)`);
    } else if (account.kvNamespaces.includes(title)) {
      // wrangler would try to create it again and fail: the title is taken.
      blockers.push(
        `KV namespace ${title} exists but no deployed Worker uses it: put its id under ${binding} in wrangler.toml`,
      );
    } else {
      createsKvNamespaces.push(title);
    }
  }

  for (const { name, purpose } of required.secrets) {
    if (account.workerSecrets?.includes(name)) unchanged.push(`secret ${name}`);
    else steps.push({ kind: 'ask-secret', name, purpose });
  }
  steps.push({ kind: 'deploy', createsKvNamespaces });
  return { blockers, steps, unchanged };
}

/** The plan as `--dry-run` prints it, one line a step. */
export function describePlan(required: Requirements, plan: Plan): string {
  const lines = [`Setup of ${required.workerName} (--env ${required.environment}):`];
  if (plan.blockers.length > 0) {
    lines.push('Fix first (nothing is done until then):');
    for (const blocker of plan.blockers) lines.push(`  ! ${blocker}`);
  }
  lines.push('Steps:');
  // The order they run in: a fresh account has no Worker to hold a secret before the deploy.
  const order = (step: Step) => (step.kind === 'create-queue' ? 0 : step.kind === 'deploy' ? 1 : 2);
  for (const step of [...plan.steps].sort((a, b) => order(a) - order(b))) {
    if (step.kind === 'create-queue') {
      lines.push(`  + create queue ${step.queue}  (wrangler queues create ${step.queue})`);
    } else if (step.kind === 'deploy') {
      const kv =
        step.createsKvNamespaces.length > 0
          ? `, which creates KV namespaces ${step.createsKvNamespaces.join(', ')}`
          : '';
      lines.push(`  + deploy  (wrangler deploy --env ${required.environment}${kv})`);
    } else {
      lines.push(
        `  + set secret ${step.name}: ${step.purpose} (asked for before anything changes; wrangler secret put ${step.name} --env ${required.environment} after the deploy)`,
      );
    }
  }
  if (plan.unchanged.length > 0) {
    lines.push('Left as they are:');
    for (const item of plan.unchanged) lines.push(`  = ${item}`);
  }
  return `${lines.join('\n')}\n`;
}
