import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describePlan,
  planSetup,
  provisionedTitle,
  type Requirements,
} from '#tooling/setup/plan.ts';
import {
  collectorSecrets,
  readRequirements,
  SECRET_PURPOSES,
} from '#tooling/setup/requirements.ts';
import { REPO_ROOT } from '#tooling/stack/repo-root.ts';

const production = readRequirements(join(REPO_ROOT, 'wrangler.toml'), 'production');
const filledIn: Requirements = { ...production, placeholders: [] };
const everything = {
  queues: ['pjcollector-events', 'pjcollector-dead-letters'],
  kvNamespaces: ['pjcollector-dedupe', 'pjcollector-dead-letters'],
  workerSecrets: ['PRISJAKT_CLIENT_SECRET', 'SERVER_TOKEN', 'ADMIN_TOKEN'],
};

describe("what wrangler.toml's production environment asks for", () => {
  it('names both queues, the KV bindings without ids, the secrets and the placeholders left', () => {
    expect(production.workerName).toBe('pjcollector');
    expect(production.queues).toEqual(['pjcollector-events', 'pjcollector-dead-letters']);
    expect(production.kvNamespaces).toEqual([{ binding: 'DEDUPE' }, { binding: 'DEAD_LETTERS' }]);
    expect(production.secrets.map(({ name }) => name)).toEqual([
      'PRISJAKT_CLIENT_SECRET',
      'SERVER_TOKEN',
      'ADMIN_TOKEN',
    ]);
    expect(production.placeholders).toEqual([
      'PIXEL_IDS',
      'ALLOWED_ORIGINS',
      'PRISJAKT_CLIENT_ID',
      'COOKIE_DOMAIN',
      'routes',
    ]);
  });

  it('says what every secret of the setting table is for', () => {
    expect(Object.keys(SECRET_PURPOSES).sort()).toEqual(collectorSecrets().sort());
  });
});

describe('the plan', () => {
  it('for a fresh account: both queues, a deploy that creates the KV namespaces, every secret', () => {
    const plan = planSetup(filledIn, { queues: [], kvNamespaces: [], workerSecrets: undefined });
    expect(plan.blockers).toEqual([]);
    expect(plan.steps).toEqual([
      { kind: 'create-queue', queue: 'pjcollector-events' },
      { kind: 'create-queue', queue: 'pjcollector-dead-letters' },
      {
        kind: 'ask-secret',
        name: 'PRISJAKT_CLIENT_SECRET',
        purpose: SECRET_PURPOSES.PRISJAKT_CLIENT_SECRET,
      },
      { kind: 'ask-secret', name: 'SERVER_TOKEN', purpose: SECRET_PURPOSES.SERVER_TOKEN },
      { kind: 'ask-secret', name: 'ADMIN_TOKEN', purpose: SECRET_PURPOSES.ADMIN_TOKEN },
      { kind: 'deploy', createsKvNamespaces: ['pjcollector-dedupe', 'pjcollector-dead-letters'] },
    ]);
  });

  it('for an account that has everything: only the deploy, which creates nothing', () => {
    const plan = planSetup(filledIn, everything);
    expect(plan.blockers).toEqual([]);
    expect(plan.steps).toEqual([{ kind: 'deploy', createsKvNamespaces: [] }]);
    expect(plan.unchanged).toEqual([
      'queue pjcollector-events',
      'queue pjcollector-dead-letters',
      'KV namespace DEDUPE (kept by the deployed Worker)',
      'KV namespace DEAD_LETTERS (kept by the deployed Worker)',
      'secret PRISJAKT_CLIENT_SECRET',
      'secret SERVER_TOKEN',
      'secret ADMIN_TOKEN',
    ]);
  });

  it('asks only for the secret that is missing, and keeps a namespace whose id is written down', () => {
    const required: Requirements = {
      ...filledIn,
      kvNamespaces: [{ binding: 'DEDUPE', id: 'abc123' }, { binding: 'DEAD_LETTERS' }],
    };
    const plan = planSetup(required, {
      ...everything,
      workerSecrets: ['PRISJAKT_CLIENT_SECRET', 'SERVER_TOKEN'],
    });
    expect(plan.steps.map((step) => step.kind)).toEqual(['ask-secret', 'deploy']);
    expect(plan.unchanged).toContain('KV namespace DEDUPE (id abc123 in wrangler.toml)');
  });

  it('stops at placeholders, and at a namespace the deploy would fail to create again', () => {
    const plan = planSetup(production, {
      queues: [],
      kvNamespaces: [provisionedTitle('pjcollector', 'DEAD_LETTERS')],
      workerSecrets: undefined,
    });
    expect(plan.blockers).toEqual([
      'PIXEL_IDS still holds a REPLACE_… placeholder: set it in wrangler.toml',
      'ALLOWED_ORIGINS still holds a REPLACE_… placeholder: set it in wrangler.toml',
      'PRISJAKT_CLIENT_ID still holds a REPLACE_… placeholder: set it in wrangler.toml',
      'COOKIE_DOMAIN still holds a REPLACE_… placeholder: set it in wrangler.toml',
      'routes still holds a REPLACE_… placeholder: set it in wrangler.toml',
      'KV namespace pjcollector-dead-letters exists but no deployed Worker uses it: put its id under DEAD_LETTERS in wrangler.toml',
    ]);
    expect(describePlan(production, plan)).toContain('Fix first (nothing is done until then):');
  });
});
