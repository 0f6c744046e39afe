// `npm run setup`: creates what the production environment lacks (queues, secrets; KV by the
// deploy), leaves what exists, then deploys. `npm run setup -- --dry-run` prints the plan only.
// docs/rollout.md walks through it.
import { importTypeScript } from './import-typescript.mjs';

const { runSetup } = await importTypeScript('tooling/setup/setup-command.ts', 'setup.mjs');
process.exit(await runSetup(process.argv.slice(2), process.env));
